# The evidence the collector adds: the servers' protocol-log extracts and transport certificate events,
# read-only, bounded and private. Log files are written the way Exchange 2016/2019 (and 2013) write them.

BeforeAll {
    . (Join-Path $PSScriptRoot 'CollectorTestData.ps1')
    $script:LogData = Join-Path $PSScriptRoot 'TestData/ProtocolLog'

    # The collector's functions, loaded without running it: everything before the output folder is made.
    $text = Get-Content -LiteralPath $script:CollectorScript -Raw
    $functions = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref] $null, [ref] $null).FindAll({
            param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $n.Name -in
            'Split-ExtlsCsvLine', 'Test-ExtlsEvidenceRow', 'Copy-ExtlsProtocolLogExtract', 'ConvertTo-ExtlsUncPath' }, $true)
    foreach ($f in $functions) { . ([scriptblock]::Create($f.Extent.Text)) }
    $script:Utf8NoBom = New-Object System.Text.UTF8Encoding $false

    function Copy-TestLogs {
        # A server's log folders as Exchange lays them out, with the test logs dated as asked.
        param([string] $Root, [string] $File, [string] $Folder, [datetime] $LastWrite)
        $dir = Join-Path $Root $Folder
        [void] (New-Item -ItemType Directory -Path $dir -Force)
        $target = Join-Path $dir $File
        Copy-Item -LiteralPath (Join-Path $script:LogData $File) -Destination $target
        (Get-Item -LiteralPath $target).LastWriteTimeUtc = $LastWrite
        return $target
    }

    function Invoke-EvidenceCollector {
        param([string] $OutputPath, [hashtable] $Extra = @{})
        $arguments = @{ OutputPath = $OutputPath; TimeoutSeconds = 30 }
        foreach ($k in $Extra.Keys) { $arguments[$k] = $Extra[$k] }
        & $script:CollectorScript @arguments -WarningAction SilentlyContinue 6> $null
    }
}

Describe 'The row filter keeps the TLS rows and nothing of the mail' {
    It 'splits quoted fields that hold commas and doubled quotes' {
        $fields = Split-ExtlsCsvLine '2026-05-31T00:00:01.010Z,EX01\Default Frontend EX01,S1,7,10.0.0.11:25,203.0.113.9:52311,*," CN=mail.contoso.com, O=Contoso ""Ltd"", C=JP",Sending certificate'
        $fields.Count | Should -Be 9
        $fields[7] | Should -Be ' CN=mail.contoso.com, O=Contoso "Ltd", C=JP'
        $fields[8] | Should -Be 'Sending certificate'
    }

    It 'keeps connects, certificates, TLS results, EHLO and its extension lines, and the TLS verbs' {
        Test-ExtlsEvidenceRow -EventText '+' -Data '' -Context '' | Should -BeTrue
        Test-ExtlsEvidenceRow -EventText '*' -Data ' CN=a CN=b 01 2E250E257D366D990B1E194DA0CC608C89718B2A 2026-01-01T00:00:00.000Z 2027-01-01T00:00:00.000Z' -Context 'Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names' | Should -BeTrue
        Test-ExtlsEvidenceRow -EventText '*' -Data 'CN=EX01' -Context 'Certificate subject' | Should -BeTrue
        Test-ExtlsEvidenceRow -EventText '*' -Data '' -Context 'TLS negotiation failed with error UnknownCredentials' | Should -BeTrue
        Test-ExtlsEvidenceRow -EventText '<' -Data 'EHLO mail.fabrikam.com' -Context '' | Should -BeTrue
        Test-ExtlsEvidenceRow -EventText '>' -Data '250-X-ANONYMOUSTLS' -Context '' | Should -BeTrue
        Test-ExtlsEvidenceRow -EventText '>' -Data '250  EX01.contoso.com Hello [203.0.113.9] SIZE 37748736 STARTTLS' -Context '' | Should -BeTrue
        Test-ExtlsEvidenceRow -EventText '<' -Data 'X-ANONYMOUSTLS' -Context '' | Should -BeTrue
    }

    It 'drops MAIL FROM, RCPT TO, the replies naming addresses or message ids, and message data' {
        Test-ExtlsEvidenceRow -EventText '<' -Data 'MAIL FROM:<alice@fabrikam.com> SIZE=20480' -Context '' | Should -BeFalse
        Test-ExtlsEvidenceRow -EventText '<' -Data 'RCPT TO:<bob@contoso.com>' -Context '' | Should -BeFalse
        Test-ExtlsEvidenceRow -EventText '>' -Data '250 2.1.0 Sender OK' -Context '' | Should -BeFalse
        Test-ExtlsEvidenceRow -EventText '>' -Data '250 2.6.0 <0123abcd@fabrikam.com> [InternalId=1] Queued mail for delivery' -Context '' | Should -BeFalse
        Test-ExtlsEvidenceRow -EventText '*' -Data '08DE7C1F2A3B4C5D;2026-05-31T00:00:01.030Z;1' -Context 'receiving message' | Should -BeFalse
        Test-ExtlsEvidenceRow -EventText '<' -Data 'XEXCH50 1234 2' -Context '' | Should -BeFalse
        Test-ExtlsEvidenceRow -EventText '<' -Data 'EHLO <alice@fabrikam.com>' -Context '' | Should -BeFalse
    }
}

Describe 'An extract of a real-shaped log' {
    It 'keeps the header and the TLS rows of the one-row form, honouring the #Fields: order' {
        $target = Join-Path $TestDrive 'one-row.LOG'
        $result = Copy-ExtlsProtocolLogExtract -Source (Join-Path $script:LogData 'RECV2026053100-1.LOG') -Destination $target -Budget 10MB
        $lines = [System.IO.File]::ReadAllText($target) -split "`r`n"
        $lines[0] | Should -Be '#Software: Microsoft Exchange Server'
        $lines[4] | Should -BeLike '#Fields: date-time,connector-id,*'
        ($lines -join "`n") | Should -Match 'Sending certificate Subject Issuer name'
        ($lines -join "`n") | Should -Match 'EC5A76488FE0A501C5FC28EC845E443889BA16E2'
        ($lines -join "`n") | Should -Match 'TLS negotiation failed with error IllegalMessage'
        ($lines -join "`n") | Should -Match ',<,STARTTLS,'
        ($lines -join "`n") | Should -Not -Match 'MAIL FROM|RCPT TO|alice@|bob@|Sender OK|Queued mail|receiving message|BDAT'
        $result.rows | Should -Be 28
        $result.rowsKept | Should -Be 15
        $result.truncated | Should -BeFalse
        [System.IO.File]::ReadAllBytes($target)[0] | Should -Be ([byte] [char] '#')
    }

    It 'keeps the older several-rows form and the one-row-per-extension EHLO answer' {
        $target = Join-Path $TestDrive 'several.LOG'
        [void] (Copy-ExtlsProtocolLogExtract -Source (Join-Path $script:LogData 'RECV2016030110-1.LOG') -Destination $target -Budget 10MB)
        $text = [System.IO.File]::ReadAllText($target)
        foreach ($kept in 'Certificate thumbprint', 'Certificate alternate names', '250-X-ANONYMOUSTLS', ',<,X-ANONYMOUSTLS,', ',*,,Sending certificate') { $text | Should -Match ([regex]::Escape($kept)) }
        $text | Should -Not -Match 'XEXCH50 1234|MAIL FROM|carol@|dave@'
    }

    It 'follows the #Fields: header when the fields come in another order' {
        $source = Join-Path $TestDrive 'reordered.LOG'
        [System.IO.File]::WriteAllText($source, "#Software: Microsoft Exchange Server`r`n#Fields: event,data,context,date-time,connector-id,session-id`r`n" +
            "<,MAIL FROM:<x@y.z>,,2026-05-31T00:00:00.000Z,EX01\Default EX01,S1`r`n<,STARTTLS,,2026-05-31T00:00:01.000Z,EX01\Default EX01,S1`r`n", $script:Utf8NoBom)
        $target = Join-Path $TestDrive 'reordered-out.LOG'
        [void] (Copy-ExtlsProtocolLogExtract -Source $source -Destination $target -Budget 10MB)
        $text = [System.IO.File]::ReadAllText($target)
        $text | Should -Match '<,STARTTLS,'
        $text | Should -Not -Match 'MAIL FROM'
    }

    It 'stops at the byte budget and says it was cut' {
        $target = Join-Path $TestDrive 'cut.LOG'
        $result = Copy-ExtlsProtocolLogExtract -Source (Join-Path $script:LogData 'RECV2026053100-1.LOG') -Destination $target -Budget 1000
        $result.truncated | Should -BeTrue
        $result.bytesRead | Should -BeLessThan 1600
    }

    It 'reads a log Exchange still holds open for writing' {
        $source = Join-Path $TestDrive 'open.LOG'
        Copy-Item -LiteralPath (Join-Path $script:LogData 'SEND2026053100-1.LOG') -Destination $source
        $writer = New-Object System.IO.FileStream $source, ([System.IO.FileMode]::Append), ([System.IO.FileAccess]::Write), ([System.IO.FileShare]::ReadWrite)
        try {
            $result = Copy-ExtlsProtocolLogExtract -Source $source -Destination (Join-Path $TestDrive 'open-out.LOG') -Budget 10MB
            $result.rowsKept | Should -BeGreaterThan 0
        }
        finally { $writer.Dispose() }
    }

    It 'reaches a remote server through its administrative share' {
        ConvertTo-ExtlsUncPath -Path 'C:\Program Files\Microsoft\Exchange Server\V15\TransportRoles\Logs\Hub\ProtocolLog\SmtpReceive' -ComputerName 'EX02.contoso.com' |
            Should -Be '\\EX02.contoso.com\C$\Program Files\Microsoft\Exchange Server\V15\TransportRoles\Logs\Hub\ProtocolLog\SmtpReceive'
        ConvertTo-ExtlsUncPath -Path 'D:\Logs' -ComputerName 'EX02' | Should -Be '\\EX02\D$\Logs'
        ConvertTo-ExtlsUncPath -Path '\\filer\logs' -ComputerName 'EX02' | Should -Be '\\filer\logs'
    }
}

Describe 'Export-ExtlsDump collects evidence per server' {
    BeforeAll {
        $org = New-TestOrganization
        $logs = Join-Path $TestDrive 'logs'
        $recent = [datetime]::UtcNow.AddHours(-3)
        # EX01: Front End receive logs (two days' worth and an old one), Hub send logs; EX02's share cannot be read.
        [void] (Copy-TestLogs -Root $logs -File 'RECV2026053100-1.LOG' -Folder 'EX01/FrontEnd/SmtpReceive' -LastWrite $recent)
        [void] (Copy-TestLogs -Root $logs -File 'RECV2016030110-1.LOG' -Folder 'EX01/FrontEnd/SmtpReceive' -LastWrite ([datetime]::UtcNow.AddDays(-30)))
        [void] (Copy-TestLogs -Root $logs -File 'SEND2026053100-1.LOG' -Folder 'EX01/Hub/SmtpSend' -LastWrite $recent.AddMinutes(-10))
        foreach ($name in 'EX01', 'EX02') {
            $org.TransportServices[$name] | Add-Member -NotePropertyName ReceiveProtocolLogPath -NotePropertyValue "C:\Exchange\Logs\$name\Hub\ProtocolLog\SmtpReceive"
            $org.TransportServices[$name] | Add-Member -NotePropertyName SendProtocolLogPath -NotePropertyValue "C:\Exchange\Logs\$name\Hub\ProtocolLog\SmtpSend"
            $org.TransportServices[$name] | Add-Member -NotePropertyName IntraOrgConnectorProtocolLoggingLevel -NotePropertyValue 'Verbose'
            foreach ($c in $org.ReceiveConnectors[$name]) { $c | Add-Member -NotePropertyName ProtocolLoggingLevel -NotePropertyValue 'Verbose' -Force }
        }
        $org.ReceiveConnectors['EX01'][0].ProtocolLoggingLevel = 'None'
        $global:ExtlsTestLogs = $logs
        Register-OrganizationMocks -Org $org
        Mock Get-FrontendTransportService {
            Complete-ExtlsMockCall -AsJob:$AsJob -Output @(
                [pscustomobject]@{ Name = 'EX01'; ReceiveProtocolLogPath = 'C:\Exchange\Logs\EX01\FrontEnd\ProtocolLog\SmtpReceive'; SendProtocolLogPath = 'C:\Exchange\Logs\EX01\FrontEnd\ProtocolLog\SmtpSend' },
                [pscustomobject]@{ Name = 'EX02'; ReceiveProtocolLogPath = 'C:\Exchange\Logs\EX02\FrontEnd\ProtocolLog\SmtpReceive'; SendProtocolLogPath = $null })
        }
        # Each server's folders as this shell would reach them: EX01's in the test drive, EX02's denied.
        Mock Resolve-ExtlsLogFolder {
            if ($ServerName -eq 'EX02') { return '\\EX02.contoso.com\C$\Exchange\Logs\EX02' }
            $parts = $Path.Split('\')
            return Join-Path $global:ExtlsTestLogs ('{0}/{1}/{2}' -f $parts[3], $parts[4], $parts[6])
        }
        Mock Get-ExtlsLogFolderFiles {
            if ($Folder.StartsWith('\\EX02')) { throw "Access to the path '$Folder' is denied." }
            if (-not (Test-Path -LiteralPath $Folder)) { return @() }
            @(Get-ChildItem -LiteralPath $Folder -Filter '*.LOG' -File)
        }
        Mock Get-ExtlsTransportEvents {
            if ($ComputerName -like 'EX02*') { return @() }
            @([pscustomobject]@{ TimeCreated = [datetime]::UtcNow.AddHours(-1); Id = 12024; ProviderName = 'MSExchangeTransport'; LevelDisplayName = 'Warning'
                    Message = 'Microsoft Exchange could not load the internal transport certificate; an ephemeral self-signed certificate is used.'; MachineName = 'EX01.contoso.com'; RecordId = 77 })
        }
        $dump = Join-Path $TestDrive 'dump'
        Invoke-EvidenceCollector -OutputPath $dump -Extra @{ Zip = $true }
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
    }

    AfterAll { Remove-Variable -Name ExtlsTestLogs -Scope Global -ErrorAction SilentlyContinue }

    It 'writes the extracts under ProtocolLog, by service and direction, only files of the period' {
        $files = Get-DumpFiles $dump | Where-Object { $_ -like '*ProtocolLog*' }
        $files | Should -Be @('servers/EX01/ProtocolLog/FrontEnd/SmtpReceive/RECV2026053100-1.LOG', 'servers/EX01/ProtocolLog/Hub/SmtpSend/SEND2026053100-1.LOG')
        $text = Get-Content -LiteralPath (Join-Path $dump 'servers/EX01/ProtocolLog/Hub/SmtpSend/SEND2026053100-1.LOG') -Raw
        $text | Should -Match 'X-ANONYMOUSTLS'
        $text | Should -Not -Match 'MAIL FROM|RCPT TO|bob@|erin@'
    }

    It 'exports the events with the listed properties only, and an empty array where there are none' {
        $events = @(Read-DumpJson (Join-Path $dump 'servers/EX01/TransportEvents.json'))
        $events.Count | Should -Be 1
        $events[0].Id | Should -Be 12024
        @($events[0].PSObject.Properties.Name) | Should -Be @('TimeCreated', 'Id', 'ProviderName', 'LevelDisplayName', 'Message', 'MachineName')
        # ISO 8601 in UTC, as every date of the dump.
        Get-Content -LiteralPath (Join-Path $dump 'servers/EX01/TransportEvents.json') -Raw | Should -Match '"TimeCreated": "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[.\d]*Z"'
        (Get-Content -LiteralPath (Join-Path $dump 'servers/EX02/TransportEvents.json') -Raw).Trim() | Should -Be '[]'
    }

    It 'records a server whose logs cannot be read in the manifest and goes on' {
        $errors = @($manifest.errors | Where-Object section -EQ 'ProtocolLog')
        @($errors.server | Sort-Object -Unique) | Should -Be @('EX02')
        $errors[0].message | Should -Match 'denied'
        Join-Path $dump 'servers/EX02/ExchangeCertificate.json' | Should -Exist
    }

    It 'records the bounds and, per server, the folders and files it read' {
        $manifest.evidence.days | Should -Be 2
        $manifest.evidence.maxMB | Should -Be 50
        $ex01 = @($manifest.evidence.servers) | Where-Object server -EQ 'EX01'
        @($ex01.files).Count | Should -Be 2
        $ex01.events | Should -Be 1
        @($ex01.folders | Where-Object service -EQ 'FrontEnd').Count | Should -Be 2
        $ex01.bytesWritten | Should -BeLessThan $ex01.bytesRead
    }

    It 'records every ProtocolLoggingLevel with its number' {
        $connectors = @(Read-DumpJson (Join-Path $dump 'servers/EX01/ReceiveConnector.json'))
        ($connectors | Where-Object Name -EQ 'Default EX01').ProtocolLoggingLevel | Should -Be 'None'
        ($connectors | Where-Object Name -EQ 'Default Frontend EX01').ProtocolLoggingLevel | Should -Be 'Verbose'
        (@(Read-DumpJson (Join-Path $dump 'servers/EX01/TransportService.json')))[0].IntraOrgConnectorProtocolLoggingLevel | Should -Be 'Verbose'
    }

    It 'puts the extracts into the zip' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead("$dump.zip")
        try { @($zip.Entries.FullName) | Should -Contain 'servers/EX01/ProtocolLog/FrontEnd/SmtpReceive/RECV2026053100-1.LOG' }
        finally { $zip.Dispose() }
    }

    It 'reads no more than -EvidenceMaxMB per server, newest first' {
        # A newer log of 1.5 MB: the budget of 1 MB ends inside it, and the older file is not read.
        $big = Join-Path $global:ExtlsTestLogs 'EX01/FrontEnd/SmtpReceive/RECV2026053101-1.LOG'
        $one = [System.IO.File]::ReadAllText((Join-Path $script:LogData 'RECV2026053100-1.LOG'))
        $rows = ($one -split "`r`n" | Where-Object { $_ -and -not $_.StartsWith('#') }) -join "`r`n"
        $sb = New-Object System.Text.StringBuilder
        [void] $sb.Append(($one -split "`r`n" | Where-Object { $_.StartsWith('#') }) -join "`r`n").Append("`r`n")
        while ($sb.Length -lt 1.5MB) { [void] $sb.Append($rows).Append("`r`n") }
        [System.IO.File]::WriteAllText($big, $sb.ToString(), $script:Utf8NoBom)
        (Get-Item -LiteralPath $big).LastWriteTimeUtc = [datetime]::UtcNow.AddMinutes(-5)
        try {
            $small = Join-Path $TestDrive 'small'
            Invoke-EvidenceCollector -OutputPath $small -Extra @{ EvidenceMaxMB = 1 }
            $ex01 = @((Read-DumpJson (Join-Path $small 'manifest.json')).evidence.servers) | Where-Object server -EQ 'EX01'
            $ex01.bytesRead | Should -BeLessOrEqual (1MB + 1000)
            $ex01.truncated | Should -BeTrue
            @($ex01.files.file) | Should -Be @('servers/EX01/ProtocolLog/FrontEnd/SmtpReceive/RECV2026053101-1.LOG')
        }
        finally { Remove-Item -LiteralPath $big }
    }

    It 'collects nothing of it with -NoEvidence' {
        $none = Join-Path $TestDrive 'none'
        Invoke-EvidenceCollector -OutputPath $none -Extra @{ NoEvidence = $true }
        Get-DumpFiles $none | Where-Object { $_ -like '*ProtocolLog*' -or $_ -like '*TransportEvents*' } | Should -BeNullOrEmpty
        (Read-DumpJson (Join-Path $none 'manifest.json')).evidence | Should -BeNullOrEmpty
        Should -Invoke Get-FrontendTransportService -Times 0 -Exactly -ParameterFilter { $true } -Scope It
    }
}

Describe 'A collected dump with evidence analyses to verdicts' -Tag 'EndToEnd' {
    BeforeAll {
        $cli = $env:EXTLS_CLI
        if (-not $cli) { $cli = Join-Path $script:RepoRoot 'src/Analyzer.Cli/bin/Release/net10.0/extls.dll' }
        $org = New-TestOrganization
        $logs = Join-Path $TestDrive 'logs'
        # The Front End receive log of EX01 as Exchange wrote it, its certificate being EX01's internal one.
        $dir = Join-Path $logs 'EX01/FrontEnd/SmtpReceive'
        [void] (New-Item -ItemType Directory -Path $dir -Force)
        $thumbprint = $global:ExtlsTestCertificates['EX01'].Thumbprint
        $log = [System.IO.File]::ReadAllText((Join-Path $script:LogData 'RECV2026053100-1.LOG')).Replace('EC5A76488FE0A501C5FC28EC845E443889BA16E2', $thumbprint)
        [System.IO.File]::WriteAllText((Join-Path $dir 'RECV2026053100-1.LOG'), $log, (New-Object System.Text.UTF8Encoding $false))
        foreach ($name in 'EX01', 'EX02') {
            $org.TransportServices[$name] | Add-Member -NotePropertyName ReceiveProtocolLogPath -NotePropertyValue "C:\Exchange\Logs\$name\Hub\ProtocolLog\SmtpReceive" -Force
            $org.TransportServices[$name] | Add-Member -NotePropertyName SendProtocolLogPath -NotePropertyValue $null -Force
        }
        $global:ExtlsTestLogs = $logs
        Register-OrganizationMocks -Org $org
        Mock Get-FrontendTransportService { Complete-ExtlsMockCall -AsJob:$AsJob -Output @([pscustomobject]@{ Name = 'EX01'; ReceiveProtocolLogPath = 'C:\Exchange\Logs\EX01\FrontEnd\ProtocolLog\SmtpReceive' }) }
        Mock Resolve-ExtlsLogFolder { $parts = $Path.Split('\'); Join-Path $global:ExtlsTestLogs ('{0}/{1}/{2}' -f $parts[3], $parts[4], $parts[6]) }
        Mock Get-ExtlsLogFolderFiles { if (Test-Path -LiteralPath $Folder) { @(Get-ChildItem -LiteralPath $Folder -Filter '*.LOG' -File) } else { @() } }
        Mock Get-ExtlsTransportEvents { @() }
        $dump = Join-Path $TestDrive 'e2e'
        & $script:CollectorScript -OutputPath $dump -WarningAction SilentlyContinue 6> $null
        $json = & dotnet $cli analyze $dump --format json --as-of 2026-06-01 2> $null | Out-String | ConvertFrom-Json
    }

    AfterAll { Remove-Variable -Name ExtlsTestLogs -Scope Global -ErrorAction SilentlyContinue }

    It 'confirms the STARTTLS selection the log shows and leaves the others unobserved with a reason' {
        $frontend = @($json.selections) | Where-Object { $_.connector -eq 'EX01\Default Frontend EX01' -and $_.scenario -eq 'inbound-starttls' }
        $frontend.evidence.verdict | Should -Be 'confirmed'
        $frontend.evidence.observedCertificates[0].sessions | Should -Be 1
        $frontend.evidence.failures[0].error | Should -Be 'IllegalMessage'
        (@($json.selections) | Where-Object server -EQ 'EX02' | ForEach-Object { $_.evidence.reason } | Sort-Object -Unique) | Should -Be @('no-log-collected')
    }
}
