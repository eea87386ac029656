<#
.SYNOPSIS
    Measures the collector's run time per server on mocked organisations of several sizes.
.DESCRIPTION
    Builds organisations of -Count Exchange 2019 Mailbox servers (three receive connectors, two
    certificates, a transport service, an AD value and an address each), answers every Exchange cmdlet
    as the Exchange Management Shell's remote session does (-AsJob, one job per call), and times
    Export-ExtlsDump over each. Prints one line per size: servers, seconds, seconds per server. What
    is measured is the collector's own work: the mocks answer at once, where a real server takes its
    network and RPC time on top.
.PARAMETER Count
    Organisation sizes to measure. Default 25 and 100.
.EXAMPLE
    dotnet tool run pwsh -- -NoProfile -File tests/Collector/Measure-CollectorRunTime.ps1 -Count 100
#>
[CmdletBinding()]
param([int[]] $Count = @(25, 100))

$ErrorActionPreference = 'Stop'
$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
Import-Module (Join-Path $repoRoot '.tools/pester/pester/5.7.1/tools/Pester.psd1') -Force
$ProgressPreference = 'SilentlyContinue'

$container = New-PesterContainer -Path (Join-Path $PSScriptRoot 'Export-ExtlsDump.Performance.Tests.ps1') -Data @{ Sizes = $Count }
$configuration = New-PesterConfiguration
$configuration.Run.Container = $container
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $configuration
if ($result.FailedCount -gt 0) { exit 1 }
