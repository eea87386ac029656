using System.CommandLine;
using Extls.Reporting;
using Extls.Selection;

namespace Extls.Cli.Commands;

internal sealed record CertificatesOptions(
    string Path,
    string? Server,
    DateTimeOffset? AsOf,
    int WarningDays,
    string Culture,
    CertificateFormat Format,
    string? Output);

/// <summary><c>extls certificates PATH [--server S]</c>: every certificate of every store, with what uses it.</summary>
internal sealed class CertificatesCommand
{
    private readonly Argument<string> path = new("PATH") { Description = "A raw dump folder, zipped dump or snapshot file." };

    private readonly Option<string?> server = new("--server", "-s")
    {
        Description = "Only this Exchange server's store, by name (EX01). Default: every server.",
        HelpName = "NAME",
    };

    private readonly Option<string> format = new("--format", "-f")
    {
        Description = "Output format: console (default), json (schemas/certificates.schema.json) or csv (one row per certificate, safe to open in a spreadsheet).",
        DefaultValueFactory = _ => "console",
        HelpName = "console|json|csv",
    };

    private readonly Option<string?> output = new("--output", "-o")
    {
        Description = "File to write instead of the screen.",
        HelpName = "FILE",
    };

    private readonly Option<string?> asOf = CommonOptions.AsOf();
    private readonly Option<int> warningDays = CommonOptions.WarningDays();
    private readonly Option<string> culture = CommonOptions.Culture();
    private readonly CliHost host;

    public CertificatesCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("certificates", "List every certificate of every server's store: thumbprint, subject, DNS names, issuer, services, " +
                                              "validity and days left at the as-of date, key and signature algorithm, and its role: the internal " +
                                              "transport certificate, chosen for which connectors and directions, or unused.")
        {
            path, server, format, output, asOf, warningDays, culture,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public CertificatesOptions Bind(ParseResult parseResult) => new(
        parseResult.GetValue(path)!,
        parseResult.GetValue(server),
        CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
        CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)),
        CommonOptions.ParseCulture(parseResult.GetValue(culture)),
        ParseFormat(parseResult.GetValue(format)),
        parseResult.GetValue(output) is "-" ? null : parseResult.GetValue(output));

    internal static CertificateFormat ParseFormat(string? text) =>
        Enum.GetValues<CertificateFormat>().FirstOrDefault(f => string.Equals(f.ToString(), text, StringComparison.OrdinalIgnoreCase)) is var f
        && string.Equals(f.ToString(), text, StringComparison.OrdinalIgnoreCase)
            ? f
            : throw new UsageException($"Unknown format '{text}' for certificates. Use console, json or csv.", $"certificates の形式 '{text}' は不明です。console、json、csv のいずれかを指定してください。");

    public int Execute(CertificatesOptions options)
    {
        var loaded = Inputs.Load(host, [options.Path]);
        if (loaded.Snapshot is null)
        {
            Inputs.Report(host, loaded.Problems, options.Culture);
            return ExitCodes.InputUnreadable;
        }

        var snapshot = loaded.Snapshot;
        if (options.Server is not null && snapshot.FindServer(options.Server) is null)
        {
            var names = snapshot.Servers.Select(s => s.Name).ToList();
            var known = string.Join(", ", names);
            var knownJa = string.Join("、", names);
            throw new UsageException($"No server '{options.Server}' in the dump. Servers: {(known.Length == 0 ? "none" : known)}.", $"ダンプにサーバー '{options.Server}' はありません。サーバー: {(knownJa.Length == 0 ? "なし" : knownJa)}。");
        }

        var asOfValue = CommonOptions.ResolveAsOf(options.AsOf, snapshot);
        var selections = host.Services.Replay(snapshot, new ReplayOptions(asOfValue, options.WarningDays));
        bool Wanted(string name) => options.Server is null || string.Equals(name, options.Server, StringComparison.OrdinalIgnoreCase);
        var report = new CertificateReport
        {
            AsOf = asOfValue,
            Organization = snapshot.Organization,
            Certificates = [.. CertificateInventory.Build(snapshot, selections, asOfValue).Where(c => Wanted(c.Server))],
            StoresNotKnown = [.. snapshot.Servers.Where(s => Wanted(s.Name) && !s.Certificates.IsKnown).Select(s => (s.Name, s.Certificates.State))],
        };

        var toScreen = options.Output is null;
        host.Emit(options.Output, new CertificatesWriter(host.Settings(options.Culture, toScreen)).Render(report, options.Format));
        if (!loaded.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, loaded.Problems, options.Culture);
            return ExitCodes.InputUnreadable;
        }

        return ExitCodes.Ok;
    }
}
