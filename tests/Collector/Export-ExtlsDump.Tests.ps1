BeforeDiscovery {
    # Where [adsi] exists (Windows) the real AD read would run against a real directory.
    $adsiMissing = $null -eq ('adsi' -as [type])
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'CollectorTestData.ps1')

    function Invoke-Collector {
        # Returns what the collector told the user on the host (its closing line).
        param([string] $OutputPath, [switch] $Zip, [string[]] $Server)
        $arguments = @{ OutputPath = $OutputPath; Zip = $Zip }
        if ($Server) { $arguments.Server = $Server }
        $hostLines = & $script:CollectorScript @arguments -WarningAction SilentlyContinue 6>&1
        return ($hostLines | ForEach-Object { [string] $_ }) -join "`n"
    }
}

Describe 'Export-ExtlsDump writes the extls-raw/1 layout' {
    BeforeAll {
        $org = New-TestOrganization
        Register-OrganizationMocks -Org $org
        Mock Write-Progress { }
        $dump = Join-Path $TestDrive 'dump'
        $said = Invoke-Collector -OutputPath $dump -Zip
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
    }

    It 'writes a manifest naming the format, the organisation, the collector and the transport servers' {
        $manifest.format | Should -Be 'extls-raw/1'
        $manifest.organization | Should -Be 'Contoso'
        $manifest.collector.name | Should -Be 'Export-ExtlsDump'
        $manifest.collector.version | Should -Match '^\d+\.\d+\.\d+$'
        $manifest.collector.powershellVersion | Should -Be $PSVersionTable.PSVersion.ToString()
        $manifest.collector.host | Should -Not -BeNullOrEmpty
        @($manifest.servers) | Should -Be @('EX01', 'EX02')
        @($manifest.errors).Count | Should -Be 0
        $raw = Get-Content -LiteralPath (Join-Path $dump 'manifest.json') -Raw
        $raw | Should -Match '"collectedAt":\s*"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z"'
    }

    It 'shows progress per server and ends saying where the dump is and how many sections failed' {
        Should -Invoke Write-Progress -Scope Describe -ParameterFilter { $Status -like 'EX01 (1 of 2)' } -Times 1 -Exactly
        Should -Invoke Write-Progress -Scope Describe -ParameterFilter { $Status -like 'EX02 (2 of 2)' } -Times 1 -Exactly
        $said | Should -BeLike "Dump written to $dump (and $dump.zip): 2 server(s), 0 section(s) failed."
    }

    It 'writes every section file of the layout and nothing for a server without a transport role' {
        $expected = @(
            'manifest.json', 'org/EdgeSubscription.json', 'org/ExchangeServer.json', 'org/SendConnector.json',
            'servers/EX01/ExchangeCertificate.json', 'servers/EX01/InternalTransportCertificate.json',
            'servers/EX01/ReceiveConnector.json', 'servers/EX01/TransportService.json',
            'servers/EX02/ExchangeCertificate.json', 'servers/EX02/InternalTransportCertificate.json',
            'servers/EX02/ReceiveConnector.json', 'servers/EX02/TransportService.json'
        )
        $files = Get-ChildItem -LiteralPath $dump -Recurse -File |
            ForEach-Object { [System.IO.Path]::GetRelativePath($dump, $_.FullName).Replace('\', '/') } | Sort-Object
        @($files) | Should -Be $expected
    }

    It 'writes UTF-8 without a byte order mark' {
        foreach ($file in Get-ChildItem -LiteralPath $dump -Recurse -File) {
            $bytes = [System.IO.File]::ReadAllBytes($file.FullName)
            $bytes[0] | Should -Not -Be 0xEF -Because $file.Name
            $bytes[0] | Should -BeIn @([byte][char]'[', [byte][char]'{') -Because $file.Name
        }
    }

    It 'lists every Exchange server, sorted, with the role as name and number and objects as text' {
        $servers = Read-DumpJson (Join-Path $dump 'org/ExchangeServer.json')
        @($servers.Name) | Should -Be @('CAS10', 'EX01', 'EX02')
        $ex01 = $servers | Where-Object Name -EQ 'EX01'
        $ex01.Fqdn | Should -Be 'EX01.contoso.com'
        $ex01.ServerRole | Should -Be 'Mailbox'
        $ex01.ServerRoleValue | Should -Be 2
        $ex01.Site | Should -Be 'contoso.com/Configuration/Sites/Default-First-Site-Name'
        $ex01.AdminDisplayVersion | Should -Be 'Version 15.2 (Build 1544.4)'
        $ex01.PSObject.Properties.Name | Should -Not -Contain 'IsEdgeServer' -Because 'only the selected properties are written'
    }

    It 'writes receive connectors with enum names and numbers, bindings as text and only the selected properties' {
        $connectors = Read-DumpJson (Join-Path $dump 'servers/EX01/ReceiveConnector.json')
        @($connectors.Identity) | Should -Be @('EX01\Client Frontend EX01', 'EX01\Default EX01', 'EX01\Default Frontend EX01')
        $default = $connectors | Where-Object Name -EQ 'Default EX01'
        $default.AuthMechanism | Should -Be 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer'
        $default.AuthMechanismValue | Should -Be 31
        $default.PermissionGroups | Should -Be 'ExchangeUsers, ExchangeServers, ExchangeLegacyServers'
        $default.PermissionGroupsValue | Should -Be 14
        $default.TransportRole | Should -Be 'HubTransport'
        $default.TransportRoleValue | Should -Be 32
        @($default.Bindings) | Should -Be @('[::]:2525', '0.0.0.0:2525')
        $default.Server | Should -Be 'EX01'
        $default.Fqdn | Should -Be 'EX01.contoso.com'
        $default.SuppressXAnonymousTls | Should -BeFalse
        $default.TlsCertificateName | Should -BeNullOrEmpty
        , $default.TlsDomainCapabilities | Should -BeOfType [object[]]
        @($default.TlsDomainCapabilities).Count | Should -Be 0
        $default.PSObject.Properties.Name | Should -Not -Contain 'MaxMessageSize'
        $frontend = $connectors | Where-Object Name -EQ 'Default Frontend EX01'
        $frontend.TransportRoleValue | Should -Be 16384
        $frontend.PermissionGroupsValue | Should -Be 13
    }

    It 'keeps the number of an enum that a remote session deserialized' {
        $default = Read-DumpJson (Join-Path $dump 'servers/EX02/ReceiveConnector.json') | Where-Object Name -EQ 'Default EX02'
        $default.AuthMechanism | Should -Be 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer'
        $default.AuthMechanismValue | Should -Be 31
    }

    It 'writes certificates with ISO 8601 UTC dates, services as name and number, and RawData as base64 of the public certificate' {
        $certs = Read-DumpJson (Join-Path $dump 'servers/EX01/ExchangeCertificate.json') -ErrorAction Stop
        $raw = Get-Content -LiteralPath (Join-Path $dump 'servers/EX01/ExchangeCertificate.json') -Raw
        $raw | Should -Match '"NotAfter":\s*"2029-03-01T08:00:00\.0000000Z"'
        $raw | Should -Not -Match 'Date\('
        @($certs.Thumbprint) | Should -Be @($org.Certificates['EX01'] | ForEach-Object Thumbprint | Sort-Object)
        $internal = $certs | Where-Object Subject -EQ 'CN=EX01'
        $internal.Services | Should -Be 'IMAP, POP, IIS, SMTP'
        $internal.ServicesValue | Should -Be 27
        $internal.Status | Should -Be 'Valid'
        $internal.StatusValue | Should -Be 1
        $internal.HasPrivateKey | Should -BeTrue
        $internal.IsSelfSigned | Should -BeTrue
        @($internal.CertificateDomains) | Should -Be @('EX01', 'EX01.contoso.com')
        $rebuilt = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 (, [System.Convert]::FromBase64String($internal.RawData))
        $rebuilt.Thumbprint | Should -Be $internal.Thumbprint
        $rebuilt.HasPrivateKey | Should -BeFalse
        $raw | Should -Not -Match 'PRIVATE KEY'
    }

    It 'writes send connectors with the non-flag SmartHostAuthMechanism and a nullable TlsAuthLevel' {
        $send = Read-DumpJson (Join-Path $dump 'org/SendConnector.json')
        @($send.Name) | Should -Be @('Internet', 'Outbound to Office 365 - 6f0c3a8e', 'archive relay')
        ($send | Where-Object Name -EQ 'archive relay').SmartHostAuthMechanismValue | Should -Be 4
        $hybrid = $send | Where-Object Name -Like 'Outbound*'
        @($hybrid.SourceTransportServers) | Should -Be @('EX01', 'EX02')
        @($hybrid.SmartHosts) | Should -Be @('contoso-com.mail.protection.outlook.com')
        @($hybrid.AddressSpaces) | Should -Be @('smtp:contoso.mail.onmicrosoft.com;1')
        $hybrid.TlsCertificateName | Should -Be '<I>CN=EX01<S>CN=EX01'
        $hybrid.TlsAuthLevel | Should -Be 'DomainValidation'
        $hybrid.TlsAuthLevelValue | Should -Be 4
        $hybrid.SmartHostAuthMechanism | Should -Be 'None'
        $hybrid.SmartHostAuthMechanismValue | Should -Be 0
        $hybrid.CloudServicesMailEnabled | Should -BeTrue
        $internet = $send | Where-Object Name -EQ 'Internet'
        $internet.PSObject.Properties.Name | Should -Contain 'TlsAuthLevelValue'
        $internet.TlsAuthLevel | Should -BeNullOrEmpty
        $internet.TlsAuthLevelValue | Should -BeNullOrEmpty
        , $internet.SmartHosts | Should -BeOfType [object[]]
    }

    It 'writes the transport service and the AD value of the internal transport certificate' {
        $transport = @(Read-DumpJson (Join-Path $dump 'servers/EX02/TransportService.json'))
        $transport.Count | Should -Be 1
        $transport[0].InternalTransportCertificateThumbprint | Should -Be $org.TransportServices['EX02'].InternalTransportCertificateThumbprint
        $ad = Read-DumpJson (Join-Path $dump 'servers/EX02/InternalTransportCertificate.json')
        $ad.server | Should -Be 'EX02'
        $ad.distinguishedName | Should -BeLike 'CN=EX02,CN=Servers,*'
        $ad.readError | Should -BeNullOrEmpty
        $bytes = [System.Convert]::FromBase64String($ad.msExchServerInternalTLSCert)
        $sha1 = [System.Security.Cryptography.SHA1]::HashData($bytes)
        [System.Convert]::ToHexString($sha1) | Should -Be $transport[0].InternalTransportCertificateThumbprint
        Should -Invoke Get-ExtlsInternalTransportCertificate -Scope Describe -Times 1 -Exactly -ParameterFilter { $Server -eq 'EX02' -and -not $Edge }
    }

    It 'writes an empty array, not nothing, for a section with no results' {
        (Get-Content -LiteralPath (Join-Path $dump 'org/EdgeSubscription.json') -Raw).Trim() | Should -Be '[]'
    }

    It 'zips the dump next to the folder' {
        $zip = $dump + '.zip'
        $zip | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $archive = [System.IO.Compression.ZipFile]::OpenRead($zip)
        try { $names = @($archive.Entries | ForEach-Object { $_.FullName.Replace('\', '/') }) }
        finally { $archive.Dispose() }
        $names | Should -Contain 'manifest.json'
        $names | Should -Contain 'servers/EX01/ReceiveConnector.json'
    }

    It 'gives the same section bytes on a second run over the same configuration' {
        $second = Join-Path $TestDrive 'dump2'
        Invoke-Collector -OutputPath $second
        foreach ($file in Get-ChildItem -LiteralPath $dump -Recurse -File -Filter *.json | Where-Object Name -NE 'manifest.json') {
            $other = $file.FullName.Replace($dump, $second)
            (Get-FileHash -LiteralPath $other).Hash | Should -Be (Get-FileHash -LiteralPath $file.FullName).Hash -Because $file.Name
        }
    }

    It 'refuses an output folder that already holds files' {
        { & $script:CollectorScript -OutputPath $dump 6> $null } | Should -Throw '*not empty*'
    }
}

Describe 'A failing server or section' {
    BeforeAll {
        $org = New-TestOrganization
        Register-OrganizationMocks -Org $org
        Mock Get-ReceiveConnector -ParameterFilter { $Server -eq 'EX02' } {
            throw "The operation couldn't be performed because object 'EX02' couldn't be found on 'DC01.contoso.com'."
        }
        Mock Get-SendConnector { throw 'Active Directory operation failed on DC01.contoso.com.' }
        $dump = Join-Path $TestDrive 'failing'
        $said = Invoke-Collector -OutputPath $dump
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
    }

    It 'records the failure in the manifest with server, section and message' {
        $errors = @($manifest.errors)
        $errors.Count | Should -Be 2
        $rc = $errors | Where-Object section -EQ 'ReceiveConnector'
        $rc.server | Should -Be 'EX02'
        $rc.message | Should -BeLike "*object 'EX02' couldn't be found*"
        $sc = $errors | Where-Object section -EQ 'SendConnector'
        $sc.server | Should -BeNullOrEmpty
        $sc.message | Should -BeLike '*Active Directory operation failed*'
    }

    It 'says how many sections failed' {
        $said | Should -BeLike '*2 server(s), 2 section(s) failed.'
    }

    It 'writes no file for the failed section, so that not collected is not mistaken for empty' {
        Join-Path $dump 'servers/EX02/ReceiveConnector.json' | Should -Not -Exist
        Join-Path $dump 'org/SendConnector.json' | Should -Not -Exist
    }

    It 'keeps every other file of the failing server and of the healthy one' {
        foreach ($file in 'ExchangeCertificate', 'InternalTransportCertificate', 'ReceiveConnector', 'TransportService') {
            Join-Path $dump "servers/EX01/$file.json" | Should -Exist
        }
        foreach ($file in 'ExchangeCertificate', 'InternalTransportCertificate', 'TransportService') {
            Join-Path $dump "servers/EX02/$file.json" | Should -Exist
        }
        @(Read-DumpJson (Join-Path $dump 'servers/EX01/ReceiveConnector.json')).Count | Should -Be 3
        @($manifest.servers) | Should -Be @('EX01', 'EX02')
    }
}

Describe 'Get-ExchangeServer failing' {
    BeforeAll {
        $org = New-TestOrganization
        Register-OrganizationMocks -Org $org
        Mock Get-ExchangeServer { throw 'Access is denied.' }
    }

    It 'still collects the servers named with -Server, once each, and records the failure' {
        $dump = Join-Path $TestDrive 'named'
        Invoke-Collector -OutputPath $dump -Server 'EX02', 'ex02', 'EX01' | Out-Null
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        @($manifest.servers) | Should -Be @('EX01', 'EX02')
        $entry = @($manifest.errors)
        $entry.Count | Should -Be 1
        $entry[0].section | Should -Be 'ExchangeServer'
        $entry[0].message | Should -Be 'Access is denied.'
        Join-Path $dump 'org/ExchangeServer.json' | Should -Not -Exist
        Join-Path $dump 'servers/EX01/ReceiveConnector.json' | Should -Exist
    }

    It 'writes a manifest with no server when none is named' {
        $dump = Join-Path $TestDrive 'none'
        $said = Invoke-Collector -OutputPath $dump
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        , $manifest.servers | Should -BeOfType [object[]]
        @($manifest.servers).Count | Should -Be 0
        @($manifest.errors).section | Should -Be 'ExchangeServer'
        $said | Should -BeLike '*0 server(s), 1 section(s) failed.'
    }
}

Describe 'ADSI unavailable' {
    BeforeAll {
        $org = New-TestOrganization
        Register-OrganizationMocks -Org $org -WithoutAdMock
        $dump = Join-Path $TestDrive 'noadsi'
    }

    It 'writes the AD file with readError, lists the failure and keeps the other sections' -Skip:(-not $adsiMissing) {
        # No mock here: the collector's own Get-ExtlsInternalTransportCertificate meets the missing [adsi].
        Invoke-Collector -OutputPath $dump
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        foreach ($name in 'EX01', 'EX02') {
            $ad = Read-DumpJson (Join-Path $dump "servers/$name/InternalTransportCertificate.json")
            $ad.server | Should -Be $name
            $ad.msExchServerInternalTLSCert | Should -BeNullOrEmpty
            $ad.readError | Should -BeLike 'ADSI is not available in this shell*[adsi]*'
            $entry = @($manifest.errors) | Where-Object { $_.server -eq $name -and $_.section -eq 'InternalTransportCertificate' }
            $entry.message | Should -Be $ad.readError
            Join-Path $dump "servers/$name/ReceiveConnector.json" | Should -Exist
            Join-Path $dump "servers/$name/ExchangeCertificate.json" | Should -Exist
        }
        @($manifest.errors).Count | Should -Be 2
    }
}

Describe 'A certificate from a remote session that kept only RawData' {
    It 'leaves out the properties the shell did not return, so that they read as unknown, not empty' {
        $org = New-TestOrganization
        $full = $org.Certificates['EX02'][0]
        $org.Certificates['EX02'] = @([pscustomobject]@{ Thumbprint = $full.Thumbprint; RawData = $full.RawData })
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'remote'
        Invoke-Collector -OutputPath $dump
        $cert = @(Read-DumpJson (Join-Path $dump 'servers/EX02/ExchangeCertificate.json'))
        $cert.Count | Should -Be 1
        @($cert[0].PSObject.Properties.Name | Sort-Object) | Should -Be @('RawData', 'Thumbprint')
        $cert[0].RawData | Should -Be ([System.Convert]::ToBase64String($full.RawData))
    }
}

Describe 'Edge Transport servers' {
    It 'reads a subscribed Edge from the organisation AD and leaves its store to the Edge''s own dump' {
        $org = New-TestOrganization
        $org.ExchangeServers += [pscustomobject]@{ Name = 'EDGE01'; Fqdn = 'edge01.contoso.com'; ServerRole = [ExtlsFake.ServerRole]::Edge
            Site = $null; AdminDisplayVersion = (New-ToStringObject 'Version 15.2 (Build 1544.4)') }
        $org.AdValues['EDGE01'] = [pscustomobject]@{ server = 'EDGE01'; distinguishedName = 'CN=EDGE01,CN=Servers,CN=x'; msExchServerInternalTLSCert = 'AAEC'; readError = $null }
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'org-with-edge'
        Invoke-Collector -OutputPath $dump
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        @($manifest.servers) | Should -Be @('EDGE01', 'EX01', 'EX02')
        (Read-DumpJson (Join-Path $dump 'servers/EDGE01/InternalTransportCertificate.json')).msExchServerInternalTLSCert | Should -Be 'AAEC'
        Join-Path $dump 'servers/EDGE01/ReceiveConnector.json' | Should -Not -Exist
        @(@($manifest.errors) | Where-Object server -EQ 'EDGE01' | ForEach-Object section | Sort-Object) |
            Should -Be @('ExchangeCertificate', 'ReceiveConnector', 'TransportService')
        Should -Invoke Get-ExtlsInternalTransportCertificate -ParameterFilter { $Server -eq 'EDGE01' -and -not $Edge } -Times 1 -Exactly
        Should -Invoke Get-ReceiveConnector -ParameterFilter { $Server -eq 'EDGE01' } -Times 0 -Exactly
    }

    It 'reads AD LDS when run on the Edge itself' {
        $org = New-TestOrganization
        $org.ExchangeServers = @([pscustomobject]@{ Name = 'EDGE01'; Fqdn = 'edge01.contoso.com'; ServerRole = [ExtlsFake.ServerRole]::Edge
                Site = $null; AdminDisplayVersion = (New-ToStringObject 'Version 15.2 (Build 1544.4)') })
        $org.TransportServices['EDGE01'] = $org.TransportServices['EX01']
        $org.ReceiveConnectors['EDGE01'] = $org.ReceiveConnectors['EX01']
        $org.Certificates['EDGE01'] = $org.Certificates['EX01']
        $org.AdValues['EDGE01'] = $org.AdValues['EX01']
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'edge'
        Invoke-Collector -OutputPath $dump
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        @($manifest.servers) | Should -Be @('EDGE01')
        @($manifest.errors).Count | Should -Be 0
        $manifest.organization | Should -BeNullOrEmpty
        Should -Invoke Get-OrganizationConfig -Times 0 -Exactly
        Should -Invoke Get-ExtlsInternalTransportCertificate -ParameterFilter { $Server -eq 'EDGE01' -and $Edge } -Times 1 -Exactly
    }
}

Describe 'Get-Help' {
    It 'shows the synopsis, an example and help for every parameter' {
        $help = Get-Help $script:CollectorScript -Full
        $help.Synopsis | Should -BeLike '*read-only raw dump*'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 1
        foreach ($name in 'OutputPath', 'Server', 'Zip') {
            $parameter = $help.Parameters.Parameter | Where-Object Name -EQ $name
            ($parameter.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because $name
        }
        ($help.Parameters.Parameter | Where-Object Name -EQ 'OutputPath').Required | Should -Be 'true'
        ($help.Description | Out-String) | Should -BeLike '*AuthMechanismValue*'
    }
}

AfterAll {
    Remove-Variable -Name ExtlsMockOrg, ExtlsTestRsa -Scope Global -ErrorAction SilentlyContinue
}
