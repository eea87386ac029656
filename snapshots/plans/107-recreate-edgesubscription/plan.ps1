# EDGE01's certificate was replaced without subscribing it again. On a Mailbox server: remove the subscription.
Remove-EdgeSubscription -Identity EDGE01 -Confirm:$false
# On EDGE01: export a new subscription file.
New-EdgeSubscription -FileName 'C:\Temp\EDGE01-EdgeSubscription.xml' -Force
# On a Mailbox server of the site: import it, then synchronise.
New-EdgeSubscription -FileData ([System.IO.File]::ReadAllBytes('C:\Temp\EDGE01-EdgeSubscription.xml')) -Site 'Default-First-Site-Name'
Start-EdgeSynchronization
