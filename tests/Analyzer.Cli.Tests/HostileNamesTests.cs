using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsvHelper;
using Extls.TestKit;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Cli.Tests;

/// <summary>
/// One dump whose names are built to break every format extls writes, through the real command line and every
/// writer: analyze (console, json, sarif, junit, csv, markdown, html), matrix and certificates (console, json, csv),
/// explain (console, json), whatif (console, json, markdown) and timeline (console, json, markdown, html). Each output parses or validates as its format, and carries the names only as data: the
/// exact value in JSON, SARIF and CSV cells (formulas neutralised), decoded text in JUnit, escaped text in HTML and
/// Markdown, visible escapes on the console. A console that passed an escape sequence or a bidirectional override
/// through would let a dump recolour the terminal or show a name in another order than it is.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class HostileNamesTests : IDisposable
{
    /// <summary>
    /// A spreadsheet formula, quotes of both kinds, HTML, Markdown table and emphasis syntax, a link and a mention,
    /// CRLF, C0 controls and an ANSI escape, a right-to-left override, a surrogate pair and a lone surrogate, and
    /// three thousand more characters.
    /// </summary>
    private const string Frontend = "=cmd|' /C calc'!A0 <script>alert(1)</script> \"dq\" 'sq' | --- | `x` *y* _z_ [l](http://evil.example) @team\r\n"
                                    + "line2\u0001\u001b[31m\u202Egnp.exe\u202C \U0001F680 \ud800 end ";

    private static readonly string FrontendName = Frontend + new string('L', 3000);

    /// <summary>A second name: an attribute breaking out, a reference, table pipes, a tab, bidi isolates and a lone low surrogate.</summary>
    private const string DefaultName = "+SUM(A1) <img src=x onerror=alert(2)> &amp; | a | b |\t-tab \u2066iso\u2069 \udc00";

    /// <summary>A send connector (its identity is its name) that a spreadsheet would run as a formula.</summary>
    private const string SendName = "=HYPERLINK(\"http://evil.example\",\"open\") \u202Eevil";

    private const string Organization = "@admins <b>Org</b> | =1+1";

    private static readonly Lazy<JsonSchema> SarifSchema = new(() => JsonSchema.FromFileAsync(Sarif.SchemaPath).GetAwaiter().GetResult());

    private readonly string dump = Directory.CreateTempSubdirectory("extls-hostile-").FullName;

    public HostileNamesTests()
    {
        var source = Path.Combine(Repository.Root, "snapshots", "sample", "dump");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dump, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // Escaped as JSON writes \uXXXX, so the lone surrogates reach the reader as a collector that wrote them would leave them.
        static string J(string s) => Newtonsoft.Json.JsonConvert.ToString(s, '"', Newtonsoft.Json.StringEscapeHandling.EscapeNonAscii);
        Edit("servers/EX01/ReceiveConnector.json", "\"Identity\": \"EX01\\\\Default Frontend EX01\",\n    \"Name\": \"Default Frontend EX01\",",
            $"\"Identity\": {J("EX01\\" + FrontendName)},\n    \"Name\": {J(FrontendName)},");
        Edit("servers/EX02/ReceiveConnector.json", "\"Identity\": \"EX02\\\\Default EX02\",\n    \"Name\": \"Default EX02\",",
            $"\"Identity\": {J("EX02\\" + DefaultName)},\n    \"Name\": {J(DefaultName)},");
        Edit("org/SendConnector.json", "\"Identity\": \"Outbound to Internet\",\n    \"Name\": \"Outbound to Internet\",",
            $"\"Identity\": {J(SendName)},\n    \"Name\": {J(SendName)},");
        Edit("manifest.json", "\"organization\": \"Contoso\"", $"\"organization\": {J(Organization)}");
    }

    public void Dispose() => Directory.Delete(dump, recursive: true);

    private void Edit(string file, string old, string replacement)
    {
        var path = Path.Combine(dump, file);
        var text = File.ReadAllText(path);
        Assert.True(text.Contains(old, StringComparison.Ordinal), $"the sample's {file} no longer holds {old}");
        File.WriteAllText(path, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    private static string Run(params string[] args)
    {
        var (code, output, error) = InProcessCli.Run(args);
        Assert.True(code is 0 or 1, $"extls {string.Join(' ', args.Take(3))} exited {code}: {error}");
        return output;
    }

    /// <summary>The names as a writer that keeps data exact gives them: half a surrogate pair is the only thing no encoder can write.</summary>
    private static string Exact(string name) => WellFormed(name);

    private static string WellFormed(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static void NoLoneSurrogate(string text, string what) => Assert.True(WellFormed(text) == text, $"{what}: half a surrogate pair in the output");

    /// <summary>A terminal acts on nothing in it: no control but the line feed, no carriage return, no bidirectional control.</summary>
    private static void AssertTerminalSafe(string text, string what)
    {
        NoLoneSurrogate(text, what);
        var bad = text.Where(c => (char.IsControl(c) && c != '\n') || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F').Distinct().ToList();
        Assert.True(bad.Count == 0, $"{what}: writes {string.Join(", ", bad.Select(c => $"U+{(int)c:X4}"))} to the terminal");
    }

    private static void AssertSchema(string json, string schema, string what)
    {
        var errors = JsonSchema.FromFileAsync(Path.Combine(Repository.Root, "schemas", schema)).GetAwaiter().GetResult().Validate(json);
        Assert.True(errors.Count == 0, $"{what}: " + string.Join("; ", errors.Take(5).Select(e => $"{e.Path}: {e.Kind}")));
    }

    private static IEnumerable<string> Strings(JToken token) =>
        token.SelectTokens("$..*").OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => (string)v!);

    private static List<string[]> Cells(string csv)
    {
        using var reader = CsvReader.FromText(csv, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "")]);
        }

        return rows;
    }

    private static void AssertCsv(string csv, string what, params string[] names)
    {
        NoLoneSurrogate(csv, what);
        var rows = Cells(csv);
        Assert.True(rows.Count > 1, $"{what}: no row");
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));

        // A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before one): each such cell is quoted with '.
        var live = rows.SelectMany(r => r).Where(c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r').ToList();
        Assert.True(live.Count == 0, $"{what}: cells a spreadsheet would run: {string.Join(" / ", live.Take(3))}");
        foreach (var name in names)
        {
            var exact = Exact(name);
            Assert.True(rows.SelectMany(r => r).Any(c => c.Contains(exact, StringComparison.Ordinal)),
                $"{what}: no cell holds {exact[..Math.Min(30, exact.Length)]}…");
        }
    }

    [Fact]
    public void Every_writer_carries_the_names_as_data_only()
    {
        var frontend = "EX01\\" + FrontendName;
        var defaultConnector = "EX02\\" + DefaultName;

        // analyze: console
        var console = Run("analyze", dump, "--format", "console");
        AssertTerminalSafe(console, "analyze console");
        Assert.Contains("<script>alert(1)</script>", console, StringComparison.Ordinal);
        Assert.Contains("\\u001B[31m\\u202Egnp.exe\\u202C", console, StringComparison.Ordinal);
        Assert.Contains("<b>Org</b>", console, StringComparison.Ordinal);

        // analyze: JSON, schema-valid, the names exact and whole (three thousand characters are not cut)
        var json = Run("analyze", dump, "--format", "json");
        AssertSchema(json, "findings.schema.json", "analyze json");
        var findings = JToken.Parse(json);
        Assert.Contains(Exact(frontend), Strings(findings));
        Assert.Contains(Exact(defaultConnector), Strings(findings));
        Assert.Contains(Exact(Organization), Strings(findings));
        Assert.Contains(findings["findings"]!, f => (string?)f["target"]?["id"] == Exact(frontend));

        // analyze: SARIF, valid against the SARIF 2.1.0 schema; the result's message holds the name as text
        var sarif = Run("analyze", dump, "--format", "sarif");
        var sarifErrors = SarifSchema.Value.Validate(sarif);
        Assert.True(sarifErrors.Count == 0, "sarif: " + string.Join("; ", sarifErrors.Take(5).Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Contains(JToken.Parse(sarif).SelectTokens("$.runs[0].results[*].message.text").Select(t => (string)t!),
            m => m.Contains(Exact(frontend), StringComparison.Ordinal));

        // analyze: JUnit, valid against the JUnit schema; XML cannot carry U+0001 or U+001B even as references, so they read \uXXXX
        var junit = Run("analyze", dump, "--format", "junit");
        var junitErrors = Junit.Validate(junit);
        Assert.True(junitErrors.Count == 0, "junit: " + string.Join("; ", junitErrors.Take(5)));
        Assert.DoesNotContain("<script", junit, StringComparison.Ordinal);
        var xml = XDocument.Parse(junit);
        var xmlText = string.Join("\n", xml.Descendants().SelectMany(e => e.Attributes().Select(a => a.Value).Append(e.Value)));
        Assert.Contains("<script>alert(1)</script>", xmlText, StringComparison.Ordinal);
        Assert.Contains("line2\\u0001\\u001B[31m", xmlText, StringComparison.Ordinal);

        // analyze: CSV
        AssertCsv(Run("analyze", dump, "--format", "csv"), "analyze csv", frontend);

        // analyze: Markdown. Outside code, no HTML and no pipe that opens a cell; inside code spans and fences, the name as it is.
        var markdown = Run("analyze", dump, "--format", "markdown");
        AssertMarkdown(markdown);

        // analyze: HTML. No element, attribute or reference comes of a name; the browser shows the name as text.
        var html = Run("analyze", dump, "--format", "html");
        NoLoneSurrogate(html, "html");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Org", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<[^>]*onerror", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;dq&quot; &#39;sq&#39;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt; &amp;amp;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(html, c => (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || c is '\u202E' or '\u2066');

        // matrix: the connector EX02's sessions land on
        var matrixConsole = Run("matrix", dump, "--all");
        AssertTerminalSafe(matrixConsole, "matrix console");
        Assert.Contains("\\u2066iso\\u2069", matrixConsole, StringComparison.Ordinal);
        var matrixJson = Run("matrix", dump, "--all", "--format", "json");
        AssertSchema(matrixJson, "matrix.schema.json", "matrix json");
        Assert.Contains(Exact(defaultConnector), Strings(JToken.Parse(matrixJson)));
        AssertCsv(Run("matrix", dump, "--all", "--format", "csv"), "matrix csv", defaultConnector);

        // certificates: the connectors each certificate is chosen for
        var certificates = Run("certificates", dump);
        AssertTerminalSafe(certificates, "certificates console");
        Assert.Contains("<script>alert(1)</script>", certificates, StringComparison.Ordinal);
        var certificatesJson = Run("certificates", dump, "--format", "json");
        AssertSchema(certificatesJson, "certificates.schema.json", "certificates json");
        Assert.Contains(Strings(JToken.Parse(certificatesJson)), s => s.Contains(Exact(frontend), StringComparison.Ordinal));
        AssertCsv(Run("certificates", dump, "--format", "csv"), "certificates csv", frontend, SendName);

        // explain: the replays of EX01, the hostile connector's among them
        var explain = Run("explain", dump, "--server", "EX01");
        AssertTerminalSafe(explain, "explain console");
        Assert.Contains("<script>alert(1)</script>", explain, StringComparison.Ordinal);
        var explainJson = Run("explain", dump, "--server", "EX01", "--format", "json");
        AssertSchema(explainJson, "explain.schema.json", "explain json");
        Assert.Contains(Exact(frontend), Strings(JToken.Parse(explainJson)));

        // whatif: removing both of EX01's certificates changes the selections of the hostile connectors
        string[] plan = ["--change-command", "Remove-ExchangeCertificate -Server EX01 -Thumbprint 02FA9D636BE83AAD8E7E0328ECAFB01A12A0B3EC",
            "--change-command", "Remove-ExchangeCertificate -Server EX01 -Thumbprint FDBCF8B0DA53BE15CB8B0B3CCF01D50924EB94A3", "--fail-on", "never"];
        var whatif = Run(["whatif", dump, .. plan]);
        AssertTerminalSafe(whatif, "whatif console");
        Assert.Contains("<script>alert(1)</script>", whatif, StringComparison.Ordinal);
        Assert.Contains("\\u202Eevil", whatif, StringComparison.Ordinal);
        var whatifJson = Run(["whatif", dump, .. plan, "--format", "json"]);
        AssertSchema(whatifJson, "whatif.schema.json", "whatif json");
        Assert.Contains(Strings(JToken.Parse(whatifJson)), s => s.Contains(Exact(frontend), StringComparison.Ordinal));
        Assert.Contains(Exact(SendName), Strings(JToken.Parse(whatifJson)));
        var whatifMarkdown = Run(["whatif", dump, .. plan, "--format", "markdown"]);
        AssertMarkdown(whatifMarkdown);
        Assert.Contains("<script>", whatifMarkdown, StringComparison.Ordinal);

        // timeline: both certificates expire before the horizon, so findings on the hostile connectors appear
        string[] horizon = ["--until", "2028-09-01", "--fail-on", "never"];
        var timeline = Run(["timeline", dump, .. horizon]);
        AssertTerminalSafe(timeline, "timeline console");
        Assert.Contains("\\u202Eevil", timeline, StringComparison.Ordinal);
        var timelineJson = Run(["timeline", dump, .. horizon, "--format", "json"]);
        AssertSchema(timelineJson, "timeline.schema.json", "timeline json");
        Assert.Contains(Strings(JToken.Parse(timelineJson)), s => s.Contains(Exact(SendName), StringComparison.Ordinal));
        // The timeline's Markdown is headings and lists, no table.
        var timelineMarkdown = Run(["timeline", dump, .. horizon, "--format", "markdown"]);
        AssertMarkdown(timelineMarkdown, hasTables: false);
        Assert.Contains("evil", timelineMarkdown, StringComparison.Ordinal);
        var timelineHtml = Run(["timeline", dump, .. horizon, "--format", "html"]);
        NoLoneSurrogate(timelineHtml, "timeline html");
        Assert.DoesNotContain("<script", timelineHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<[^>]*onerror", timelineHtml);
        Assert.Contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;open&quot;) \uFFFDevil", timelineHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Org&lt;/b&gt;", timelineHtml, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy", timelineHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(timelineHtml, c => (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || c is '\u202E' or '\u2066');
    }

    private static void AssertMarkdown(string markdown, bool hasTables = true)
    {
        NoLoneSurrogate(markdown, "markdown");
        var outside = new List<string>();
        var fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced)
            {
                // Code spans as CommonMark reads them: a run of backticks up to the next run of the same length.
                outside.Add(Regex.Replace(line, @"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", "⟨code⟩"));
            }
        }

        Assert.False(fenced, "markdown: a code fence is left open");
        var prose = string.Join("\n", outside);
        Assert.DoesNotContain("<script", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", prose, StringComparison.Ordinal);
        Assert.DoesNotContain(prose, c => (char.IsControl(c) && c != '\n') || c is '\u202E' or '\u2066');

        // Every row of a table has as many cells as its header: a pipe in a name is escaped, inside code spans too.
        static int Cells(string row) => Regex.Count(row, @"(?<!\\)\|");
        var tables = 0;
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|') || (i > 0 && lines[i - 1].StartsWith('|')))
            {
                continue;
            }

            tables++;
            var header = Cells(lines[i]);
            for (var j = i; j < lines.Length && lines[j].StartsWith('|'); j++)
            {
                Assert.True(Cells(lines[j]) == header, $"markdown: a row of {Cells(lines[j])} pipes under a header of {header}: {lines[j][..Math.Min(120, lines[j].Length)]}");
            }
        }

        Assert.True(!hasTables || tables > 0, "markdown: no table");
        Assert.Contains("\\|", markdown, StringComparison.Ordinal);
    }
}
