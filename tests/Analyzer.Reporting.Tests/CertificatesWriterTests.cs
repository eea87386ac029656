using Extls.Model;
using Extls.Selection;
using Extls.TestKit;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Reporting.Tests;

/// <summary>The certificate inventory: roles read off the replays and AD, days counted from the as-of time, JSON to its schema, CSV a spreadsheet cannot run.</summary>
public sealed class CertificatesWriterTests
{
    private static readonly CertificateInfo Web = Build.Cert(Build.ThumbprintFor("web"), "CN=mail.contoso.com, O=Contoso, C=JP", issuer: "CN=Contoso Issuing CA",
        notBefore: Build.AsOf.AddDays(-100), notAfter: Build.AsOf.AddDays(45).AddHours(5), dnsNames: ["mail.contoso.com", "ex01.contoso.com"], selfSigned: false);

    private static readonly CertificateInfo Spare = Build.Cert(Build.ThumbprintFor("spare"), "=HYPERLINK(\"http://x\")", issuer: "+CN=Evil",
        notBefore: Build.AsOf.AddDays(-400), notAfter: Build.AsOf.AddDays(-3), dnsNames: ["-spare.contoso.com", "@host"], selfSigned: false);

    private static (OrganizationSnapshot Org, CertificateReport Report) Sample()
    {
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore([.. ex01.Certificates.Items, Build.InStore(Web, true, CertificateServices.IIS | CertificateServices.SMTP), Build.InStore(Spare, true, CertificateServices.None)]);
        var org = Build.Org(ex01);
        var selections = Replay.All(org, new ReplayOptions(Build.AsOf, 30));
        return (org, new CertificateReport { AsOf = Build.AsOf, Organization = org.Organization, Certificates = CertificateInventory.Build(org, selections, Build.AsOf) });
    }

    [Fact]
    public void Roles_come_from_AD_and_the_replays_and_a_certificate_nothing_uses_is_unused()
    {
        var (org, report) = Sample();
        var internalThumbprint = org.Servers[0].InternalCertificate.Thumbprint;
        Assert.Equal(3, report.Certificates.Length);

        var own = Assert.Single(report.Certificates, c => c.Thumbprint == internalThumbprint);
        Assert.True(own.InternalTransport);
        Assert.Contains(CertificateRole.InternalTransport, own.Roles);
        Assert.Contains(own.ChosenFor, u => u is { Scenario: Scenario.OutboundAnonymousTls, Connector: null });

        var web = Assert.Single(report.Certificates, c => c.Thumbprint == Web.Thumbprint);
        Assert.False(web.InternalTransport);
        Assert.Equal([CertificateRole.Chosen], web.Roles.AsEnumerable());
        Assert.All(web.ChosenFor, u => Assert.Equal(Scenario.InboundStartTls, u.Scenario));
        Assert.Equal(45, web.DaysLeft);

        var spare = Assert.Single(report.Certificates, c => c.Thumbprint == Spare.Thumbprint);
        Assert.Equal([CertificateRole.Unused], spare.Roles.AsEnumerable());
        Assert.Empty(spare.ChosenFor);
        Assert.Equal(-3, spare.DaysLeft);
    }

    [Fact]
    public void Console_lists_every_certificate_with_its_role_in_both_languages()
    {
        var (_, report) = Sample();
        var en = new CertificatesWriter(RenderSettings.Plain with { Width = 1000 }).Render(report, CertificateFormat.Console);
        Golden.Verify(en, "console");
        Assert.Contains("unused: no connector chooses it", en, StringComparison.Ordinal);
        Assert.Contains("expired 3 days ago", en, StringComparison.Ordinal);
        Assert.Contains("45 days left", en, StringComparison.Ordinal);

        var ja = new CertificatesWriter(RenderSettings.Plain with { Culture = "ja", Width = 1000 }).Render(report, CertificateFormat.Console);
        Golden.Verify(ja, "console-ja");
        Assert.Contains("内部トランスポート証明書", ja, StringComparison.Ordinal);
        Assert.Contains("未使用", ja, StringComparison.Ordinal);
        Assert.DoesNotContain("unused", ja, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_validates_against_the_certificates_schema()
    {
        var (_, report) = Sample();
        var json = new CertificatesWriter(RenderSettings.Plain).Render(report, CertificateFormat.Json);
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("certificates.schema.json"));
        Assert.True(schema.Validate(json).Count == 0, SchemaErrors.Describe(schema.Validate(json)));

        var spare = JObject.Parse(json)["certificates"]!.Single(c => (string?)c["thumbprint"] == Spare.Thumbprint);
        Assert.Equal(["unused"], spare["roles"]!.Select(r => (string)r!));
        Assert.Equal(-3, (int)spare["daysLeft"]!);

        // The schema is no rubber stamp: a certificate without its roles is refused.
        var broken = JObject.Parse(json);
        ((JObject)broken["certificates"]![0]!).Remove("roles");
        Assert.NotEmpty(schema.Validate(broken.ToString()));
    }

    [Fact]
    public void Csv_escapes_every_cell_a_spreadsheet_would_run_as_a_formula()
    {
        var (_, report) = Sample();
        var csv = new CertificatesWriter(RenderSettings.Plain).Render(report, CertificateFormat.Csv);
        var rows = ReadRows(csv);
        Assert.Equal(1 + report.Certificates.Length, rows.Count);

        var header = rows[0];
        var spare = rows.Single(r => r[1] == Spare.Thumbprint);
        string Cell(string column) => spare[Array.IndexOf(header, column)];
        Assert.Equal("'=HYPERLINK(\"http://x\")", Cell("Subject"));
        Assert.Equal("'+CN=Evil", Cell("Issuer"));
        Assert.Equal("'-spare.contoso.com @host", Cell("DnsNames"));

        // Nothing a cell starts with could run, whatever the data.
        Assert.All(rows.SelectMany(r => r), cell => Assert.DoesNotMatch("^[=+\\-@\\t\\r]", cell));
    }

    /// <summary>Every record of the CSV, the header first, as a reader of the file sees it.</summary>
    private static List<string[]> ReadRows(string csv)
    {
        using var reader = CsvHelper.CsvReader.FromText(csv, new CsvHelper.CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "")]);
        }

        return rows;
    }
}
