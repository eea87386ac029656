using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Cli.Tests;

/// <summary>
/// <c>extls generate</c> through the real libraries: a generated organisation analyses to exactly the
/// findings its broken servers imply (the generator's own account of them), one per root cause, in both
/// PowerShell styles; and a seed always writes the same bytes.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class GenerateCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "extls-generate-" + Guid.NewGuid().ToString("N"));

    public GenerateCommandTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private (int Code, string Out, string Error) Run(params string[] args) => InProcessCli.RunIn(root, args);

    private static JObject Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static string Key(JToken f) => $"{f["ruleId"]} {f["server"]} {f["target"]!["kind"]}:{f["target"]!["id"]}";

    /// <summary>Generates, analyses, and holds the analysis to what the generator says it broke.</summary>
    private void GeneratedFindingsAreExactlyTheBrokenServers(string style, string layout, int edges)
    {
        var (code, output, error) = Run("generate", "--servers", "20", "--out", "org", "--seed", "11", "--broken-share", "0.4",
            "--style", style, "--edge-layout", layout, "--edges", edges.ToString(System.Globalization.CultureInfo.InvariantCulture), "--expectations", "expected.json");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("Wrote 20 servers", output, StringComparison.Ordinal);
        var expected = Parse(File.ReadAllText(Path.Combine(root, "expected.json")));
        var broken = (JArray)expected["broken"]!;

        // Every kind of break is dealt out at least once among the 20 servers.
        Assert.Equal(Enum.GetValues<Extls.Generation.Organizations.BreakKind>().Length, broken.Select(b => (string)b["kind"]!).Distinct().Count());

        var dumps = ((JArray)expected["dumps"]!).Select(d => layout == "joined" ? "org" : Path.Combine("org", (string)d!)).ToArray();
        Assert.Equal(layout == "joined" ? 1 : 1 + edges, dumps.Length);
        var analysis = Run([.. new[] { "analyze" }, .. dumps, "--format", "json"]);
        Assert.True(analysis.Code == ExitCodes.Findings, analysis.Error);
        Assert.Equal("", analysis.Error);
        var findings = (JArray)Parse(analysis.Out)["findings"]!;

        // Root causes: exactly the generator's, one finding each.
        var actual = findings.Where(f => (string)f["ruleId"]! != "EXTLS5001").Select(Key).ToList();
        var wanted = broken.SelectMany(b => (JArray)b["findings"]!).Select(Key).ToList();
        Assert.Equal(wanted.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));

        // Server pairs without anonymous TLS: only where a broken server's side fails, and every such server is named.
        var inbound = broken.Where(b => (bool)b["breaksInboundAnonymousTls"]!).Select(b => (string)b["server"]!).ToHashSet(StringComparer.Ordinal);
        var outbound = broken.Where(b => (bool)b["breaksOutboundAnonymousTls"]!).Select(b => (string)b["server"]!).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(inbound);
        var pairFindings = findings.Where(f => (string)f["ruleId"]! == "EXTLS5001").ToList();
        var named = new HashSet<string>(StringComparer.Ordinal);
        if (pairFindings.Any(f => (string)f["target"]!["kind"]! == "serverPair"))
        {
            foreach (var f in pairFindings)
            {
                var ends = ((string)f["target"]!["id"]!).Split("->");
                Assert.True(outbound.Contains(ends[0]) || inbound.Contains(ends[1]), Key(f));
                named.Add(outbound.Contains(ends[0]) ? ends[0] : ends[1]);
            }
        }
        else
        {
            // One finding per root cause: one per server whose anonymous TLS is broken.
            Assert.All(pairFindings, f => Assert.Contains((string)f["server"]!, inbound.Union(outbound)));
            Assert.Equal(inbound.Union(outbound).Count(), pairFindings.Count);
            named.UnionWith(pairFindings.Select(f => (string)f["server"]!));
        }

        Assert.Equal(inbound.Union(outbound).Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_generated_powershell_7_dump_has_exactly_the_findings_of_its_broken_servers() =>
        GeneratedFindingsAreExactlyTheBrokenServers("ps7", "joined", 1);

    [Fact]
    public void A_generated_windows_powershell_dump_has_exactly_the_findings_of_its_broken_servers() =>
        GeneratedFindingsAreExactlyTheBrokenServers("ps51", "joined", 1);

    [Fact]
    public void Edge_servers_in_their_own_dumps_join_to_the_same_findings() =>
        GeneratedFindingsAreExactlyTheBrokenServers("ps51", "separate", 2);

    [Fact]
    public void Windows_powershell_style_is_utf16_with_numbers_and_ms_dates_and_powershell_7_style_is_utf8_with_names()
    {
        Assert.Equal(ExitCodes.Ok, Run("generate", "--servers", "3", "--out", "a", "--style", "ps51").Code);
        Assert.Equal(ExitCodes.Ok, Run("generate", "--servers", "3", "--out", "b", "--style", "ps7").Code);
        var ps51 = File.ReadAllBytes(Path.Combine(root, "a", "servers", "EX01", "ExchangeCertificate.json"));
        var ps7 = File.ReadAllBytes(Path.Combine(root, "b", "servers", "EX01", "ExchangeCertificate.json"));
        Assert.Equal([0xFF, 0xFE], ps51[..2]);
        var text51 = System.Text.Encoding.Unicode.GetString(ps51[2..]);
        Assert.Contains("\"NotBefore\":  \"\\/Date(", text51, StringComparison.Ordinal);
        Assert.Contains("\"Services\":  27,", text51, StringComparison.Ordinal);
        Assert.Contains("\"RawData\":  [\r\n", text51, StringComparison.Ordinal);
        Assert.NotEqual(0xEF, ps7[0]);
        var text7 = System.Text.Encoding.UTF8.GetString(ps7);
        Assert.Contains("\"NotBefore\": \"2023-02-01T00:00:00+00:00\"", text7, StringComparison.Ordinal);
        Assert.Contains("\"Services\": \"IMAP, POP, IIS, SMTP\"", text7, StringComparison.Ordinal);
        var receive = System.Text.Encoding.Unicode.GetString(File.ReadAllBytes(Path.Combine(root, "a", "servers", "EX01", "ReceiveConnector.json"))[2..]);
        Assert.StartsWith("{\r\n    \"value\":  [", receive, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_always_writes_the_same_bytes_and_another_seed_breaks_other_servers()
    {
        Assert.Equal(ExitCodes.Ok, Run("generate", "--servers", "12", "--out", "one", "--seed", "5", "--expectations", "one.json").Code);
        Assert.Equal(ExitCodes.Ok, Run("generate", "--servers", "12", "--out", "two", "--seed", "5", "--expectations", "two.json").Code);
        Assert.Equal(ExitCodes.Ok, Run("generate", "--servers", "12", "--out", "three", "--seed", "6", "--expectations", "three.json").Code);
        var files = Directory.EnumerateFiles(Path.Combine(root, "one"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(root, "one"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.EnumerateFiles(Path.Combine(root, "two"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(root, "two"), f)).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(root, "one", file)), File.ReadAllBytes(Path.Combine(root, "two", file)));
        }

        Assert.Equal(File.ReadAllText(Path.Combine(root, "one.json")), File.ReadAllText(Path.Combine(root, "two.json")));
        Assert.NotEqual(File.ReadAllText(Path.Combine(root, "one.json")), File.ReadAllText(Path.Combine(root, "three.json")));
    }

    [Fact]
    public void Help_documents_every_kind_of_break()
    {
        var (code, output, _) = Run("generate", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        foreach (var kind in Enum.GetValues<Extls.Generation.Organizations.BreakKind>())
        {
            Assert.Contains(Extls.Generation.Organizations.BreakKinds.Name(kind) + ":", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--servers", "0")]
    [InlineData("--broken-share", "1.5")]
    [InlineData("--style", "ps6")]
    [InlineData("--break", "everything")]
    [InlineData("--edges", "5")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        var args = new List<string> { "generate", "--out", "x" };
        if (option != "--servers")
        {
            args.AddRange(["--servers", "5"]);
        }

        args.AddRange([option, value]);
        var (code, _, error) = Run([.. args]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.NotEmpty(error);
        Assert.False(Directory.Exists(Path.Combine(root, "x")));
    }

    [Fact]
    public void A_folder_that_holds_something_is_replaced_only_with_force()
    {
        Directory.CreateDirectory(Path.Combine(root, "busy"));
        File.WriteAllText(Path.Combine(root, "busy", "notes.txt"), "mine");
        var (code, _, error) = Run("generate", "--servers", "3", "--out", "busy");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "busy", "notes.txt")));

        Assert.Equal(ExitCodes.Ok, Run("generate", "--servers", "3", "--out", "busy", "--force").Code);
        Assert.False(File.Exists(Path.Combine(root, "busy", "notes.txt")));
        Assert.True(File.Exists(Path.Combine(root, "busy", "manifest.json")));
    }
}
