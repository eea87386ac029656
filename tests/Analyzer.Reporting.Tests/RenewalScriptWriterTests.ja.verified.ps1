# B64EFC42C5C72044BA1DA74836E85200FFB51BA4 (CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP、有効期限 2026-06-15) の更新
# 新しい証明書: 209FFF44A5C3DC56C6CF675B5CF81677134D0AD6 (CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP、発行者 CN=Contoso Issuing CA 2026, O=コントソ株式会社, C=JP、有効期間 2026-05-20 ～ 2027-05-20)
# 対象サーバー: EX01、EDGE01。2026-06-01 時点のダンプから extls renew が作成しました。
# extls whatif DUMP --change THIS-FILE でリハーサルできます。コマンドを実行するには、そのコマンドから -WhatIf を削除してください。

$password = Read-Host -AsSecureString -Prompt 'Password of mail-2026.pfx'

# ---- EX01 ----
Import-ExchangeCertificate -Server EX01 -FileData ([System.IO.File]::ReadAllBytes('証明書/mail-2026.pfx')) -Password $password -WhatIf
# 既存の既定の SMTP 証明書を上書きするかどうかを Exchange が確認したら、「いいえ」と応答してください。
# EX01 の内部トランスポート証明書はそのまま残ります (extls whatif は両方の応答をリハーサルします)。
Enable-ExchangeCertificate -Server EX01 -Thumbprint 209FFF44A5C3DC56C6CF675B5CF81677134D0AD6 -Services IIS,SMTP -WhatIf
Set-ReceiveConnector -Identity 'EX01\Default Frontend Café' -TlsCertificateName '<I>CN=Contoso Issuing CA 2026, O=コントソ株式会社, C=JP<S>CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP' -WhatIf

# ---- EDGE01 ----
Import-ExchangeCertificate -Server EDGE01 -FileData ([System.IO.File]::ReadAllBytes('証明書/mail-2026.pfx')) -Password $password -WhatIf
# B64EFC42C5C72044BA1DA74836E85200FFB51BA4 は EDGE01 の内部トランスポート証明書です。-Force により、「既存の既定の SMTP 証明書を上書きしますか?」に「はい」と応答します (A10)。
Enable-ExchangeCertificate -Server EDGE01 -Thumbprint 209FFF44A5C3DC56C6CF675B5CF81677134D0AD6 -Services SMTP -Force -WhatIf

# ---- 送信コネクタ ----
# 送信コネクタ O’Brien 宛て送信 は EX02 からも送信しますが、この計画ではそれらのサーバーに新しい証明書をインポートしません。変更する前に、それらのサーバーでも更新してください (--on)。
Set-SendConnector -Identity 'O’’Brien 宛て送信' -TlsCertificateName '<I>CN=Contoso Issuing CA 2026, O=コントソ株式会社, C=JP<S>CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP' -WhatIf

# ---- ハイブリッド構成 ----
# ハイブリッド構成 Hybrid Configuration は EX02、EX03 もハイブリッド トランスポート サーバーとして指定していますが、この計画ではそれらのサーバーに新しい証明書をインポートしません。それらのサーバーでも更新してください (--on)。
Set-HybridConfiguration -TlsCertificateName '<I>CN=Contoso Issuing CA 2026, O=コントソ株式会社, C=JP<S>CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP' -WhatIf

# ---- EDGE01 のエッジ サブスクリプション ----
# 内部トランスポート証明書が変わるため、エッジ サブスクリプションを作成し直します。EDGE01 で:
New-EdgeSubscription -FileName 'C:\Temp\EDGE01-EdgeSubscription.xml' -Force -WhatIf
# ファイルをサイト Tōkyō-Site のメールボックス サーバーにコピーし、そのサーバーで:
New-EdgeSubscription -FileData ([System.IO.File]::ReadAllBytes('C:\Temp\EDGE01-EdgeSubscription.xml')) -Site 'Tōkyō-Site' -WhatIf
Start-EdgeSynchronization

# ---- 新しい証明書でメール フローが動作することを確認した後 ----
Remove-ExchangeCertificate -Server EX01 -Thumbprint B64EFC42C5C72044BA1DA74836E85200FFB51BA4 -WhatIf
Remove-ExchangeCertificate -Server EDGE01 -Thumbprint B64EFC42C5C72044BA1DA74836E85200FFB51BA4 -WhatIf
