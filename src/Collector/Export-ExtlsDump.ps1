<#
.SYNOPSIS
    Writes a read-only raw dump of Exchange transport TLS configuration for offline analysis by extls.

.DESCRIPTION
    Export-ExtlsDump reads the organisation's transport servers, their receive connectors, their
    certificate stores (public part only), the send connectors, the Edge subscriptions, the hybrid
    configuration, the transport configuration, the accepted domains, each server's IP addresses (DNS)
    and, through ADSI, the internal transport certificate that Active Directory holds for each server
    (msExchServerInternalTLSCert; on an Edge Transport server, from its local AD LDS). It writes the
    "extls-raw/1" layout:

        <OutputPath>/manifest.json
        <OutputPath>/org/ExchangeServer.json, SendConnector.json, EdgeSubscription.json,
                         HybridConfiguration.json, TransportConfig.json, AcceptedDomain.json
        <OutputPath>/servers/<NAME>/TransportService.json, ReceiveConnector.json,
                                    ExchangeCertificate.json, InternalTransportCertificate.json,
                                    HostAddress.json, TransportEvents.json
        <OutputPath>/servers/<NAME>/ProtocolLog/<FrontEnd|Hub|Edge>/<SmtpReceive|SmtpSend>/*.LOG

    Evidence (unless -NoEvidence): what each server did, to check extls's predictions against.
    TransportEvents.json holds the transport certificate events 12012-12018 and 12022-12024 of the
    server's Application log since the dump's collection time minus -EvidenceDays (at most
    -EvidenceMaxEvents), each with TimeCreated, Id, ProviderName, LevelDisplayName, Message and
    MachineName. The ProtocolLog folders hold extracts of the newest protocol-log files of the
    Transport service (Get-TransportService) and of the Front End Transport service
    (Get-FrontendTransportService), from the folders their ReceiveProtocolLogPath and
    SendProtocolLogPath name, written since that date, newest first, until -EvidenceMaxMB of them have
    been read for the server. A remote server's folders are read through its administrative share
    (\\<fqdn>\C$\...), which needs the rights the logs need anyway. An extract keeps the file's name,
    its '#' header lines and only these rows: connect and disconnect, the certificate the server
    presented or received, the TLS negotiation result, the EHLO command and the extension lines of
    its answer, and the STARTTLS and X-ANONYMOUSTLS commands. It never keeps MAIL FROM, RCPT TO,
    message ids or message data. A folder or event log that cannot be read is recorded in
    manifest.json "errors" (sections ProtocolLog and TransportEvents) and the rest goes on;
    manifest.json "evidence" records, per server, the folders, each file read and how much of it.
    Each connector's ProtocolLoggingLevel is collected with it: a connector at None writes no log.

    Every file is UTF-8 without BOM. Each section file holds a JSON array, sorted. Dates are ISO 8601
    in UTC. Enumerations are written twice: the name under the property's own name and the number
    under the same name followed by "Value", for example
        "AuthMechanism": "Tls, ExchangeServer", "AuthMechanismValue": 17
    A number is null when the shell only handed over the name. Multi-valued properties are arrays of
    strings; Exchange objects (ADObjectId, SmtpDomain, bindings, IP ranges, ...) are their ToString()
    text. A property the shell did not return at all is left out of the file, so the analyzer treats
    it as unknown rather than empty.

    Transport servers are the ones Exchange itself flags: IsHubTransportServer,
    IsFrontendTransportServer (an Exchange 2013 Client Access server runs Front End Transport) or
    IsEdgeServer. Receive connectors, transport services and the AD values are read once for the
    whole organisation; only the certificate store and the DNS look-up are asked per server, each
    bounded by -TimeoutSeconds.

    Certificates that came through a remote session are recorded with where they came from
    ("Origin", "TypeNames", "PSComputerName"). When PowerShell rebuilt one as a plain
    X509Certificate2 from its RawData, its HasPrivateKey and FriendlyName describe the copy in this
    shell, not the server's certificate: they are left out and named in "UnknownProperties".

    A server or section that fails is recorded in manifest.json "errors" ({server, section,
    message}); the rest is still collected. manifest.json is written when the run starts and again
    when it ends, however it ends, so a stopped run still says what it holds ("complete": false).
    The script is read-only: it never changes Exchange or Active Directory and never exports a
    private key.

    Run it in the Exchange Management Shell of an Edge Transport server to dump that server from its
    AD LDS: the script recognises the Edge from the EdgeTransportRole key Exchange setup writes under
    HKLM:\SOFTWARE\Microsoft\ExchangeServer\v15 (v14 for Exchange 2010).

.PARAMETER OutputPath
    Folder to create for the dump. It must not exist yet, or be empty, so that no stale file from an
    earlier run mixes into this one. A trailing path separator is ignored.

.PARAMETER Server
    Names of the servers to collect, as server names or FQDNs; each is resolved to the server
    object's Name. Default: every transport server Get-ExchangeServer returns. A name that is not an
    Exchange server, or a server without a transport role, is listed in manifest.json
    "skippedServers" with the reason.

.PARAMETER Zip
    Also write <OutputPath>.zip holding the dump, ready to send. Its entry names use forward slashes
    on every platform. An existing <OutputPath>.zip is never replaced unless -Force is given: without
    it the script stops before collecting anything.

.PARAMETER Force
    With -Zip, replace an existing <OutputPath>.zip. It does not allow a non-empty OutputPath.

.PARAMETER EvidenceDays
    How many days of logs and events to read, counted back from when the collection starts. Default 2;
    0 reads only what is written during the run.

.PARAMETER EvidenceMaxMB
    The most protocol-log data to read per server, in megabytes, newest files first (the extract
    written is much smaller: only the TLS rows). Default 50.

.PARAMETER EvidenceMaxEvents
    The most Application log events to export per server. Default 1000.

.PARAMETER NoEvidence
    Collect no evidence: no TransportEvents.json, no ProtocolLog folders, no Get-WinEvent and no
    Get-FrontendTransportService.

.PARAMETER TimeoutSeconds
    Longest wait, in seconds, for one call that may hang on an unreachable server: each Exchange
    cmdlet (run as a job of the Exchange remote session, Wait-Job -Timeout), each DNS look-up and the
    AD search. A call that does not answer in time is stopped and recorded as an error of that server
    and section. 0 waits without limit. Default 120.

.EXAMPLE
    .\Export-ExtlsDump.ps1 -OutputPath C:\Temp\extls-dump -Zip

    Collects every transport server of the organisation and writes C:\Temp\extls-dump.zip as well.

.EXAMPLE
    .\Export-ExtlsDump.ps1 -OutputPath C:\Temp\ex01 -Server ex01.contoso.com -Zip -Force

    Collects one server, named by its FQDN, and replaces C:\Temp\ex01.zip if it exists.

.EXAMPLE
    .\Export-ExtlsDump.ps1 -OutputPath .\edge-dump

    Run in the Exchange Management Shell of an Edge Transport server: dumps that server from its AD LDS.

.NOTES
    Runs in the Exchange Management Shell (Windows PowerShell 5.1) and in PowerShell 7.

    Commands used, all of them read-only except the file operations on the output path:
      Get-ExchangeServer, Get-TransportService, Get-ReceiveConnector, Get-ExchangeCertificate,
      Get-SendConnector, Get-EdgeSubscription, Get-OrganizationConfig, Get-HybridConfiguration,
      Get-TransportConfig, Get-AcceptedDomain, Get-FrontendTransportService
                                                                       read Exchange configuration
      Get-WinEvent                                                     read the transport certificate events
      Get-ChildItem, System.IO.FileStream (read, shared)               read the protocol-log files
      Get-Command                                                      see whether a cmdlet can run as a job
      Wait-Job, Receive-Job, Stop-Job, Remove-Job                      bound each cmdlet call (the collector's own jobs only)
      DirectorySearcher                                                read msExchServerInternalTLSCert
      [System.Net.Dns]::GetHostAddressesAsync                          resolve each server's FQDN
      Test-Path, Get-ItemProperty                                      read the Exchange setup registry keys
      Test-Path, Get-ChildItem                                         check that OutputPath is new or empty
      New-Item -ItemType Directory                                     create OutputPath and its subfolders
      [System.IO.File]::WriteAllText, System.IO.Compression            write the JSON files and, with -Zip, the zip
      New-Object, ConvertTo-Json, Where-Object, ForEach-Object, Write-Progress/Host/Warning
    Certificates are read through Get-ExchangeCertificate; RawData is the DER of the public
    certificate. Export-ExchangeCertificate and any password parameter are never used.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $OutputPath,

    [string[]] $Server,

    [switch] $Zip,

    [switch] $Force,

    [ValidateRange(0, 86400)]
    [int] $TimeoutSeconds = 120,

    [ValidateRange(0, 365)]
    [int] $EvidenceDays = 2,

    [ValidateRange(1, 102400)]
    [int] $EvidenceMaxMB = 50,

    [ValidateRange(1, 100000)]
    [int] $EvidenceMaxEvents = 1000,

    [switch] $NoEvidence
)

$ErrorActionPreference = 'Stop'
$script:CollectorVersion = '1.2.0'
$script:Invariant = [System.Globalization.CultureInfo]::InvariantCulture
$script:Utf8NoBom = New-Object System.Text.UTF8Encoding $false
$script:Errors = New-Object System.Collections.ArrayList
$script:Settled = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase)
$script:Files = New-Object System.Collections.ArrayList
$script:FileSet = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::Ordinal)
$script:SectionTimings = New-Object System.Collections.ArrayList
$script:ServerTimings = New-Object System.Collections.ArrayList
$script:Skipped = New-Object System.Collections.ArrayList
$script:JobSupport = @{}
$script:EvidenceRecords = New-Object System.Collections.ArrayList

# The type Get-ExchangeCertificate returns in a shell that holds the Exchange assemblies.
$script:ExchangeCertificateType = 'Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate'
# X509Certificate2 properties that describe the local copy, not the server's certificate, once
# PowerShell has rebuilt the object from RawData.
$script:RebuiltUnknown = 'FriendlyName', 'HasPrivateKey'

function New-ExtlsTable {
    # Names of servers and sections compare without case, as Exchange and Windows compare them.
    return New-Object System.Collections.Hashtable ([System.StringComparer]::OrdinalIgnoreCase)
}

function Get-ExtlsSettledKey {
    param([string] $ServerName, [string] $Section)
    return ([string] $ServerName) + '|' + $Section
}

function Add-ExtlsError {
    # A stop request (Ctrl+C) must reach the run's finally block, never be filed as a section error.
    param([string] $ServerName, [string] $Section, [string] $Message, [System.Management.Automation.ErrorRecord] $ErrorRecord)
    if ($null -ne $ErrorRecord) {
        if ($ErrorRecord.Exception -is [System.Management.Automation.PipelineStoppedException]) { throw $ErrorRecord }
        $Message = $ErrorRecord.Exception.Message
    }
    # An organisation section has no server and a whole-server failure no section: both are null.
    $serverValue = $null
    if ($ServerName) { $serverValue = $ServerName }
    $sectionValue = $null
    if ($Section) { $sectionValue = $Section }
    $entry = [ordered]@{ server = $serverValue; section = $sectionValue; message = $Message }
    [void] $script:Errors.Add($entry)
    [void] $script:Settled.Add((Get-ExtlsSettledKey $ServerName $Section))
    Write-Warning ("{0} {1}: {2}" -f $ServerName, $Section, $Message)
}

function Add-ExtlsTiming {
    param([string] $ServerName, [string] $Section, [System.Diagnostics.Stopwatch] $Stopwatch)
    $seconds = [math]::Round($Stopwatch.Elapsed.TotalSeconds, 3)
    $serverValue = $null
    if ($ServerName) { $serverValue = $ServerName }
    [void] $script:SectionTimings.Add([ordered]@{ server = $serverValue; section = $Section; seconds = $seconds })
}

function Get-ExtlsMember {
    # Properties are looked up, never dereferenced: a caller's Set-StrictMode must not turn a
    # property the shell did not return into an exception.
    param([object] $InputObject, [string] $Name)
    if ($null -eq $InputObject) { return $null }
    if ($InputObject -is [System.Collections.IDictionary]) {
        if ($InputObject.Contains($Name)) { return New-Object PSObject -Property @{ Name = $Name; Value = $InputObject[$Name]; MemberType = 'NoteProperty' } }
        return $null
    }
    return $InputObject.PSObject.Properties[$Name]
}

function Get-ExtlsValue {
    param([object] $InputObject, [string] $Name)
    $member = Get-ExtlsMember $InputObject $Name
    if ($null -eq $member) { return $null }
    # The comma keeps a collection (RawData's byte[]) whole instead of unrolling it into the pipeline.
    return , $member.Value
}

function ConvertTo-ExtlsBoolean {
    # A flag may arrive as a Boolean or, through a deeper export, as the text "True"/"False";
    # the text "False" is truthy in PowerShell, so it is read, not cast.
    param([object] $Value)
    if ($null -eq $Value) { return $null }
    $base = $Value.PSObject.BaseObject
    if ($base -is [bool]) { return $base }
    $text = ([string] $base).Trim()
    if ($text -eq 'True' -or $text -eq '1') { return $true }
    if ($text -eq 'False' -or $text -eq '0') { return $false }
    return $null
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
    # The number of an enum value; for a multi-valued enum property, one number per value.
    param([object] $Value)
    if ($null -eq $Value) { return $null }
    $base = $Value.PSObject.BaseObject
    if ($base -is [System.Enum]) { return [System.Convert]::ToInt64($base, $script:Invariant) }
    if ($base -is [int] -or $base -is [long] -or $base -is [short] -or $base -is [byte]) { return [long] $base }
    if ($base -is [System.Collections.IEnumerable] -and $base -isnot [string]) {
        $numbers = New-Object System.Collections.ArrayList
        foreach ($item in $base) { [void] $numbers.Add((Get-ExtlsEnumNumber $item)) }
        return , $numbers.ToArray()
    }
    return $null
}

function ConvertTo-ExtlsRow {
    param([object] $InputObject, [string[]] $Property, [string[]] $EnumProperty, [string[]] $Exclude = @())
    $row = [ordered]@{}
    foreach ($name in $Property) {
        if ($Exclude -contains $name) { continue }
        $member = Get-ExtlsMember $InputObject $name
        if ($null -eq $member) { continue }
        $row[$name] = ConvertTo-ExtlsValue $member.Value
        if ($EnumProperty -contains $name) { $row[$name + 'Value'] = Get-ExtlsEnumNumber $member.Value }
    }
    return $row
}

function Get-ExtlsCertificateOrigin {
    # Local: Exchange's own certificate object (a local shell, as on an Edge Transport server).
    # Deserialized: Exchange's object as a remote session hands it over, every property the server's.
    # Rebuilt: PowerShell turned the serialized certificate back into a plain X509Certificate2 from
    # its RawData; what the DER holds is the server's, the rest describes the copy in this shell.
    param([object] $InputObject)
    $typeNames = @($InputObject.PSObject.TypeNames)
    if (@($typeNames | Where-Object { $_ -like 'Deserialized.*' }).Count -gt 0) { return 'Deserialized' }
    $isCertificate = $InputObject.PSObject.BaseObject -is [System.Security.Cryptography.X509Certificates.X509Certificate2]
    if ($isCertificate -and $typeNames -contains $script:ExchangeCertificateType) { return 'Local' }
    if ($isCertificate) { return 'Rebuilt' }
    return 'Other'
}

function ConvertTo-ExtlsCertificateRow {
    param([object] $InputObject, [string[]] $Property, [string[]] $EnumProperty)
    $origin = Get-ExtlsCertificateOrigin $InputObject
    $unknown = New-Object System.Collections.ArrayList
    if ($origin -eq 'Rebuilt') {
        foreach ($name in $script:RebuiltUnknown) {
            # A note property came with the serialized data; the adapted one is the rebuilt copy's.
            $member = Get-ExtlsMember $InputObject $name
            if ($null -ne $member -and [string] $member.MemberType -ne 'NoteProperty') { [void] $unknown.Add($name) }
        }
    }
    $row = ConvertTo-ExtlsRow -InputObject $InputObject -Property $Property -EnumProperty $EnumProperty -Exclude ([string[]] $unknown.ToArray())
    $row['Origin'] = $origin
    $row['TypeNames'] = [string[]] @($InputObject.PSObject.TypeNames)
    $row['PSComputerName'] = ConvertTo-ExtlsValue (Get-ExtlsValue $InputObject 'PSComputerName')
    $row['UnknownProperties'] = [string[]] $unknown.ToArray()
    return $row
}

function Get-ExtlsThumbprintOf {
    # SHA-1 of the DER, as Windows computes a thumbprint; used only to order a certificate that came
    # back without its Thumbprint property.
    param([object] $RawData)
    $bytes = $null
    if ($null -eq $RawData) { return '' }
    $base = $RawData.PSObject.BaseObject
    if ($base -is [byte[]]) { $bytes = $base }
    elseif ($base -is [string]) {
        try { $bytes = [System.Convert]::FromBase64String($base) } catch { return '' }
    }
    if ($null -eq $bytes) { return '' }
    $sha1 = [System.Security.Cryptography.SHA1]::Create()
    try { return [System.BitConverter]::ToString($sha1.ComputeHash($bytes)).Replace('-', '') }
    finally { $sha1.Dispose() }
}

function Get-ExtlsSortKey {
    param([object] $InputObject, [string] $SortBy)
    $member = Get-ExtlsMember $InputObject $SortBy
    if ($null -ne $member -and $null -ne $member.Value) { return [string] (ConvertTo-ExtlsValue $member.Value) }
    if ($SortBy -eq 'Thumbprint') { return Get-ExtlsThumbprintOf (Get-ExtlsValue $InputObject 'RawData') }
    return ''
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

function Get-ExtlsRelativePath {
    param([string] $ServerName, [string] $Section)
    if ($ServerName) { return 'servers/' + $ServerName + '/' + $Section + '.json' }
    return 'org/' + $Section + '.json'
}

function Write-ExtlsJson {
    param([string] $RelativePath, [object] $Value)
    $path = Join-Path $script:Root ($RelativePath.Replace('/', [string] [System.IO.Path]::DirectorySeparatorChar))
    $json = ConvertTo-Json -InputObject $Value -Depth 6
    [System.IO.File]::WriteAllText($path, $json + "`n", $script:Utf8NoBom)
    # A set, not a search of the list: a 500-server dump writes thousands of files.
    if ($script:FileSet.Add($RelativePath)) { [void] $script:Files.Add($RelativePath) }
}

function Write-ExtlsSection {
    param(
        [string] $ServerName, [string] $Section, [object[]] $Items, [string[]] $Property,
        [string[]] $EnumProperty = @(), [string] $SortBy, [switch] $Certificate
    )
    $items = @($Items | Where-Object { $null -ne $_ })
    $keys = New-Object System.Collections.ArrayList
    foreach ($item in $items) { [void] $keys.Add((Get-ExtlsSortKey $item $SortBy)) }
    $rows = New-Object System.Collections.ArrayList
    foreach ($item in (Get-ExtlsOrdinalOrder -Items $items -Keys ([string[]] $keys.ToArray()))) {
        if ($Certificate) { [void] $rows.Add((ConvertTo-ExtlsCertificateRow -InputObject $item -Property $Property -EnumProperty $EnumProperty)) }
        else { [void] $rows.Add((ConvertTo-ExtlsRow -InputObject $item -Property $Property -EnumProperty $EnumProperty)) }
    }
    Write-ExtlsJson -RelativePath (Get-ExtlsRelativePath $ServerName $Section) -Value $rows.ToArray()
    [void] $script:Settled.Add((Get-ExtlsSettledKey $ServerName $Section))
}

function Test-ExtlsJobSupport {
    # Commands of an Exchange remote session (the Exchange Management Shell imports them with
    # Import-PSSession) accept -AsJob; the local snap-in of an Edge Transport server does not.
    param([string] $Name)
    if ($script:JobSupport.ContainsKey($Name)) { return $script:JobSupport[$Name] }
    $supported = $false
    $command = Get-Command -Name $Name -ErrorAction SilentlyContinue
    if ($null -ne $command -and $null -ne $command.Parameters -and $command.Parameters.ContainsKey('AsJob')) { $supported = $true }
    $script:JobSupport[$Name] = $supported
    return $supported
}

function Receive-ExtlsJob {
    # Windows PowerShell 5.1 has no per-cmdlet timeout. A job of the remote session can be waited
    # for with a bound and stopped, which frees the session for the next server.
    param([System.Management.Automation.Job] $Job, [string] $Name, [int] $TimeoutSeconds)
    try {
        $finished = Wait-Job -Job $Job -Timeout $TimeoutSeconds
        if ($null -eq $finished) {
            Stop-Job -Job $Job
            throw ("{0} gave no answer within {1} s (is the server down or unreachable?); the call was stopped." -f $Name, $TimeoutSeconds)
        }
        Receive-Job -Job $Job -ErrorAction Stop
    }
    finally { Remove-Job -Job $Job -Force -ErrorAction SilentlyContinue }
}

function Invoke-ExtlsExchangeCommand {
    # Every Exchange cmdlet the collector runs, named here so that the read-only test can see them.
    param([string] $Name, [hashtable] $Parameters = @{}, [int] $TimeoutSeconds)
    $arguments = @{}
    foreach ($key in $Parameters.Keys) { $arguments[$key] = $Parameters[$key] }
    $arguments['ErrorAction'] = 'Stop'
    $asJob = ($TimeoutSeconds -gt 0) -and (Test-ExtlsJobSupport $Name)
    if ($asJob) { $arguments['AsJob'] = $true }
    $result = $null
    switch -Exact ($Name) {
        'Get-ExchangeServer' { $result = Get-ExchangeServer @arguments }
        'Get-OrganizationConfig' { $result = Get-OrganizationConfig @arguments }
        'Get-SendConnector' { $result = Get-SendConnector @arguments }
        'Get-EdgeSubscription' { $result = Get-EdgeSubscription @arguments }
        'Get-HybridConfiguration' { $result = Get-HybridConfiguration @arguments }
        'Get-TransportConfig' { $result = Get-TransportConfig @arguments }
        'Get-FrontendTransportService' { $result = Get-FrontendTransportService @arguments }
        'Get-AcceptedDomain' { $result = Get-AcceptedDomain @arguments }
        'Get-TransportService' { $result = Get-TransportService @arguments }
        'Get-ReceiveConnector' { $result = Get-ReceiveConnector @arguments }
        'Get-ExchangeCertificate' { $result = Get-ExchangeCertificate @arguments }
        default { throw "Export-ExtlsDump does not run $Name." }
    }
    # Results go down the pipeline one by one; callers collect them with @().
    if (-not $asJob) { return $result | Where-Object { $null -ne $_ } }
    $jobs = @($result | Where-Object { $_ -is [System.Management.Automation.Job] })
    if ($jobs.Count -ne 1) { throw "$Name -AsJob returned no job." }
    Receive-ExtlsJob -Job $jobs[0] -Name $Name -TimeoutSeconds $TimeoutSeconds | Where-Object { $null -ne $_ }
}

function Resolve-ExtlsHostAddress {
    <#
    .SYNOPSIS
        The IP addresses DNS gives for one FQDN, as HostAddress.json rows, within a time bound.
    #>
    param([string] $Fqdn, [int] $TimeoutSeconds)
    $task = [System.Net.Dns]::GetHostAddressesAsync($Fqdn)
    $milliseconds = -1
    if ($TimeoutSeconds -gt 0) { $milliseconds = $TimeoutSeconds * 1000 }
    try { $done = $task.Wait($milliseconds) }
    catch {
        $inner = $_.Exception
        while ($null -ne $inner.InnerException) { $inner = $inner.InnerException }
        throw ("DNS could not resolve {0}: {1}" -f $Fqdn, $inner.Message)
    }
    if (-not $done) { throw ("DNS gave no answer for {0} within {1} s." -f $Fqdn, $TimeoutSeconds) }
    $rows = New-Object System.Collections.ArrayList
    $seen = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($address in $task.Result) {
        $text = $address.ToString()
        if (-not $seen.Add($text)) { continue }
        [void] $rows.Add([ordered]@{
                HostName           = $Fqdn
                IPAddressToString  = $text
                AddressFamily      = $address.AddressFamily.ToString()
                AddressFamilyValue = [long] [int] $address.AddressFamily
            })
    }
    return $rows.ToArray()
}

function Invoke-ExtlsDirectorySearch {
    <#
    .SYNOPSIS
        One LDAP search through ADSI; returns one hashtable per object with the first value of each property.
    #>
    param([string] $Path, [string] $Filter, [string[]] $Property, [int] $TimeoutSeconds)
    if ($null -eq ('System.DirectoryServices.DirectorySearcher' -as [type])) {
        throw 'ADSI is not available in this shell (it needs Windows): System.DirectoryServices [adsi] is not loaded.'
    }
    $entry = New-Object System.DirectoryServices.DirectoryEntry $Path
    $searcher = New-Object System.DirectoryServices.DirectorySearcher $entry
    $results = $null
    try {
        $searcher.Filter = $Filter
        # Paged, so that an organisation with more servers than the directory's page limit is read whole.
        $searcher.PageSize = 500
        if ($TimeoutSeconds -gt 0) {
            $searcher.ClientTimeout = [System.TimeSpan]::FromSeconds($TimeoutSeconds)
            $searcher.ServerTimeLimit = [System.TimeSpan]::FromSeconds($TimeoutSeconds)
        }
        foreach ($name in $Property) { [void] $searcher.PropertiesToLoad.Add($name) }
        $results = $searcher.FindAll()
        $rows = New-Object System.Collections.ArrayList
        foreach ($result in $results) {
            $row = @{}
            foreach ($name in $Property) {
                $values = $result.Properties[$name.ToLowerInvariant()]
                $row[$name] = $null
                if ($null -ne $values -and $values.Count -gt 0) { $row[$name] = $values[0] }
            }
            [void] $rows.Add($row)
        }
        return $rows.ToArray()
    }
    finally {
        if ($null -ne $results) { $results.Dispose() }
        $searcher.Dispose()
        $entry.Dispose()
    }
}

function Get-ExtlsParentDn {
    # The DN without its first RDN; a comma escaped with a backslash belongs to the RDN.
    param([string] $DistinguishedName)
    for ($i = 0; $i -lt $DistinguishedName.Length; $i++) {
        if ($DistinguishedName[$i] -eq '\') { $i++; continue }
        if ($DistinguishedName[$i] -eq ',') { return $DistinguishedName.Substring($i + 1) }
    }
    return $null
}

function Get-ExtlsSearchRoot {
    # Every server object of an organisation lives under its "Administrative Groups" container, so one
    # search there finds them all; a DN outside it is searched from its own parent.
    param([string] $DistinguishedName)
    $marker = ',CN=Administrative Groups,'
    $at = $DistinguishedName.IndexOf($marker, [System.StringComparison]::OrdinalIgnoreCase)
    if ($at -ge 0) { return $DistinguishedName.Substring($at + 1) }
    return Get-ExtlsParentDn $DistinguishedName
}

function Get-ExtlsDirectorySearchPlan {
    <#
    .SYNOPSIS
        Groups the servers' AD reads into one search per directory server and search root.
    .DESCRIPTION
        Each request names a server, the DN of its server object and the directory server to bind to
        (the domain controller Exchange read the object from, or the Edge's AD LDS). The result maps
        each LDAP path to the requests it answers; a request that cannot be bound carries its reason.
    #>
    param([object[]] $Request)
    $searches = [ordered]@{}
    $unbound = New-Object System.Collections.ArrayList
    foreach ($r in $Request) {
        $dn = [string] $r.DistinguishedName
        $directory = [string] $r.DirectoryServer
        $reason = $null
        $searchRoot = $null
        if (-not $dn) { $reason = 'The distinguished name of the server object is unknown (Get-ExchangeServer did not return it), so its AD value cannot be read.' }
        elseif (-not $directory) { $reason = "Exchange reported no domain controller (OriginatingServer) for $dn, so its AD value cannot be read without guessing the forest." }
        else {
            $searchRoot = Get-ExtlsSearchRoot $dn
            if (-not $searchRoot) { $reason = "The distinguished name '$dn' has no parent to search." }
        }
        if ($reason) { [void] $unbound.Add(@{ Request = $r; Reason = $reason }); continue }
        # A slash inside a DN must be escaped in an ADsPath.
        $path = 'LDAP://' + $directory + '/' + $searchRoot.Replace('/', '\/')
        if (-not $searches.Contains($path)) { $searches[$path] = New-Object System.Collections.ArrayList }
        [void] $searches[$path].Add($r)
    }
    return @{ Searches = $searches; Unbound = $unbound.ToArray() }
}

function Get-ExtlsInternalTransportCertificate {
    <#
    .SYNOPSIS
        Reads msExchServerInternalTLSCert of the servers' objects: one search per directory server.
    #>
    param([object[]] $Request, [int] $TimeoutSeconds)
    $answers = New-ExtlsTable
    $plan = Get-ExtlsDirectorySearchPlan -Request $Request
    foreach ($u in $plan.Unbound) {
        $answers[[string] $u.Request.Name] = [ordered]@{
            server = [string] $u.Request.Name; distinguishedName = $u.Request.DistinguishedName; domainController = $u.Request.DirectoryServer
            msExchServerInternalTLSCert = $null; readError = $u.Reason
        }
    }
    foreach ($path in $plan.Searches.Keys) {
        $found = New-ExtlsTable
        $searchError = $null
        try {
            $rows = Invoke-ExtlsDirectorySearch -Path $path -Filter '(objectClass=msExchExchangeServer)' `
                -Property 'distinguishedName', 'msExchServerInternalTLSCert' -TimeoutSeconds $TimeoutSeconds
            foreach ($row in $rows) { $found[[string] $row['distinguishedName']] = $row }
        }
        catch {
            if ($_.Exception -is [System.Management.Automation.PipelineStoppedException]) { throw }
            $searchError = $_.Exception.Message
        }
        foreach ($r in $plan.Searches[$path]) {
            $answer = [ordered]@{
                server = [string] $r.Name; distinguishedName = [string] $r.DistinguishedName; domainController = [string] $r.DirectoryServer
                msExchServerInternalTLSCert = $null; readError = $null
            }
            if ($searchError) { $answer.readError = "The search $path failed: $searchError" }
            elseif (-not $found.ContainsKey([string] $r.DistinguishedName)) { $answer.readError = "No server object $($r.DistinguishedName) under $path." }
            else {
                $value = $found[[string] $r.DistinguishedName]['msExchServerInternalTLSCert']
                if ($null -ne $value) { $answer.msExchServerInternalTLSCert = [System.Convert]::ToBase64String([byte[]] $value) }
            }
            $answers[[string] $r.Name] = $answer
        }
    }
    return $answers
}

function Test-ExtlsEdgeRole {
    # Exchange setup records an installed Edge Transport role as this key (v14: Exchange 2010).
    foreach ($version in 'v15', 'v14') {
        if (Test-Path -LiteralPath "HKLM:\SOFTWARE\Microsoft\ExchangeServer\$version\EdgeTransportRole") { return $true }
    }
    return $false
}

function Get-ExtlsEdgeLdapPort {
    # The port of the Edge's AD LDS instance, as Exchange setup recorded it; 50389 unless changed.
    foreach ($version in 'v15', 'v14') {
        try {
            $settings = Get-ItemProperty -LiteralPath "HKLM:\SOFTWARE\Microsoft\ExchangeServer\$version\EdgeTransportRole\AdamSettings\MSExchange" -ErrorAction Stop
            $port = Get-ExtlsValue $settings 'LdapPort'
            if ($port) { return [int] $port }
        }
        catch { if ($_.Exception -is [System.Management.Automation.PipelineStoppedException]) { throw } }
    }
    return 50389
}

function Get-ExtlsLocalServerName {
    return [System.Environment]::MachineName
}

function Get-ExtlsTransportKind {
    # 'Edge', 'Transport' or $null, from the flags Exchange computes for each server. Without them (a
    # hand-made list), from ServerRole: Hub Transport and Edge of any version, and Mailbox or Client
    # Access from Exchange 2013 on (both run a transport service there).
    param([object] $Entry)
    $flags = 'IsEdgeServer', 'IsHubTransportServer', 'IsFrontendTransportServer'
    $present = @($flags | Where-Object { $null -ne (Get-ExtlsMember $Entry $_) })
    if ($present.Count -gt 0) {
        if (ConvertTo-ExtlsBoolean (Get-ExtlsValue $Entry 'IsEdgeServer')) { return 'Edge' }
        if ((ConvertTo-ExtlsBoolean (Get-ExtlsValue $Entry 'IsHubTransportServer')) -or
            (ConvertTo-ExtlsBoolean (Get-ExtlsValue $Entry 'IsFrontendTransportServer'))) { return 'Transport' }
        return $null
    }
    $role = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $Entry 'ServerRole'))
    if ($role -match '\bEdge\b') { return 'Edge' }
    if ($role -match '\bHubTransport\b') { return 'Transport' }
    $major = 0
    $version = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $Entry 'AdminDisplayVersion'))
    if ($version -match 'Version (\d+)\.') { $major = [int] $Matches[1] }
    if ($major -ge 15 -and $role -match '\b(Mailbox|ClientAccess)\b') { return 'Transport' }
    return $null
}

function Add-ExtlsSkipped {
    param([string] $ServerName, [string] $Reason)
    [void] $script:Skipped.Add([ordered]@{ server = $ServerName; reason = $Reason })
}

function Write-ExtlsManifest {
    param([bool] $Complete, [string] $Interruption)
    $userName = [System.Environment]::UserName
    if ([System.Environment]::UserDomainName) { $userName = [System.Environment]::UserDomainName + '\' + $userName }
    $manifest = [ordered]@{
        format          = 'extls-raw/1'
        collectedAt     = $script:CollectedAt
        finishedAt      = $null
        complete        = $Complete
        interruption    = $null
        organization    = $script:Organization
        collector       = [ordered]@{
            name              = 'Export-ExtlsDump'
            version           = $script:CollectorVersion
            host              = [System.Environment]::MachineName
            user              = $userName
            powershellVersion = $PSVersionTable.PSVersion.ToString()
            edgeTransport     = $script:OnEdge
            timeoutSeconds    = $TimeoutSeconds
        }
        servers         = [string[]] $script:ServerNames
        skippedServers  = $script:Skipped.ToArray()
        errors          = $script:Errors.ToArray()
        serverTimings   = $script:ServerTimings.ToArray()
        sectionTimings  = $script:SectionTimings.ToArray()
        evidence        = $null
    }
    if (-not $NoEvidence) {
        $manifest.evidence = [ordered]@{
            days = $EvidenceDays; maxMB = $EvidenceMaxMB; maxEvents = $EvidenceMaxEvents
            since = $script:EvidenceSince.ToString('o', $script:Invariant); servers = $script:EvidenceRecords.ToArray()
        }
    }
    if ($script:Finished) { $manifest.finishedAt = [datetime]::UtcNow.ToString('o', $script:Invariant) }
    if ($Interruption) { $manifest.interruption = $Interruption }
    Write-ExtlsJson -RelativePath 'manifest.json' -Value $manifest
}

function Write-ExtlsZip {
    # System.IO.Compression rather than Compress-Archive: Windows PowerShell 5.1's Compress-Archive
    # writes backslashes into entry names, which unzip on Linux turns into file names.
    param([string] $Destination, [switch] $Replace)
    if ($null -eq ('System.IO.Compression.ZipArchive' -as [type])) {
        [void] [System.Reflection.Assembly]::Load('System.IO.Compression, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089')
    }
    $mode = [System.IO.FileMode]::CreateNew
    if ($Replace) { $mode = [System.IO.FileMode]::Create }
    $names = [string[]] $script:Files.ToArray()
    $ordered = Get-ExtlsOrdinalOrder -Items $names -Keys $names
    $stream = New-Object System.IO.FileStream $Destination, $mode, ([System.IO.FileAccess]::Write), ([System.IO.FileShare]::None)
    try {
        $archive = New-Object System.IO.Compression.ZipArchive $stream, ([System.IO.Compression.ZipArchiveMode]::Create), $true
        try {
            foreach ($name in $ordered) {
                $bytes = [System.IO.File]::ReadAllBytes((Join-Path $script:Root ($name.Replace('/', [string] [System.IO.Path]::DirectorySeparatorChar))))
                $entry = $archive.CreateEntry($name, [System.IO.Compression.CompressionLevel]::Optimal)
                $output = $entry.Open()
                try { $output.Write($bytes, 0, $bytes.Length) }
                finally { $output.Dispose() }
            }
        }
        finally { $archive.Dispose() }
    }
    finally { $stream.Dispose() }
}

# --- Evidence from the servers' own logs ------------------------------------------------------------
# Read-only and bounded: the newest protocol-log files of each server up to -EvidenceDays and
# -EvidenceMaxMB, of which only the header lines and the TLS rows are copied (never MAIL FROM, RCPT TO
# or message data), and the transport certificate events of the Application log up to a count.

function Split-ExtlsCsvLine {
    <#
    .SYNOPSIS
        The fields of one CSV row as Exchange writes its protocol logs: a field holding a comma or a quote
        is quoted, a quote inside it doubled.
    #>
    param([string] $Line)
    $fields = New-Object System.Collections.ArrayList
    $current = New-Object System.Text.StringBuilder
    $quoted = $false
    $i = 0
    while ($i -lt $Line.Length) {
        $c = $Line[$i]
        if ($quoted) {
            if ($c -eq '"') {
                if ($i + 1 -lt $Line.Length -and $Line[$i + 1] -eq '"') { [void] $current.Append('"'); $i += 2; continue }
                $quoted = $false
            }
            else { [void] $current.Append($c) }
        }
        elseif ($c -eq '"') { $quoted = $true }
        elseif ($c -eq ',') { [void] $fields.Add($current.ToString()); [void] $current.Clear() }
        else { [void] $current.Append($c) }
        $i++
    }
    [void] $fields.Add($current.ToString())
    return , ([string[]] $fields.ToArray())
}

function Test-ExtlsEvidenceRow {
    <#
    .SYNOPSIS
        Whether a protocol-log row is one extls reads: connect and disconnect, the certificate the server
        presented (both forms) or received, the TLS negotiation result, the EHLO command and the lines of
        its answer that list extensions, and the STARTTLS / X-ANONYMOUSTLS commands. Nothing else: no MAIL
        FROM, RCPT TO, message id or message data.
    #>
    param([string] $EventText, [string] $Data, [string] $Context)
    if ($EventText -eq '+' -or $EventText -eq '-') { return $true }
    if ($EventText -eq '*') {
        if ($Context -match '^(Sending certificate|Remote certificate|Received certificate|Certificate (subject|issuer name|serial number|thumbprint|alternate names|not before|not after))') { return $true }
        if ($Context -match '^TLS ' -or $Data -match '^TLS ') { return $true }
        return $false
    }
    if ($EventText -eq '<' -or $EventText -eq '>') {
        $text = $Data.Trim()
        if ($text -eq 'STARTTLS' -or $text -eq 'X-ANONYMOUSTLS') { return $true }
        if ($text -match '^(EHLO|HELO) [^\s<>@]+$') { return $true }
        # EHLO answers: "250  host Hello [ip] SIZE ... STARTTLS" or "250-STARTTLS"; never "250 2.1.0 Sender OK".
        if ($text -match '^250[ -]+[A-Za-z]') { return $true }
    }
    return $false
}

function Copy-ExtlsProtocolLogExtract {
    <#
    .SYNOPSIS
        Copies the header lines and the TLS rows of one protocol log, reading at most $Budget bytes of it;
        returns what was read and written. The field order is taken from the file's #Fields: line.
    #>
    param([string] $Source, [string] $Destination, [long] $Budget)
    $result = [ordered]@{ bytesRead = [long] 0; bytesWritten = [long] 0; rows = [long] 0; rowsKept = [long] 0; truncated = $false }
    # Exchange keeps the newest file open for writing: share it.
    $stream = New-Object System.IO.FileStream $Source, ([System.IO.FileMode]::Open), ([System.IO.FileAccess]::Read), ([System.IO.FileShare]::ReadWrite)
    $reader = New-Object System.IO.StreamReader $stream, $script:Utf8NoBom, $true, 65536
    $output = $null
    try {
        $output = New-Object System.IO.StreamWriter $Destination, $false, $script:Utf8NoBom
        $output.NewLine = "`r`n"
        $index = @{ event = 6; data = 7; context = 8 }
        while ($true) {
            $line = $reader.ReadLine()
            if ($null -eq $line) { break }
            $result.bytesRead += $line.Length + 2
            if ($line.StartsWith('#')) {
                if ($line.StartsWith('#Fields:')) {
                    $names = Split-ExtlsCsvLine $line.Substring(8).Trim()
                    for ($n = 0; $n -lt $names.Count; $n++) {
                        $key = $names[$n].Trim()
                        if ($key -eq 'event' -or $key -eq 'data' -or $key -eq 'context') { $index[$key] = $n }
                    }
                }
                $output.WriteLine($line)
                $result.bytesWritten += $line.Length + 2
            }
            else {
                $result.rows++
                # Most rows are message traffic: a cheap look first, the CSV split only for candidates.
                if ($line.IndexOf('certificate', [System.StringComparison]::OrdinalIgnoreCase) -ge 0 -or $line.Contains('TLS') -or
                    $line.Contains(',+,') -or $line.Contains(',-,') -or $line.Contains('EHLO') -or $line.Contains('HELO') -or $line.Contains(',250')) {
                    $fields = Split-ExtlsCsvLine $line
                    $eventText = ''; $data = ''; $context = ''
                    if ($fields.Count -gt $index.event) { $eventText = $fields[$index.event] }
                    if ($fields.Count -gt $index.data) { $data = $fields[$index.data] }
                    if ($fields.Count -gt $index.context) { $context = $fields[$index.context] }
                    if (Test-ExtlsEvidenceRow -EventText $eventText -Data $data -Context $context) {
                        $output.WriteLine($line)
                        $result.bytesWritten += $line.Length + 2
                        $result.rowsKept++
                    }
                }
            }
            if ($result.bytesRead -ge $Budget) {
                if ($reader.Peek() -ge 0) { $result.truncated = $true }
                break
            }
        }
    }
    finally {
        if ($null -ne $output) { $output.Dispose() }
        $reader.Dispose()
        $stream.Dispose()
    }
    return $result
}

function ConvertTo-ExtlsUncPath {
    <#
    .SYNOPSIS
        The administrative share path of a local path on another server: C:\Program Files\... on EX02
        becomes \\EX02.contoso.com\C$\Program Files\...
    #>
    param([string] $Path, [string] $ComputerName)
    if ($Path -match '^\\\\') { return $Path }
    if ($Path -match '^([A-Za-z]):\\?(.*)$') { return '\\' + $ComputerName + '\' + $Matches[1] + '$\' + $Matches[2] }
    return $null
}

function Resolve-ExtlsLogFolder {
    # The folder as this shell reaches it: the path itself on the local server, the administrative share
    # of the server otherwise (the account needs administrator rights there, as for the logs themselves).
    param([string] $Path, [string] $ServerName, [string] $Fqdn)
    $local = Get-ExtlsLocalServerName
    if ($ServerName -eq $local -or ($Fqdn -and $Fqdn -eq $local)) { return $Path }
    $computer = $Fqdn
    if (-not $computer) { $computer = $ServerName }
    return ConvertTo-ExtlsUncPath -Path $Path -ComputerName $computer
}

function Get-ExtlsLogFolderFiles {
    param([string] $Folder)
    return @(Get-ChildItem -LiteralPath $Folder -Filter '*.LOG' -File -ErrorAction Stop)
}

function Get-ExtlsTransportEvents {
    <#
    .SYNOPSIS
        The transport certificate events (12012-12018, 12022-12024) of one server's Application log since a date, capped.
    #>
    param([string] $ComputerName, [datetime] $StartTime, [int] $MaxEvents, [bool] $Local)
    $filter = @{
        LogName      = 'Application'
        ProviderName = 'MSExchangeTransport', 'MSExchangeFrontEndTransport'
        Id           = 12012, 12013, 12014, 12015, 12016, 12017, 12018, 12022, 12023, 12024
        StartTime    = $StartTime
    }
    $arguments = @{ FilterHashtable = $filter; MaxEvents = $MaxEvents; ErrorAction = 'Stop' }
    if (-not $Local) { $arguments['ComputerName'] = $ComputerName }
    try { return @(Get-WinEvent @arguments) }
    catch {
        # Get-WinEvent reports "no events" as an error; that is an answer, not a failure.
        if ($_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') { return @() }
        throw
    }
}

function Export-ExtlsServerEvidence {
    <#
    .SYNOPSIS
        Writes one server's evidence: TransportEvents.json and the protocol-log extracts under
        ProtocolLog/<FrontEnd|Hub|Edge>/<SmtpReceive|SmtpSend>/, newest files first within the budget.
        A folder or event log that cannot be read is an error of the server's ProtocolLog or
        TransportEvents section; the rest goes on.
    #>
    param([string] $ServerName, [string] $Fqdn, [object[]] $Folders, [datetime] $Since, [long] $Budget, [int] $MaxEvents)
    $record = [ordered]@{ server = $ServerName; events = $null; files = @(); bytesRead = [long] 0; bytesWritten = [long] 0; truncated = $false }

    $local = ($ServerName -eq (Get-ExtlsLocalServerName))
    try {
        $computer = $Fqdn
        if (-not $computer) { $computer = $ServerName }
        $events = @(Get-ExtlsTransportEvents -ComputerName $computer -StartTime $Since -MaxEvents $MaxEvents -Local $local)
        $rows = New-Object System.Collections.ArrayList
        foreach ($e in $events) {
            [void] $rows.Add((ConvertTo-ExtlsRow -InputObject $e -Property 'TimeCreated', 'Id', 'ProviderName', 'LevelDisplayName', 'Message', 'MachineName'))
        }
        Write-ExtlsJson -RelativePath (Get-ExtlsRelativePath $ServerName 'TransportEvents') -Value $rows.ToArray()
        [void] $script:Settled.Add((Get-ExtlsSettledKey $ServerName 'TransportEvents'))
        $record.events = $rows.Count
    }
    catch { Add-ExtlsError -ServerName $ServerName -Section 'TransportEvents' -ErrorRecord $_ }

    # Every candidate file of every folder, newest first, so that the budget keeps the most recent days.
    $candidates = New-Object System.Collections.ArrayList
    foreach ($f in $Folders) {
        if (-not $f.Path) { continue }
        $folder = Resolve-ExtlsLogFolder -Path $f.Path -ServerName $ServerName -Fqdn $Fqdn
        if (-not $folder) { Add-ExtlsError -ServerName $ServerName -Section 'ProtocolLog' -Message ("{0} {1}: the log path '{2}' cannot be reached from here." -f $f.Service, $f.Direction, $f.Path); continue }
        try {
            foreach ($file in (Get-ExtlsLogFolderFiles -Folder $folder)) {
                if ($file.LastWriteTimeUtc -lt $Since) { continue }
                [void] $candidates.Add([pscustomobject]@{ File = $file; Service = $f.Service; Direction = $f.Direction; Key = $file.LastWriteTimeUtc.Ticks })
            }
        }
        catch { Add-ExtlsError -ServerName $ServerName -Section 'ProtocolLog' -Message ("{0} {1} ({2}): {3}" -f $f.Service, $f.Direction, $folder, $_.Exception.Message) }
    }
    $ordered = @($candidates | Sort-Object -Property @{ Expression = 'Key'; Descending = $true }, @{ Expression = { $_.File.Name }; Descending = $false })
    $left = $Budget
    foreach ($c in $ordered) {
        if ($left -le 0) { $record.truncated = $true; break }
        $relative = 'servers/' + $ServerName + '/ProtocolLog/' + $c.Service + '/' + $c.Direction + '/' + $c.File.Name
        $target = Join-Path $script:Root ($relative.Replace('/', [string] [System.IO.Path]::DirectorySeparatorChar))
        try {
            [void] (New-Item -ItemType Directory -Path ([System.IO.Path]::GetDirectoryName($target)) -Force)
            $copied = Copy-ExtlsProtocolLogExtract -Source $c.File.FullName -Destination $target -Budget $left
            $left -= $copied.bytesRead
            $record.bytesRead += $copied.bytesRead
            $record.bytesWritten += $copied.bytesWritten
            if ($copied.truncated) { $record.truncated = $true }
            $record.files += [ordered]@{ file = $relative; lastWriteTime = $c.File.LastWriteTimeUtc.ToString('o', $script:Invariant); rows = $copied.rows; rowsKept = $copied.rowsKept; truncated = $copied.truncated }
            if ($script:FileSet.Add($relative)) { [void] $script:Files.Add($relative) }
        }
        catch { Add-ExtlsError -ServerName $ServerName -Section 'ProtocolLog' -Message ("{0}: {1}" -f $c.File.FullName, $_.Exception.Message) }
    }
    [void] $script:Settled.Add((Get-ExtlsSettledKey $ServerName 'ProtocolLog'))
    return $record
}

# --- Output folder ---------------------------------------------------------------------------------
$resolved = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
# "dump\" and "dump" are the same folder; without the separator the zip lands next to it, not in it.
$script:Root = $resolved.TrimEnd([char[]] @([System.IO.Path]::DirectorySeparatorChar, [System.IO.Path]::AltDirectorySeparatorChar))
if ($script:Root.Length -eq 0 -or $script:Root.EndsWith(':')) {
    throw "OutputPath '$resolved' is the root of a drive; name a folder for the dump."
}
$zipPath = $script:Root + '.zip'
if ($Zip -and -not $Force -and (Test-Path -LiteralPath $zipPath)) {
    throw "'$zipPath' exists. Pass -Force to replace it, or choose another OutputPath."
}
if ((Test-Path -LiteralPath $script:Root) -and @(Get-ChildItem -LiteralPath $script:Root -Force).Count -gt 0) {
    throw "OutputPath '$($script:Root)' exists and is not empty. Choose a new folder so that no stale file mixes into the dump."
}
[void] (New-Item -ItemType Directory -Path (Join-Path $script:Root 'org') -Force)
[void] (New-Item -ItemType Directory -Path (Join-Path $script:Root 'servers') -Force)
$collectedAtTime = [datetime]::UtcNow
$script:CollectedAt = $collectedAtTime.ToString('o', $script:Invariant)
# Evidence is read from collectedAt - EvidenceDays: the same instant the analyzer compares with.
$script:EvidenceSince = $collectedAtTime.AddDays(-$EvidenceDays)
$script:Organization = $null
$script:ServerNames = @()
$script:OnEdge = $false
$script:Finished = $false

$serverProps = 'Name', 'Fqdn', 'ServerRole', 'Site', 'AdminDisplayVersion', 'IsHubTransportServer', 'IsFrontendTransportServer',
    'IsEdgeServer', 'IsMailboxServer', 'IsClientAccessServer', 'DistinguishedName', 'OriginatingServer'
$transportProps = 'Name', 'InternalTransportCertificateThumbprint', 'IntraOrgConnectorProtocolLoggingLevel', 'ReceiveProtocolLogPath', 'SendProtocolLogPath'
$receiveProps = 'Identity', 'Name', 'Server', 'AuthMechanism', 'PermissionGroups', 'SuppressXAnonymousTls', 'RequireTLS',
    'Enabled', 'Fqdn', 'TlsCertificateName', 'TlsDomainCapabilities', 'TransportRole', 'Bindings', 'RemoteIPRanges', 'DomainSecureEnabled', 'ProtocolLoggingLevel'
$receiveEnums = 'AuthMechanism', 'PermissionGroups', 'TransportRole', 'ProtocolLoggingLevel'
$sendProps = 'Identity', 'Name', 'SourceTransportServers', 'SmartHosts', 'AddressSpaces', 'SmartHostAuthMechanism',
    'TlsCertificateName', 'Fqdn', 'RequireTLS', 'TlsAuthLevel', 'TlsDomain', 'CloudServicesMailEnabled', 'Enabled',
    'Port', 'DNSRoutingEnabled', 'IgnoreSTARTTLS', 'FrontendProxyEnabled', 'SourceIPAddress', 'DomainSecureEnabled', 'ProtocolLoggingLevel'
$sendEnums = 'SmartHostAuthMechanism', 'TlsAuthLevel', 'ProtocolLoggingLevel'
$certProps = 'Thumbprint', 'Subject', 'Issuer', 'NotBefore', 'NotAfter', 'Services', 'Status', 'HasPrivateKey',
    'IsSelfSigned', 'FriendlyName', 'CertificateDomains', 'RawData'
$certEnums = 'Services', 'Status'
$subscriptionProps = 'Identity', 'Name', 'Site', 'Domain'
$hybridProps = 'Identity', 'Name', 'TlsCertificateName', 'SendingTransportServers', 'ReceivingTransportServers',
    'EdgeTransportServers', 'Domains', 'Features', 'OnPremisesSmartHost'
$transportConfigProps = 'Identity', 'TLSSendDomainSecureList', 'TLSReceiveDomainSecureList', 'InternalSMTPServers'
$acceptedDomainProps = 'Identity', 'Name', 'DomainName', 'DomainType', 'Default'

$complete = $false
$interruption = $null
try {
    $script:OnEdge = Test-ExtlsEdgeRole
    # A run killed outright still leaves a manifest that says it is not complete.
    Write-ExtlsManifest -Complete $false -Interruption $null

    # --- Servers ------------------------------------------------------------------------------------
    $exchangeServers = @()
    $serverListRead = $false
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        $exchangeServers = @(Invoke-ExtlsExchangeCommand -Name 'Get-ExchangeServer' -TimeoutSeconds $TimeoutSeconds)
        $serverListRead = $true
        Write-ExtlsSection -Section 'ExchangeServer' -Items $exchangeServers -Property $serverProps -EnumProperty 'ServerRole' -SortBy 'Name'
    }
    catch { Add-ExtlsError -Section 'ExchangeServer' -ErrorRecord $_ }
    Add-ExtlsTiming -Section 'ExchangeServer' -Stopwatch $watch

    $entryByName = New-ExtlsTable
    $entryByFqdn = New-ExtlsTable
    foreach ($entry in $exchangeServers) {
        $entryName = [string] (Get-ExtlsValue $entry 'Name')
        if ($entryName) { $entryByName[$entryName] = $entry }
        $entryFqdn = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $entry 'Fqdn'))
        if ($entryFqdn) { $entryByFqdn[$entryFqdn] = $entry }
    }

    $selected = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase)
    if ($script:OnEdge) {
        # A subscribed Edge also lists the Mailbox servers EdgeSync copied into its AD LDS; only the
        # Edge itself can be read here.
        $localName = Get-ExtlsLocalServerName
        $localEntry = $entryByName[$localName]
        if ($null -eq $localEntry) { $localEntry = $entryByName[$localName.Split('.')[0]] }
        if ($null -ne $localEntry) { $localName = [string] (Get-ExtlsValue $localEntry 'Name') }
        $localFqdn = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $localEntry 'Fqdn'))
        $wanted = $true
        if ($Server) {
            $wanted = $false
            foreach ($name in $Server) {
                if ($name -eq $localName -or ($localFqdn -and $name -eq $localFqdn)) { $wanted = $true }
                else { Add-ExtlsSkipped -ServerName $name -Reason "Only the local Edge Transport server ($localName) can be collected on an Edge Transport server; collect $name in the organisation's dump." }
            }
        }
        if ($wanted) { [void] $selected.Add($localName) }
        foreach ($entry in $exchangeServers) {
            $entryName = [string] (Get-ExtlsValue $entry 'Name')
            if ($entryName -and $entryName -ne $localName -and -not $Server) {
                Add-ExtlsSkipped -ServerName $entryName -Reason "Listed in this Edge Transport server's AD LDS by EdgeSync; it is collected in the organisation's dump."
            }
        }
    }
    elseif ($Server) {
        foreach ($requested in $Server) {
            if (-not $requested) { continue }
            $entry = $entryByName[$requested]
            if ($null -eq $entry) { $entry = $entryByFqdn[$requested] }
            if ($null -eq $entry -and $serverListRead) {
                Add-ExtlsSkipped -ServerName $requested -Reason 'Not an Exchange server of this organisation (Get-ExchangeServer lists no server with that Name or Fqdn).'
                continue
            }
            if ($null -eq $entry) {
                # Without the server list, a server's Name is the first label of its FQDN.
                [void] $selected.Add($requested.Split('.')[0])
                continue
            }
            $entryName = [string] (Get-ExtlsValue $entry 'Name')
            if ($null -eq (Get-ExtlsTransportKind $entry)) {
                Add-ExtlsSkipped -ServerName $entryName -Reason 'No transport role: IsHubTransportServer, IsFrontendTransportServer and IsEdgeServer are false.'
                continue
            }
            [void] $selected.Add($entryName)
        }
    }
    else {
        foreach ($entry in $exchangeServers) {
            $entryName = [string] (Get-ExtlsValue $entry 'Name')
            if (-not $entryName) { continue }
            if ($null -eq (Get-ExtlsTransportKind $entry)) {
                Add-ExtlsSkipped -ServerName $entryName -Reason 'No transport role: IsHubTransportServer, IsFrontendTransportServer and IsEdgeServer are false.'
                continue
            }
            [void] $selected.Add($entryName)
        }
    }
    $selectedNames = [string[]] @($selected)
    $script:ServerNames = Get-ExtlsOrdinalOrder -Items $selectedNames -Keys $selectedNames

    # --- Organisation -------------------------------------------------------------------------------
    if (-not $script:OnEdge) {
        # An Edge has no organisation configuration; elsewhere a failure only leaves the name empty.
        try {
            $organizationConfig = @(Invoke-ExtlsExchangeCommand -Name 'Get-OrganizationConfig' -TimeoutSeconds $TimeoutSeconds)
            if ($organizationConfig.Count -gt 0) { $script:Organization = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $organizationConfig[0] 'Name')) }
        }
        catch {
            if ($_.Exception -is [System.Management.Automation.PipelineStoppedException]) { throw }
            Write-Warning ("Organisation name not read: " + $_.Exception.Message)
        }
    }

    $orgSections = @(
        @{ Section = 'SendConnector'; Command = 'Get-SendConnector'; Property = $sendProps; Enum = $sendEnums; SortBy = 'Identity'; OnEdge = $true },
        # Edge subscriptions and the hybrid configuration belong to the organisation, not to an Edge.
        @{ Section = 'EdgeSubscription'; Command = 'Get-EdgeSubscription'; Property = $subscriptionProps; Enum = @(); SortBy = 'Identity'; OnEdge = $false },
        @{ Section = 'HybridConfiguration'; Command = 'Get-HybridConfiguration'; Property = $hybridProps; Enum = @('Features'); SortBy = 'Identity'; OnEdge = $false },
        @{ Section = 'TransportConfig'; Command = 'Get-TransportConfig'; Property = $transportConfigProps; Enum = @(); SortBy = 'Identity'; OnEdge = $true },
        @{ Section = 'AcceptedDomain'; Command = 'Get-AcceptedDomain'; Property = $acceptedDomainProps; Enum = @('DomainType'); SortBy = 'DomainName'; OnEdge = $true }
    )
    foreach ($s in $orgSections) {
        if ($script:OnEdge -and -not $s.OnEdge) { continue }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        try {
            $items = @(Invoke-ExtlsExchangeCommand -Name $s.Command -TimeoutSeconds $TimeoutSeconds)
            Write-ExtlsSection -Section $s.Section -Items $items -Property $s.Property -EnumProperty $s.Enum -SortBy $s.SortBy
        }
        catch { Add-ExtlsError -Section $s.Section -ErrorRecord $_ }
        Add-ExtlsTiming -Section $s.Section -Stopwatch $watch
    }

    # --- Organisation-wide reads of per-server sections ---------------------------------------------
    # One call each for the whole organisation, split by server below, instead of one call per server.
    $transportByServer = New-ExtlsTable
    $transportError = $null
    $receiveByServer = New-ExtlsTable
    $receiveError = $null
    $adAnswers = New-ExtlsTable
    if ($script:ServerNames.Count -gt 0) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        try {
            foreach ($service in @(Invoke-ExtlsExchangeCommand -Name 'Get-TransportService' -TimeoutSeconds $TimeoutSeconds)) {
                $owner = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $service 'Name'))
                if (-not $transportByServer.ContainsKey($owner)) { $transportByServer[$owner] = New-Object System.Collections.ArrayList }
                [void] $transportByServer[$owner].Add($service)
            }
        }
        catch {
            if ($_.Exception -is [System.Management.Automation.PipelineStoppedException]) { throw }
            $transportError = $_.Exception.Message
        }
        Add-ExtlsTiming -Section 'TransportService' -Stopwatch $watch

        # The Front End Transport service writes its own protocol logs (port 25 of a Mailbox server); an Edge has none.
        $frontendByServer = New-ExtlsTable
        $frontendError = $null
        if (-not $NoEvidence -and -not $script:OnEdge) {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            try {
                foreach ($service in @(Invoke-ExtlsExchangeCommand -Name 'Get-FrontendTransportService' -TimeoutSeconds $TimeoutSeconds)) {
                    $owner = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $service 'Name'))
                    if (-not $frontendByServer.ContainsKey($owner)) { $frontendByServer[$owner] = New-Object System.Collections.ArrayList }
                    [void] $frontendByServer[$owner].Add($service)
                }
            }
            catch {
                if ($_.Exception -is [System.Management.Automation.PipelineStoppedException]) { throw }
                $frontendError = $_.Exception.Message
            }
            Add-ExtlsTiming -Section 'FrontendTransportService' -Stopwatch $watch
        }

        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        try {
            foreach ($connector in @(Invoke-ExtlsExchangeCommand -Name 'Get-ReceiveConnector' -TimeoutSeconds $TimeoutSeconds)) {
                $owner = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $connector 'Server'))
                if (-not $owner) {
                    $identity = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $connector 'Identity'))
                    if ($identity.Contains('\')) { $owner = $identity.Substring(0, $identity.IndexOf('\')) }
                }
                if (-not $receiveByServer.ContainsKey($owner)) { $receiveByServer[$owner] = New-Object System.Collections.ArrayList }
                [void] $receiveByServer[$owner].Add($connector)
            }
        }
        catch {
            if ($_.Exception -is [System.Management.Automation.PipelineStoppedException]) { throw }
            $receiveError = $_.Exception.Message
        }
        Add-ExtlsTiming -Section 'ReceiveConnector' -Stopwatch $watch

        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $directoryServerOfEdge = $null
        if ($script:OnEdge) { $directoryServerOfEdge = 'localhost:' + (Get-ExtlsEdgeLdapPort) }
        $requests = New-Object System.Collections.ArrayList
        foreach ($name in $script:ServerNames) {
            $entry = $entryByName[$name]
            $directoryServer = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $entry 'OriginatingServer'))
            if ($script:OnEdge) { $directoryServer = $directoryServerOfEdge }
            [void] $requests.Add(@{
                    Name              = $name
                    DistinguishedName = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $entry 'DistinguishedName'))
                    DirectoryServer   = $directoryServer
                })
        }
        $adAnswers = Get-ExtlsInternalTransportCertificate -Request $requests.ToArray() -TimeoutSeconds $TimeoutSeconds
        Add-ExtlsTiming -Section 'InternalTransportCertificate' -Stopwatch $watch
    }

    # --- Per server ---------------------------------------------------------------------------------
    $index = 0
    foreach ($name in $script:ServerNames) {
        $index++
        Write-Progress -Activity 'Export-ExtlsDump' -Status "$name ($index of $($script:ServerNames.Count))" -PercentComplete (100 * ($index - 1) / $script:ServerNames.Count)
        $serverWatch = [System.Diagnostics.Stopwatch]::StartNew()
        $timing = [ordered]@{ server = $name; seconds = $null; completed = $false }
        [void] $script:ServerTimings.Add($timing)
        try { [void] (New-Item -ItemType Directory -Path (Join-Path (Join-Path $script:Root 'servers') $name) -Force) }
        catch { Add-ExtlsError -ServerName $name -ErrorRecord $_; $timing.seconds = [math]::Round($serverWatch.Elapsed.TotalSeconds, 3); continue }

        $entry = $entryByName[$name]
        $subscribedEdge = (-not $script:OnEdge) -and ((Get-ExtlsTransportKind $entry) -eq 'Edge')
        if ($subscribedEdge) {
            # A subscribed Edge keeps its connectors and store in its own AD LDS; the organisation holds
            # only its server object. Listing the sections as not collected keeps "empty" honest.
            foreach ($section in 'TransportService', 'ReceiveConnector', 'ExchangeCertificate') {
                Add-ExtlsError -ServerName $name -Section $section -Message "Edge Transport server: this section comes from the Edge's own dump (run Export-ExtlsDump on $name)."
            }
        }
        else {
            # A server without rows of its own (an Exchange 2013 Client Access server has no Transport
            # service) gets an empty array: it was read, and there was nothing.
            if ($transportError) { Add-ExtlsError -ServerName $name -Section 'TransportService' -Message $transportError }
            else { Write-ExtlsSection -ServerName $name -Section 'TransportService' -Items @($transportByServer[$name]) -Property $transportProps -EnumProperty 'IntraOrgConnectorProtocolLoggingLevel' -SortBy 'Name' }

            if ($receiveError) { Add-ExtlsError -ServerName $name -Section 'ReceiveConnector' -Message $receiveError }
            else { Write-ExtlsSection -ServerName $name -Section 'ReceiveConnector' -Items @($receiveByServer[$name]) -Property $receiveProps -EnumProperty $receiveEnums -SortBy 'Identity' }

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            try {
                $certificates = @(Invoke-ExtlsExchangeCommand -Name 'Get-ExchangeCertificate' -Parameters @{ Server = $name } -TimeoutSeconds $TimeoutSeconds)
                Write-ExtlsSection -ServerName $name -Section 'ExchangeCertificate' -Items $certificates -Property $certProps -EnumProperty $certEnums -SortBy 'Thumbprint' -Certificate
            }
            catch { Add-ExtlsError -ServerName $name -Section 'ExchangeCertificate' -ErrorRecord $_ }
            Add-ExtlsTiming -ServerName $name -Section 'ExchangeCertificate' -Stopwatch $watch
        }

        $adRow = $adAnswers[$name]
        if ($null -eq $adRow) {
            $adRow = [ordered]@{ server = $name; distinguishedName = $null; domainController = $null; msExchServerInternalTLSCert = $null; readError = 'The AD value was not read.' }
        }
        Write-ExtlsJson -RelativePath (Get-ExtlsRelativePath $name 'InternalTransportCertificate') -Value $adRow
        [void] $script:Settled.Add((Get-ExtlsSettledKey $name 'InternalTransportCertificate'))
        if ($adRow.readError) { Add-ExtlsError -ServerName $name -Section 'InternalTransportCertificate' -Message ([string] $adRow.readError) }

        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        try {
            $fqdn = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $entry 'Fqdn'))
            if (-not $fqdn) { throw "No FQDN is known for $name (Get-ExchangeServer did not return it), so its addresses were not resolved." }
            $addresses = @(Resolve-ExtlsHostAddress -Fqdn $fqdn -TimeoutSeconds $TimeoutSeconds)
            $keys = [string[]] @($addresses | ForEach-Object { [string] $_['IPAddressToString'] })
            Write-ExtlsJson -RelativePath (Get-ExtlsRelativePath $name 'HostAddress') -Value (Get-ExtlsOrdinalOrder -Items $addresses -Keys $keys)
            [void] $script:Settled.Add((Get-ExtlsSettledKey $name 'HostAddress'))
        }
        catch { Add-ExtlsError -ServerName $name -Section 'HostAddress' -ErrorRecord $_ }
        Add-ExtlsTiming -ServerName $name -Section 'HostAddress' -Stopwatch $watch

        if (-not $NoEvidence -and -not $subscribedEdge) {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $folders = New-Object System.Collections.ArrayList
            $transportService = 'Hub'
            if ($script:OnEdge) { $transportService = 'Edge' }
            foreach ($t in @($transportByServer[$name] | Where-Object { $null -ne $_ })) {
                [void] $folders.Add(@{ Service = $transportService; Direction = 'SmtpReceive'; Path = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $t 'ReceiveProtocolLogPath')) })
                [void] $folders.Add(@{ Service = $transportService; Direction = 'SmtpSend'; Path = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $t 'SendProtocolLogPath')) })
            }
            foreach ($t in @($frontendByServer[$name] | Where-Object { $null -ne $_ })) {
                [void] $folders.Add(@{ Service = 'FrontEnd'; Direction = 'SmtpReceive'; Path = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $t 'ReceiveProtocolLogPath')) })
                [void] $folders.Add(@{ Service = 'FrontEnd'; Direction = 'SmtpSend'; Path = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $t 'SendProtocolLogPath')) })
            }
            if ($frontendError) { Add-ExtlsError -ServerName $name -Section 'ProtocolLog' -Message ("Get-FrontendTransportService: " + $frontendError) }
            $fqdnForEvidence = [string] (ConvertTo-ExtlsValue (Get-ExtlsValue $entry 'Fqdn'))
            $record = Export-ExtlsServerEvidence -ServerName $name -Fqdn $fqdnForEvidence -Folders $folders.ToArray() -Since $script:EvidenceSince `
                -Budget ([long] $EvidenceMaxMB * 1MB) -MaxEvents $EvidenceMaxEvents
            $record['folders'] = @($folders | ForEach-Object { [ordered]@{ service = $_.Service; direction = $_.Direction; path = $_.Path } })
            [void] $script:EvidenceRecords.Add($record)
            Add-ExtlsTiming -ServerName $name -Section 'Evidence' -Stopwatch $watch
        }

        $timing.seconds = [math]::Round($serverWatch.Elapsed.TotalSeconds, 3)
        $timing.completed = $true
    }
    Write-Progress -Activity 'Export-ExtlsDump' -Completed
    $complete = $true
}
catch {
    $interruption = $_.Exception.Message
    throw
}
finally {
    if (-not $complete) {
        if (-not $interruption) { $interruption = 'The run was stopped before it finished.' }
        # What the stop left uncollected is listed like any failure, so that the analyzer reads those
        # sections as not collected rather than empty.
        $orgExpected = 'ExchangeServer', 'SendConnector', 'TransportConfig', 'AcceptedDomain'
        if (-not $script:OnEdge) { $orgExpected += 'EdgeSubscription', 'HybridConfiguration' }
        foreach ($section in $orgExpected) {
            if (-not $script:Settled.Contains((Get-ExtlsSettledKey $null $section))) { Add-ExtlsError -Section $section -Message "Not collected: $interruption" }
        }
        foreach ($name in $script:ServerNames) {
            $serverSections = 'TransportService', 'ReceiveConnector', 'ExchangeCertificate', 'InternalTransportCertificate', 'HostAddress'
            if (-not $NoEvidence) { $serverSections += 'TransportEvents', 'ProtocolLog' }
            foreach ($section in $serverSections) {
                if (-not $script:Settled.Contains((Get-ExtlsSettledKey $name $section))) { Add-ExtlsError -ServerName $name -Section $section -Message "Not collected: $interruption" }
            }
        }
    }
    $script:Finished = $true
    Write-ExtlsManifest -Complete $complete -Interruption $interruption
}

$where = $script:Root
if ($Zip) {
    try {
        Write-ExtlsZip -Destination $zipPath -Replace:$Force
        $where = "$($script:Root) (and $zipPath)"
    }
    catch { Write-Warning ("Zip not written: " + $_.Exception.Message) }
}
Write-Host ("Dump written to {0}: {1} server(s), {2} section(s) failed, {3} server(s) skipped." -f $where, $script:ServerNames.Count, $script:Errors.Count, $script:Skipped.Count)
