using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using Extls.Model;
using Extls.Selection;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>What <c>extls certificates</c> shows: the inventory (computed by <see cref="CertificateInventory"/>) and the as-of time its days are counted from.</summary>
public sealed record CertificateReport
{
    public required DateTimeOffset AsOf { get; init; }

    public string? Organization { get; init; }

    public required ImmutableArray<InventoryEntry> Certificates { get; init; }

    /// <summary>Servers whose store was not collected or could not be read: their certificates are unknown, not absent.</summary>
    public ImmutableArray<(string Server, SectionState State)> StoresNotKnown { get; init; } = [];
}

/// <summary>The formats of <c>extls certificates</c>.</summary>
public enum CertificateFormat
{
    Console,
    Json,
    Csv,
}

/// <summary>
/// The certificate inventory in words (console), as JSON (schemas/certificates.schema.json) or as CSV for a spreadsheet,
/// where every cell that a spreadsheet would run as a formula is escaped. Roles and days are the inventory's; nothing here decides.
/// </summary>
public sealed class CertificatesWriter(RenderSettings settings)
{
    public string Render(CertificateReport report, CertificateFormat format)
    {
        ArgumentNullException.ThrowIfNull(report);
        return format switch
        {
            CertificateFormat.Json => Json(report),
            CertificateFormat.Csv => Csv(report),
            _ => Console(report),
        };
    }

    private string Console(CertificateReport report)
    {
        var labels = Labels.For(settings.Culture);
        return SpectreText.Render(settings, console =>
        {
            var organization = report.Organization is { } o ? $" · {SpectreText.Escape($"{labels.Organization}: {o}")}" : "";
            console.MarkupLine($"[bold]{ToolInfo.Name} {ToolInfo.Version}[/]{organization} · {SpectreText.Escape(labels.AsOf)} {Fmt.Date(report.AsOf)}");
            console.WriteLine();
            var certificates = report.Certificates.IsDefault ? [] : report.Certificates;
            if (certificates.IsEmpty && report.StoresNotKnown.IsDefaultOrEmpty)
            {
                console.MarkupLine(SpectreText.Escape(labels.NoCertificates));
            }

            foreach (var server in certificates.GroupBy(c => c.Server, StringComparer.OrdinalIgnoreCase))
            {
                console.MarkupLine($"[bold underline]{SpectreText.Escape($"{server.Key} ({labels.CertificateCount(server.Count())})")}[/]");
                foreach (var c in server)
                {
                    WriteEntry(console, c, labels);
                }

                console.WriteLine();
            }

            foreach (var (server, state) in report.StoresNotKnown.IsDefault ? [] : report.StoresNotKnown)
            {
                SpectreText.Indented(console, 0, $"[yellow]{SpectreText.Escape($"{server}: {labels.StoreNotKnown} ({SelectionText.SectionState(state, settings.Culture)})")}[/]");
            }
        });
    }

    private void WriteEntry(IAnsiConsole console, InventoryEntry c, Labels labels)
    {
        var cert = c.Certificate;
        var colour = c.DaysLeft < 0 ? "red" : c.InternalTransport || !c.ChosenFor.IsEmpty ? "green" : "grey";
        SpectreText.Indented(console, 2, $"[{colour}]{SpectreText.Escape($"{c.Thumbprint}  {cert.Subject}")}[/]");
        void Line(string text) => SpectreText.Indented(console, 4, SpectreText.Escape(text));
        var selfSigned = cert.IsSelfSigned == true ? $" ({labels.SelfSigned})" : "";
        Line($"{labels.Issuer}: {cert.Issuer}{selfSigned}");
        Line($"{labels.Names}: {Names(cert, labels)}");
        var days = c.DaysLeft < 0 ? labels.ExpiredDaysAgo(-c.DaysLeft) : labels.DaysLeft(c.DaysLeft);
        Line($"{labels.Valid}: {Fmt.Day(cert.NotBefore)} – {Fmt.Day(cert.NotAfter)} ({days})");
        Line($"{labels.ServicesLabel}: {Services(c.Store, labels)} · {labels.PrivateKey}: {YesNo(c.Store.HasPrivateKey, labels)} · {ReportTerms.Status(settings.Culture)}: {c.Store.Status?.ToString() ?? labels.Unknown}");
        Line($"{labels.KeyLabel}: {Key(cert, labels)} · {labels.Signature}: {cert.SignatureAlgorithm ?? labels.Unknown}");
        SpectreText.Hanging(console, 4, $"{labels.Role}:", SpectreText.Escape(Role(c, labels, settings.Culture)));
    }

    /// <summary>"internal transport certificate; chosen for 1 X-ANONYMOUSTLS in: EX01\Default EX01, …; 2 X-ANONYMOUSTLS out".</summary>
    internal static string Role(InventoryEntry c, Labels labels, string culture)
    {
        var parts = new List<string>();
        if (c.InternalTransport)
        {
            parts.Add(labels.InternalTransportRole);
        }

        foreach (var group in c.ChosenFor.GroupBy(u => u.Scenario))
        {
            var connectors = group.Select(u => u.Connector).OfType<string>().ToList();
            var title = SelectionText.ScenarioShortTitle(group.Key, culture);
            parts.Add(connectors.Count == 0 ? labels.ChosenFor(title) : $"{labels.ChosenFor(title)}: {string.Join(labels.ListSeparator, connectors)}");
        }

        return parts.Count == 0 ? labels.UnusedRole : string.Join(labels.RoleSeparator, parts);
    }

    internal static string Names(CertificateInfo cert, Labels labels) =>
        cert.DnsNames.IsDefaultOrEmpty ? labels.None : string.Join(", ", cert.DnsNames);

    internal static string Services(StoreCertificate store, Labels labels) =>
        store.Services is { } s ? s.ToString() : labels.Unknown;

    internal static string Key(CertificateInfo cert, Labels labels) =>
        cert.KeyAlgorithm is null ? labels.Unknown : cert.KeySize is { } size ? $"{cert.KeyAlgorithm} {Fmt.Int(size)}" : cert.KeyAlgorithm;

    internal static string YesNo(bool? value, Labels labels) => value switch
    {
        true => labels.Has,
        false => labels.HasNot,
        null => labels.Unknown,
    };

    private static string Json(CertificateReport report)
    {
        var root = new JObject
        {
            ["tool"] = new JObject { ["name"] = ToolInfo.Name, ["version"] = ToolInfo.Version },
            ["asOf"] = Fmt.Date(report.AsOf),
            ["organization"] = Reporting.Json.Nullable(report.Organization),
            ["certificates"] = Reporting.Json.Array(report.Certificates.IsDefault ? [] : report.Certificates, c => new JObject
            {
                ["server"] = c.Server,
                ["thumbprint"] = c.Thumbprint,
                ["subject"] = c.Certificate.Subject,
                ["issuer"] = c.Certificate.Issuer,
                ["dnsNames"] = Reporting.Json.Strings(c.Certificate.DnsNames.IsDefault ? [] : c.Certificate.DnsNames),
                ["friendlyName"] = Reporting.Json.Nullable(c.Store.FriendlyName),
                ["services"] = c.Store.Services is { } s ? Reporting.Json.Strings(ServiceNames(s)) : JValue.CreateNull(),
                ["notBefore"] = Fmt.Date(c.Certificate.NotBefore),
                ["notAfter"] = Fmt.Date(c.Certificate.NotAfter),
                ["daysLeft"] = c.DaysLeft,
                ["keyAlgorithm"] = Reporting.Json.Nullable(c.Certificate.KeyAlgorithm),
                ["keySize"] = c.Certificate.KeySize is { } k ? k : JValue.CreateNull(),
                ["signatureAlgorithm"] = Reporting.Json.Nullable(c.Certificate.SignatureAlgorithm),
                ["selfSigned"] = c.Certificate.IsSelfSigned is { } ss ? ss : JValue.CreateNull(),
                ["hasPrivateKey"] = c.Store.HasPrivateKey is { } pk ? pk : JValue.CreateNull(),
                ["status"] = c.Store.Status is { } st ? st.ToString() : JValue.CreateNull(),
                ["roles"] = Reporting.Json.Strings(c.Roles.Select(r => Fmt.CamelCase(r.ToString()))),
                ["chosenFor"] = Reporting.Json.Array(c.ChosenFor, u => new JObject
                {
                    ["scenario"] = u.Scenario.ToId(),
                    ["connector"] = Reporting.Json.Nullable(u.Connector),
                }),
            }),
            ["storesNotKnown"] = Reporting.Json.Array(report.StoresNotKnown.IsDefault ? [] : report.StoresNotKnown, x => new JObject
            {
                ["server"] = x.Server,
                ["state"] = Fmt.CamelCase(x.State.ToString()),
            }),
        };
        return Reporting.Json.Serialize(root);
    }

    /// <summary>The services as Exchange names them, one flag each, in the order of the flags.</summary>
    private static IEnumerable<string> ServiceNames(CertificateServices services) =>
        Enum.GetValues<CertificateServices>().Where(v => Convert.ToInt64(v, CultureInfo.InvariantCulture) != 0 && services.HasFlag(v)).Select(v => v.ToString());

    /// <summary>
    /// One row per certificate. Customer data goes into spreadsheets: a cell beginning with =, +, -, @, tab or CR is
    /// escaped with a leading apostrophe (CsvHelper's injection guard), so a subject like "=HYPERLINK(…)" stays text.
    /// </summary>
    private string Csv(CertificateReport report)
    {
        var labels = Labels.For(settings.Culture);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var options = new CsvWriterOptions
        {
            Injection = CsvInjection.Escape,
            NewLine = "\n",
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using (var csv = CsvWriter.Create(text, options, leaveOpen: true))
        {
            foreach (var header in labels.CertificateColumns)
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var c in report.Certificates.IsDefault ? [] : report.Certificates)
            {
                string[] row =
                [
                    c.Server, c.Thumbprint, c.Certificate.Subject, c.Certificate.Issuer,
                    string.Join(" ", c.Certificate.DnsNames.IsDefault ? [] : c.Certificate.DnsNames),
                    c.Store.Services is { } s ? string.Join(" ", ServiceNames(s)) : "",
                    Fmt.Date(c.Certificate.NotBefore), Fmt.Date(c.Certificate.NotAfter), Fmt.Int(c.DaysLeft),
                    c.Certificate.KeyAlgorithm ?? "", c.Certificate.KeySize is { } k ? Fmt.Int(k) : "", c.Certificate.SignatureAlgorithm ?? "",
                    c.Certificate.IsSelfSigned switch { true => "true", false => "false", _ => "" },
                    c.Store.HasPrivateKey switch { true => "true", false => "false", _ => "" },
                    c.Store.Status?.ToString() ?? "",
                    string.Join(" ", c.Roles.Select(r => Fmt.CamelCase(r.ToString()))),
                    string.Join("; ", c.ChosenFor.Select(u => u.Connector is null ? u.Scenario.ToId() : $"{u.Scenario.ToId()}: {u.Connector}")),
                ];
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.EndRecord();
            }
        }

        return text.ToString();
    }
}
