# Renewal of B64EFC42C5C72044BA1DA74836E85200FFB51BA4 (CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP, expires 2026-06-15)
# by 209FFF44A5C3DC56C6CF675B5CF81677134D0AD6 (CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP, issued by CN=Contoso Issuing CA 2026, O=コントソ株式会社, C=JP, valid 2026-05-20 to 2027-05-20)
# on EX01, EDGE01. Written by extls renew from the dump as of 2026-06-01.
# Rehearse it with extls whatif DUMP --change THIS-FILE; remove -WhatIf from a command to run it.

$password = Read-Host -AsSecureString -Prompt 'Password of mail-2026.pfx'

# ---- EX01 ----
Import-ExchangeCertificate -Server EX01 -FileData ([System.IO.File]::ReadAllBytes('証明書/mail-2026.pfx')) -Password $password -WhatIf
# Exchange asks whether to overwrite the existing default SMTP certificate: answer No, so the internal transport
# certificate of EX01 stays as it is (extls whatif rehearses both answers).
Enable-ExchangeCertificate -Server EX01 -Thumbprint 209FFF44A5C3DC56C6CF675B5CF81677134D0AD6 -Services IIS,SMTP -WhatIf
Set-ReceiveConnector -Identity 'EX01\Default Frontend Café' -TlsCertificateName '<I>CN=Contoso Issuing CA 2026, O=コントソ株式会社, C=JP<S>CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP' -WhatIf

# ---- EDGE01 ----
Import-ExchangeCertificate -Server EDGE01 -FileData ([System.IO.File]::ReadAllBytes('証明書/mail-2026.pfx')) -Password $password -WhatIf
# B64EFC42C5C72044BA1DA74836E85200FFB51BA4 is the internal transport certificate of EDGE01: -Force answers yes to "overwrite the existing default SMTP certificate?" (A10).
Enable-ExchangeCertificate -Server EDGE01 -Thumbprint 209FFF44A5C3DC56C6CF675B5CF81677134D0AD6 -Services SMTP -Force -WhatIf

# ---- send connectors ----
# O’Brien 宛て送信 also sends from EX02, which do not get the new certificate in this plan: renew there too (--on) before changing it.
Set-SendConnector -Identity 'O’’Brien 宛て送信' -TlsCertificateName '<I>CN=Contoso Issuing CA 2026, O=コントソ株式会社, C=JP<S>CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP' -WhatIf

# The hybrid configuration was not collected, so this plan cannot change it: if Get-HybridConfiguration shows
# TlsCertificateName <I>CN=Contoso Issuing CA 2024, O=コントソ株式会社, C=JP<S>CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP, run, outside this plan,
#   Set-HybridConfiguration -TlsCertificateName '<I>CN=Contoso Issuing CA 2026, O=コントソ株式会社, C=JP<S>CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP'
# or the Hybrid Configuration Wizard again.

# ---- Edge subscription of EDGE01 ----
# Its internal transport certificate changes, so subscribe it again. On EDGE01:
New-EdgeSubscription -FileName 'C:\Temp\EDGE01-EdgeSubscription.xml' -Force -WhatIf
# Copy the file to a Mailbox server of site Tōkyō-Site, then there:
New-EdgeSubscription -FileData ([System.IO.File]::ReadAllBytes('C:\Temp\EDGE01-EdgeSubscription.xml')) -Site 'Tōkyō-Site' -WhatIf
Start-EdgeSynchronization

# ---- once mail flows with the new certificate ----
Remove-ExchangeCertificate -Server EX01 -Thumbprint B64EFC42C5C72044BA1DA74836E85200FFB51BA4 -WhatIf
Remove-ExchangeCertificate -Server EDGE01 -Thumbprint B64EFC42C5C72044BA1DA74836E85200FFB51BA4 -WhatIf
