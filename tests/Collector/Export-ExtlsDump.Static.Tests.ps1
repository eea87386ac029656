# Checks on the collector's source: it only reads, and it parses and runs in Windows PowerShell 5.1.

BeforeAll {
    $script:CollectorScript = (Resolve-Path (Join-Path $PSScriptRoot '../../src/Collector/Export-ExtlsDump.ps1')).ProviderPath

    # Everything the collector may call. Anything else — above all Set-/New-/Enable-/Remove-,
    # Export-ExchangeCertificate or Invoke-Expression — fails the read-only test.
    $script:AllowedCommands = @(
        # Exchange, read-only
        'Get-ExchangeServer', 'Get-TransportService', 'Get-ReceiveConnector', 'Get-ExchangeCertificate',
        'Get-SendConnector', 'Get-EdgeSubscription', 'Get-OrganizationConfig',
        # File operations, only on the output path
        'New-Item', 'Compress-Archive', 'Test-Path', 'Get-ChildItem', 'Join-Path',
        # Objects and output
        'New-Object', 'ConvertTo-Json', 'Select-Object', 'ForEach-Object', 'Where-Object', 'Sort-Object',
        'Write-Progress', 'Write-Host', 'Write-Verbose', 'Write-Warning'
    )

    function Get-ScriptAst {
        param([string] $Path, [string] $Source)
        $tokens = $null; $errors = $null
        if ($Path) { $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors) }
        else { $ast = [System.Management.Automation.Language.Parser]::ParseInput($Source, [ref] $tokens, [ref] $errors) }
        if ($errors.Count -gt 0) { throw ($errors | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Message)" }) -join "`n" }
        return $ast
    }

    function Find-Ast {
        param($Ast, [scriptblock] $Predicate)
        return @($Ast.FindAll($Predicate, $true))
    }

    function Get-ForbiddenCommand {
        # Returns "line: reason" for every command outside the allow-list.
        param($Ast)
        $defined = Find-Ast $Ast { param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] } | ForEach-Object Name
        $problems = New-Object System.Collections.Generic.List[string]
        foreach ($command in Find-Ast $Ast { param($n) $n -is [System.Management.Automation.Language.CommandAst] }) {
            $name = $command.GetCommandName()
            $line = $command.Extent.StartLineNumber
            if ($null -eq $name) { $problems.Add("${line}: dynamic command '$($command.Extent.Text)'"); continue }
            # The script's own helpers (the Extls noun) are checked through their bodies.
            if ($name -in $defined -and $name -match '^[A-Z][a-z]+-Extls') { continue }
            if ($name -match '^(Set|Enable|Remove|Disable|Import|Export|Install|Start|Stop|Restart|Clear|Add|Update|Move|Rename)-' -or
                ($name -match '^New-' -and $name -notin 'New-Item', 'New-Object') -or
                $name -in 'Invoke-Expression', 'iex', 'Invoke-Command', 'Invoke-WebRequest', 'Invoke-RestMethod', 'Export-ExchangeCertificate') {
                $problems.Add("${line}: state-changing command $name"); continue
            }
            if ($name -notin $script:AllowedCommands) { $problems.Add("${line}: command $name is not on the allow-list") }
        }
        foreach ($parameter in Find-Ast $Ast { param($n) $n -is [System.Management.Automation.Language.CommandParameterAst] }) {
            if ($parameter.ParameterName -in 'Password', 'PrivateKeyExportable', 'BinaryEncoded') {
                $problems.Add("$($parameter.Extent.StartLineNumber): parameter -$($parameter.ParameterName)")
            }
        }
        foreach ($call in Find-Ast $Ast { param($n) $n -is [System.Management.Automation.Language.InvokeMemberExpressionAst] }) {
            $member = $call.Member.Extent.Text.Trim("'", '"')
            if ($member -in 'Export', 'ExportPkcs12', 'ExportRSAPrivateKey', 'ExportPkcs8PrivateKey', 'Delete', 'Move', 'Replace', 'CommitChanges', 'Put', 'SetInfo', 'DeleteTree', 'Invoke', 'InvokeSet') {
                # String.Replace is harmless; the others change a store, a file or the directory.
                if ($member -eq 'Replace' -and $call.Expression -isnot [System.Management.Automation.Language.TypeExpressionAst]) { continue }
                $problems.Add("$($call.Extent.StartLineNumber): method .$member(")
            }
        }
        return @($problems)
    }

    function Get-IncompatibleSyntax {
        # Constructs that Windows PowerShell 5.1 cannot parse or run. The type names are looked up by
        # name because the 7.x-only AST types do not exist in 5.1.
        param($Ast)
        $problems = New-Object System.Collections.Generic.List[string]
        foreach ($node in Find-Ast $Ast { param($n) $true }) {
            $line = $node.Extent.StartLineNumber
            $type = $node.GetType().Name
            if ($type -eq 'TernaryExpressionAst') { $problems.Add("${line}: ternary ?:") }
            if ($type -eq 'PipelineChainAst') { $problems.Add("${line}: pipeline chain && / ||") }
            if ($node -is [System.Management.Automation.Language.BinaryExpressionAst] -and [string] $node.Operator -eq 'QuestionQuestion') { $problems.Add("${line}: null-coalescing ??") }
            if ($node -is [System.Management.Automation.Language.AssignmentStatementAst] -and [string] $node.Operator -eq 'QuestionQuestionEquals') { $problems.Add("${line}: ??=") }
            if (($node -is [System.Management.Automation.Language.MemberExpressionAst] -or $node -is [System.Management.Automation.Language.IndexExpressionAst]) -and
                $node.PSObject.Properties['NullConditional'] -and $node.NullConditional) { $problems.Add("${line}: null-conditional ?. or ?[]") }
            if ($node -is [System.Management.Automation.Language.CommandParameterAst] -and $node.ParameterName -in 'AsArray', 'Parallel', 'EnumsAsStrings', 'AsHashtable', 'NoEnumerate') {
                $problems.Add("${line}: -$($node.ParameterName) (PowerShell 6+)")
            }
            if ($node -is [System.Management.Automation.Language.ScriptBlockAst] -and $node.PSObject.Properties['CleanBlock'] -and $null -ne $node.CleanBlock) { $problems.Add("${line}: clean block") }
        }
        return @($problems)
    }
}

Describe 'Read-only guarantee' {
    It 'calls only allow-listed commands and never a state-changing one' {
        Get-ForbiddenCommand (Get-ScriptAst -Path $script:CollectorScript) | Should -BeNullOrEmpty
    }

    It 'uses New-Item only to create directories and Compress-Archive only towards the output path' {
        $ast = Get-ScriptAst -Path $script:CollectorScript
        foreach ($command in Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'New-Item' }) {
            $command.Extent.Text | Should -Match '-ItemType Directory'
        }
        foreach ($command in Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'Compress-Archive' }) {
            $command.Extent.Text | Should -Match '-DestinationPath \(\$root \+'
        }
    }

    It 'never mentions exporting a certificate with its key' {
        $text = Get-Content -LiteralPath $script:CollectorScript -Raw
        $code = ($text -split '#>', 2)[1]   # the help names Export-ExchangeCertificate to say it is not used
        $code | Should -Not -Match 'Export-ExchangeCertificate|-Password|\.Export\('
    }

    It 'catches a state-changing command, a dynamic call and a key export in a sample' {
        $sample = @'
Get-ReceiveConnector -Server EX01
Set-ReceiveConnector -Identity x -AuthMechanism Tls
New-ExchangeCertificate -Services SMTP
Export-ExchangeCertificate -Thumbprint t -Password $p
Invoke-Expression 'Remove-Item x'
& $something
$cert.Export('Pfx')
Get-Mailbox
'@
        $problems = Get-ForbiddenCommand (Get-ScriptAst -Source $sample)
        ($problems -join "`n") | Should -Match '2: state-changing command Set-ReceiveConnector'
        ($problems -join "`n") | Should -Match '3: state-changing command New-ExchangeCertificate'
        ($problems -join "`n") | Should -Match '4: state-changing command Export-ExchangeCertificate'
        ($problems -join "`n") | Should -Match '4: parameter -Password'
        ($problems -join "`n") | Should -Match '5: state-changing command Invoke-Expression'
        ($problems -join "`n") | Should -Match '6: dynamic command'
        ($problems -join "`n") | Should -Match '7: method .Export\('
        ($problems -join "`n") | Should -Match '8: command Get-Mailbox is not on the allow-list'
        $problems | Should -Not -Match '^1:'
    }
}

Describe 'Windows PowerShell 5.1 compatibility' {
    It 'uses no syntax or parameter that 5.1 lacks' {
        Get-IncompatibleSyntax (Get-ScriptAst -Path $script:CollectorScript) | Should -BeNullOrEmpty
    }

    It 'has no using statement, no class and no #requires for a newer PowerShell' {
        $ast = Get-ScriptAst -Path $script:CollectorScript
        $ast.UsingStatements.Count | Should -Be 0
        Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.TypeDefinitionAst] } | Should -BeNullOrEmpty
        if ($ast.ScriptRequirements) { $ast.ScriptRequirements.RequiredPSVersion | Should -BeLessOrEqual ([version] '5.1') }
    }

    It 'catches each 7.x-only construct in a sample' {
        $sample = @'
$a = $b ? 1 : 2
Get-Item x && Get-Item y
$c = $d ?? 'e'
$f ??= 'g'
$h = ${i}?.Name
$j = ConvertTo-Json -InputObject $k -AsArray
1..2 | ForEach-Object -Parallel { $_ }
function l { process { } clean { } }
'@
        $problems = (Get-IncompatibleSyntax (Get-ScriptAst -Source $sample)) -join "`n"
        $problems | Should -Match '1: ternary'
        $problems | Should -Match '2: pipeline chain'
        $problems | Should -Match '3: null-coalescing'
        $problems | Should -Match '4: \?\?='
        $problems | Should -Match '5: null-conditional'
        $problems | Should -Match '6: -AsArray'
        $problems | Should -Match '7: -Parallel'
        $problems | Should -Match '8: clean block'
    }

    It 'is saved as UTF-8 without BOM and plain ASCII, so 5.1 reads it the same in any code page' {
        $bytes = [System.IO.File]::ReadAllBytes($script:CollectorScript)
        @($bytes | Where-Object { $_ -gt 127 }).Count | Should -Be 0
    }
}
