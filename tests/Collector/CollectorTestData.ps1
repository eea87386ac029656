# Shared test data for the collector's Pester tests: stand-ins for the Exchange cmdlets (so that
# Mock has a command to replace) and objects shaped like what the Exchange Management Shell returns.

$script:CollectorScript = Join-Path $PSScriptRoot '../../src/Collector/Export-ExtlsDump.ps1' | Resolve-Path | Select-Object -ExpandProperty ProviderPath
$script:RepoRoot = Join-Path $PSScriptRoot '../..' | Resolve-Path | Select-Object -ExpandProperty ProviderPath

if (-not ('ExtlsFake.ReceiveAuthMechanisms' -as [type])) {
    # Real enums with Exchange's names and numbers (selection.md "Facts about the data"), so that the
    # collector meets a System.Enum as it does in a local Exchange Management Shell.
    Add-Type -TypeDefinition @'
namespace ExtlsFake {
    [System.Flags] public enum ReceiveAuthMechanisms { None = 0, Tls = 1, Integrated = 2, BasicAuth = 4, BasicAuthRequireTLS = 8, ExchangeServer = 16, ExternalAuthoritative = 32 }
    [System.Flags] public enum PermissionGroups { None = 0, AnonymousUsers = 1, ExchangeUsers = 2, ExchangeServers = 4, ExchangeLegacyServers = 8, Partners = 16, Custom = 32 }
    public enum SmartHostAuthMechanism { None = 0, BasicAuth = 2, BasicAuthRequireTLS = 4, ExchangeServer = 8, ExternalAuthoritative = 16 }
    public enum TlsAuthLevel { EncryptionOnly = 1, CertificateValidation = 2, DomainValidation = 4 }
    public enum TransportRole { HubTransport = 32, Edge = 64, FrontendTransport = 16384 }
    [System.Flags] public enum AllowedServices { None = 0, IMAP = 1, POP = 2, UM = 4, IIS = 8, SMTP = 16, Federation = 32, UMCallRouter = 64 }
    public enum CertificateStatus { Unknown = 0, Valid = 1, Revoked = 2, DateInvalid = 3, Untrusted = 4, Invalid = 5, RevocationCheckFailure = 6, PendingRequest = 7 }
    [System.Flags] public enum ServerRole { None = 0, Mailbox = 2, ClientAccess = 4, UnifiedMessaging = 16, HubTransport = 32, Edge = 64 }
}
'@
}

# Stand-ins: Pester can only mock a command that exists. Each throws so that a missing mock is loud.
function global:Get-ExchangeServer { param($Identity) throw 'Get-ExchangeServer is not mocked' }
function global:Get-TransportService { param($Identity) throw 'Get-TransportService is not mocked' }
function global:Get-ReceiveConnector { param($Identity, $Server) throw 'Get-ReceiveConnector is not mocked' }
function global:Get-ExchangeCertificate { param($Thumbprint, $Server) throw 'Get-ExchangeCertificate is not mocked' }
function global:Get-SendConnector { param($Identity) throw 'Get-SendConnector is not mocked' }
function global:Get-EdgeSubscription { param($Identity) throw 'Get-EdgeSubscription is not mocked' }
function global:Get-OrganizationConfig { param($Identity) throw 'Get-OrganizationConfig is not mocked' }
function global:Get-ExtlsInternalTransportCertificate { param([string] $Server, [switch] $Edge) throw 'Get-ExtlsInternalTransportCertificate is not mocked' }

function New-ToStringObject {
    # Exchange types such as ADObjectId, Fqdn or ServerVersion: what the dump keeps is their text.
    param([string] $Text)
    $o = New-Object PSObject -Property @{ Text = $Text }
    $o | Add-Member -MemberType ScriptMethod -Name ToString -Value { $this.Text } -Force
    return $o
}

function New-DeserializedEnum {
    # What a remote session hands over: the number, with the name only in ToString.
    param([int] $Number, [string] $Name, [string] $TypeName)
    $o = [psobject] $Number
    $o.PSObject.TypeNames.Insert(0, 'Deserialized.System.Enum')
    $o.PSObject.TypeNames.Insert(0, "Deserialized.$TypeName")
    $o | Add-Member -MemberType ScriptMethod -Name ToString -Value ([scriptblock]::Create("'$Name'")) -Force
    return $o
}

function New-TestCertificate {
    # A real self-signed certificate, decorated the way Get-ExchangeCertificate decorates X509Certificate2.
    param(
        [string] $Subject, [string[]] $DnsName, [datetime] $NotBefore, [datetime] $NotAfter,
        [ExtlsFake.AllowedServices] $Services, [string] $FriendlyName
    )
    # One key for every test certificate: generating RSA keys is what would make the tests slow.
    if ($null -eq $global:ExtlsTestRsa) { $global:ExtlsTestRsa = [System.Security.Cryptography.RSA]::Create(2048) }
    $rsa = $global:ExtlsTestRsa
    $request = New-Object System.Security.Cryptography.X509Certificates.CertificateRequest($Subject, $rsa,
        [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $san = New-Object System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder
    foreach ($d in $DnsName) { $san.AddDnsName($d) }
    $request.CertificateExtensions.Add($san.Build())
    # Holds its (throw-away) private key, as a store certificate does: HasPrivateKey is true, RawData public.
    $cert = $request.CreateSelfSigned([System.DateTimeOffset] $NotBefore, [System.DateTimeOffset] $NotAfter)
    $cert | Add-Member -NotePropertyName Services -NotePropertyValue $Services
    $cert | Add-Member -NotePropertyName Status -NotePropertyValue ([ExtlsFake.CertificateStatus]::Valid)
    $cert | Add-Member -NotePropertyName IsSelfSigned -NotePropertyValue $true
    $cert | Add-Member -NotePropertyName CertificateDomains -NotePropertyValue @($DnsName | ForEach-Object { New-ToStringObject $_ })
    # Setting X509Certificate2.FriendlyName throws on Unix; a note property shadows it.
    $cert | Add-Member -NotePropertyName FriendlyName -NotePropertyValue $FriendlyName -Force
    return $cert
}

function New-ReceiveConnector {
    param([string] $ServerName, [string] $Name, $Auth, $Permissions, [ExtlsFake.TransportRole] $Role, [int] $Port, [string] $Fqdn)
    $bindings = @(
        (New-Object System.Net.IPEndPoint ([System.Net.IPAddress]::IPv6Any, $Port)),
        (New-Object System.Net.IPEndPoint ([System.Net.IPAddress]::Any, $Port))
    )
    return [pscustomobject]@{
        Identity              = New-ToStringObject "$ServerName\$Name"
        Name                  = $Name
        Server                = New-ToStringObject $ServerName
        AuthMechanism         = $Auth
        PermissionGroups      = $Permissions
        SuppressXAnonymousTls = $false
        RequireTLS            = $false
        Enabled               = $true
        Fqdn                  = New-ToStringObject $Fqdn
        TlsCertificateName    = $null
        TlsDomainCapabilities = @()
        TransportRole         = $Role
        Bindings              = $bindings
        MaxMessageSize        = New-ToStringObject '36 MB (37,748,736 bytes)'
    }
}

function New-TestOrganization {
    # Two Mailbox servers, a legacy Client Access server (not transport) and a subscribed Edge.
    param([switch] $Ex02AdValueEmpty)
    $org = @{}
    $site = New-ToStringObject 'contoso.com/Configuration/Sites/Default-First-Site-Name'
    $version = New-ToStringObject 'Version 15.2 (Build 1544.4)'
    $org.ExchangeServers = @(
        [pscustomobject]@{ Name = 'EX02'; Fqdn = 'EX02.contoso.com'; ServerRole = [ExtlsFake.ServerRole]::Mailbox; Site = $site; AdminDisplayVersion = $version; IsEdgeServer = $false },
        [pscustomobject]@{ Name = 'EX01'; Fqdn = 'EX01.contoso.com'; ServerRole = [ExtlsFake.ServerRole]::Mailbox; Site = $site; AdminDisplayVersion = $version; IsEdgeServer = $false },
        [pscustomobject]@{ Name = 'CAS10'; Fqdn = 'CAS10.contoso.com'; ServerRole = [ExtlsFake.ServerRole]::ClientAccess; Site = $site; AdminDisplayVersion = (New-ToStringObject 'Version 14.3 (Build 123.4)'); IsEdgeServer = $false }
    )
    $org.Certificates = @{}
    $org.TransportServices = @{}
    $org.ReceiveConnectors = @{}
    $org.AdValues = @{}
    foreach ($name in 'EX01', 'EX02') {
        $fqdn = "$name.contoso.com"
        $internal = New-TestCertificate -Subject "CN=$name" -DnsName $name, $fqdn -NotBefore '2024-03-01T08:00:00Z' -NotAfter '2029-03-01T08:00:00Z' `
            -Services ([ExtlsFake.AllowedServices] 'IMAP, POP, IIS, SMTP') -FriendlyName 'Microsoft Exchange'
        $auth = New-TestCertificate -Subject 'CN=Microsoft Exchange Server Auth Certificate' -DnsName @() -NotBefore '2024-03-01T08:00:00Z' `
            -NotAfter '2029-02-01T08:00:00Z' -Services ([ExtlsFake.AllowedServices]::SMTP) -FriendlyName 'Microsoft Exchange Server Auth Certificate'
        $org.Certificates[$name] = @($internal, $auth)
        $org.TransportServices[$name] = [pscustomobject]@{ Name = $name; InternalTransportCertificateThumbprint = $internal.Thumbprint }
        $org.AdValues[$name] = [pscustomobject]@{
            server                      = $name
            distinguishedName           = "CN=$name,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com"
            msExchServerInternalTLSCert = [System.Convert]::ToBase64String($internal.RawData)
            readError                   = $null
        }
        $org.ReceiveConnectors[$name] = @(
            (New-ReceiveConnector -ServerName $name -Name "Default $name" -Port 2525 -Fqdn $fqdn -Role HubTransport `
                -Auth ([ExtlsFake.ReceiveAuthMechanisms] 31) -Permissions ([ExtlsFake.PermissionGroups] 'ExchangeUsers, ExchangeServers, ExchangeLegacyServers')),
            (New-ReceiveConnector -ServerName $name -Name "Default Frontend $name" -Port 25 -Fqdn $fqdn -Role FrontendTransport `
                -Auth ([ExtlsFake.ReceiveAuthMechanisms] 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer') `
                -Permissions ([ExtlsFake.PermissionGroups] 'AnonymousUsers, ExchangeServers, ExchangeLegacyServers')),
            (New-ReceiveConnector -ServerName $name -Name "Client Frontend $name" -Port 587 -Fqdn $fqdn -Role FrontendTransport `
                -Auth ([ExtlsFake.ReceiveAuthMechanisms] 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS') -Permissions ([ExtlsFake.PermissionGroups]::ExchangeUsers))
        )
    }
    # EX02 as a remote session delivers it: enum values deserialized to numbers with their names.
    $org.ReceiveConnectors['EX02'][0].AuthMechanism = New-DeserializedEnum -Number 31 -Name 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer' `
        -TypeName 'Microsoft.Exchange.Data.ReceiveConnectorAuthMechanisms'
    if ($Ex02AdValueEmpty) { $org.AdValues['EX02'].msExchServerInternalTLSCert = $null }

    $org.SendConnectors = @(
        [pscustomobject]@{
            Identity = New-ToStringObject 'Outbound to Office 365 - 6f0c3a8e'; Name = 'Outbound to Office 365 - 6f0c3a8e'
            SourceTransportServers = @((New-ToStringObject 'EX01'), (New-ToStringObject 'EX02'))
            SmartHosts = @(New-ToStringObject 'contoso-com.mail.protection.outlook.com')
            AddressSpaces = @(New-ToStringObject 'smtp:contoso.mail.onmicrosoft.com;1')
            SmartHostAuthMechanism = [ExtlsFake.SmartHostAuthMechanism]::None
            TlsCertificateName = New-ToStringObject '<I>CN=EX01<S>CN=EX01'; Fqdn = New-ToStringObject 'EX01.contoso.com'
            RequireTLS = $true; TlsAuthLevel = [ExtlsFake.TlsAuthLevel]::DomainValidation
            TlsDomain = New-ToStringObject 'mail.protection.outlook.com'; CloudServicesMailEnabled = $true; Enabled = $true
        },
        [pscustomobject]@{
            Identity = New-ToStringObject 'Internet'; Name = 'Internet'
            SourceTransportServers = @(New-ToStringObject 'EX01'); SmartHosts = @()
            AddressSpaces = @(New-ToStringObject 'SMTP:*;1'); SmartHostAuthMechanism = [ExtlsFake.SmartHostAuthMechanism]::None
            TlsCertificateName = $null; Fqdn = $null; RequireTLS = $false; TlsAuthLevel = $null; TlsDomain = $null
            CloudServicesMailEnabled = $false; Enabled = $true
        }
    )
    # Lower case sorts after upper case in the ordinal order the collector writes, whatever the culture.
    $org.SendConnectors += [pscustomobject]@{
        Identity = New-ToStringObject 'archive relay'; Name = 'archive relay'
        SourceTransportServers = @(New-ToStringObject 'EX02'); SmartHosts = @(New-ToStringObject '[10.0.0.25]')
        AddressSpaces = @(New-ToStringObject 'SMTP:archive.contoso.com;1'); SmartHostAuthMechanism = [ExtlsFake.SmartHostAuthMechanism]::BasicAuthRequireTLS
        TlsCertificateName = $null; Fqdn = $null; RequireTLS = $true; TlsAuthLevel = [ExtlsFake.TlsAuthLevel]::EncryptionOnly; TlsDomain = $null
        CloudServicesMailEnabled = $false; Enabled = $false
    }
    $org.EdgeSubscriptions = @()
    return $org
}

function Read-DumpJson {
    param([string] $Path)
    return Get-Content -LiteralPath $Path -Raw -Encoding utf8 | ConvertFrom-Json
}

# The Exchange cmdlets answer from the organisation given (New-TestOrganization); call it from a
# BeforeAll or It so Pester scopes the mocks to that block.
function Register-OrganizationMocks {
    # Mock bodies run after this function returns, in a scope of their own: the organisation is global.
    param($Org, [switch] $WithoutAdMock)
    $global:ExtlsMockOrg = $Org
    Mock Get-ExchangeServer { $global:ExtlsMockOrg.ExchangeServers }
    Mock Get-OrganizationConfig { [pscustomobject]@{ Name = 'Contoso' } }
    Mock Get-SendConnector { $global:ExtlsMockOrg.SendConnectors }
    Mock Get-EdgeSubscription { $global:ExtlsMockOrg.EdgeSubscriptions }
    Mock Get-TransportService { $global:ExtlsMockOrg.TransportServices[[string] $Identity] }
    Mock Get-ReceiveConnector { $global:ExtlsMockOrg.ReceiveConnectors[[string] $Server] }
    Mock Get-ExchangeCertificate { $global:ExtlsMockOrg.Certificates[[string] $Server] }
    if (-not $WithoutAdMock) { Mock Get-ExtlsInternalTransportCertificate { $global:ExtlsMockOrg.AdValues[$Server] } }
}
