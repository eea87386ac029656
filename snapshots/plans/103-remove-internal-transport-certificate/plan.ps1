# "Clean up the old self-signed certificate" on EX02: it is the internal transport certificate.
$old = '06A76453BD693241BA0F77052C3B7D9D188C7D87'
Remove-ExchangeCertificate -Server EX02 -Thumbprint $old -Confirm:$false
