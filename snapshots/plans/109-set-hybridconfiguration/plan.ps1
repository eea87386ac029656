# The hybrid configuration still names last year's certificate, which is gone from both servers: name the one they hold.
$cert = Get-ExchangeCertificate -Server EX01 -Thumbprint AC10391DF1DC5E09ED0BE25700D642561572AA15
Set-HybridConfiguration -TlsCertificateName "<I>$($cert.Issuer)<S>$($cert.Subject)" -SendingTransportServers EX01,EX02 -WhatIf
