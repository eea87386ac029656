# EX02's internal transport certificate expired on 2026-05-01: make a new self-signed one with Exchange's defaults.
New-ExchangeCertificate -Server EX02 -Force
Remove-ExchangeCertificate -Server EX02 -Thumbprint 3ABE6E726A26D21F1940BC75CE1CC57E1F07B81D -WhatIf
