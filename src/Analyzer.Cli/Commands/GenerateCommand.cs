using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Extls.Reporting;
using Extls.Generation.Organizations;

namespace Extls.Cli.Commands;

internal sealed record GenerateOptions(GenerationOptions Generation, string Out, bool Force, string? ExpectationsPath, string Culture = "en");

/// <summary>
/// <c>extls generate --servers N --out DIR</c>: a synthetic organisation as raw dumps, for demos, tests and
/// benchmarks. The generator knows what it broke, so <c>--expectations</c> writes the findings an analysis must report.
/// </summary>
internal sealed class GenerateCommand
{
    private readonly Option<int> servers = new("--servers", "-n")
    {
        Description = "Transport servers in the organisation, Edge servers included.",
        Required = true,
        HelpName = "N",
    };

    private readonly Option<string> output = new("--out", "-o")
    {
        Description = "Folder to write the dump into; it must be empty or absent (see --force).",
        Required = true,
        HelpName = "DIR",
    };

    private readonly Option<int> seed = new("--seed")
    {
        Description = "Chooses which servers are broken and how, and names every certificate: the same seed writes the same bytes.",
        DefaultValueFactory = _ => 1,
        HelpName = "S",
    };

    private readonly Option<double> brokenShare = new("--broken-share")
    {
        Description = "Share of Mailbox servers to break, from 0 to 1; the kinds of break are dealt out in turn (at least one server when above 0).",
        DefaultValueFactory = _ => 0.1,
        HelpName = "P",
    };

    private readonly Option<string[]> breaks = new("--break")
    {
        Description = "Only these kinds of break (repeat it; default: every kind). The kinds are listed above.",
        HelpName = "KIND",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string> style = new("--style")
    {
        Description = "ps7: PowerShell 7 (UTF-8, ISO 8601 dates, enum names, base64), or ps51: Windows PowerShell 5.1, as the " +
                      "Exchange Management Shell writes (UTF-16 LE with BOM, CRLF, enum numbers, \\/Date()\\/, byte arrays, values past depth 2 as text).",
        DefaultValueFactory = _ => "ps7",
        HelpName = "ps51|ps7",
    };

    private readonly Option<int?> edges = new("--edges")
    {
        Description = "How many of the servers are Edge Transport servers. Default: one per hundred servers, one from five servers up.",
        HelpName = "N",
    };

    private readonly Option<string> edgeLayout = new("--edge-layout")
    {
        Description = "joined (default): Edge servers inside the one dump folder. separate: as collectors write them, DIR/organization " +
                      "and one dump folder per Edge (DIR/EDGE01 …), to be analysed together.",
        DefaultValueFactory = _ => "joined",
        HelpName = "joined|separate",
    };

    private readonly Option<string?> expectations = new("--expectations")
    {
        Description = "Also write, as JSON, what was broken on which server and the findings (rule, server, target) an analysis must report for it.",
        HelpName = "FILE",
    };

    private readonly Option<bool> force = new("--force")
    {
        Description = "Delete DIR first if it holds anything.",
    };

    private readonly Option<string> culture = CommonOptions.Culture();

    private readonly CliHost host;

    public GenerateCommand(CliHost host)
    {
        this.host = host;
        var kinds = string.Join("", BreakKinds.All.Select(k => $"\n  {k.Name()}: {k.Describe()}."));
        Command = new Command("generate",
            "Write a synthetic Exchange organisation as a raw dump (the layout the collector writes), with real certificates, for demos, tests " +
            "and benchmarks: Mailbox servers with the default receive connectors and two certificates each, Edge servers subscribed, and a " +
            "share of Mailbox servers broken in one of these ways (one root cause each):" + kinds)
        {
            servers, output, seed, brokenShare, breaks, style, edges, edgeLayout, expectations, force, culture,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public GenerateOptions Bind(ParseResult parseResult)
    {
        var count = parseResult.GetValue(servers);
        if (count < 1)
        {
            throw new UsageException($"--servers must be 1 or more, not {count.ToString(CultureInfo.InvariantCulture)}.", $"--servers には 1 以上を指定してください ({count.ToString(CultureInfo.InvariantCulture)} は指定できません)。");
        }

        var share = parseResult.GetValue(brokenShare);
        if (share is < 0 or > 1 || double.IsNaN(share))
        {
            throw new UsageException($"--broken-share is a share from 0 to 1 (0.1 breaks one Mailbox server in ten), not {share.ToString(CultureInfo.InvariantCulture)}.", $"--broken-share は 0 から 1 の割合です (0.1 でメールボックス サーバー 10 台に 1 台を壊します)。{share.ToString(CultureInfo.InvariantCulture)} は指定できません。");
        }

        var kinds = (parseResult.GetValue(breaks) ?? []).Select(text => BreakKinds.TryParse(text, out var k)
            ? k
            : throw new UsageException($"Unknown --break '{text}'. Use {string.Join(", ", BreakKinds.All.Select(x => x.Name()))}.", $"--break '{text}' は不明です。{string.Join("、", BreakKinds.All.Select(x => x.Name()))} のいずれかを指定してください。")).Distinct().ToImmutableArray();
        var dumpStyle = parseResult.GetValue(style)?.Trim().ToLowerInvariant() switch
        {
            "ps7" => DumpStyle.Ps7,
            "ps51" => DumpStyle.Ps51,
            var other => throw new UsageException($"Unknown --style '{other}'. Use ps51 or ps7.", $"--style '{other}' は不明です。ps51 または ps7 を指定してください。"),
        };
        var layout = parseResult.GetValue(edgeLayout)?.Trim().ToLowerInvariant() switch
        {
            "joined" => EdgeLayout.Joined,
            "separate" => EdgeLayout.Separate,
            var other => throw new UsageException($"Unknown --edge-layout '{other}'. Use joined or separate.", $"--edge-layout '{other}' は不明です。joined または separate を指定してください。"),
        };
        var edgeCount = parseResult.GetValue(edges);
        var generation = new GenerationOptions
        {
            Servers = count,
            EdgeServers = edgeCount,
            Seed = parseResult.GetValue(seed),
            BrokenShare = share,
            Kinds = kinds.IsEmpty ? BreakKinds.All : kinds,
            Style = dumpStyle,
            EdgeLayout = layout,
        };
        if (generation.EdgeCount < 0 || generation.EdgeCount >= count)
        {
            throw new UsageException($"--edges {generation.EdgeCount.ToString(CultureInfo.InvariantCulture)} leaves no Mailbox server among {count.ToString(CultureInfo.InvariantCulture)}: give fewer Edge servers or more servers.",
                $"--edges {generation.EdgeCount.ToString(CultureInfo.InvariantCulture)} では、{count.ToString(CultureInfo.InvariantCulture)} 台のうちメールボックス サーバーが残りません。エッジ トランスポート サーバーを減らすか、サーバーを増やしてください。");
        }

        return new GenerateOptions(generation, parseResult.GetValue(output)!, parseResult.GetValue(force), parseResult.GetValue(expectations),
            CommonOptions.ParseCulture(parseResult.GetValue(culture)));
    }

    public int Execute(GenerateOptions options)
    {
        var folder = host.FullPath(options.Out);
        if (File.Exists(folder))
        {
            throw new UsageException($"--out '{options.Out}' is a file; name a folder.", $"--out '{options.Out}' はファイルです。フォルダーを指定してください。");
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            if (!options.Force)
            {
                throw new UsageException($"--out '{options.Out}' is not empty. Name a new folder, or add --force to replace what is in it.", $"--out '{options.Out}' は空ではありません。新しいフォルダーを指定するか、中身を置き換える場合は --force を付けてください。");
            }

            Directory.Delete(folder, recursive: true);
        }

        GeneratedOrganization generated;
        using (var progress = ProgressDisplay.Start(host, options.Culture))
        {
            progress.Phase(ProgressStep.Generating, options.Generation.Servers);
            generated = OrganizationGenerator.Write(options.Generation, folder);
        }

        if (options.ExpectationsPath is { } path)
        {
            host.Emit(path, Expectations(options.Generation, generated, folder));
        }

        var dumps = generated.Dumps.Select(d => Path.GetRelativePath(host.WorkingDirectory, d)).ToList();
        var c = options.Culture;
        var style = options.Generation.Style == DumpStyle.Ps51 ? "Windows PowerShell 5.1" : "PowerShell 7";
        host.Out.Write(CommandWording.GenerateWrote(generated.MailboxServers.Length, generated.EdgeServers.Length, style, generated.Files, generated.Bytes, c) + "\n");
        var kinds = generated.Broken.GroupBy(b => b.Kind).OrderBy(g => g.Key).Select(g => (g.Key.Name(), g.Count())).ToList();
        host.Out.Write(CommandWording.GenerateBroken(generated.Broken.Length, kinds, c) + "\n");
        host.Out.Write(CommandWording.GenerateAnalyse($"extls analyze {string.Join(' ', dumps.Select(Quote))}", c) + "\n");
        return ExitCodes.Ok;
    }

    /// <summary>The kinds of break, for the Japanese help: as the English help lists them, one a line.</summary>
    internal static string KindsInJapanese => string.Concat(BreakKinds.All.Select(k => $"\n  {k.Name()}: {DescribeInJapanese(k)}。"));

    private static string DescribeInJapanese(BreakKind kind) => kind switch
    {
        BreakKind.CertificateNotInStore =>
            "AD にはまだ登録されたまま、自己署名の内部トランスポート証明書を証明書ストアから削除します: EXTLS1004、匿名 TLS は双方向で失敗します (EXTLS5001)",
        BreakKind.ExchangeServerAuthRemoved =>
            "'Default <server>' の AuthMechanism から ExchangeServer を削除します: EXTLS2001、このサーバーへの匿名 TLS は失敗します (EXTLS5001)",
        BreakKind.AdValueEmpty =>
            "msExchServerInternalTLSCert を空にし、Get-TransportService の拇印も空にします: EXTLS1002、匿名 TLS は双方向で失敗します (EXTLS5001)",
        BreakKind.StaleTlsCertificateName =>
            "'Default Frontend <server>' の TlsCertificateName が、どの証明書にももう含まれないサブジェクトを指します (新しい名前での更新): EXTLS2004",
        BreakKind.ExpiredStartTlsCertificate =>
            "CA 発行の SMTP 証明書が収集前に有効期限切れになっていて、それでも選ばれます: EXTLS2007 (受信) と EXTLS3003 (送信)",
        BreakKind.TransportThumbprintOutOfSync =>
            "Get-TransportService は CA 発行の証明書を指し、AD には自己署名証明書があります: EXTLS1008",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;

    /// <summary>The generator's own account of what it broke: what an analysis of the dump must report, exactly.</summary>
    private static string Expectations(GenerationOptions o, GeneratedOrganization g, string folder)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("servers", o.Servers);
            json.WriteNumber("seed", o.Seed);
            json.WriteString("style", o.Style == DumpStyle.Ps51 ? "ps51" : "ps7");
            // Relative to --out ("." when the organisation is the one folder), so the file does not depend on where it was written.
            json.WriteStartArray("dumps");
            foreach (var d in g.Dumps)
            {
                json.WriteStringValue(Path.GetRelativePath(folder, d).Replace('\\', '/'));
            }

            json.WriteEndArray();
            json.WriteStartArray("broken");
            foreach (var b in g.Broken)
            {
                json.WriteStartObject();
                json.WriteString("server", b.Server);
                json.WriteString("kind", b.Kind.Name());
                json.WriteBoolean("breaksInboundAnonymousTls", b.BreaksInbound);
                json.WriteBoolean("breaksOutboundAnonymousTls", b.BreaksOutbound);
                json.WriteStartArray("findings");
                foreach (var f in b.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("ruleId", f.RuleId);
                    json.WriteString("server", f.Server);
                    json.WriteStartObject("target");
                    json.WriteString("kind", f.TargetKind);
                    json.WriteString("id", f.TargetId);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
