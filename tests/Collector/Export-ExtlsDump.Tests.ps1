BeforeDiscovery {
    # Where [adsi] exists (Windows) the real AD read would run against a real directory.
    $adsiMissing = $null -eq ('System.DirectoryServices.DirectorySearcher' -as [type])
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'CollectorTestData.ps1')

    function Invoke-Collector {
        # Returns what the collector told the user on the host (its closing line).
        # Evidence (logs and events) has tests of its own (Export-ExtlsDump.Evidence.Tests.ps1); here it is left out.
        param([string] $OutputPath, [switch] $Zip, [switch] $Force, [string[]] $Server, [int] $TimeoutSeconds = 30)
        $arguments = @{ OutputPath = $OutputPath; Zip = $Zip; Force = $Force; TimeoutSeconds = $TimeoutSeconds; NoEvidence = $true }
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
        $manifest.collector.edgeTransport | Should -BeFalse
        $manifest.collector.timeoutSeconds | Should -Be 30
        @($manifest.servers) | Should -Be @('EX01', 'EX02')
        @($manifest.errors).Count | Should -Be 0
        $manifest.complete | Should -BeTrue
        $manifest.interruption | Should -BeNullOrEmpty
        $raw = Get-Content -LiteralPath (Join-Path $dump 'manifest.json') -Raw
        $raw | Should -Match '"collectedAt":\s*"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z"'
        $raw | Should -Match '"finishedAt":\s*"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z"'
    }

    It 'lists the server without a transport role as skipped, with the reason' {
        $skipped = @($manifest.skippedServers)
        $skipped.Count | Should -Be 1
        $skipped[0].server | Should -Be 'CAS10'
        $skipped[0].reason | Should -BeLike '*No transport role*IsHubTransportServer*IsFrontendTransportServer*IsEdgeServer*'
    }

    It 'records the time spent on each server and on each section' {
        $timings = @($manifest.serverTimings)
        @($timings.server) | Should -Be @('EX01', 'EX02')
        foreach ($t in $timings) {
            $t.completed | Should -BeTrue
            $t.seconds | Should -BeOfType [double]
            $t.seconds | Should -BeGreaterOrEqual 0
        }
        $sections = @($manifest.sectionTimings)
        @($sections | Where-Object { $_.server -eq 'EX01' } | ForEach-Object section) | Should -Be @('ExchangeCertificate', 'HostAddress')
        @($sections | Where-Object { $null -eq $_.server } | ForEach-Object section) |
            Should -Be @('ExchangeServer', 'SendConnector', 'EdgeSubscription', 'HybridConfiguration', 'TransportConfig', 'AcceptedDomain',
                'TransportService', 'ReceiveConnector', 'InternalTransportCertificate')
    }

    It 'shows progress per server and ends saying where the dump is and how many sections failed' {
        Should -Invoke Write-Progress -Scope Describe -ParameterFilter { $Status -like 'EX01 (1 of 2)' } -Times 1 -Exactly
        Should -Invoke Write-Progress -Scope Describe -ParameterFilter { $Status -like 'EX02 (2 of 2)' } -Times 1 -Exactly
        $said | Should -BeLike "Dump written to $dump (and $dump.zip): 2 server(s), 0 section(s) failed, 1 server(s) skipped."
    }

    It 'writes every section file of the layout and nothing for a server without a transport role' {
        $expected = @(
            'manifest.json', 'org/AcceptedDomain.json', 'org/EdgeSubscription.json', 'org/ExchangeServer.json', 'org/HybridConfiguration.json',
            'org/SendConnector.json', 'org/TransportConfig.json',
            'servers/EX01/ExchangeCertificate.json', 'servers/EX01/HostAddress.json', 'servers/EX01/InternalTransportCertificate.json',
            'servers/EX01/ReceiveConnector.json', 'servers/EX01/TransportService.json',
            'servers/EX02/ExchangeCertificate.json', 'servers/EX02/HostAddress.json', 'servers/EX02/InternalTransportCertificate.json',
            'servers/EX02/ReceiveConnector.json', 'servers/EX02/TransportService.json'
        )
        Get-DumpFiles $dump | Should -Be $expected
    }

    It 'writes UTF-8 without a byte order mark' {
        foreach ($file in Get-ChildItem -LiteralPath $dump -Recurse -File) {
            $bytes = [System.IO.File]::ReadAllBytes($file.FullName)
            $bytes[0] | Should -Not -Be 0xEF -Because $file.Name
            $bytes[0] | Should -BeIn @([byte][char]'[', [byte][char]'{') -Because $file.Name
        }
    }

    It 'lists every Exchange server, sorted, with the role as name and number, the transport flags, DN and domain controller' {
        $servers = Read-DumpJson (Join-Path $dump 'org/ExchangeServer.json')
        @($servers.Name) | Should -Be @('CAS10', 'EX01', 'EX02')
        $ex01 = $servers | Where-Object Name -EQ 'EX01'
        $ex01.Fqdn | Should -Be 'EX01.contoso.com'
        $ex01.ServerRole | Should -Be 'Mailbox'
        $ex01.ServerRoleValue | Should -Be 2
        $ex01.Site | Should -Be 'contoso.com/Configuration/Sites/Default-First-Site-Name'
        $ex01.AdminDisplayVersion | Should -Be 'Version 15.2 (Build 1544.4)'
        $ex01.IsHubTransportServer | Should -BeTrue
        $ex01.IsFrontendTransportServer | Should -BeTrue
        $ex01.IsEdgeServer | Should -BeFalse
        $ex01.IsMailboxServer | Should -BeTrue
        $ex01.IsClientAccessServer | Should -BeTrue
        $ex01.DistinguishedName | Should -Be (Get-TestServerDn 'EX01')
        $ex01.OriginatingServer | Should -Be 'DC01.contoso.com'
        $ex01.PSObject.Properties.Name | Should -Not -Contain 'ExchangeLegacyDN' -Because 'only the selected properties are written'
    }

    It 'writes receive connectors with enum names and numbers, bindings and remote ranges as text and only the selected properties' {
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
        @($default.RemoteIPRanges) | Should -Be @('0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')
        $default.DomainSecureEnabled | Should -BeFalse
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

    It 'writes certificates with ISO 8601 UTC dates, services as name and number, RawData as base64 and where each came from' {
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
        $internal.FriendlyName | Should -Be 'Microsoft Exchange'
        $internal.IsSelfSigned | Should -BeTrue
        @($internal.CertificateDomains) | Should -Be @('EX01', 'EX01.contoso.com')
        $internal.Origin | Should -Be 'Local'
        @($internal.TypeNames)[0] | Should -Be 'Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate'
        $internal.PSObject.Properties.Name | Should -Contain 'PSComputerName'
        $internal.PSComputerName | Should -BeNullOrEmpty
        , $internal.UnknownProperties | Should -BeOfType [object[]]
        @($internal.UnknownProperties).Count | Should -Be 0
        $rebuilt = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 (, [System.Convert]::FromBase64String($internal.RawData))
        $rebuilt.Thumbprint | Should -Be $internal.Thumbprint
        $rebuilt.HasPrivateKey | Should -BeFalse
        $raw | Should -Not -Match 'PRIVATE KEY'
    }

    It 'writes send connectors with the non-flag SmartHostAuthMechanism, a nullable TlsAuthLevel and the routing and TLS settings' {
        $send = Read-DumpJson (Join-Path $dump 'org/SendConnector.json')
        @($send.Name) | Should -Be @('Internet', 'Outbound to Office 365 - 6f0c3a8e', 'archive relay')
        $relay = $send | Where-Object Name -EQ 'archive relay'
        $relay.SmartHostAuthMechanismValue | Should -Be 4
        $relay.Port | Should -Be 587
        $relay.IgnoreSTARTTLS | Should -BeTrue
        $relay.SourceIPAddress | Should -Be '10.0.0.11'
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
        $hybrid.DNSRoutingEnabled | Should -BeFalse
        $hybrid.FrontendProxyEnabled | Should -BeFalse
        $hybrid.DomainSecureEnabled | Should -BeFalse
        $hybrid.Port | Should -Be 25
        $internet = $send | Where-Object Name -EQ 'Internet'
        $internet.PSObject.Properties.Name | Should -Contain 'TlsAuthLevelValue'
        $internet.TlsAuthLevel | Should -BeNullOrEmpty
        $internet.TlsAuthLevelValue | Should -BeNullOrEmpty
        $internet.DNSRoutingEnabled | Should -BeTrue
        $internet.FrontendProxyEnabled | Should -BeTrue
        $internet.SourceIPAddress | Should -Be '0.0.0.0'
        , $internet.SmartHosts | Should -BeOfType [object[]]
    }

    It 'writes the transport service and the AD value of the internal transport certificate with the domain controller it came from' {
        $transport = @(Read-DumpJson (Join-Path $dump 'servers/EX02/TransportService.json'))
        $transport.Count | Should -Be 1
        $transport[0].InternalTransportCertificateThumbprint | Should -Be $org.TransportServices['EX02'].InternalTransportCertificateThumbprint
        $ad = Read-DumpJson (Join-Path $dump 'servers/EX02/InternalTransportCertificate.json')
        $ad.server | Should -Be 'EX02'
        $ad.distinguishedName | Should -Be (Get-TestServerDn 'EX02')
        $ad.domainController | Should -Be 'DC01.contoso.com'
        $ad.readError | Should -BeNullOrEmpty
        $bytes = [System.Convert]::FromBase64String($ad.msExchServerInternalTLSCert)
        $sha1 = [System.Security.Cryptography.SHA1]::HashData($bytes)
        [System.Convert]::ToHexString($sha1) | Should -Be $transport[0].InternalTransportCertificateThumbprint
    }

    It 'writes the addresses DNS gives for each server''s FQDN' {
        $addresses = @(Read-DumpJson (Join-Path $dump 'servers/EX01/HostAddress.json'))
        $addresses.Count | Should -Be 1
        $addresses[0].HostName | Should -Be 'EX01.contoso.com'
        $addresses[0].IPAddressToString | Should -Be $org.HostAddresses['EX01.contoso.com'][0]
        $addresses[0].AddressFamily | Should -Be 'InterNetwork'
        $addresses[0].AddressFamilyValue | Should -Be 2
        Should -Invoke Resolve-ExtlsHostAddress -Scope Describe -ParameterFilter { $Fqdn -eq 'EX02.contoso.com' -and $TimeoutSeconds -eq 30 } -Times 1 -Exactly
    }

    It 'writes the hybrid configuration, the transport configuration and the accepted domains' {
        $hybrid = @(Read-DumpJson (Join-Path $dump 'org/HybridConfiguration.json'))
        $hybrid.Count | Should -Be 1
        $hybrid[0].TlsCertificateName | Should -Be '<I>CN=EX01<S>CN=EX01'
        @($hybrid[0].SendingTransportServers) | Should -Be @('EX01', 'EX02')
        @($hybrid[0].ReceivingTransportServers) | Should -Be @('EX01', 'EX02')
        , $hybrid[0].EdgeTransportServers | Should -BeOfType [object[]]
        @($hybrid[0].Domains) | Should -Be @('contoso.com')
        @($hybrid[0].Features) | Should -Be @('FreeBusy', 'MoveMailbox', 'SecureMail')
        @($hybrid[0].FeaturesValue) | Should -Be @(0, 1, 6)
        $hybrid[0].OnPremisesSmartHost | Should -Be 'mail.contoso.com'
        $hybrid[0].PSObject.Properties.Name | Should -Not -Contain 'ClientAccessServers'

        $transportConfig = @(Read-DumpJson (Join-Path $dump 'org/TransportConfig.json'))
        @($transportConfig[0].TLSSendDomainSecureList) | Should -Be @('fabrikam.com')
        @($transportConfig[0].TLSReceiveDomainSecureList) | Should -Be @('fabrikam.com')
        @($transportConfig[0].InternalSMTPServers) | Should -Be @('10.0.0.5')
        $transportConfig[0].PSObject.Properties.Name | Should -Not -Contain 'MaxSendSize'

        $domains = @(Read-DumpJson (Join-Path $dump 'org/AcceptedDomain.json'))
        @($domains.DomainName) | Should -Be @('contoso.com', 'contoso.mail.onmicrosoft.com')
        $domains[0].DomainType | Should -Be 'Authoritative'
        $domains[0].DomainTypeValue | Should -Be 0
        $domains[0].Default | Should -BeTrue
        $domains[1].DomainTypeValue | Should -Be 2
    }

    It 'writes an empty array, not nothing, for a section with no results' {
        (Get-Content -LiteralPath (Join-Path $dump 'org/EdgeSubscription.json') -Raw).Trim() | Should -Be '[]'
    }

    It 'zips the dump next to the folder, every file under its forward-slash name' {
        $zip = $dump + '.zip'
        $zip | Should -Exist
        $archive = [System.IO.Compression.ZipFile]::OpenRead($zip)
        try { $names = @($archive.Entries | ForEach-Object FullName) }
        finally { $archive.Dispose() }
        [System.Array]::Sort([string[]] $names, [System.StringComparer]::Ordinal)
        $names | Should -Be (Get-DumpFiles $dump)
        $names | Where-Object { $_.Contains('\') } | Should -BeNullOrEmpty
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
        Mock Get-ExchangeCertificate -ParameterFilter { $Server -eq 'EX02' } {
            Complete-ExtlsMockCall -AsJob:$AsJob -Fail "The operation couldn't be performed because object 'EX02' couldn't be found on 'DC01.contoso.com'."
        }
        Mock Get-SendConnector { throw 'Active Directory operation failed on DC01.contoso.com.' }
        $dump = Join-Path $TestDrive 'failing'
        $said = Invoke-Collector -OutputPath $dump
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
    }

    It 'records the failure in the manifest with server, section and message' {
        $errors = @($manifest.errors)
        $errors.Count | Should -Be 2
        $certificate = $errors | Where-Object section -EQ 'ExchangeCertificate'
        $certificate.server | Should -Be 'EX02'
        $certificate.message | Should -BeLike "*object 'EX02' couldn't be found*"
        $sc = $errors | Where-Object section -EQ 'SendConnector'
        $sc.server | Should -BeNullOrEmpty
        $sc.message | Should -BeLike '*Active Directory operation failed*'
        $manifest.complete | Should -BeTrue
    }

    It 'says how many sections failed' {
        $said | Should -BeLike '*2 server(s), 2 section(s) failed, 1 server(s) skipped.'
    }

    It 'writes no file for the failed section, so that not collected is not mistaken for empty' {
        Join-Path $dump 'servers/EX02/ExchangeCertificate.json' | Should -Not -Exist
        Join-Path $dump 'org/SendConnector.json' | Should -Not -Exist
    }

    It 'keeps every other file of the failing server and of the healthy one' {
        foreach ($file in 'ExchangeCertificate', 'InternalTransportCertificate', 'ReceiveConnector', 'TransportService', 'HostAddress') {
            Join-Path $dump "servers/EX01/$file.json" | Should -Exist
        }
        foreach ($file in 'InternalTransportCertificate', 'ReceiveConnector', 'TransportService', 'HostAddress') {
            Join-Path $dump "servers/EX02/$file.json" | Should -Exist
        }
        @(Read-DumpJson (Join-Path $dump 'servers/EX01/ReceiveConnector.json')).Count | Should -Be 3
        @($manifest.servers) | Should -Be @('EX01', 'EX02')
    }
}

Describe 'An organisation-wide read failing' {
    It 'records the failure for every server the read would have covered' {
        $org = New-TestOrganization
        Register-OrganizationMocks -Org $org
        Mock Get-ReceiveConnector { throw 'The LDAP server is unavailable.' }
        $dump = Join-Path $TestDrive 'no-connectors'
        Invoke-Collector -OutputPath $dump | Out-Null
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        $errors = @($manifest.errors | Where-Object section -EQ 'ReceiveConnector')
        @($errors.server) | Should -Be @('EX01', 'EX02')
        @($errors.message | Sort-Object -Unique) | Should -Be @('The LDAP server is unavailable.')
        Join-Path $dump 'servers/EX01/ReceiveConnector.json' | Should -Not -Exist
        Join-Path $dump 'servers/EX01/ExchangeCertificate.json' | Should -Exist
    }
}

Describe 'Get-ExchangeServer failing' {
    BeforeAll {
        $org = New-TestOrganization
        Register-OrganizationMocks -Org $org
        Mock Get-ExchangeServer { throw 'Access is denied.' }
    }

    It 'still collects the servers named with -Server, once each, and records what could not be read without the server objects' {
        $dump = Join-Path $TestDrive 'named'
        Invoke-Collector -OutputPath $dump -Server 'EX02', 'ex02', 'EX01' | Out-Null
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        @($manifest.servers) | Should -Be @('EX01', 'EX02')
        $errors = @($manifest.errors)
        ($errors | Where-Object section -EQ 'ExchangeServer').message | Should -Be 'Access is denied.'
        # Without the server objects there is no DN and no domain controller to bind to, and no FQDN.
        @($errors | Where-Object section -EQ 'InternalTransportCertificate' | ForEach-Object server) | Should -Be @('EX01', 'EX02')
        ($errors | Where-Object section -EQ 'InternalTransportCertificate')[0].message | Should -BeLike '*distinguished name of the server object is unknown*'
        @($errors | Where-Object section -EQ 'HostAddress' | ForEach-Object server) | Should -Be @('EX01', 'EX02')
        $errors.Count | Should -Be 5
        Join-Path $dump 'org/ExchangeServer.json' | Should -Not -Exist
        Join-Path $dump 'servers/EX01/ReceiveConnector.json' | Should -Exist
        Should -Invoke Invoke-ExtlsDirectorySearch -Times 0 -Exactly
    }

    It 'writes a manifest with no server when none is named' {
        $dump = Join-Path $TestDrive 'none'
        $said = Invoke-Collector -OutputPath $dump
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        , $manifest.servers | Should -BeOfType [object[]]
        @($manifest.servers).Count | Should -Be 0
        @($manifest.errors).section | Should -Be 'ExchangeServer'
        $said | Should -BeLike '*0 server(s), 1 section(s) failed, 0 server(s) skipped.'
    }
}

Describe 'ADSI unavailable' {
    BeforeAll {
        $org = New-TestOrganization
        Register-OrganizationMocks -Org $org -WithoutAdMock
        $dump = Join-Path $TestDrive 'noadsi'
    }

    It 'writes the AD file with readError, lists the failure and keeps the other sections' -Skip:(-not $adsiMissing) {
        # No mock here: the collector's own Invoke-ExtlsDirectorySearch meets the missing ADSI.
        Invoke-Collector -OutputPath $dump
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        foreach ($name in 'EX01', 'EX02') {
            $ad = Read-DumpJson (Join-Path $dump "servers/$name/InternalTransportCertificate.json")
            $ad.server | Should -Be $name
            $ad.msExchServerInternalTLSCert | Should -BeNullOrEmpty
            $ad.readError | Should -BeLike '*ADSI is not available in this shell*'
            $entry = @($manifest.errors) | Where-Object { $_.server -eq $name -and $_.section -eq 'InternalTransportCertificate' }
            $entry.message | Should -Be $ad.readError
            Join-Path $dump "servers/$name/ReceiveConnector.json" | Should -Exist
            Join-Path $dump "servers/$name/ExchangeCertificate.json" | Should -Exist
        }
        @($manifest.errors).Count | Should -Be 2
    }
}

Describe 'The AD read is bound to the domain controller Exchange reports and to the server objects'' DN' {
    BeforeAll {
        $org = New-TestOrganization -MixedVersions
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'ad'
        Invoke-Collector -OutputPath $dump | Out-Null
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
    }

    It 'reads every server object with one search under the Administrative Groups container, on OriginatingServer' {
        $expected = 'LDAP://DC01.contoso.com/CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com'
        Should -Invoke Invoke-ExtlsDirectorySearch -Scope Describe -Times 1 -Exactly
        Should -Invoke Invoke-ExtlsDirectorySearch -Scope Describe -Times 1 -Exactly -ParameterFilter {
            $Path -eq $expected -and $Filter -eq '(objectClass=msExchExchangeServer)' -and $Property -contains 'msExchServerInternalTLSCert'
        }
        Should -Invoke Invoke-ExtlsDirectorySearch -Scope Describe -Times 0 -Exactly -ParameterFilter { $Path -like '*RootDSE*' }
    }

    It 'matches each server object by its DN' {
        foreach ($name in $manifest.servers) {
            $ad = Read-DumpJson (Join-Path $dump "servers/$name/InternalTransportCertificate.json")
            $ad.distinguishedName | Should -Be (Get-TestServerDn $name)
            $ad.msExchServerInternalTLSCert | Should -Be $org.AdValues[$name].msExchServerInternalTLSCert
            $ad.readError | Should -BeNullOrEmpty
        }
    }

    It 'does not guess a directory when Exchange reports no domain controller for a server' {
        $org2 = New-TestOrganization
        ($org2.ExchangeServers | Where-Object Name -EQ 'EX02').OriginatingServer = $null
        Register-OrganizationMocks -Org $org2
        $dump2 = Join-Path $TestDrive 'ad-no-dc'
        Invoke-Collector -OutputPath $dump2 | Out-Null
        (Read-DumpJson (Join-Path $dump2 'servers/EX02/InternalTransportCertificate.json')).readError | Should -BeLike '*no domain controller (OriginatingServer)*'
        (Read-DumpJson (Join-Path $dump2 'servers/EX01/InternalTransportCertificate.json')).readError | Should -BeNullOrEmpty
        Should -Invoke Invoke-ExtlsDirectorySearch -Times 1 -Exactly -ParameterFilter { $Path -like 'LDAP://DC01.contoso.com/*' }
    }

    It 'reports a server object the search did not find' {
        $org3 = New-TestOrganization
        $org3.AdValues.Remove('EX02')
        Register-OrganizationMocks -Org $org3
        $dump3 = Join-Path $TestDrive 'ad-missing'
        Invoke-Collector -OutputPath $dump3 | Out-Null
        (Read-DumpJson (Join-Path $dump3 'servers/EX02/InternalTransportCertificate.json')).readError | Should -BeLike 'No server object CN=EX02,*'
    }
}

Describe 'Server selection by the transport flags Exchange computes' {
    BeforeAll {
        $org = New-TestOrganization -MixedVersions
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'mixed'
        Invoke-Collector -OutputPath $dump | Out-Null
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
    }

    It 'collects an Exchange 2013 Client Access server (Front End Transport) and an Exchange 2010 Hub Transport server' {
        @($manifest.servers) | Should -Be @('CAS13', 'EX01', 'EX02', 'HUB10')
        @(Read-DumpJson (Join-Path $dump 'servers/CAS13/ReceiveConnector.json')).Name | Should -Be 'Default Frontend CAS13'
        # No Transport service on a 2013 Client Access server: read, and empty.
        (Get-Content -LiteralPath (Join-Path $dump 'servers/CAS13/TransportService.json') -Raw).Trim() | Should -Be '[]'
        Join-Path $dump 'servers/CAS13/ExchangeCertificate.json' | Should -Exist
    }

    It 'leaves out an Exchange 2010 Mailbox-only server and a 2010 Client Access server, with the reason' {
        @($manifest.skippedServers.server) | Should -Be @('CAS10', 'MBX10')
        Join-Path $dump 'servers/MBX10' | Should -Not -Exist
    }

    It 'reads flags that arrive as text, where "False" is not true' {
        $org2 = New-TestOrganization -MixedVersions
        foreach ($e in $org2.ExchangeServers) {
            foreach ($flag in 'IsHubTransportServer', 'IsFrontendTransportServer', 'IsEdgeServer') { $e.$flag = [string] $e.$flag }
        }
        ($org2.ExchangeServers | Where-Object Name -EQ 'MBX10').IsHubTransportServer | Should -BeExactly 'False'
        Register-OrganizationMocks -Org $org2
        $dump2 = Join-Path $TestDrive 'mixed-text'
        Invoke-Collector -OutputPath $dump2 | Out-Null
        @((Read-DumpJson (Join-Path $dump2 'manifest.json')).servers) | Should -Be @('CAS13', 'EX01', 'EX02', 'HUB10')
    }

    It 'falls back to the role and version when the flags are absent' {
        $org3 = New-TestOrganization -MixedVersions
        $org3.ExchangeServers = @($org3.ExchangeServers | Select-Object -Property * -ExcludeProperty IsHubTransportServer, IsFrontendTransportServer, IsEdgeServer)
        Register-OrganizationMocks -Org $org3
        $dump3 = Join-Path $TestDrive 'mixed-noflags'
        Invoke-Collector -OutputPath $dump3 | Out-Null
        @((Read-DumpJson (Join-Path $dump3 'manifest.json')).servers) | Should -Be @('CAS13', 'EX01', 'EX02', 'HUB10')
    }
}

Describe '-Server names' {
    BeforeAll {
        $org = New-TestOrganization -MixedVersions
        Register-OrganizationMocks -Org $org
    }

    It 'resolves an FQDN to the server object''s Name' {
        $dump = Join-Path $TestDrive 'fqdn'
        Invoke-Collector -OutputPath $dump -Server 'ex01.contoso.com' | Out-Null
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        @($manifest.servers) | Should -Be @('EX01')
        Get-DumpFiles $dump | Where-Object { $_ -like 'servers/*' } | ForEach-Object { $_.Split('/')[1] } | Sort-Object -Unique | Should -Be @('EX01')
        Should -Invoke Get-ExchangeCertificate -Times 1 -Exactly -ParameterFilter { $Server -eq 'EX01' }
        (Read-DumpJson (Join-Path $dump 'servers/EX01/InternalTransportCertificate.json')).readError | Should -BeNullOrEmpty
        @(Read-DumpJson (Join-Path $dump 'servers/EX01/ReceiveConnector.json')).Count | Should -Be 3
    }

    It 'skips, with the reason, a name that is no Exchange server and one without a transport role' {
        $dump = Join-Path $TestDrive 'unknown-name'
        Invoke-Collector -OutputPath $dump -Server 'nosuch.contoso.com', 'MBX10', 'EX02' | Out-Null
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        @($manifest.servers) | Should -Be @('EX02')
        ($manifest.skippedServers | Where-Object server -EQ 'nosuch.contoso.com').reason | Should -BeLike 'Not an Exchange server of this organisation*'
        ($manifest.skippedServers | Where-Object server -EQ 'MBX10').reason | Should -BeLike 'No transport role*'
    }
}

Describe 'Certificates that came through a remote session' {
    It 'records a rebuilt certificate''s origin and leaves out HasPrivateKey and FriendlyName as unknown (CSS-Exchange Exchange 2019 data)' {
        $org = New-TestOrganization
        # Exactly what Import-Clixml, like a remote session, makes of Get-ExchangeCertificate's output.
        $org.Certificates['EX02'] = @(Import-Clixml -LiteralPath (Join-Path $script:CssExchangeData 'GetExchangeCertificate.xml'))
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'rebuilt'
        Invoke-Collector -OutputPath $dump | Out-Null
        $certs = @(Read-DumpJson (Join-Path $dump 'servers/EX02/ExchangeCertificate.json'))
        @($certs.Thumbprint) | Should -Be @('38247AD2B76244411748274C508D13446311830B', '6C7DE09FB39A40144F57EFEBC3DF0148E3A9AB28', 'C3EDCF181EF4F9B53D01768ECA99564014BCA6E7')
        foreach ($c in $certs) {
            $c.Origin | Should -Be 'Rebuilt'
            $c.PSComputerName | Should -Be 'solo-e19a.solo.com'
            @($c.TypeNames)[0] | Should -Be 'System.Security.Cryptography.X509Certificates.X509Certificate2'
            @($c.UnknownProperties) | Should -Be @('FriendlyName', 'HasPrivateKey')
            $c.PSObject.Properties.Name | Should -Not -Contain 'HasPrivateKey'
            $c.PSObject.Properties.Name | Should -Not -Contain 'FriendlyName'
            $c.PSObject.Properties.Name | Should -Not -Contain 'Services'
            $c.RawData | Should -Not -BeNullOrEmpty
        }
        ($certs | Where-Object Thumbprint -EQ '6C7DE09FB39A40144F57EFEBC3DF0148E3A9AB28').Subject | Should -Be 'CN=Solo-E19A'
        (Read-DumpJson (Join-Path $dump 'servers/EX01/ExchangeCertificate.json'))[0].Origin | Should -Be 'Local'
    }

    It 'keeps HasPrivateKey and FriendlyName of a deserialized Exchange certificate, which are the server''s' {
        $org = New-TestOrganization
        $source = $org.Certificates['EX02'][0]
        $shape = [pscustomobject]@{
            Thumbprint = $source.Thumbprint; Subject = $source.Subject; Issuer = $source.Issuer; NotBefore = $source.NotBefore; NotAfter = $source.NotAfter
            Services = $source.Services; Status = $source.Status; HasPrivateKey = $true; FriendlyName = 'Microsoft Exchange'; RawData = $source.RawData
        }
        $shape.PSObject.TypeNames.Insert(0, 'Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate')
        $shape | Add-Member -NotePropertyName PSComputerName -NotePropertyValue 'ex01.contoso.com'
        # A round trip through PowerShell's own serializer, as a remote session makes it.
        $deserialized = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($shape))
        @($deserialized.PSObject.TypeNames)[0] | Should -Be 'Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate'
        $org.Certificates['EX02'] = @($deserialized)
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'deserialized'
        Invoke-Collector -OutputPath $dump | Out-Null
        $cert = @(Read-DumpJson (Join-Path $dump 'servers/EX02/ExchangeCertificate.json'))[0]
        $cert.Origin | Should -Be 'Deserialized'
        $cert.HasPrivateKey | Should -BeTrue
        $cert.FriendlyName | Should -Be 'Microsoft Exchange'
        $cert.Services | Should -Be 'IMAP, POP, IIS, SMTP'
        $cert.PSComputerName | Should -Be 'ex01.contoso.com'
        @($cert.UnknownProperties).Count | Should -Be 0
    }

    It 'leaves out the properties the shell did not return, so that they read as unknown, not empty' {
        $org = New-TestOrganization
        $full = $org.Certificates['EX02'][0]
        $org.Certificates['EX02'] = @([pscustomobject]@{ Thumbprint = $full.Thumbprint; RawData = $full.RawData })
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'remote'
        Invoke-Collector -OutputPath $dump | Out-Null
        $cert = @(Read-DumpJson (Join-Path $dump 'servers/EX02/ExchangeCertificate.json'))
        $cert.Count | Should -Be 1
        @($cert[0].PSObject.Properties.Name | Sort-Object) | Should -Be @('Origin', 'PSComputerName', 'RawData', 'Thumbprint', 'TypeNames', 'UnknownProperties')
        $cert[0].Origin | Should -Be 'Other'
        $cert[0].RawData | Should -Be ([System.Convert]::ToBase64String($full.RawData))
    }
}

Describe 'The caller''s StrictMode' {
    It 'does not break the certificate section on certificates that came back with only RawData' {
        $org = New-TestOrganization
        $first = $org.Certificates['EX02'][0]
        $second = $org.Certificates['EX02'][1]
        # No Thumbprint, no Services, no Status: only the DER, as a deeper remote export leaves it.
        $org.Certificates['EX02'] = @([pscustomobject]@{ RawData = $second.RawData }, [pscustomobject]@{ RawData = $first.RawData },
            (New-RebuiltCertificate -Certificate $first -ComputerName 'ex02.contoso.com'))
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'strict'
        Set-StrictMode -Version Latest
        try { Invoke-Collector -OutputPath $dump | Out-Null }
        finally { Set-StrictMode -Off }
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        @($manifest.errors).Count | Should -Be 0 -Because (@($manifest.errors | ForEach-Object message) -join '; ')
        $certs = @(Read-DumpJson (Join-Path $dump 'servers/EX02/ExchangeCertificate.json'))
        $certs.Count | Should -Be 3
        # Ordered by the SHA-1 of the DER when the Thumbprint property is missing.
        $expectedOrder = @($first.Thumbprint, $second.Thumbprint) | Sort-Object -CaseSensitive
        $rawOnly = @($certs | Where-Object Origin -EQ 'Other')
        $rawOnly.Count | Should -Be 2
        $thumbprints = $rawOnly | ForEach-Object { [System.Convert]::ToHexString([System.Security.Cryptography.SHA1]::HashData([System.Convert]::FromBase64String($_.RawData))) }
        @($thumbprints) | Should -Be @($expectedOrder)
    }
}

Describe 'On an Edge Transport server' {
    BeforeAll {
        Set-ExtlsStandIns -Local
        $org = New-EdgeOrganization
        Register-OrganizationMocks -Org $org -OnEdge
        $dump = Join-Path $TestDrive 'edge'
        Invoke-Collector -OutputPath $dump | Out-Null
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
    }

    AfterAll { Set-ExtlsStandIns }

    It 'knows it runs on the Edge from the EdgeTransportRole key, although the server list also shows Mailbox servers' {
        $manifest.collector.edgeTransport | Should -BeTrue
        @($manifest.servers) | Should -Be @('EDGE01')
        @($manifest.skippedServers.server) | Should -Be @('EX02', 'EX01', 'CAS10')
        @($manifest.skippedServers.reason | Sort-Object -Unique) | Should -BeLike '*EdgeSync*organisation''s dump*'
        @($manifest.errors).Count | Should -Be 0 -Because (@($manifest.errors | ForEach-Object message) -join '; ')
        $manifest.organization | Should -BeNullOrEmpty
    }

    It 'collects the Edge''s own sections and reads AD LDS on the local port, bound to the Edge''s DN' {
        foreach ($file in 'TransportService', 'ReceiveConnector', 'ExchangeCertificate', 'InternalTransportCertificate', 'HostAddress') {
            Join-Path $dump "servers/EDGE01/$file.json" | Should -Exist
        }
        @(Read-DumpJson (Join-Path $dump 'servers/EDGE01/ReceiveConnector.json')).Name | Should -Be 'Default internal receive connector EDGE01'
        Should -Invoke Invoke-ExtlsDirectorySearch -Scope Describe -Times 1 -Exactly -ParameterFilter {
            $Path -eq 'LDAP://localhost:50389/CN=Administrative Groups,CN=First Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,CN={7A3D0A7C-2D5B-4B8A-9C61-3C2F52C9E7B1}'
        }
        (Read-DumpJson (Join-Path $dump 'servers/EDGE01/InternalTransportCertificate.json')).msExchServerInternalTLSCert | Should -Be $org.AdValues['EDGE01'].msExchServerInternalTLSCert
    }

    It 'calls neither Get-EdgeSubscription, Get-HybridConfiguration nor Get-OrganizationConfig, which belong to the organisation' {
        Should -Invoke Get-EdgeSubscription -Scope Describe -Times 0 -Exactly
        Should -Invoke Get-HybridConfiguration -Scope Describe -Times 0 -Exactly
        Should -Invoke Get-OrganizationConfig -Scope Describe -Times 0 -Exactly
        Join-Path $dump 'org/EdgeSubscription.json' | Should -Not -Exist
        Join-Path $dump 'org/HybridConfiguration.json' | Should -Not -Exist
        Join-Path $dump 'org/SendConnector.json' | Should -Exist
        Join-Path $dump 'org/AcceptedDomain.json' | Should -Exist
        Join-Path $dump 'org/TransportConfig.json' | Should -Exist
    }

    It 'calls the local cmdlets directly, as they have no -AsJob' {
        Should -Invoke Get-ExchangeCertificate -Scope Describe -Times 1 -Exactly -ParameterFilter { $Server -eq 'EDGE01' }
    }

    It 'uses the AD LDS port Exchange setup recorded' {
        $org2 = New-EdgeOrganization
        Register-OrganizationMocks -Org $org2 -OnEdge
        Mock Get-ItemProperty -ParameterFilter { $LiteralPath -eq 'HKLM:\SOFTWARE\Microsoft\ExchangeServer\v15\EdgeTransportRole\AdamSettings\MSExchange' } {
            [pscustomobject]@{ LdapPort = 50636 }
        }
        Invoke-Collector -OutputPath (Join-Path $TestDrive 'edge-port') | Out-Null
        Should -Invoke Invoke-ExtlsDirectorySearch -Times 1 -Exactly -ParameterFilter { $Path -like 'LDAP://localhost:50636/*' }
    }
}

Describe 'A subscribed Edge Transport server seen from the organisation' {
    It 'does not read a subscribed Edge''s store from the organisation, which does not hold it' {
        $org = New-EdgeOrganization
        $org.LocalName = 'ADMIN01'
        $org.AdValues['EX01'] = [pscustomobject]@{ server = 'EX01'; distinguishedName = (Get-TestServerDn 'EX01'); msExchServerInternalTLSCert = 'AAEC'; readError = $null }
        $org.AdValues['EX02'] = [pscustomobject]@{ server = 'EX02'; distinguishedName = (Get-TestServerDn 'EX02'); msExchServerInternalTLSCert = 'AAEC'; readError = $null }
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'org-with-edge'
        Invoke-Collector -OutputPath $dump | Out-Null
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        $manifest.collector.edgeTransport | Should -BeFalse
        @($manifest.servers) | Should -Be @('EDGE01', 'EX01', 'EX02')
        (Read-DumpJson (Join-Path $dump 'servers/EDGE01/InternalTransportCertificate.json')).msExchServerInternalTLSCert | Should -Be $org.AdValues['EDGE01'].msExchServerInternalTLSCert
        Join-Path $dump 'servers/EDGE01/ReceiveConnector.json' | Should -Not -Exist
        Join-Path $dump 'servers/EDGE01/HostAddress.json' | Should -Exist
        @(@($manifest.errors) | Where-Object server -EQ 'EDGE01' | ForEach-Object section | Sort-Object) |
            Should -Be @('ExchangeCertificate', 'ReceiveConnector', 'TransportService')
        Should -Invoke Get-ExchangeCertificate -ParameterFilter { $Server -eq 'EDGE01' } -Times 0 -Exactly
        Should -Invoke Get-EdgeSubscription -Times 1 -Exactly
    }
}

Describe 'Large organisations' {
    It 'reads connectors, transport services and AD once for the whole organisation' {
        $org = New-TestOrganization -MixedVersions
        Register-OrganizationMocks -Org $org
        Invoke-Collector -OutputPath (Join-Path $TestDrive 'once') | Out-Null
        Should -Invoke Get-ReceiveConnector -Times 1 -Exactly
        Should -Invoke Get-ReceiveConnector -Times 0 -Exactly -ParameterFilter { $null -ne $Server -or $null -ne $Identity }
        Should -Invoke Get-TransportService -Times 1 -Exactly
        Should -Invoke Get-TransportService -Times 0 -Exactly -ParameterFilter { $null -ne $Identity }
        Should -Invoke Invoke-ExtlsDirectorySearch -Times 1 -Exactly
        Should -Invoke Get-ExchangeCertificate -Times 4 -Exactly
    }

    It 'stops waiting for a server that does not answer and goes on with the others' {
        $org = New-TestOrganization -MixedVersions
        $org.Down = @('EX01')
        Register-OrganizationMocks -Org $org
        # EX01's call is a job that would answer after a minute: kept, so the test can see whether it was waited for.
        $global:ExtlsHungJob = $null
        Mock Get-ExchangeCertificate -ParameterFilter { [string] $Server -eq 'EX01' -and $AsJob } {
            $global:ExtlsHungJob = Start-ThreadJob -ScriptBlock { Start-Sleep -Seconds 60 }
            $global:ExtlsHungJob
        }
        $dump = Join-Path $TestDrive 'down'
        Invoke-Collector -OutputPath $dump -TimeoutSeconds 2 | Out-Null
        $state = $global:ExtlsHungJob.State
        Remove-Variable -Name ExtlsHungJob -Scope Global
        # Stopped, not completed: the collector gave up on it instead of waiting out the minute.
        $state | Should -Be 'Stopped'
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        $errors = @($manifest.errors)
        $errors.Count | Should -Be 1
        $errors[0].server | Should -Be 'EX01'
        $errors[0].section | Should -Be 'ExchangeCertificate'
        $errors[0].message | Should -BeLike 'Get-ExchangeCertificate gave no answer within 2 s*'
        foreach ($name in 'CAS13', 'EX02', 'HUB10') { Join-Path $dump "servers/$name/ExchangeCertificate.json" | Should -Exist }
        ($manifest.sectionTimings | Where-Object { $_.server -eq 'EX01' -and $_.section -eq 'ExchangeCertificate' }).seconds | Should -BeGreaterOrEqual 1.9
        Should -Invoke Get-ExchangeCertificate -Times 4 -Exactly -ParameterFilter { $AsJob }
    }
}

Describe 'A run that is stopped' {
    It 'still writes a manifest that says what it holds and lists what it did not collect' {
        # Ctrl+C stops the pipeline as PowerShell.Stop() does: the collector runs in a runspace of its
        # own, whose EX02 store read hangs until the test stops it.
        $org = New-TestOrganization
        $dump = Join-Path $TestDrive 'stopped'
        $ps = [powershell]::Create()
        try {
            $ps.Runspace.SessionStateProxy.SetVariable('org', $org)
            $ps.Runspace.SessionStateProxy.SetVariable('marker', (Join-Path $TestDrive 'hanging'))
            [void] $ps.AddScript({
                    param($Collector, $Dump)
                    function Get-ExchangeServer { $org.ExchangeServers }
                    function Get-OrganizationConfig { [pscustomobject]@{ Name = 'Contoso' } }
                    function Get-SendConnector { $org.SendConnectors }
                    function Get-EdgeSubscription { }
                    function Get-HybridConfiguration { $org.HybridConfiguration }
                    function Get-TransportConfig { $org.TransportConfig }
                    function Get-AcceptedDomain { $org.AcceptedDomains }
                    function Get-TransportService { $org.TransportServices.Values }
                    function Get-ReceiveConnector { $org.ReceiveConnectors.Values | ForEach-Object { $_ } }
                    function Get-ExchangeCertificate {
                        param($Server)
                        if ($Server -eq 'EX02') { [System.IO.File]::WriteAllText($marker, 'x'); Start-Sleep -Seconds 60 }
                        $org.Certificates[$Server]
                    }
                    function Test-FakeSearch {
                        param($Path, $Filter, $Property, $TimeoutSeconds)
                        foreach ($ad in $org.AdValues.Values) { @{ distinguishedName = $ad.distinguishedName; msExchServerInternalTLSCert = [System.Convert]::FromBase64String($ad.msExchServerInternalTLSCert) } }
                    }
                    function Test-FakeResolve { param($Fqdn, $TimeoutSeconds) [ordered]@{ HostName = $Fqdn; IPAddressToString = '192.0.2.1'; AddressFamily = 'InterNetwork'; AddressFamilyValue = 2 } }
                    # Aliases win over the collector's own functions of the same name.
                    Set-Alias -Name Invoke-ExtlsDirectorySearch -Value Test-FakeSearch
                    Set-Alias -Name Resolve-ExtlsHostAddress -Value Test-FakeResolve
                    & $Collector -OutputPath $Dump -NoEvidence -WarningAction SilentlyContinue 6> $null
                }).AddArgument($script:CollectorScript).AddArgument($dump)
            $async = $ps.BeginInvoke()
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            while (-not (Test-Path -LiteralPath (Join-Path $TestDrive 'hanging')) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Join-Path $TestDrive 'hanging' | Should -Exist
            $ps.Stop()
            try { $ps.EndInvoke($async) } catch { }
        }
        finally { $ps.Dispose() }

        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
        $manifest.complete | Should -BeFalse
        $manifest.interruption | Should -Not -BeNullOrEmpty
        @($manifest.servers) | Should -Be @('EX01', 'EX02')
        ($manifest.serverTimings | Where-Object server -EQ 'EX01').completed | Should -BeTrue
        ($manifest.serverTimings | Where-Object server -EQ 'EX02').completed | Should -BeFalse
        Join-Path $dump 'servers/EX01/ExchangeCertificate.json' | Should -Exist
        $missing = @($manifest.errors | Where-Object server -EQ 'EX02' | ForEach-Object section | Sort-Object)
        $missing | Should -Be @('ExchangeCertificate', 'HostAddress', 'InternalTransportCertificate')
        ($manifest.errors | Where-Object server -EQ 'EX02')[0].message | Should -BeLike 'Not collected:*'
        @($manifest.errors | Where-Object server -EQ 'EX01').Count | Should -Be 0
    }
}

Describe 'The output path and the zip' {
    BeforeAll {
        $org = New-TestOrganization
        Register-OrganizationMocks -Org $org
    }

    It 'writes the zip next to a folder named with a trailing separator, not inside it' {
        $dump = Join-Path $TestDrive 'slash'
        Invoke-Collector -OutputPath ($dump + [System.IO.Path]::DirectorySeparatorChar) -Zip | Out-Null
        "$dump.zip" | Should -Exist
        Join-Path $dump '.zip' | Should -Not -Exist
        Join-Path $dump 'manifest.json' | Should -Exist
    }

    It 'refuses to replace an existing zip without -Force, before collecting anything' {
        $dump = Join-Path $TestDrive 'keep'
        [System.IO.File]::WriteAllText("$dump.zip", 'an earlier dump')
        { & $script:CollectorScript -OutputPath $dump -Zip -WarningAction SilentlyContinue 6> $null } | Should -Throw '*exists*-Force*'
        [System.IO.File]::ReadAllText("$dump.zip") | Should -Be 'an earlier dump'
        $dump | Should -Not -Exist
        Should -Invoke Get-ExchangeServer -Times 0 -Exactly
    }

    It 'replaces an existing zip with -Force' {
        $dump = Join-Path $TestDrive 'replace'
        [System.IO.File]::WriteAllText("$dump.zip", 'an earlier dump')
        Invoke-Collector -OutputPath $dump -Zip -Force | Out-Null
        $archive = [System.IO.Compression.ZipFile]::OpenRead("$dump.zip")
        try { @($archive.Entries.FullName) | Should -Contain 'manifest.json' }
        finally { $archive.Dispose() }
    }
}

Describe 'Exchange 2019 objects as CSS-Exchange captured them' {
    BeforeAll {
        # Real Get-ExchangeServer, Get-ReceiveConnector and Get-HybridConfiguration output of Exchange
        # 2019 (TestData/CSS-Exchange/README.md), read back as a remote session hands it over.
        $solo = Import-Clixml -LiteralPath (Join-Path $script:CssExchangeData 'GetExchangeServer.xml')
        # The receive connector was captured on another lab server; its server object is SOLO-E19A's, renamed.
        $lab = Import-Clixml -LiteralPath (Join-Path $script:CssExchangeData 'GetExchangeServer.xml')
        $lab.Name = 'WIN-CTD3L0RGEN4'
        $lab.Fqdn = 'WIN-CTD3L0RGEN4.exlab.dom'
        $lab.DistinguishedName = 'CN=WIN-CTD3L0RGEN4,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=First Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=exlab,DC=dom'
        $lab.OriginatingServer = 'DC1.exlab.dom'
        $org = New-EmptyTestOrganization
        $org.ExchangeServers = @($solo, $lab)
        $org.Certificates['SOLO-E19A'] = @(Import-Clixml -LiteralPath (Join-Path $script:CssExchangeData 'GetExchangeCertificate.xml'))
        $org.ReceiveConnectors['WIN-CTD3L0RGEN4'] = @(Import-Clixml -LiteralPath (Join-Path $script:CssExchangeData 'GetReceiveConnector.xml'))
        $org.HybridConfiguration = @(Import-Clixml -LiteralPath (Join-Path $script:CssExchangeData 'GetHybridConfiguration.xml'))
        $org.HostAddresses['Solo-E19A.Solo.com'] = @('192.0.2.10')
        $org.HostAddresses['WIN-CTD3L0RGEN4.exlab.dom'] = @('192.0.2.20')
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'css'
        Invoke-Collector -OutputPath $dump | Out-Null
        $manifest = Read-DumpJson (Join-Path $dump 'manifest.json')
    }

    It 'selects and describes the servers from their deserialized flags, DN and domain controller' {
        @($manifest.servers) | Should -Be @('SOLO-E19A', 'WIN-CTD3L0RGEN4')
        $entry = Read-DumpJson (Join-Path $dump 'org/ExchangeServer.json') | Where-Object Name -EQ 'SOLO-E19A'
        $entry.ServerRole | Should -Be 'Mailbox'
        $entry.ServerRoleValue | Should -Be 2
        $entry.IsHubTransportServer | Should -BeTrue
        $entry.IsFrontendTransportServer | Should -BeTrue
        $entry.AdminDisplayVersion | Should -Be 'Version 15.2 (Build 986.5)'
        $entry.OriginatingServer | Should -Be 'Solo-DC1.Solo.com'
        $entry.DistinguishedName | Should -BeLike 'CN=SOLO-E19A,CN=Servers,*'
        Should -Invoke Invoke-ExtlsDirectorySearch -Scope Describe -Times 1 -Exactly -ParameterFilter {
            $Path -eq 'LDAP://Solo-DC1.Solo.com/CN=Administrative Groups,CN=SoloORG,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=Solo,DC=com'
        }
    }

    It 'writes the deserialized receive connector with enum names and numbers, bindings and remote ranges' {
        $connector = @(Read-DumpJson (Join-Path $dump 'servers/WIN-CTD3L0RGEN4/ReceiveConnector.json'))
        $connector.Count | Should -Be 1
        $connector[0].Identity | Should -Be 'WIN-CTD3L0RGEN4\Default WIN-CTD3L0RGEN4'
        $connector[0].AuthMechanism | Should -Be 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer'
        $connector[0].AuthMechanismValue | Should -Be 31
        $connector[0].PermissionGroupsValue | Should -Be 14
        $connector[0].TransportRole | Should -Be 'HubTransport'
        $connector[0].TransportRoleValue | Should -Be 32
        @($connector[0].Bindings) | Should -Be @('0.0.0.0:2525', '[::]:2525')
        @($connector[0].RemoteIPRanges) | Should -Be @('::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '0.0.0.0-255.255.255.255')
        $connector[0].DomainSecureEnabled | Should -BeFalse
        $connector[0].Fqdn | Should -Be 'WIN-CTD3L0RGEN4.exlab.dom'
        $connector[0].Server | Should -Be 'WIN-CTD3L0RGEN4'
    }

    It 'writes the hybrid configuration with the certificate name, the servers and the features' {
        $hybrid = @(Read-DumpJson (Join-Path $dump 'org/HybridConfiguration.json'))
        $hybrid[0].TlsCertificateName | Should -Be '<I>CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US<S>CN=mail.contoso.com'
        @($hybrid[0].SendingTransportServers) | Should -Be @('ex-02')
        @($hybrid[0].ReceivingTransportServers) | Should -Be @('ex-02')
        @($hybrid[0].EdgeTransportServers).Count | Should -Be 0
        @($hybrid[0].Domains) | Should -Be @('contoso.com')
        @($hybrid[0].Features) | Should -Be @('FreeBusy', 'MoveMailbox', 'Mailtips', 'MessageTracking', 'OwaRedirection', 'OnlineArchive', 'SecureMail', 'Photos')
        @($hybrid[0].FeaturesValue) | Should -Be @(0, 1, 2, 3, 4, 5, 6, 8)
        $hybrid[0].OnPremisesSmartHost | Should -Be 'mail.contoso.com'
        $hybrid[0].Identity | Should -Be 'Hybrid Configuration'
    }

    It 'writes the rebuilt certificates with their origin' {
        @(Read-DumpJson (Join-Path $dump 'servers/SOLO-E19A/ExchangeCertificate.json')).Origin | Sort-Object -Unique | Should -Be 'Rebuilt'
    }
}

Describe 'Resolve-ExtlsHostAddress' {
    It 'resolves a name through DNS within the bound, sorted and without repeats' {
        # localhost resolves from the hosts file, so the test asks no DNS server.
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($script:CollectorScript, [ref] $null, [ref] $null)
        $definition = $ast.Find({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $n.Name -eq 'Resolve-ExtlsHostAddress' }, $true)
        . ([scriptblock]::Create($definition.Extent.Text))
        $rows = @(Resolve-ExtlsHostAddress -Fqdn 'localhost' -TimeoutSeconds 10)
        $rows.Count | Should -BeGreaterThan 0
        @($rows | ForEach-Object { $_['HostName'] } | Sort-Object -Unique) | Should -Be 'localhost'
        @($rows | ForEach-Object { $_['IPAddressToString'] }) | Should -Contain '127.0.0.1'
        ($rows | Where-Object { $_['IPAddressToString'] -eq '127.0.0.1' })['AddressFamilyValue'] | Should -Be 2
    }
}

Describe 'Get-Help' {
    It 'shows the synopsis, an example and help for every parameter' {
        $help = Get-Help $script:CollectorScript -Full
        $help.Synopsis | Should -BeLike '*read-only raw dump*'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 1
        foreach ($name in 'OutputPath', 'Server', 'Zip', 'Force', 'TimeoutSeconds') {
            $parameter = $help.Parameters.Parameter | Where-Object Name -EQ $name
            ($parameter.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because $name
        }
        ($help.Parameters.Parameter | Where-Object Name -EQ 'OutputPath').Required | Should -Be 'true'
        ($help.Parameters.Parameter | Where-Object Name -EQ 'Zip').Description | Out-String | Should -BeLike '*never replaced unless -Force*'
        ($help.Description | Out-String) | Should -BeLike '*AuthMechanismValue*'
    }
}

AfterAll {
    Remove-Variable -Name ExtlsMockOrg, ExtlsTestRsa, ExtlsTestCertificates, ExtlsTestAuthCertificate -Scope Global -ErrorAction SilentlyContinue
}
