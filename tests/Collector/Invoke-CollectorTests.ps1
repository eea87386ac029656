<#
.SYNOPSIS
    Runs the collector's Pester tests and ends with the line "Pester: N passed, N failed".
.DESCRIPTION
    Imports Pester 5.7.1 from .tools/pester (build/install-powershell-tools.sh puts it there) and
    runs every *.Tests.ps1 in this folder. Exits 1 when a test, block or file failed.
    Plain text output when NO_COLOR is set or the output is redirected.
.PARAMETER ExcludeTag
    Tags to leave out, e.g. EndToEnd (the test that builds and runs the extls CLI).
.EXAMPLE
    dotnet tool run pwsh -- -NoProfile -File tests/Collector/Invoke-CollectorTests.ps1 -ExcludeTag EndToEnd
#>
[CmdletBinding()]
param([string[]] $ExcludeTag = @(), [string[]] $Tag = @())

$ErrorActionPreference = 'Stop'
$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$pesterManifest = Join-Path $repoRoot '.tools/pester/pester/5.7.1/tools/Pester.psd1'
if (-not (Test-Path -LiteralPath $pesterManifest)) {
    Write-Host "Pester 5.7.1 not found at $pesterManifest; run build/install-powershell-tools.sh first."
    Write-Host 'Pester: 0 passed, 1 failed'
    exit 1
}
Import-Module $pesterManifest -Force

$plain = ($null -ne $env:NO_COLOR) -or [Console]::IsOutputRedirected
if ($plain -and $null -ne (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue)) { $PSStyle.OutputRendering = 'PlainText' }

# Progress bars redraw the terminal with escape sequences and slow the run; the tests mock
# Write-Progress where they check it.
$ProgressPreference = 'SilentlyContinue'

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
if ($plain) { $configuration.Output.RenderMode = 'Plaintext' }
if ($ExcludeTag.Count -gt 0) { $configuration.Filter.ExcludeTag = $ExcludeTag }
if ($Tag.Count -gt 0) { $configuration.Filter.Tag = $Tag }

$result = Invoke-Pester -Configuration $configuration
# A file that failed before discovery counts as a failure too (a failed block already fails its tests).
$failed = $result.FailedCount + $result.FailedContainersCount
Write-Host ("Pester: {0} passed, {1} failed" -f $result.PassedCount, $failed)
if ($failed -gt 0 -or $result.Result -ne 'Passed') { exit 1 }
exit 0
