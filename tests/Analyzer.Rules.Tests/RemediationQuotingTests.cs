using System.Management.Automation.Language;
using Extls.Rules.Engine;

namespace Extls.Rules.Tests;

/// <summary>
/// Every remediation of the catalogue, filled with names built to break PowerShell (quotes of every kind, $, a
/// backtick, a subexpression, a line break), parses with the real PowerShell parser into the same commands as with
/// plain names, every name arriving as the literal text it is, and no comment line ending early.
/// </summary>
public sealed class RemediationQuotingTests
{
    /// <summary>A connector or server name no administrator should have, and some customer has.</summary>
    private const string Hostile = "O'Brien ’Relay‘ \"x\" $env:TEMP `n $(Remove-Item C:\\) ; Stop-Service * # 𝔘\nnext line";

    public static TheoryData<string, string> Scripts()
    {
        var data = new TheoryData<string, string>();
        foreach (var rule in RuleCatalog.Default.Rules)
        {
            data.Add(rule.Id, "");
            foreach (var v in rule.RemediationVariants.Keys)
            {
                data.Add(rule.Id, RemediationVariants.Key(v));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void A_hostile_name_stays_one_literal_argument(string rule, string variant)
    {
        var descriptor = RuleCatalog.Default.Find(rule)!;
        var script = variant.Length == 0 ? descriptor.Remediation : descriptor.RemediationVariants[RemediationVariants.TryParse(variant, out var v) ? v : default];
        var names = script.Texts().SelectMany(MessageTemplate.Placeholders).Distinct(StringComparer.Ordinal).ToList();

        foreach (var culture in new[] { "en", "ja" })
        {
            var plain = Parse(Render(script, culture, names, _ => "x"));
            var hostile = Parse(Render(script, culture, names, _ => Hostile));

            Assert.Empty(plain.Errors);
            Assert.True(hostile.Errors.Length == 0, $"{rule} {variant} ({culture}): {string.Join("; ", hostile.Errors.Select(e => e.Message))}\n{hostile.Text}");

            // The same commands, the same comments: nothing the name holds ran or ended a line.
            Assert.Equal(Commands(plain.Ast), Commands(hostile.Ast));
            Assert.Equal(plain.Tokens.Count(t => t.Kind == TokenKind.Comment), hostile.Tokens.Count(t => t.Kind == TokenKind.Comment));
            Assert.DoesNotContain(hostile.Ast.FindAll(a => a is VariableExpressionAst { VariablePath.UserPath: "env:TEMP" }, true), _ => true);

            // Each placeholder of a command arrived whole inside one single-quoted literal.
            var literals = hostile.Ast.FindAll(a => a is StringConstantExpressionAst { StringConstantType: StringConstantType.SingleQuoted }, true)
                .Cast<StringConstantExpressionAst>().Select(s => s.Value).ToList();
            var inCommands = script.Steps.Select(s => s.Run).OfType<string>().SelectMany(MessageTemplate.Placeholders).Distinct(StringComparer.Ordinal).ToList();
            Assert.True(inCommands.Count == 0 || literals.Any(l => l.Contains(Hostile, StringComparison.Ordinal)), $"{rule} {variant}: no literal holds the name\n{hostile.Text}");
        }
    }

    [Fact]
    public void Quoting_doubles_every_kind_of_single_quote_and_keeps_comments_on_their_line()
    {
        Assert.Equal("'O''Brien ’’x‘‘ $env:X `n'", PowerShellText.Literal("O'Brien ’x‘ $env:X `n"));
        Assert.Equal("a b  c", PowerShellText.InComment("a\nb\r\nc"));
        Assert.Equal("Set-X -Identity 'a''b' -Path 'C:\\a''b.txt' # 'a'b'", PowerShellText.FormatCommand("Set-X -Identity {n} -Path 'C:\\{n}.txt' # '{n}'", new Dictionary<string, string> { ["n"] = "a'b" }));
        Assert.Throws<FormatException>(() => PowerShellText.FormatCommand("Set-X \"{n}\"", new Dictionary<string, string> { ["n"] = "a" }));
        Assert.NotEmpty(PowerShellText.Problems("Set-X \"{n}\""));
        Assert.NotEmpty(PowerShellText.Problems("Set-X 'open"));
        Assert.Empty(PowerShellText.Problems("Get-X | ForEach-Object { $_.Name } | Set-Y -Value \"$($a.B)\" -Name {n}"));
    }

    private static string Render(RemediationScript script, string culture, IReadOnlyList<string> names, Func<string, string> value)
    {
        var values = names.ToDictionary(n => n, value, StringComparer.Ordinal);
        return AnalysisEngine.RenderRemediation(script, culture, () => values, () => values);
    }

    private static (ScriptBlockAst Ast, Token[] Tokens, ParseError[] Errors, string Text) Parse(string text)
    {
        var ast = Parser.ParseInput(text, out var tokens, out var errors);
        return (ast, tokens, errors, text);
    }

    private static List<string> Commands(Ast ast) =>
        [.. ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(c => c.GetCommandName() ?? "?")];
}
