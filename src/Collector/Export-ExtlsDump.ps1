<#
.SYNOPSIS
    Writes a read-only raw dump of Exchange transport TLS configuration for offline analysis by extls.

.DESCRIPTION
    Export-ExtlsDump reads the organisation's transport servers, their receive connectors, their
    certificate stores (public part only), the send connectors, the Edge subscriptions and, through
    ADSI, the internal transport certificate that Active Directory holds for each server
    (msExchServerInternalTLSCert; on an Edge Transport server, from its local AD LDS). It writes the
    "extls-raw/1" layout:

        <OutputPath>/manifest.json
        <OutputPath>/org/ExchangeServer.json, SendConnector.json, EdgeSubscription.json
        <OutputPath>/servers/<NAME>/TransportService.json, ReceiveConnector.json,
                                    ExchangeCertificate.json, InternalTransportCertificate.json

    Every file is UTF-8 without BOM. Each section file holds a JSON array, sorted. Dates are ISO 8601
    in UTC. Enumerations are written twice: the name under the property's own name and the number
    under the same name followed by "Value", for example
        "AuthMechanism": "Tls, ExchangeServer", "AuthMechanismValue": 17
    A number is null when the shell only handed over the name. Multi-valued properties are arrays of
    strings; Exchange objects (ADObjectId, SmtpDomain, bindings, ...) are their ToString() text.
    A property the shell did not return at all (a remote session can drop certificate details) is
    left out of the file, so the analyzer treats it as unknown rather than empty.

    A server or section that fails is recorded in manifest.json "errors" ({server, section,
    message}); the rest is still collected. The script is read-only: it never changes Exchange or
    Active Directory and never exports a private key.

.PARAMETER OutputPath
    Folder to create for the dump. It must not exist yet, or be empty, so that no stale file from an
    earlier run mixes into this one.

.PARAMETER Server
    Names of the servers to collect. Default: every Exchange server with a transport role (Mailbox,
    Hub Transport or Edge Transport) that Get-ExchangeServer returns.

.PARAMETER Zip
    Also write <OutputPath>.zip holding the dump, ready to send.

.EXAMPLE
    .\Export-ExtlsDump.ps1 -OutputPath C:\Temp\extls-dump -Zip

    Collects every transport server of the organisation and writes C:\Temp\extls-dump.zip as well.

.EXAMPLE
    .\Export-ExtlsDump.ps1 -OutputPath .\edge-dump

    Run in the Exchange Management Shell of an Edge Transport server: dumps that server from its AD LDS.

.NOTES
    Runs in the Exchange Management Shell (Windows PowerShell 5.1) and in PowerShell 7.

    Commands used, all of them read-only except the file operations on the output path:
      Get-ExchangeServer, Get-TransportService, Get-ReceiveConnector, Get-ExchangeCertificate,
      Get-SendConnector, Get-EdgeSubscription, Get-OrganizationConfig   read Exchange configuration
      [adsi] and DirectorySearcher                                       read msExchServerInternalTLSCert
      Test-Path, Get-ChildItem                                           check that OutputPath is new or empty
      New-Item -ItemType Directory                                       create OutputPath and its subfolders
      [System.IO.File]::WriteAllText                                     write the JSON files in OutputPath
      Compress-Archive                                                   with -Zip only: write <OutputPath>.zip
      New-Object, ConvertTo-Json, Where-Object, ForEach-Object, Write-Progress/Host/Warning
    Certificates are read through Get-ExchangeCertificate; RawData is the DER of the public
    certificate. Export-ExchangeCertificate and any password parameter are never used.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $OutputPath,

    [string[]] $Server,

    [switch] $Zip
)

$ErrorActionPreference = 'Stop'
$script:CollectorVersion = '1.0.0'
$script:Invariant = [System.Globalization.CultureInfo]::InvariantCulture
$script:Utf8NoBom = New-Object System.Text.UTF8Encoding $false
$script:Errors = New-Object System.Collections.ArrayList

function Add-ExtlsError {
    param([string] $ServerName, [string] $Section, [string] $Message)
    $entry = [ordered]@{ server = $ServerName; section = $Section; message = $Message }
    [void] $script:Errors.Add($entry)
    Write-Warning ("{0} {1}: {2}" -f $ServerName, $Section, $Message)
}

function ConvertTo-ExtlsValue {
    # Converts one property value into what the dump stores: ISO dates, base64 bytes, arrays of
    # strings, primitives as they are, anything else as its ToString() (Exchange's own types).
    param([object] $Value)
    if ($null -eq $Value) { return $null }
    $base = $Value.PSObject.BaseObject
    if ($base -is [string]) { return $base }
    if ($base -is [datetime]) { return $base.ToUniversalTime().ToString('o', $script:Invariant) }
    if ($base -is [System.DateTimeOffset]) { return $base.ToUniversalTime().ToString('o', $script:Invariant) }
    if ($base -is [byte[]]) { return [System.Convert]::ToBase64String($base) }
    if ($base -is [System.Enum]) { return $Value.ToString() }
    if ($base -is [bool] -or $base -is [int] -or $base -is [long] -or $base -is [double]) {
        # A deserialized enum is an integer that carries its name in ToString.
        if ($Value.PSObject.TypeNames -match 'Enum$') { return $Value.ToString() }
        return $base
    }
    if ($base -is [System.Collections.IEnumerable]) {
        $items = New-Object System.Collections.ArrayList
        foreach ($item in $base) { [void] $items.Add([string] (ConvertTo-ExtlsValue $item)) }
        return , $items.ToArray()
    }
    return $Value.ToString()
}

function Get-ExtlsEnumNumber {
    param([object] $Value)
    if ($null -eq $Value) { return $null }
    $base = $Value.PSObject.BaseObject
    if ($base -is [System.Enum]) { return [System.Convert]::ToInt64($base, $script:Invariant) }
    if ($base -is [int] -or $base -is [long] -or $base -is [short] -or $base -is [byte]) { return [long] $base }
    return $null
}

function ConvertTo-ExtlsRow {
    param([object] $InputObject, [string[]] $Property, [string[]] $EnumProperty)
    $row = [ordered]@{}
    foreach ($name in $Property) {
        $member = $InputObject.PSObject.Properties[$name]
        if ($null -eq $member) { continue }
        $row[$name] = ConvertTo-ExtlsValue $member.Value
        if ($EnumProperty -contains $name) { $row[$name + 'Value'] = Get-ExtlsEnumNumber $member.Value }
    }
    return $row
}

function Write-ExtlsJson {
    param([string] $Path, [object] $Value)
    $json = ConvertTo-Json -InputObject $Value -Depth 6
    [System.IO.File]::WriteAllText($Path, $json + "`n", $script:Utf8NoBom)
}

function Get-ExtlsOrdinalOrder {
    # Ordinal, not Sort-Object's culture order: two runs on machines with different cultures over the
    # same configuration must give the same bytes.
    param([object[]] $Items, [string[]] $Keys)
    $sorted = [object[]] $Items.Clone()
    $sortKeys = [string[]] $Keys.Clone()
    # The casts pick the non-generic overload, which sorts $sorted itself rather than a converted copy.
    [System.Array]::Sort([System.Array] $sortKeys, [System.Array] $sorted, [System.Collections.IComparer] [System.StringComparer]::Ordinal)
    return , $sorted
}

function Write-ExtlsSection {
    param([string] $Path, [object[]] $Items, [string[]] $Property, [string[]] $EnumProperty, [string] $SortBy)
    $keys = New-Object System.Collections.ArrayList
    foreach ($item in $Items) { [void] $keys.Add([string] (ConvertTo-ExtlsValue $item.$SortBy)) }
    $rows = New-Object System.Collections.ArrayList
    foreach ($item in (Get-ExtlsOrdinalOrder -Items $Items -Keys ([string[]] $keys.ToArray()))) {
        [void] $rows.Add((ConvertTo-ExtlsRow -InputObject $item -Property $Property -EnumProperty $EnumProperty))
    }
    Write-ExtlsJson -Path $Path -Value $rows.ToArray()
}

function Get-ExtlsInternalTransportCertificate {
    <#
    .SYNOPSIS
        Reads msExchServerInternalTLSCert of one server object through ADSI (AD LDS on Edge).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [string] $Server, [switch] $Edge)
    $result = [ordered]@{ server = $Server; distinguishedName = $null; msExchServerInternalTLSCert = $null; readError = $null }
    try {
        $ldapRoot = 'LDAP://'
        if ($Edge) { $ldapRoot = 'LDAP://localhost:50389/' }
        $rootDse = [adsi] ($ldapRoot + 'RootDSE')
        $configurationNc = [string] $rootDse.Properties['configurationNamingContext'][0]
        if ([string]::IsNullOrEmpty($configurationNc)) { throw "RootDSE at $ldapRoot returned no configurationNamingContext." }
        # RFC 4515: these characters must be escaped inside an LDAP filter value.
        $cn = $Server.Replace('\', '\5c').Replace('*', '\2a').Replace('(', '\28').Replace(')', '\29')
        $searcher = New-Object System.DirectoryServices.DirectorySearcher ([adsi] ($ldapRoot + $configurationNc))
        $searcher.Filter = "(&(objectClass=msExchExchangeServer)(cn=$cn))"
        [void] $searcher.PropertiesToLoad.Add('distinguishedName')
        [void] $searcher.PropertiesToLoad.Add('msExchServerInternalTLSCert')
        $found = $searcher.FindOne()
        if ($null -eq $found) { throw "No msExchExchangeServer object named '$Server' under $configurationNc." }
        $result.distinguishedName = [string] $found.Properties['distinguishedname'][0]
        $values = $found.Properties['msexchserverinternaltlscert']
        if ($null -ne $values -and $values.Count -gt 0) {
            $result.msExchServerInternalTLSCert = [System.Convert]::ToBase64String([byte[]] $values[0])
        }
    }
    catch {
        $result.readError = $_.Exception.Message
        if ($null -eq ('adsi' -as [type])) {
            $result.readError = 'ADSI is not available in this shell (it needs Windows): ' + $_.Exception.Message
        }
    }
    return New-Object PSObject -Property $result
}

# --- Output folder ---------------------------------------------------------------------------------
$root = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
if ((Test-Path -LiteralPath $root) -and @(Get-ChildItem -LiteralPath $root -Force).Count -gt 0) {
    throw "OutputPath '$root' exists and is not empty. Choose a new folder so that no stale file mixes into the dump."
}
$orgDir = Join-Path $root 'org'
$serversDir = Join-Path $root 'servers'
[void] (New-Item -ItemType Directory -Path $orgDir -Force)
[void] (New-Item -ItemType Directory -Path $serversDir -Force)
$collectedAt = [datetime]::UtcNow.ToString('o', $script:Invariant)

$serverProps = 'Name', 'Fqdn', 'ServerRole', 'Site', 'AdminDisplayVersion'
$transportProps = 'Name', 'InternalTransportCertificateThumbprint'
$receiveProps = 'Identity', 'Name', 'Server', 'AuthMechanism', 'PermissionGroups', 'SuppressXAnonymousTls', 'RequireTLS',
    'Enabled', 'Fqdn', 'TlsCertificateName', 'TlsDomainCapabilities', 'TransportRole', 'Bindings'
$receiveEnums = 'AuthMechanism', 'PermissionGroups', 'TransportRole'
$sendProps = 'Identity', 'Name', 'SourceTransportServers', 'SmartHosts', 'AddressSpaces', 'SmartHostAuthMechanism',
    'TlsCertificateName', 'Fqdn', 'RequireTLS', 'TlsAuthLevel', 'TlsDomain', 'CloudServicesMailEnabled', 'Enabled'
$sendEnums = 'SmartHostAuthMechanism', 'TlsAuthLevel'
$certProps = 'Thumbprint', 'Subject', 'Issuer', 'NotBefore', 'NotAfter', 'Services', 'Status', 'HasPrivateKey',
    'IsSelfSigned', 'FriendlyName', 'CertificateDomains', 'RawData'
$certEnums = 'Services', 'Status'
$subscriptionProps = 'Identity', 'Name', 'Site', 'Domain'

# --- Organisation ----------------------------------------------------------------------------------
$exchangeServers = @()
try {
    $exchangeServers = @(Get-ExchangeServer -ErrorAction Stop)
    Write-ExtlsSection -Path (Join-Path $orgDir 'ExchangeServer.json') -Items $exchangeServers -Property $serverProps -EnumProperty 'ServerRole' -SortBy 'Name'
}
catch { Add-ExtlsError -ServerName $null -Section 'ExchangeServer' -Message $_.Exception.Message }

$isEdgeByName = @{}
foreach ($s in $exchangeServers) { $isEdgeByName[[string] $s.Name] = ([string] $s.ServerRole) -match 'Edge' }

if ($Server) {
    $candidates = @($Server)
}
else {
    # Transport roles: Mailbox (2013 and later), HubTransport (2010), Edge.
    $candidates = @($exchangeServers | Where-Object { ([string] $_.ServerRole) -match 'Mailbox|HubTransport|Edge' } |
        ForEach-Object { [string] $_.Name })
}
$unique = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase)
$uniqueNames = @($candidates | Where-Object { $_ -and $unique.Add([string] $_) } | ForEach-Object { [string] $_ })
$serverNames = Get-ExtlsOrdinalOrder -Items $uniqueNames -Keys $uniqueNames

# On an Edge server Get-ExchangeServer sees only the Edge itself (its AD LDS); in the organisation it
# sees every server, subscribed Edges included.
$onEdge = ($exchangeServers.Count -gt 0) -and -not ($exchangeServers | Where-Object { -not $isEdgeByName[[string] $_.Name] })

$organization = $null
if (-not $onEdge) {
    # Edge has no organisation configuration; elsewhere a failure only leaves the name empty.
    try { $organization = [string] (Get-OrganizationConfig -ErrorAction Stop).Name }
    catch { Write-Warning ("Organisation name not read: " + $_.Exception.Message) }
}

try {
    Write-ExtlsSection -Path (Join-Path $orgDir 'SendConnector.json') -Items @(Get-SendConnector -ErrorAction Stop) `
        -Property $sendProps -EnumProperty $sendEnums -SortBy 'Identity'
}
catch { Add-ExtlsError -ServerName $null -Section 'SendConnector' -Message $_.Exception.Message }

try {
    Write-ExtlsSection -Path (Join-Path $orgDir 'EdgeSubscription.json') -Items @(Get-EdgeSubscription -ErrorAction Stop) `
        -Property $subscriptionProps -EnumProperty @() -SortBy 'Identity'
}
catch { Add-ExtlsError -ServerName $null -Section 'EdgeSubscription' -Message $_.Exception.Message }

# --- Servers ---------------------------------------------------------------------------------------
$index = 0
foreach ($name in $serverNames) {
    $index++
    Write-Progress -Activity 'Export-ExtlsDump' -Status "$name ($index of $($serverNames.Count))" -PercentComplete (100 * ($index - 1) / $serverNames.Count)
    $dir = Join-Path $serversDir $name
    try { [void] (New-Item -ItemType Directory -Path $dir -Force) }
    catch { Add-ExtlsError -ServerName $name -Section 'Server' -Message $_.Exception.Message; continue }

    if ($isEdgeByName[$name] -and -not $onEdge) {
        # A subscribed Edge keeps its connectors and store in its own AD LDS; the organisation holds
        # only its server object. Listing the sections as not collected keeps "empty" honest.
        foreach ($section in 'TransportService', 'ReceiveConnector', 'ExchangeCertificate') {
            Add-ExtlsError -ServerName $name -Section $section -Message "Edge Transport server: this section comes from the Edge's own dump (run Export-ExtlsDump on $name)."
        }
    }
    else {
        try {
            Write-ExtlsSection -Path (Join-Path $dir 'TransportService.json') -Items @(Get-TransportService -Identity $name -ErrorAction Stop) `
                -Property $transportProps -EnumProperty @() -SortBy 'Name'
        }
        catch { Add-ExtlsError -ServerName $name -Section 'TransportService' -Message $_.Exception.Message }

        try {
            Write-ExtlsSection -Path (Join-Path $dir 'ReceiveConnector.json') -Items @(Get-ReceiveConnector -Server $name -ErrorAction Stop) `
                -Property $receiveProps -EnumProperty $receiveEnums -SortBy 'Identity'
        }
        catch { Add-ExtlsError -ServerName $name -Section 'ReceiveConnector' -Message $_.Exception.Message }

        try {
            Write-ExtlsSection -Path (Join-Path $dir 'ExchangeCertificate.json') -Items @(Get-ExchangeCertificate -Server $name -ErrorAction Stop) `
                -Property $certProps -EnumProperty $certEnums -SortBy 'Thumbprint'
        }
        catch { Add-ExtlsError -ServerName $name -Section 'ExchangeCertificate' -Message $_.Exception.Message }
    }

    try {
        $adValue = Get-ExtlsInternalTransportCertificate -Server $name -Edge:$onEdge
        $adRow = [ordered]@{
            server                      = [string] $adValue.server
            distinguishedName           = $adValue.distinguishedName
            msExchServerInternalTLSCert = $adValue.msExchServerInternalTLSCert
            readError                   = $adValue.readError
        }
        Write-ExtlsJson -Path (Join-Path $dir 'InternalTransportCertificate.json') -Value $adRow
        if ($adRow.readError) { Add-ExtlsError -ServerName $name -Section 'InternalTransportCertificate' -Message ([string] $adRow.readError) }
    }
    catch { Add-ExtlsError -ServerName $name -Section 'InternalTransportCertificate' -Message $_.Exception.Message }
}
Write-Progress -Activity 'Export-ExtlsDump' -Completed

# --- Manifest --------------------------------------------------------------------------------------
$userName = [System.Environment]::UserName
if ([System.Environment]::UserDomainName) { $userName = [System.Environment]::UserDomainName + '\' + $userName }
$manifest = [ordered]@{
    format       = 'extls-raw/1'
    collectedAt  = $collectedAt
    organization = $organization
    collector    = [ordered]@{
        name              = 'Export-ExtlsDump'
        version           = $script:CollectorVersion
        host              = [System.Environment]::MachineName
        user              = $userName
        powershellVersion = $PSVersionTable.PSVersion.ToString()
    }
    servers      = [string[]] $serverNames
    errors       = $script:Errors.ToArray()
}
Write-ExtlsJson -Path (Join-Path $root 'manifest.json') -Value $manifest

$where = $root
if ($Zip) {
    try {
        Compress-Archive -Path (Join-Path $root '*') -DestinationPath ($root + '.zip') -Force
        $where = "$root (and $root.zip)"
    }
    catch { Write-Warning ("Zip not written: " + $_.Exception.Message) }
}
Write-Host ("Dump written to {0}: {1} server(s), {2} section(s) failed." -f $where, $serverNames.Count, $script:Errors.Count)
