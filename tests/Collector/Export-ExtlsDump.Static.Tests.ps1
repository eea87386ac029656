# Checks on the collector's source: it only reads, and it parses and runs in Windows PowerShell 5.1.

BeforeAll {
    $script:CollectorScript = (Resolve-Path (Join-Path $PSScriptRoot '../../src/Collector/Export-ExtlsDump.ps1')).ProviderPath

    # Everything the collector may call. Anything else — above all Set-/New-/Enable-/Remove-,
    # Export-ExchangeCertificate or Invoke-Expression — fails the read-only test.
    $script:AllowedCommands = @(
        # Exchange, read-only
        'Get-ExchangeServer', 'Get-TransportService', 'Get-ReceiveConnector', 'Get-ExchangeCertificate',
        'Get-SendConnector', 'Get-EdgeSubscription', 'Get-OrganizationConfig', 'Get-HybridConfiguration',
        'Get-TransportConfig', 'Get-AcceptedDomain', 'Get-FrontendTransportService',
        # The transport certificate events of the Application log, read only
        'Get-WinEvent',
        # The collector's own jobs, which bound each Exchange call; Get-Command only looks for -AsJob
        'Get-Command', 'Wait-Job', 'Receive-Job',
        # The Exchange setup keys in the registry, read only
        'Get-ItemProperty',
        # File operations, only on the output path
        'New-Item', 'Test-Path', 'Get-ChildItem', 'Join-Path',
        # Objects and output
        'New-Object', 'ConvertTo-Json', 'Select-Object', 'ForEach-Object', 'Where-Object', 'Sort-Object',
        'Write-Progress', 'Write-Host', 'Write-Verbose', 'Write-Warning'
    )
    # Verbs that change state, allowed for these nouns only because they act on the collector's own
    # job objects (a timed-out call is stopped, every job removed), never on Exchange or the machine.
    $script:OwnJobCommands = @('Stop-Job', 'Remove-Job')

    # Types the collector names. Each exists in .NET Framework 4.8, which Windows PowerShell 5.1 runs
    # on; a type outside the list fails the test until someone checks that it does.
    $script:Net48Types = @(
        'adsi', 'void', 'bool', 'byte', 'byte[]', 'char', 'char[]', 'datetime', 'double', 'guid', 'int', 'long', 'math', 'object', 'object[]',
        'ordered', 'psobject', 'scriptblock', 'short', 'string', 'string[]', 'type', 'switch', 'hashtable', 'CmdletBinding',
        'Parameter', 'ValidateRange',
        'System.Array', 'System.BitConverter', 'System.Collections.IComparer', 'System.Collections.IDictionary',
        'System.Collections.IEnumerable', 'System.Convert', 'System.DateTimeOffset', 'System.Enum', 'System.Environment',
        'System.Globalization.CultureInfo', 'System.IO.File', 'System.IO.FileAccess', 'System.IO.FileMode', 'System.IO.FileShare',
        'System.IO.Path', 'System.IO.Compression.CompressionLevel', 'System.IO.Compression.ZipArchiveMode',
        'System.Management.Automation.ErrorRecord', 'System.Management.Automation.Job',
        'System.Management.Automation.PipelineStoppedException', 'System.Net.Dns', 'System.Reflection.Assembly',
        'System.Security.Cryptography.SHA1', 'System.Security.Cryptography.X509Certificates.X509Certificate2',
        'System.StringComparer', 'System.StringComparison', 'System.TimeSpan', 'System.Diagnostics.Stopwatch',
        # Reading the protocol logs
        'pscustomobject', 'System.Text.StringBuilder', 'System.IO.StreamReader', 'System.IO.StreamWriter', 'System.IO.FileStream'
    )
    # Members that .NET (Core) added after Framework 4.8: Windows PowerShell 5.1 fails on them at run time.
    $script:CoreOnlyMembers = @(
        'GetRelativePath', 'ToHexString', 'FromHexString', 'HashData', 'IsAscii', 'GetHostAddressesAsync(*,*)', 'ReplaceLineEndings',
        'CreateFromDirectory(*,*,*,*,*)', 'EnumerateFiles(*,*,*)', 'ExtractToDirectory(*,*,*,*)', 'Order', 'Chunk', 'TryGetNonEnumeratedCount'
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
            if ($name -in $script:OwnJobCommands) {
                # Only ever on the job the collector itself started and holds in $Job.
                if ($command.Extent.Text -notmatch '^(Stop|Remove)-Job -Job \$Job\b') { $problems.Add("${line}: $name on something else than the collector's own job") }
                continue
            }
            if ($name -match '^(Set|Enable|Remove|Disable|Import|Export|Install|Start|Stop|Restart|Clear|Add|Update|Move|Rename)-' -or
                ($name -match '^New-' -and $name -notin 'New-Item', 'New-Object') -or
                $name -in 'Invoke-Expression', 'iex', 'Invoke-Command', 'Invoke-WebRequest', 'Invoke-RestMethod', 'Export-ExchangeCertificate', 'Compress-Archive') {
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

    function Get-IncompatibleApi {
        # Types outside the checked list and members that only .NET (Core) has.
        param($Ast)
        $problems = New-Object System.Collections.Generic.List[string]
        $types = Find-Ast $Ast { param($n) $n -is [System.Management.Automation.Language.TypeExpressionAst] -or $n -is [System.Management.Automation.Language.TypeConstraintAst] -or $n -is [System.Management.Automation.Language.AttributeAst] }
        foreach ($node in $types) {
            $name = $node.TypeName.FullName
            if ($name -notin $script:Net48Types) { $problems.Add("$($node.Extent.StartLineNumber): type $name") }
        }
        foreach ($node in Find-Ast $Ast { param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'New-Object' }) {
            $name = [string] $node.CommandElements[1].Extent.Text.Trim("'", '"')
            if ($name -notmatch '^System\.(Text\.UTF8Encoding|Collections\.(ArrayList|Hashtable|Generic\.HashSet\[string\])|Collections\.Generic\.List\[string\]|Text\.StringBuilder|IO\.Stream(Reader|Writer)|IO\.FileStream|IO\.Compression\.ZipArchive|DirectoryServices\.Directory(Entry|Searcher))$|^PSObject$') {
                $problems.Add("$($node.Extent.StartLineNumber): New-Object $name")
            }
        }
        foreach ($call in Find-Ast $Ast { param($n) $n -is [System.Management.Automation.Language.InvokeMemberExpressionAst] }) {
            $member = $call.Member.Extent.Text
            $arity = @($call.Arguments).Count
            foreach ($pattern in $script:CoreOnlyMembers) {
                $patternName = $pattern.Split('(')[0]
                $patternArity = -1
                if ($pattern.Contains('(')) { $patternArity = $pattern.Split(',').Count }
                if ($member -eq $patternName -and ($patternArity -lt 0 -or $patternArity -eq $arity)) { $problems.Add("$($call.Extent.StartLineNumber): member $member") }
            }
        }
        return @($problems)
    }
}

Describe 'Read-only guarantee' {
    It 'calls only allow-listed commands and never a state-changing one' {
        Get-ForbiddenCommand (Get-ScriptAst -Path $script:CollectorScript) | Should -BeNullOrEmpty
    }

    It 'uses New-Item only to create directories' {
        $ast = Get-ScriptAst -Path $script:CollectorScript
        $created = Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'New-Item' }
        $created.Count | Should -BeGreaterThan 0
        foreach ($command in $created) { $command.Extent.Text | Should -Match '-ItemType Directory' }
    }

    It 'writes the zip itself, so that entry names have forward slashes also in Windows PowerShell 5.1' {
        # 5.1's Compress-Archive writes backslashes into entry names; this cannot be reproduced on the
        # PowerShell 7 the tests run on, so the command is kept out of the script altogether.
        $ast = Get-ScriptAst -Path $script:CollectorScript
        Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'Compress-Archive' } | Should -BeNullOrEmpty
        $loads = Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.InvokeMemberExpressionAst] -and $n.Member.Extent.Text -eq 'Load' }
        $loads.Count | Should -Be 1
        # The Framework's own System.IO.Compression; PowerShell 7 binds the name to its newer copy.
        $loads[0].Arguments[0].Value | Should -Be 'System.IO.Compression, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089'
    }

    It 'reads AD through a named directory server, never a serverless RootDSE bind' {
        # A serverless bind reads the forest of the account that runs the script, not Exchange's.
        $code = ((Get-Content -LiteralPath $script:CollectorScript -Raw) -split '#>', 2)[1]
        $code | Should -Not -Match 'RootDSE'
        $code | Should -Match "'LDAP://' \+ \`$directory \+ '/'"
    }

    It 'never mentions exporting a certificate with its key' {
        $text = Get-Content -LiteralPath $script:CollectorScript -Raw
        $code = ($text -split '#>', 2)[1]   # the help names Export-ExchangeCertificate to say it is not used
        $code | Should -Not -Match 'Export-ExchangeCertificate|-Password|\.Export\('
    }

    It 'catches a state-changing command, a dynamic call and a key export in a sample' {
        $sample = @'
Get-ReceiveConnector -Server EX01
Stop-Job -Job $Job
Remove-Job -Name *
Set-ReceiveConnector -Identity x -AuthMechanism Tls
New-ExchangeCertificate -Services SMTP
Export-ExchangeCertificate -Thumbprint t -Password $p
Invoke-Expression 'Remove-Item x'
& $something
$cert.Export('Pfx')
Get-Mailbox
Compress-Archive -Path x -DestinationPath y.zip
'@
        $problems = Get-ForbiddenCommand (Get-ScriptAst -Source $sample)
        ($problems -join "`n") | Should -Match "3: Remove-Job on something else than the collector's own job"
        ($problems -join "`n") | Should -Match '4: state-changing command Set-ReceiveConnector'
        ($problems -join "`n") | Should -Match '5: state-changing command New-ExchangeCertificate'
        ($problems -join "`n") | Should -Match '6: state-changing command Export-ExchangeCertificate'
        ($problems -join "`n") | Should -Match '6: parameter -Password'
        ($problems -join "`n") | Should -Match '7: state-changing command Invoke-Expression'
        ($problems -join "`n") | Should -Match '8: dynamic command'
        ($problems -join "`n") | Should -Match '9: method .Export\('
        ($problems -join "`n") | Should -Match '10: command Get-Mailbox is not on the allow-list'
        ($problems -join "`n") | Should -Match '11: state-changing command Compress-Archive'
        $problems | Should -Not -Match '^[12]:'
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

    It 'names only types that .NET Framework 4.8 has' {
        $problems = Get-IncompatibleApi (Get-ScriptAst -Path $script:CollectorScript)
        $problems | Should -BeNullOrEmpty
    }

    It 'catches a type outside the list and a member .NET Framework 4.8 lacks in a sample' {
        $sample = @'
$a = [System.IO.Path]::GetRelativePath('a', 'b')
$b = [System.Convert]::ToHexString($bytes)
$c = [System.Text.Json.JsonSerializer]::Serialize($x)
$d = [System.Convert]::ToBase64String($bytes)
'@
        $problems = (Get-IncompatibleApi (Get-ScriptAst -Source $sample)) -join "`n"
        $problems | Should -Match '1: member GetRelativePath'
        $problems | Should -Match '2: member ToHexString'
        $problems | Should -Match '3: type System.Text.Json.JsonSerializer'
        $problems | Should -Not -Match '4:'
    }

    It 'is saved as UTF-8 without BOM and plain ASCII, so 5.1 reads it the same in any code page' {
        $bytes = [System.IO.File]::ReadAllBytes($script:CollectorScript)
        @($bytes | Where-Object { $_ -gt 127 }).Count | Should -Be 0
    }
}
