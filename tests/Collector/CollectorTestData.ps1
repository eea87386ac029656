# Shared test data for the collector's Pester tests: stand-ins for the Exchange cmdlets (so that
# Mock has a command to replace) and objects shaped like what the Exchange Management Shell returns.

$script:CollectorScript = Join-Path $PSScriptRoot '../../src/Collector/Export-ExtlsDump.ps1' | Resolve-Path | Select-Object -ExpandProperty ProviderPath
$script:RepoRoot = Join-Path $PSScriptRoot '../..' | Resolve-Path | Select-Object -ExpandProperty ProviderPath
$script:CssExchangeData = Join-Path $PSScriptRoot 'TestData/CSS-Exchange'

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
    public enum HybridFeature { FreeBusy = 0, MoveMailbox = 1, Mailtips = 2, MessageTracking = 3, OwaRedirection = 4, OnlineArchive = 5, SecureMail = 6, CentralizedTransport = 7, Photos = 8 }
    public enum AcceptedDomainType { Authoritative = 0, ExternalRelay = 1, InternalRelay = 2 }
}
'@
}

function global:Set-ExtlsStandIns {
    # Stand-ins: Pester can only mock a command that exists. Each throws so that a missing mock is loud.
    # The Exchange Management Shell imports the Exchange cmdlets from a remote session, which gives
    # every one of them -AsJob; an Edge Transport server's shell loads them locally, without it.
    param([switch] $Local)
    $names = 'Get-ExchangeServer', 'Get-TransportService', 'Get-ReceiveConnector', 'Get-ExchangeCertificate', 'Get-SendConnector',
        'Get-EdgeSubscription', 'Get-OrganizationConfig', 'Get-HybridConfiguration', 'Get-TransportConfig', 'Get-AcceptedDomain',
        'Get-FrontendTransportService'
    foreach ($name in $names) {
        $parameters = '$Identity, $Server'
        if (-not $Local) { $parameters += ', [switch] $AsJob' }
        $body = "param($parameters) throw '$name is not mocked'"
        Set-Item -Path "function:global:$name" -Value ([scriptblock]::Create($body))
    }
}
Set-ExtlsStandIns

# The collector's own helpers that reach outside the machine (ADSI, DNS) or read it (its name); every
# test replaces them, so that no test depends on a directory or a resolver.
function global:Invoke-ExtlsDirectorySearch { param([string] $Path, [string] $Filter, [string[]] $Property, [int] $TimeoutSeconds) throw 'Invoke-ExtlsDirectorySearch is not mocked' }
function global:Resolve-ExtlsHostAddress { param([string] $Fqdn, [int] $TimeoutSeconds) throw 'Resolve-ExtlsHostAddress is not mocked' }
function global:Get-ExtlsLocalServerName { throw 'Get-ExtlsLocalServerName is not mocked' }
function global:Get-ExtlsTransportEvents { param([string] $ComputerName, [datetime] $StartTime, [int] $MaxEvents, [bool] $Local) throw 'Get-ExtlsTransportEvents is not mocked' }
function global:Get-ExtlsLogFolderFiles { param([string] $Folder) throw 'Get-ExtlsLogFolderFiles is not mocked' }
function global:Resolve-ExtlsLogFolder { param([string] $Path, [string] $ServerName, [string] $Fqdn) throw 'Resolve-ExtlsLogFolder is not mocked' }

function global:Complete-ExtlsMockCall {
    # What a cmdlet of the Exchange remote session gives back: with -AsJob a job that yields the
    # objects (or hangs, or fails), without it the objects themselves.
    param([object[]] $Output, [bool] $AsJob, [switch] $Hang, [string] $Fail)
    if (-not $AsJob) {
        if ($Fail) { throw $Fail }
        if ($Hang) { Start-Sleep -Seconds 60 }
        return $Output
    }
    if ($Hang) { return Start-ThreadJob -ScriptBlock { Start-Sleep -Seconds 60 } }
    if ($Fail) { return Start-ThreadJob -ScriptBlock { param($message) throw $message } -ArgumentList $Fail }
    return Start-ThreadJob -ScriptBlock { param($objects) $objects } -ArgumentList (, $Output)
}

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
    # A real self-signed certificate, decorated the way Get-ExchangeCertificate decorates X509Certificate2
    # in a shell that holds the Exchange assemblies (its first type name is Exchange's own).
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
    $cert = [psobject] $cert
    $cert.PSObject.TypeNames.Insert(0, 'Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate')
    $cert | Add-Member -NotePropertyName Services -NotePropertyValue $Services
    $cert | Add-Member -NotePropertyName Status -NotePropertyValue ([ExtlsFake.CertificateStatus]::Valid)
    $cert | Add-Member -NotePropertyName IsSelfSigned -NotePropertyValue $true
    $cert | Add-Member -NotePropertyName CertificateDomains -NotePropertyValue @($DnsName | ForEach-Object { New-ToStringObject $_ })
    # Setting X509Certificate2.FriendlyName throws on Unix; a note property shadows it.
    $cert | Add-Member -NotePropertyName FriendlyName -NotePropertyValue $FriendlyName -Force
    return $cert
}

function New-RebuiltCertificate {
    # What PowerShell makes of a certificate that crossed a remote session with only its RawData: a
    # plain X509Certificate2 of this shell (no key, no friendly name) carrying the session's notes.
    param($Certificate, [string] $ComputerName)
    $rebuilt = [psobject] (New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 (, [byte[]] $Certificate.RawData))
    $rebuilt | Add-Member -NotePropertyName PSComputerName -NotePropertyValue $ComputerName
    $rebuilt | Add-Member -NotePropertyName RunspaceId -NotePropertyValue ([guid] '4f1d6ed3-81ee-4120-9d38-b803867135e5')
    $rebuilt | Add-Member -NotePropertyName PSShowComputerName -NotePropertyValue $false
    return $rebuilt
}

function New-ReceiveConnector {
    param([string] $ServerName, [string] $Name, $Auth, $Permissions, [ExtlsFake.TransportRole] $Role, [int] $Port, [string] $Fqdn,
        [string[]] $RemoteIPRanges = @('0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'))
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
        RemoteIPRanges        = @($RemoteIPRanges | ForEach-Object { New-ToStringObject $_ })
        DomainSecureEnabled   = $false
        MaxMessageSize        = New-ToStringObject '36 MB (37,748,736 bytes)'
    }
}

function Get-TestServerDn {
    param([string] $Name)
    return "CN=$Name,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com"
}

function New-TestServerEntry {
    # One Get-ExchangeServer entry with the flags Exchange computes for the server's roles and version.
    param([string] $Name, [ExtlsFake.ServerRole] $Role, [string] $Version = 'Version 15.2 (Build 1544.4)',
        [bool] $Hub, [bool] $Frontend, [bool] $Edge, [bool] $Mailbox, [bool] $ClientAccess)
    return [pscustomobject]@{
        Name                      = $Name
        Fqdn                      = New-ToStringObject "$Name.contoso.com"
        ServerRole                = $Role
        Site                      = New-ToStringObject 'contoso.com/Configuration/Sites/Default-First-Site-Name'
        AdminDisplayVersion       = New-ToStringObject $Version
        IsHubTransportServer      = $Hub
        IsFrontendTransportServer = $Frontend
        IsEdgeServer              = $Edge
        IsMailboxServer           = $Mailbox
        IsClientAccessServer      = $ClientAccess
        DistinguishedName         = Get-TestServerDn $Name
        OriginatingServer         = 'DC01.contoso.com'
        ExchangeLegacyDN          = "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=$Name"
    }
}

function Add-TestTransportServer {
    # A transport server with its two certificates, its transport service, its AD value and the
    # three default connectors of Exchange 2013 and later.
    param($Org, [string] $Name, [switch] $FrontendOnly)
    $fqdn = "$Name.contoso.com"
    if ($null -eq $global:ExtlsTestCertificates) {
        $global:ExtlsTestCertificates = @{}
    }
    if (-not $global:ExtlsTestCertificates.ContainsKey($Name)) {
        $internal = New-TestCertificate -Subject "CN=$Name" -DnsName $Name, $fqdn -NotBefore '2024-03-01T08:00:00Z' -NotAfter '2029-03-01T08:00:00Z' `
            -Services ([ExtlsFake.AllowedServices] 'IMAP, POP, IIS, SMTP') -FriendlyName 'Microsoft Exchange'
        $global:ExtlsTestCertificates[$Name] = $internal
    }
    $internal = $global:ExtlsTestCertificates[$Name]
    if ($null -eq $global:ExtlsTestAuthCertificate) {
        $global:ExtlsTestAuthCertificate = New-TestCertificate -Subject 'CN=Microsoft Exchange Server Auth Certificate' -DnsName @() -NotBefore '2024-03-01T08:00:00Z' `
            -NotAfter '2029-02-01T08:00:00Z' -Services ([ExtlsFake.AllowedServices]::SMTP) -FriendlyName 'Microsoft Exchange Server Auth Certificate'
    }
    $Org.Certificates[$Name] = @($internal, $global:ExtlsTestAuthCertificate)
    $Org.AdValues[$Name] = [pscustomobject]@{
        server                      = $Name
        distinguishedName           = Get-TestServerDn $Name
        msExchServerInternalTLSCert = [System.Convert]::ToBase64String($internal.RawData)
        readError                   = $null
    }
    $Org.HostAddresses["$Name.contoso.com"] = @('10.0.0.' + (10 + $Org.HostAddresses.Count))
    $frontend = New-ReceiveConnector -ServerName $Name -Name "Default Frontend $Name" -Port 25 -Fqdn $fqdn -Role FrontendTransport `
        -Auth ([ExtlsFake.ReceiveAuthMechanisms] 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer') `
        -Permissions ([ExtlsFake.PermissionGroups] 'AnonymousUsers, ExchangeServers, ExchangeLegacyServers')
    if ($FrontendOnly) {
        # Exchange 2013 Client Access: Front End Transport only, no Transport service.
        $Org.ReceiveConnectors[$Name] = @($frontend)
        return
    }
    $Org.TransportServices[$Name] = [pscustomobject]@{ Name = $Name; InternalTransportCertificateThumbprint = $internal.Thumbprint }
    $Org.ReceiveConnectors[$Name] = @(
        (New-ReceiveConnector -ServerName $Name -Name "Default $Name" -Port 2525 -Fqdn $fqdn -Role HubTransport `
            -Auth ([ExtlsFake.ReceiveAuthMechanisms] 31) -Permissions ([ExtlsFake.PermissionGroups] 'ExchangeUsers, ExchangeServers, ExchangeLegacyServers')),
        $frontend,
        (New-ReceiveConnector -ServerName $Name -Name "Client Frontend $Name" -Port 587 -Fqdn $fqdn -Role FrontendTransport `
            -Auth ([ExtlsFake.ReceiveAuthMechanisms] 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS') -Permissions ([ExtlsFake.PermissionGroups]::ExchangeUsers))
    )
}

function New-EmptyTestOrganization {
    return @{
        ExchangeServers = @(); Certificates = @{}; TransportServices = @{}; ReceiveConnectors = @{}; AdValues = @{}; HostAddresses = @{}
        SendConnectors = @(); EdgeSubscriptions = @(); HybridConfiguration = @(); TransportConfig = @(); AcceptedDomains = @()
        Down = @(); LocalName = 'ADMIN01'
    }
}

function New-TestOrganization {
    # Two Exchange 2019 Mailbox servers and a legacy Client Access server (no transport role); with
    # -MixedVersions also an Exchange 2010 Mailbox-only server (no transport role), an Exchange 2010
    # Hub Transport server and an Exchange 2013 Client Access server (Front End Transport).
    param([switch] $Ex02AdValueEmpty, [switch] $MixedVersions)
    $org = New-EmptyTestOrganization
    $org.ExchangeServers = @(
        (New-TestServerEntry -Name 'EX02' -Role Mailbox -Hub $true -Frontend $true -Mailbox $true -ClientAccess $true),
        (New-TestServerEntry -Name 'EX01' -Role Mailbox -Hub $true -Frontend $true -Mailbox $true -ClientAccess $true),
        (New-TestServerEntry -Name 'CAS10' -Role ClientAccess -Version 'Version 14.3 (Build 123.4)' -ClientAccess $true)
    )
    Add-TestTransportServer -Org $org -Name 'EX01'
    Add-TestTransportServer -Org $org -Name 'EX02'
    if ($MixedVersions) {
        $org.ExchangeServers += @(
            (New-TestServerEntry -Name 'MBX10' -Role Mailbox -Version 'Version 14.3 (Build 123.4)' -Mailbox $true),
            (New-TestServerEntry -Name 'HUB10' -Role HubTransport -Version 'Version 14.3 (Build 123.4)' -Hub $true),
            (New-TestServerEntry -Name 'CAS13' -Role ClientAccess -Version 'Version 15.0 (Build 1497.2)' -Frontend $true -ClientAccess $true)
        )
        Add-TestTransportServer -Org $org -Name 'HUB10'
        Add-TestTransportServer -Org $org -Name 'CAS13' -FrontendOnly
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
            Port = 25; DNSRoutingEnabled = $false; IgnoreSTARTTLS = $false; FrontendProxyEnabled = $false
            SourceIPAddress = [System.Net.IPAddress]::Any; DomainSecureEnabled = $false
        },
        [pscustomobject]@{
            Identity = New-ToStringObject 'Internet'; Name = 'Internet'
            SourceTransportServers = @(New-ToStringObject 'EX01'); SmartHosts = @()
            AddressSpaces = @(New-ToStringObject 'SMTP:*;1'); SmartHostAuthMechanism = [ExtlsFake.SmartHostAuthMechanism]::None
            TlsCertificateName = $null; Fqdn = $null; RequireTLS = $false; TlsAuthLevel = $null; TlsDomain = $null
            CloudServicesMailEnabled = $false; Enabled = $true
            Port = 25; DNSRoutingEnabled = $true; IgnoreSTARTTLS = $false; FrontendProxyEnabled = $true
            SourceIPAddress = [System.Net.IPAddress]::Any; DomainSecureEnabled = $false
        }
    )
    # Lower case sorts after upper case in the ordinal order the collector writes, whatever the culture.
    $org.SendConnectors += [pscustomobject]@{
        Identity = New-ToStringObject 'archive relay'; Name = 'archive relay'
        SourceTransportServers = @(New-ToStringObject 'EX02'); SmartHosts = @(New-ToStringObject '[10.0.0.25]')
        AddressSpaces = @(New-ToStringObject 'SMTP:archive.contoso.com;1'); SmartHostAuthMechanism = [ExtlsFake.SmartHostAuthMechanism]::BasicAuthRequireTLS
        TlsCertificateName = $null; Fqdn = $null; RequireTLS = $true; TlsAuthLevel = [ExtlsFake.TlsAuthLevel]::EncryptionOnly; TlsDomain = $null
        CloudServicesMailEnabled = $false; Enabled = $false
        Port = 587; DNSRoutingEnabled = $false; IgnoreSTARTTLS = $true; FrontendProxyEnabled = $false
        SourceIPAddress = [System.Net.IPAddress]::Parse('10.0.0.11'); DomainSecureEnabled = $false
    }
    $org.HybridConfiguration = @([pscustomobject]@{
            Identity                  = New-ToStringObject 'Hybrid Configuration'
            Name                      = 'Hybrid Configuration'
            TlsCertificateName        = New-ToStringObject '<I>CN=EX01<S>CN=EX01'
            SendingTransportServers   = @((New-ToStringObject 'EX01'), (New-ToStringObject 'EX02'))
            ReceivingTransportServers = @((New-ToStringObject 'EX01'), (New-ToStringObject 'EX02'))
            EdgeTransportServers      = @()
            Domains                   = @(New-ToStringObject 'contoso.com')
            Features                  = @([ExtlsFake.HybridFeature]::FreeBusy, [ExtlsFake.HybridFeature]::MoveMailbox, [ExtlsFake.HybridFeature]::SecureMail)
            OnPremisesSmartHost       = New-ToStringObject 'mail.contoso.com'
            ClientAccessServers       = @()
        })
    $org.TransportConfig = @([pscustomobject]@{
            Identity                   = New-ToStringObject 'Transport Settings'
            TLSSendDomainSecureList    = @(New-ToStringObject 'fabrikam.com')
            TLSReceiveDomainSecureList = @(New-ToStringObject 'fabrikam.com')
            InternalSMTPServers        = @(New-ToStringObject '10.0.0.5')
            MaxSendSize                = New-ToStringObject '35 MB (36,700,160 bytes)'
        })
    $org.AcceptedDomains = @(
        [pscustomobject]@{ Identity = New-ToStringObject 'contoso.mail.onmicrosoft.com'; Name = 'contoso.mail.onmicrosoft.com'
            DomainName = New-ToStringObject 'contoso.mail.onmicrosoft.com'; DomainType = [ExtlsFake.AcceptedDomainType]::InternalRelay; Default = $false },
        [pscustomobject]@{ Identity = New-ToStringObject 'contoso.com'; Name = 'contoso.com'
            DomainName = New-ToStringObject 'contoso.com'; DomainType = [ExtlsFake.AcceptedDomainType]::Authoritative; Default = $true }
    )
    return $org
}

function New-LargeTestOrganization {
    # Count Exchange 2019 Mailbox servers, each with its connectors, store and AD value.
    param([int] $Count)
    $org = New-TestOrganization
    $org.ExchangeServers = @()
    $org.Certificates = @{}; $org.TransportServices = @{}; $org.ReceiveConnectors = @{}; $org.AdValues = @{}; $org.HostAddresses = @{}
    $entries = New-Object System.Collections.ArrayList
    for ($i = 1; $i -le $Count; $i++) {
        $name = 'EX{0:D3}' -f $i
        [void] $entries.Add((New-TestServerEntry -Name $name -Role Mailbox -Hub $true -Frontend $true -Mailbox $true -ClientAccess $true))
        Add-TestTransportServer -Org $org -Name $name
    }
    $org.ExchangeServers = $entries.ToArray()
    return $org
}

function New-EdgeOrganization {
    # A subscribed Edge: its AD LDS also holds the Mailbox servers EdgeSync copied there.
    $org = New-TestOrganization
    $edge = New-TestServerEntry -Name 'EDGE01' -Role Edge -Edge $true
    $edge.Fqdn = New-ToStringObject 'edge01.perimeter.contoso.com'
    $edge.DistinguishedName = 'CN=EDGE01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=First Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,CN={7A3D0A7C-2D5B-4B8A-9C61-3C2F52C9E7B1}'
    $edge.OriginatingServer = 'EDGE01'
    $org.ExchangeServers += $edge
    $org.LocalName = 'EDGE01'
    $org.TransportServices = @{ EDGE01 = [pscustomobject]@{ Name = 'EDGE01'; InternalTransportCertificateThumbprint = $org.TransportServices['EX01'].InternalTransportCertificateThumbprint } }
    $org.ReceiveConnectors = @{ EDGE01 = @(New-ReceiveConnector -ServerName 'EDGE01' -Name 'Default internal receive connector EDGE01' -Port 25 -Fqdn 'edge01.perimeter.contoso.com' -Role Edge `
                -Auth ([ExtlsFake.ReceiveAuthMechanisms] 'Tls, ExchangeServer') -Permissions ([ExtlsFake.PermissionGroups] 'AnonymousUsers, ExchangeServers, Partners')) }
    $org.Certificates['EDGE01'] = $org.Certificates['EX01']
    $org.AdValues = @{ EDGE01 = [pscustomobject]@{ server = 'EDGE01'; distinguishedName = $edge.DistinguishedName; msExchServerInternalTLSCert = $org.AdValues['EX01'].msExchServerInternalTLSCert; readError = $null } }
    $org.HostAddresses['edge01.perimeter.contoso.com'] = @('192.0.2.25')
    return $org
}

function Read-DumpJson {
    param([string] $Path)
    return Get-Content -LiteralPath $Path -Raw -Encoding utf8 | ConvertFrom-Json
}

function Get-DumpFiles {
    # Relative paths, forward slashes, ordinal order.
    param([string] $Dump)
    $root = (Resolve-Path -LiteralPath $Dump).ProviderPath
    [string[]] $files = @(Get-ChildItem -LiteralPath $root -Recurse -File | ForEach-Object { [System.IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') })
    [System.Array]::Sort($files, [System.StringComparer]::Ordinal)
    return $files
}

# The Exchange cmdlets answer from the organisation given (New-TestOrganization); call it from a
# BeforeAll or It so Pester scopes the mocks to that block.
function Register-OrganizationMocks {
    # Mock bodies run after this function returns, in a scope of their own: the organisation is global.
    param($Org, [switch] $WithoutAdMock, [switch] $OnEdge)
    $global:ExtlsMockOrg = $Org
    Mock Get-ExchangeServer { Complete-ExtlsMockCall -Output $global:ExtlsMockOrg.ExchangeServers -AsJob:$AsJob }
    Mock Get-OrganizationConfig { Complete-ExtlsMockCall -Output @([pscustomobject]@{ Name = 'Contoso' }) -AsJob:$AsJob }
    Mock Get-SendConnector { Complete-ExtlsMockCall -Output $global:ExtlsMockOrg.SendConnectors -AsJob:$AsJob }
    Mock Get-EdgeSubscription { Complete-ExtlsMockCall -Output $global:ExtlsMockOrg.EdgeSubscriptions -AsJob:$AsJob }
    Mock Get-HybridConfiguration { Complete-ExtlsMockCall -Output $global:ExtlsMockOrg.HybridConfiguration -AsJob:$AsJob }
    Mock Get-TransportConfig { Complete-ExtlsMockCall -Output $global:ExtlsMockOrg.TransportConfig -AsJob:$AsJob }
    Mock Get-AcceptedDomain { Complete-ExtlsMockCall -Output $global:ExtlsMockOrg.AcceptedDomains -AsJob:$AsJob }
    # Organisation-wide, as the cmdlets answer without -Server or -Identity.
    Mock Get-TransportService { Complete-ExtlsMockCall -Output @($global:ExtlsMockOrg.TransportServices.Values) -AsJob:$AsJob }
    Mock Get-ReceiveConnector { Complete-ExtlsMockCall -Output @($global:ExtlsMockOrg.ReceiveConnectors.Values | ForEach-Object { $_ }) -AsJob:$AsJob }
    Mock Get-ExchangeCertificate {
        Complete-ExtlsMockCall -Output $global:ExtlsMockOrg.Certificates[[string] $Server] -AsJob:$AsJob -Hang:($global:ExtlsMockOrg.Down -contains [string] $Server)
    }
    Mock Resolve-ExtlsHostAddress {
        $addresses = $global:ExtlsMockOrg.HostAddresses[$Fqdn]
        if ($null -eq $addresses) { throw "DNS could not resolve ${Fqdn}: No such host is known." }
        foreach ($a in $addresses) {
            $ip = [System.Net.IPAddress]::Parse($a)
            [ordered]@{ HostName = $Fqdn; IPAddressToString = $ip.ToString(); AddressFamily = $ip.AddressFamily.ToString(); AddressFamilyValue = [long] [int] $ip.AddressFamily }
        }
    }
    Mock Get-ExtlsLocalServerName { $global:ExtlsMockOrg.LocalName }
    if ($OnEdge) {
        Mock Test-Path -ParameterFilter { $LiteralPath -eq 'HKLM:\SOFTWARE\Microsoft\ExchangeServer\v15\EdgeTransportRole' } { $true }
    }
    if (-not $WithoutAdMock) {
        # The directory answers with every server object it holds, as a subtree search does.
        Mock Invoke-ExtlsDirectorySearch {
            foreach ($ad in $global:ExtlsMockOrg.AdValues.Values) {
                $bytes = $null
                if ($ad.msExchServerInternalTLSCert) { $bytes = [System.Convert]::FromBase64String($ad.msExchServerInternalTLSCert) }
                @{ distinguishedName = $ad.distinguishedName; msExchServerInternalTLSCert = $bytes }
            }
        }
    }
}
