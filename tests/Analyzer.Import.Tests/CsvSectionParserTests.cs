using System.Text;
using Extls.Import.Formats;
using Extls.Model;
using Newtonsoft.Json.Linq;
using Extls.TestKit;

namespace Extls.Import.Tests;

public sealed class CsvSectionParserTests
{
    private static ParsedSection ParseFile(string name) =>
        new CsvSectionParser().Parse(CsvTestData.Read("csv", name), "servers/EX01/" + name);

    private static ParsedSection ParseText(string text) =>
        new CsvSectionParser().Parse(Encoding.UTF8.GetBytes(text), "org/Section.csv");

    private static JArray Rows(ParsedSection section) => Assert.IsType<JArray>(section.Root);

    [Fact]
    public void Extension_is_csv() => Assert.Equal(".csv", new CsvSectionParser().Extension);

    [Fact]
    public void Receive_connectors_with_type_line_become_one_object_per_row_with_header_names()
    {
        var section = ParseFile("ReceiveConnector.ps51-type.csv");

        Assert.Empty(section.Problems);
        var rows = Rows(section);
        Assert.Equal(3, rows.Count);
        var first = Assert.IsType<JObject>(rows[0]);
        Assert.Equal(
            ["RunspaceId", "AuthMechanism", "Banner", "Bindings", "Fqdn", "TlsCertificateName", "Comment", "Enabled",
             "PermissionGroups", "RemoteIPRanges", "RequireTLS", "Server", "TransportRole", "Identity", "Name", "WhenChanged"],
            first.Properties().Select(p => p.Name));
        Assert.Equal("Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer", (string?)first["AuthMechanism"]);
        Assert.Equal(@"EX01\Default EX01", (string?)first["Identity"]);
        Assert.Equal("True", (string?)first["Enabled"]);
        Assert.Equal(JTokenType.String, first["Enabled"]!.Type);
        Assert.Equal("11/28/2026 3:04:05 PM", (string?)first["WhenChanged"]);
    }

    [Fact]
    public void Multi_valued_cells_stay_the_text_export_csv_wrote()
    {
        var rows = Rows(ParseFile("ReceiveConnector.ps51-type.csv"));

        Assert.Equal("Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPBinding]", (string?)rows[0]["Bindings"]);
        Assert.Equal("{[::]:2525, 0.0.0.0:2525}", (string?)rows[1]["Bindings"]);
        Assert.Equal("System.Object[]", (string?)rows[2]["RemoteIPRanges"]);
        Assert.Equal("ExchangeUsers, ExchangeServers, ExchangeLegacyServers", (string?)rows[0]["PermissionGroups"]);
    }

    [Fact]
    public void Quoted_newlines_commas_and_doubled_quotes_are_kept_inside_the_value()
    {
        var rows = Rows(ParseFile("ReceiveConnector.ps51-type.csv"));

        Assert.Equal(
            "Partner relay.\r\nOwner: \"Messaging team\"\r\nDo not change without a change request.",
            (string?)rows[1]["Comment"]);
        Assert.Equal(
            "<I>CN=Contoso Issuing CA 01, DC=contoso, DC=com<S>CN=mail.contoso.com, O=\"Contoso, Ltd\", C=US",
            (string?)rows[1]["TlsCertificateName"]);
    }

    [Fact]
    public void Each_row_and_value_carries_the_line_where_its_record_starts()
    {
        var rows = Rows(ParseFile("ReceiveConnector.ps51-type.csv"));

        // Line 1 is #TYPE, line 2 the header; the second record spans lines 4 to 6.
        Assert.Equal([3, 4, 7], rows.Select(TokenLocation.LineOf));
        Assert.Equal(4, TokenLocation.LineOf(rows[1]["Name"]!));
        Assert.Equal(7, TokenLocation.LineOf(rows[2]["Enabled"]!));
        Assert.Equal("$[2].Enabled", TokenLocation.PathOf(rows[2]["Enabled"]!));
    }

    [Fact]
    public void The_same_table_without_type_line_and_with_utf8_bom_gives_the_same_values_one_line_earlier()
    {
        var withType = Rows(ParseFile("ReceiveConnector.ps51-type.csv"));
        var withoutType = ParseFile("ReceiveConnector.notype.csv");

        Assert.Empty(withoutType.Problems);
        Assert.True(JToken.DeepEquals(withType, withoutType.Root));
        Assert.Equal([2, 3, 6], Rows(withoutType).Select(TokenLocation.LineOf));
        Assert.Equal("RunspaceId", Rows(withoutType)[0].Value<JObject>()!.Properties().First().Name);
    }

    [Fact]
    public void Empty_cells_become_null_and_other_cells_stay_strings()
    {
        var rows = Rows(ParseFile("ReceiveConnector.ps51-type.csv"));

        Assert.Equal(JTokenType.Null, rows[0]["Banner"]!.Type);
        Assert.Equal(JTokenType.Null, rows[2]["WhenChanged"]!.Type);
        Assert.Equal(JTokenType.String, rows[1]["Banner"]!.Type);
    }

    [Fact]
    public void Certificate_raw_data_from_a_local_shell_stays_the_type_name()
    {
        var section = ParseFile("ExchangeCertificate.local.csv");

        Assert.Empty(section.Problems);
        var rows = Rows(section);
        Assert.Equal(2, rows.Count);
        Assert.Equal("System.Byte[]", (string?)rows[0]["RawData"]);
        Assert.Equal("{mail.contoso.com, autodiscover.contoso.com}", (string?)rows[0]["CertificateDomains"]);
        Assert.Equal("IMAP, POP, IIS, SMTP", (string?)rows[0]["Services"]);
        Assert.Equal("CN=mail.contoso.com, O=\"Contoso, Ltd\", C=US", (string?)rows[0]["Subject"]);
        Assert.Equal("11/28/2027 11:59:59 PM", (string?)rows[0]["NotAfter"]);
        Assert.Equal(JTokenType.Null, rows[1]["AccessRules"]!.Type);
    }

    [Fact]
    public void Certificate_raw_data_as_base64_stays_the_base64_text()
    {
        var rows = Rows(ParseFile("ExchangeCertificate.remote-rawdata.csv"));

        var row = Assert.Single(rows);
        Assert.Equal(
            "MIIBszCCAVmgAwIBAgIUQ29udG9zbyBtYWlsIHRlc3QwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQbWFpbC5jb250b3NvLmNvbQ==",
            (string?)row["RawData"]);
        Assert.Equal("ex01.contoso.com", (string?)row["PSComputerName"]);
    }

    [Fact]
    public void Send_connectors_exported_with_use_culture_in_ansi_use_semicolons_and_keep_umlauts()
    {
        var section = ParseFile("SendConnector.de-DE-ansi.csv");

        Assert.Empty(section.Problems);
        var rows = Rows(section);
        Assert.Equal(2, rows.Count);
        Assert.Equal("Internet über Smarthost", (string?)rows[0]["Name"]);
        Assert.Equal("Ausgehend über Smarthost; Änderungen nur nach Freigabe", (string?)rows[0]["Comment"]);
        Assert.Equal("{SMTP:*;1}", (string?)rows[0]["AddressSpaces"]);
        Assert.Equal("28.11.2026 15:04:05", (string?)rows[0]["WhenChanged"]);
        Assert.Equal("EncryptionOnly", (string?)rows[1]["TlsAuthLevel"]);
        Assert.Equal(JTokenType.Null, rows[1]["SmartHosts"]!.Type);
    }

    [Theory]
    [InlineData("TransportService.pwsh7.csv")]
    [InlineData("TransportService.utf16le.csv")]
    public void Transport_service_reads_the_same_from_utf8_and_utf16_files(string name)
    {
        var section = ParseFile(name);

        Assert.Empty(section.Problems);
        var row = Assert.IsType<JObject>(Assert.Single(Rows(section)));
        Assert.Equal("0123456789ABCDEF0123456789ABCDEF01234567", (string?)row["InternalTransportCertificateThumbprint"]);
        Assert.Equal(
            @"C:\Program Files\Microsoft\Exchange Server\V15\TransportRoles\Logs\Hub\ProtocolLog\SmtpReceive",
            (string?)row["ReceiveProtocolLogPath"]);
        Assert.Equal("{}", (string?)row["ExternalDNSServers"]);
        Assert.Equal(JTokenType.Null, row["SendProtocolLogPath"]!.Type);
        Assert.Equal(2, TokenLocation.LineOf(row));
    }

    public static TheoryData<string> Encodings => ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "utf-16le-nobom", "windows-1252"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Every_encoding_powershell_writes_is_detected(string encoding)
    {
        const string text = "\"Name\",\"Comment\"\r\n\"Empfang für Partner\",\"Größe: 10 MB\"\r\n";
        byte[] bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(text),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            "utf-16le" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            "utf-16be" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
            "utf-16le-nobom" => Encoding.Unicode.GetBytes(text),
            "windows-1252" => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };

        var section = new CsvSectionParser().Parse(bytes, "org/ReceiveConnector.csv");

        Assert.Empty(section.Problems);
        var row = Assert.Single(Rows(section));
        Assert.Equal("Empfang für Partner", (string?)row["Name"]);
        Assert.Equal("Größe: 10 MB", (string?)row["Comment"]);
    }

    [Fact]
    public void Header_only_file_is_an_empty_array()
    {
        var section = ParseFile("HeaderOnly.csv");

        Assert.Empty(section.Problems);
        Assert.Empty(Rows(section));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n")]
    [InlineData("#TYPE Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig\r\n")]
    public void Empty_file_is_an_empty_array(string text)
    {
        var section = ParseText(text);

        Assert.Empty(section.Problems);
        Assert.Empty(Rows(section));
    }

    [Fact]
    public void Bare_type_line_without_type_name_is_tolerated()
    {
        var section = ParseText("#TYPE\r\n\"Name\"\r\n\"Default EX01\"\r\n");

        Assert.Empty(section.Problems);
        var row = Assert.Single(Rows(section));
        Assert.Equal("Default EX01", (string?)row["Name"]);
        Assert.Equal(3, TokenLocation.LineOf(row));
    }

    [Fact]
    public void Ragged_row_is_a_problem_naming_its_line_and_the_other_rows_are_kept()
    {
        var section = ParseFile("Broken.ragged-duplicate.csv");

        var rows = Rows(section);
        Assert.Equal(["Default EX01", "Partner"], rows.Select(r => (string?)r["Name"]));
        Assert.Equal([2, 4], rows.Select(TokenLocation.LineOf));
        var ragged = Assert.Single(section.Problems, p => p.Line == 3);
        Assert.Equal("servers/EX01/Broken.ragged-duplicate.csv", ragged.File);
        Assert.Equal("$[1]", ragged.JsonPath);
        Assert.Contains("3 fields", ragged.Message(), StringComparison.Ordinal);
        Assert.Contains("4", ragged.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_header_name_is_a_problem_on_the_header_line_and_the_first_column_wins()
    {
        var section = ParseFile("Broken.ragged-duplicate.csv");

        var duplicate = Assert.Single(section.Problems, p => p.Line == 1);
        Assert.Contains("'name'", duplicate.Message(), StringComparison.Ordinal);
        Assert.Equal(2, section.Problems.Length);
        var first = Assert.IsType<JObject>(Rows(section)[0]);
        Assert.Equal(["Name", "Fqdn", "Enabled"], first.Properties().Select(p => p.Name));
        Assert.Equal("Default EX01", (string?)first["Name"]);
    }

    [Fact]
    public void Header_without_a_name_is_a_problem_and_its_column_is_ignored()
    {
        var section = ParseText("\"Name\",\"\",\"Fqdn\"\r\n\"Default EX01\",\"x\",\"EX01.contoso.com\"\r\n");

        var problem = Assert.Single(section.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("column 2", problem.Message(), StringComparison.Ordinal);
        var row = Assert.IsType<JObject>(Assert.Single(Rows(section)));
        Assert.Equal(["Name", "Fqdn"], row.Properties().Select(p => p.Name));
    }

    [Fact]
    public void Unterminated_quote_is_a_problem_with_the_line_where_the_record_starts()
    {
        var section = ParseText("\"Name\",\"Fqdn\"\r\n\"Default EX01\",\"EX01.contoso.com\"\r\n\"Broken,\"EX01.contoso.com\"\r\n\"Later\",\"x\"\r\n");

        Assert.Contains(section.Problems, p => p.Line == 3 && p.Message().Contains("quot", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Default EX01", (string?)Rows(section)[0]["Name"]);
    }

    [Fact]
    public void Case_insensitive_match_of_type_line_and_unquoted_values_are_read()
    {
        var section = ParseText("#type System.Management.Automation.PSCustomObject\nName,Fqdn\nDefault EX01,EX01.contoso.com\n");

        Assert.Empty(section.Problems);
        var row = Assert.Single(Rows(section));
        Assert.Equal("EX01.contoso.com", (string?)row["Fqdn"]);
        Assert.Equal(3, TokenLocation.LineOf(row));
    }

    [Fact]
    public void Same_bytes_give_the_same_tree()
    {
        byte[] bytes = CsvTestData.Read("csv", "ReceiveConnector.ps51-type.csv");

        var a = new CsvSectionParser().Parse(bytes, "a.csv");
        var b = new CsvSectionParser().Parse(bytes, "a.csv");

        Assert.Equal(a.Root!.ToString(), b.Root!.ToString());
    }

    [Fact]
    public void Problems_are_import_problems_that_name_the_file()
    {
        var section = ParseText("\"Name\",\"Fqdn\"\r\n\"a\"\r\n");

        Assert.Equal(
            new ImportProblem("org/Section.csv", 2, "$[0]", ProblemKind.CsvFieldCount, new() { Number = 1, Limit = 2 }),
            Assert.Single(section.Problems));
    }

    [Fact]
    public void Blank_lines_are_skipped_and_still_counted()
    {
        var section = ParseText("\"Name\"\r\n\r\n\"EX01\"\r\n\r\n\"EX02\"\r\n\r\n");

        Assert.Empty(section.Problems);
        var rows = Rows(section);
        Assert.Equal(["EX01", "EX02"], rows.Select(r => (string?)r["Name"]));
        Assert.Equal([3, 5], rows.Select(TokenLocation.LineOf));
    }
}
