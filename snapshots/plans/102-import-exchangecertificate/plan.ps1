# Default Frontend EX01 names smtp.contoso.com, which is not imported yet (12014).
$password = ConvertTo-SecureString -String 'Fixture-Only-Not-A-Secret-1' -AsPlainText -Force
Import-ExchangeCertificate -Server EX01 -FileData ([System.IO.File]::ReadAllBytes('C:\Certificates\smtp.pfx')) -Password $password -FriendlyName 'smtp.contoso.com 2026'
Enable-ExchangeCertificate -Server EX01 -Thumbprint 0BBF19082E0A1F41109F3347241F8A1E70A062FE -Services IIS,SMTP -Confirm:$false -WhatIf
# Two more for EX02, not enabled yet: a certificate alone (.cer) and one with its chain (.p7b).
Import-ExchangeCertificate -Server EX02 -FileName '\\fs01\certs\relay.cer'
Import-ExchangeCertificate -Server EX02 -FileData ([System.IO.File]::ReadAllBytes('partner.p7b'))
