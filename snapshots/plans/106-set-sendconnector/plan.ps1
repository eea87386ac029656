# The connector to Exchange Online picks its certificate by each server's own name: name the hybrid certificate.
Set-SendConnector -Identity 'Outbound to Office 365' -TlsCertificateName '<I>CN=Contoso Issuing CA 2024, O=Contoso Ltd, C=US<S>CN=mail.contoso.com, O=Contoso Ltd, C=US' -IgnoreSTARTTLS $false -WhatIf
