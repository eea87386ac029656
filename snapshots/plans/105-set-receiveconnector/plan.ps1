# ExchangeServer was removed from Default EX02: put it back, with the mechanisms it has.
Get-ReceiveConnector 'EX02\Default EX02' | Set-ReceiveConnector -AuthMechanism 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer' -Banner '220 EX02' -WhatIf
# Pin Default Frontend EX01 to its certificate, by the name that certificate carries.
$cert = Get-ExchangeCertificate -Server EX01 -Thumbprint FDBCF8B0DA53BE15CB8B0B3CCF01D50924EB94A3
Set-ReceiveConnector -Identity 'EX01\Default Frontend EX01' -TlsCertificateName "<I>$($cert.Issuer)<S>$($cert.Subject)" -WhatIf
