# The CA certificate of EX01 serves IIS only, so STARTTLS with it fails (UnknownCredentials): add SMTP.
Get-ExchangeCertificate -Thumbprint FDBCF8B0DA53BE15CB8B0B3CCF01D50924EB94A3 -Server EX01 | Enable-ExchangeCertificate -Services SMTP -WhatIf
