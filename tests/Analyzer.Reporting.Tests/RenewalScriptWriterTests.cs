using System.Management.Automation.Language;
using System.Text;
using Extls.Model;
using Extls.Planning;
using Extls.TestKit;

namespace Extls.Reporting.Tests;

/// <summary>
/// The renewal plan as the administrator runs it: PowerShell that parses in both cultures, the same commands in both,
/// comments in the culture's language, every value from the dump (Japanese, accents, curly quotes) surviving the file.
/// </summary>
public sealed class RenewalScriptWriterTests
{
    private const string OldThumbprint = "B64EFC42C5C72044BA1DA74836E85200FFB51BA4";
    private const string NewThumbprint = "209FFF44A5C3DC56C6CF675B5CF81677134D0AD6";

    // Customer strings of a Japanese organisation: a Japanese subject and a connector name with an accent and a curly quote.
    private const string Subject = "CN=mail.contoso.co.jp, O=コントソ株式会社, C=JP";
    private const string Issuer = "CN=Contoso Issuing CA 2026, O=コントソ株式会社, C=JP";
    private const string OldIssuer = "CN=Contoso Issuing CA 2024, O=コントソ株式会社, C=JP";
    private const string ReceiveConnector = "EX01\\Default Frontend Café";
    private const string SendConnector = "O’Brien 宛て送信";

    private static string NewName => $"<I>{Issuer}<S>{Subject}";

    /// <summary>A plan with every kind of step and note, as RenewalPlanner would work it out.</summary>
    internal static RenewalPlan Sample(bool hybridCollected = true)
    {
        var renewed = new CertificateInfo
        {
            Thumbprint = NewThumbprint, Subject = Subject, Issuer = Issuer,
            NotBefore = new DateTimeOffset(2026, 5, 20, 0, 0, 0, TimeSpan.Zero), NotAfter = new DateTimeOffset(2027, 5, 20, 0, 0, 0, TimeSpan.Zero),
        };
        var old = renewed with
        {
            Thumbprint = OldThumbprint, Issuer = OldIssuer,
            NotBefore = new DateTimeOffset(2024, 6, 15, 0, 0, 0, TimeSpan.Zero), NotAfter = new DateTimeOffset(2026, 6, 15, 0, 0, 0, TimeSpan.Zero),
        };
        var oldName = $"<I>{OldIssuer}<S>{Subject}";
        RenewalStep[] steps =
        [
            new(RenewalStepKind.Import, "EX01", NewThumbprint),
            new(RenewalStepKind.Enable, "EX01", NewThumbprint, "IIS,SMTP") { Replaces = OldThumbprint, Services = CertificateServices.IIS | CertificateServices.SMTP, Prompt = RenewalPrompt.AnswerNo },
            new(RenewalStepKind.ReceiveConnector, "EX01", ReceiveConnector, NewName) { Replaces = oldName },
            new(RenewalStepKind.Import, "EDGE01", NewThumbprint),
            new(RenewalStepKind.Enable, "EDGE01", NewThumbprint, "SMTP") { Replaces = OldThumbprint, Services = CertificateServices.SMTP, Prompt = RenewalPrompt.Overwrite },
            new(RenewalStepKind.SendConnector, null, SendConnector, NewName) { Replaces = oldName },
            .. hybridCollected ? new RenewalStep[] { new(RenewalStepKind.HybridConfiguration, null, "Hybrid Configuration", NewName) { Replaces = oldName } } : [],
            new(RenewalStepKind.EdgeSubscription, "EDGE01", "EDGE01", "Tōkyō-Site") { File = @"C:\Temp\EDGE01-EdgeSubscription.xml" },
            new(RenewalStepKind.Remove, "EX01", OldThumbprint) { Replaces = OldThumbprint },
            new(RenewalStepKind.Remove, "EDGE01", OldThumbprint) { Replaces = OldThumbprint },
        ];
        RenewalNote[] notes =
        [
            new(RenewalNoteKind.SendConnectorOtherSources, SendConnector) { Servers = ["EX02"] },
            hybridCollected
                ? new(RenewalNoteKind.HybridOtherServers, "Hybrid Configuration") { Servers = ["EX02", "EX03"] }
                : new(RenewalNoteKind.HybridConfigurationNotCollected),
        ];
        return new RenewalPlan(renewed, old, OldThumbprint, "証明書/mail-2026.pfx", WithPassword: true, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
            ["EX01", "EDGE01"], [.. steps], [.. notes]);
    }

    private static ScriptBlockAst Parse(string text)
    {
        var ast = Parser.ParseInput(text, "renew.ps1", out var tokens, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")) + "\n" + text);
        return ast;
    }

    /// <summary>The script's statements as PowerShell reads them, comments left out.</summary>
    private static string[] Commands(string text) => [.. Parse(text).EndBlock.Statements.Select(s => s.Extent.Text)];

    private static string[] Comments(string text)
    {
        Parser.ParseInput(text, "renew.ps1", out var tokens, out _);
        return [.. tokens.Where(t => t.Kind == TokenKind.Comment).Select(t => t.Text)];
    }

    private static bool HasKana(string s) => s.Any(c => c is >= '\u3040' and <= '\u30FF');

    [Fact]
    public void Every_comment_has_both_languages() => Assert.Empty(RenewalScriptWriter.MissingComments);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Both_cultures_parse_and_hold_the_same_commands(bool hybridCollected)
    {
        var plan = Sample(hybridCollected);
        var en = RenewalScriptWriter.Write(plan, "en");
        var ja = RenewalScriptWriter.Write(plan, "ja");

        Assert.Equal(Commands(en), Commands(ja));
        Assert.Equal(Comments(en).Length, Comments(ja).Length);
        // The password prompt, 2 imports, 2 enables, a receive and a send connector, 3 for the Edge subscription, 2 removals.
        Assert.Equal(12 + (hybridCollected ? 1 : 0), Commands(en).Length);
        Assert.Equal(en.Split('\n').Where(l => !l.StartsWith('#')), ja.Split('\n').Where(l => !l.StartsWith('#')));
    }

    [Fact]
    public void Japanese_comments_are_Japanese_and_English_ones_are_not()
    {
        var plan = Sample(hybridCollected: false);
        var ja = Comments(RenewalScriptWriter.Write(plan, "ja"));
        var en = Comments(RenewalScriptWriter.Write(plan, "en"));

        // Every comment in Japanese, apart from the section lines that are only a server's name.
        Assert.All(ja.Where(c => c is not "# ---- EX01 ----" and not "# ---- EDGE01 ----" && !c.StartsWith("#   Set-", StringComparison.Ordinal)),
            c => Assert.True(HasKana(c), c));
        Assert.Contains(ja, c => c.Contains("内部トランスポート証明書", StringComparison.Ordinal));
        Assert.Contains(ja, c => c.Contains("送信コネクタ", StringComparison.Ordinal));
        Assert.Contains(ja, c => c.Contains("ハイブリッド構成ウィザード", StringComparison.Ordinal));

        // English comments carry no Japanese of their own: what kana they hold comes from the customer's names.
        Assert.All(en, c => Assert.False(HasKana(c.Replace(Subject, "", StringComparison.Ordinal).Replace(Issuer, "", StringComparison.Ordinal)
            .Replace(OldIssuer, "", StringComparison.Ordinal).Replace(SendConnector, "", StringComparison.Ordinal)), c));
        Assert.Contains("# Rehearse it with extls whatif DUMP --change THIS-FILE; remove -WhatIf from a command to run it.", en);
    }

    [Fact]
    public void Every_value_from_the_dump_reaches_the_cmdlet_as_it_was()
    {
        var ast = Parse(RenewalScriptWriter.Write(Sample(), "ja"));
        var commands = ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>().ToList();
        string Argument(string cmdlet, string parameter)
        {
            static bool Names(CommandElementAst e, string parameter) => e is CommandParameterAst { ParameterName: var n } && n == parameter;
            var elements = commands.First(c => c.GetCommandName() == cmdlet && c.CommandElements.Any(e => Names(e, parameter))).CommandElements;
            var at = elements.Select((e, i) => (e, i)).First(p => Names(p.e, parameter)).i;
            return Assert.IsType<StringConstantExpressionAst>(elements[at + 1]).Value;
        }

        Assert.Equal(ReceiveConnector, Argument("Set-ReceiveConnector", "Identity"));
        Assert.Equal(NewName, Argument("Set-ReceiveConnector", "TlsCertificateName"));
        Assert.Equal(SendConnector, Argument("Set-SendConnector", "Identity"));
        Assert.Equal(NewName, Argument("Set-HybridConfiguration", "TlsCertificateName"));
        Assert.Equal("Tōkyō-Site", Argument("New-EdgeSubscription", "Site"));
    }

    [Fact]
    public void A_value_cannot_end_its_comment_line()
    {
        var plan = Sample() with { Old = Sample().Old with { Subject = "CN=x\nRemove-Item C:\\ -Recurse #" } };
        foreach (var culture in new[] { "en", "ja" })
        {
            var text = RenewalScriptWriter.Write(plan, culture);
            Assert.DoesNotContain(Commands(text), c => c.StartsWith("Remove-Item", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_file_is_UTF8_with_a_byte_order_mark_and_reads_back_as_written()
    {
        var folder = Directory.CreateTempSubdirectory("extls-renew-");
        try
        {
            var path = Path.Combine(folder.FullName, "renew.ps1");
            var text = RenewalScriptWriter.Write(Sample(), "ja");
            File.WriteAllText(path, text, RenewalScriptWriter.Encoding);

            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            Assert.Equal(text, new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3));
            Assert.Equal(text, File.ReadAllText(path));

            // Without the mark, a reader that takes the ANSI code page (Windows PowerShell 5.1) gets other characters.
            Assert.NotEqual(text, Encoding.Latin1.GetString(bytes, 3, bytes.Length - 3));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void English_golden() => Golden.Verify(RenewalScriptWriter.Write(Sample(hybridCollected: false), "en"), "en", "ps1");

    [Fact]
    public void Japanese_golden() => Golden.Verify(RenewalScriptWriter.Write(Sample(), "ja"), "ja", "ps1");
}
