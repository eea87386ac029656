using System.Text;
using Extls.Import.Formats;
using Newtonsoft.Json.Linq;
using Extls.TestKit;

namespace Extls.Import.Tests;

/// <summary>CliXml text as Export-Clixml writes it, parsed the way a dump's section file is.</summary>
internal static class CliXmlText
{
    public const string Header = "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">";

    public static ParsedSection Parse(string xml) =>
        new CliXmlSectionParser().Parse(Encoding.UTF8.GetBytes(xml), "org/Section.xml");
}

public sealed class CliXmlSectionParserTests
{
    private static ParsedSection ParseFile(string name) =>
        new CliXmlSectionParser().Parse(CsvTestData.Read("clixml", name), "servers/EX01/" + name);

    /// <summary>One top-level object wrapping the given members, as Export-Clixml writes a PSCustomObject.</summary>
    private static string Wrap(string members) =>
        CliXmlText.Header + "\n  <Obj RefId=\"0\">\n    <TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>\n    <MS>\n"
        + members + "\n    </MS>\n  </Obj>\n</Objs>";

    private static JObject Single(ParsedSection section) =>
        Assert.IsType<JObject>(Assert.Single(Assert.IsType<JArray>(section.Root)));

    /// <summary>The 1-based line of the first line of a sample holding the marker, so tests do not hard-code layout.</summary>
    private static int LineOf(string name, string marker, int occurrence = 1)
    {
        var lines = DecodedText(name).Split('\n');
        int seen = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(marker, StringComparison.Ordinal) && ++seen == occurrence)
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException(marker + " is not in " + name);
    }

    private static string DecodedText(string name) => TextDecoding.Decode(CsvTestData.Read("clixml", name));

    [Fact]
    public void Extension_is_xml() => Assert.Equal(".xml", new CliXmlSectionParser().Extension);

    [Fact]
    public void Receive_connectors_become_objects_of_their_adapted_properties()
    {
        var section = ParseFile("ReceiveConnector.local.xml");

        Assert.Empty(section.Problems);
        var rows = Assert.IsType<JArray>(section.Root);
        Assert.Equal(2, rows.Count);
        var first = Assert.IsType<JObject>(rows[0]);
        Assert.Equal("Default EX01", (string?)first["Name"]);
        Assert.Equal(@"EX01\Default EX01", (string?)first["Identity"]);
        Assert.Equal("3f2a9c1e-8d4b-4a51-9f0e-2b7c6d5e4f31", (string?)first["RunspaceId"]);
        Assert.True((bool)first["Enabled"]!);
        Assert.Equal(JTokenType.Boolean, first["RequireTLS"]!.Type);
        Assert.Equal(20L, (long)first["MaxInboundConnectionPerSource"]!);
        Assert.Equal("00:10:00", (string?)first["ConnectionTimeout"]);
    }

    [Fact]
    public void Enums_become_their_names_local_and_deserialized()
    {
        var connectors = Assert.IsType<JArray>(ParseFile("ReceiveConnector.local.xml").Root);
        var remote = Single(ParseFile("SendConnector.remote.xml"));

        Assert.Equal("Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer", (string?)connectors[0]["AuthMechanism"]);
        Assert.Equal("Tls, ExchangeServer", (string?)connectors[1]["AuthMechanism"]);
        Assert.Equal("ExchangeUsers, ExchangeServers, ExchangeLegacyServers", (string?)connectors[0]["PermissionGroups"]);
        Assert.Equal("DomainValidation", (string?)remote["TlsAuthLevel"]);
        Assert.Equal("None", (string?)remote["SmartHostAuthMechanism"]);
        Assert.Equal(JTokenType.String, remote["SmartHostAuthMechanism"]!.Type);
    }

    [Fact]
    public void Multi_valued_properties_become_arrays()
    {
        var connectors = Assert.IsType<JArray>(ParseFile("ReceiveConnector.local.xml").Root);

        Assert.Equal(["[::]:2525", "0.0.0.0:2525"], connectors[0]["Bindings"]!.Values<string>());
        Assert.Equal(["10.0.0.0/24", "192.168.10.5"], connectors[1]["RemoteIPRanges"]!.Values<string>());
    }

    [Fact]
    public void Values_serialized_only_as_text_become_that_text_and_those_with_properties_objects()
    {
        var connectors = Assert.IsType<JArray>(ParseFile("ReceiveConnector.local.xml").Root);

        Assert.Equal("<I>CN=Contoso Issuing CA 01, DC=contoso, DC=com<S>CN=mail.contoso.com", (string?)connectors[0]["TlsCertificateName"]);
        Assert.Equal("EX01", (string?)connectors[0]["Server"]);
        Assert.Equal("36 MB (37,748,736 bytes)", (string?)connectors[0]["MaxMessageSize"]);
        Assert.Equal("mail.contoso.com", (string?)connectors[1]["Fqdn"]);
        var fqdn = Assert.IsType<JObject>(connectors[0]["Fqdn"]);
        Assert.Equal("EX01.contoso.com", (string?)fqdn["Domain"]);
        Assert.False((bool)fqdn["SmtpUTF8"]!);
    }

    [Fact]
    public void References_become_copies_of_the_object_they_name()
    {
        var connectors = Assert.IsType<JArray>(ParseFile("ReceiveConnector.local.xml").Root);

        Assert.Equal("EX01", (string?)connectors[1]["Server"]);
        Assert.Equal("36 MB (37,748,736 bytes)", (string?)connectors[1]["MaxMessageSize"]);
        Assert.Equal("HubTransport", (string?)connectors[1]["TransportRole"]);
        Assert.NotSame(connectors[0]["Server"], connectors[1]["Server"]);
        Assert.Equal(LineOf("ReceiveConnector.local.xml", "<Ref N=\"Server\""), TokenLocation.LineOf(connectors[1]["Server"]!));
    }

    [Fact]
    public void Nil_becomes_null()
    {
        var connectors = Assert.IsType<JArray>(ParseFile("ReceiveConnector.local.xml").Root);

        Assert.Equal(JTokenType.Null, connectors[0]["Banner"]!.Type);
        Assert.Equal(JTokenType.Null, connectors[1]["TlsCertificateName"]!.Type);
        Assert.Equal("220 mail.contoso.com ESMTP", (string?)connectors[1]["Banner"]);
    }

    [Fact]
    public void Escaped_characters_in_strings_are_decoded()
    {
        var connectors = Assert.IsType<JArray>(ParseFile("ReceiveConnector.local.xml").Root);

        Assert.Equal("Hub receive connector.\r\nOwner: Messaging team", (string?)connectors[0]["Comment"]);
    }

    [Fact]
    public void Dates_keep_their_text_and_offset()
    {
        var connectors = Assert.IsType<JArray>(ParseFile("ReceiveConnector.local.xml").Root);

        Assert.Equal(JTokenType.String, connectors[0]["WhenChanged"]!.Type);
        Assert.Equal("2026-11-28T15:04:05.1234567+01:00", (string?)connectors[0]["WhenChanged"]);
        Assert.Equal("2026-11-28T14:04:05.1234567Z", (string?)connectors[0]["WhenChangedUTC"]);
        Assert.Equal("2026-02-03T09:15:00+01:00", (string?)connectors[1]["WhenChanged"]);
    }

    [Fact]
    public void Objects_and_values_carry_the_line_of_their_element()
    {
        var connectors = Assert.IsType<JArray>(ParseFile("ReceiveConnector.local.xml").Root);

        Assert.Equal(LineOf("ReceiveConnector.local.xml", "<Obj RefId=\"0\">"), TokenLocation.LineOf(connectors[0]));
        Assert.Equal(LineOf("ReceiveConnector.local.xml", "<Obj RefId=\"10\">"), TokenLocation.LineOf(connectors[1]));
        Assert.Equal(LineOf("ReceiveConnector.local.xml", "<S N=\"Name\">Partner Relay</S>"), TokenLocation.LineOf(connectors[1]["Name"]!));
        Assert.Equal(LineOf("ReceiveConnector.local.xml", "<Obj N=\"AuthMechanism\" RefId=\"11\">"), TokenLocation.LineOf(connectors[1]["AuthMechanism"]!));
        Assert.Equal(LineOf("ReceiveConnector.local.xml", "<S>0.0.0.0:2525</S>"), TokenLocation.LineOf(connectors[0]["Bindings"]![1]!));
        Assert.Equal("$[1].AuthMechanism", TokenLocation.PathOf(connectors[1]["AuthMechanism"]!));
    }

    [Fact]
    public void Local_certificate_keeps_raw_data_as_base64_and_domains_as_text()
    {
        var section = ParseFile("ExchangeCertificate.local.xml");

        Assert.Empty(section.Problems);
        var cert = Single(section);
        Assert.Equal(
            "MIIBszCCAVmgAwIBAgIUQ29udG9zbyBtYWlsIHRlc3QwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQbWFpbC5jb250b3NvLmNvbQ==",
            (string?)cert["RawData"]);
        Assert.Equal(["mail.contoso.com", "autodiscover.contoso.com"], cert["CertificateDomains"]!.Values<string>());
        Assert.Equal("IMAP, POP, IIS, SMTP", (string?)cert["Services"]);
        Assert.Equal("Valid", (string?)cert["Status"]);
        Assert.Equal("Enterprise", (string?)cert["RootCAType"]);
        Assert.Equal(2048L, (long)cert["PublicKeySize"]!);
        Assert.Equal("2027-11-28T23:59:59+01:00", (string?)cert["NotAfter"]);
        Assert.Equal("3", (string?)cert["Version"]);
    }

    [Fact]
    public void Remote_session_certificate_reads_deserialized_types_extended_members_and_wrapped_base64()
    {
        var section = ParseFile("ExchangeCertificate.remote.xml");

        Assert.Empty(section.Problems);
        var cert = Single(section);
        Assert.Equal(
            "MIIBszCCAVmgAwIBAgIUQ29udG9zbyBtYWlsIHRlc3QwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQbWFpbC5jb250b3NvLmNvbQ==",
            (string?)cert["RawData"]);
        Assert.Equal("SMTP", (string?)cert["Services"]);
        Assert.Equal("ex01.contoso.com", (string?)cert["PSComputerName"]);
        Assert.Equal("8a1d3c55-6b2e-4f7a-9c0d-1e2f3a4b5c6d", (string?)cert["RunspaceId"]);
        Assert.Equal("2030-01-12T08:30:00Z", (string?)cert["NotAfter"]);
        Assert.Equal(["EX01", "EX01.contoso.com"], cert["CertificateDomains"]!.Values<string>());
    }

    [Fact]
    public void Send_connector_from_utf8_with_bom_keeps_umlauts_and_arrays()
    {
        var section = ParseFile("SendConnector.remote.xml");

        Assert.Empty(section.Problems);
        var connector = Single(section);
        Assert.Equal("Internet über Smarthost", (string?)connector["Name"]);
        Assert.Equal(["SMTP:*;1"], connector["AddressSpaces"]!.Values<string>());
        Assert.Equal(["[10.1.1.25]", "relay.contoso-partner.de"], connector["SmartHosts"]!.Values<string>());
        Assert.Equal(["EX01", "EX02"], connector["SourceTransportServers"]!.Values<string>());
        Assert.Equal(25L, (long)connector["Port"]!);
        Assert.Equal(JTokenType.Null, connector["TlsCertificateName"]!.Type);
        Assert.Equal("ex01.contoso.com", (string?)connector["PSComputerName"]);
    }

    [Fact]
    public void Transport_service_reads_paths_empty_lists_and_numbers()
    {
        var section = ParseFile("TransportService.local.xml");

        Assert.Empty(section.Problems);
        var service = Single(section);
        Assert.Equal("0123456789ABCDEF0123456789ABCDEF01234567", (string?)service["InternalTransportCertificateThumbprint"]);
        Assert.Equal(
            @"C:\Program Files\Microsoft\Exchange Server\V15\TransportRoles\Logs\Hub\ProtocolLog\SmtpReceive",
            (string?)service["ReceiveProtocolLogPath"]);
        Assert.Empty(Assert.IsType<JArray>(service["ExternalDNSServers"]));
        Assert.Equal(1000L, (long)service["MaxOutboundConnections"]!["Value"]!);
        Assert.Equal(17280000000000L, (long)service["MessageExpirationTimeoutTicks"]!);
        Assert.Equal(0.75, (double)service["QueueLoadRatio"]!);
        Assert.Equal("Version 15.2 (Build 1544.4)", (string?)service["AdminDisplayVersion"]);
    }

    public static TheoryData<string> Encodings => ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Every_encoding_is_detected(string encoding)
    {
        string xml = Wrap("      <S N=\"Name\">Empfang für Partner</S>");
        byte[] bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(xml),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(xml)],
            "utf-16le" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(xml)],
            "utf-16be" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(xml)],
            "windows-1252" => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(xml),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };

        var section = new CliXmlSectionParser().Parse(bytes, "org/Section.xml");

        Assert.Empty(section.Problems);
        Assert.Equal("Empfang für Partner", (string?)Single(section)["Name"]);
    }

    [Fact]
    public void Xml_declaration_naming_utf16_is_read_from_utf8_text()
    {
        var section = CliXmlText.Parse("<?xml version=\"1.0\" encoding=\"utf-16\"?>\n" + Wrap("      <S N=\"Name\">x</S>"));

        Assert.Empty(section.Problems);
        Assert.Equal("x", (string?)Single(section)["Name"]);
    }

    [Fact]
    public void Every_primitive_type_becomes_its_json_value()
    {
        var section = CliXmlText.Parse(Wrap("""
                  <S N="S">a_x005F_x_x0009_b</S>
                  <I32 N="I32">-5</I32>
                  <I64 N="I64">9000000000</I64>
                  <I16 N="I16">-7</I16>
                  <U16 N="U16">65535</U16>
                  <U32 N="U32">4000000000</U32>
                  <U64 N="U64">18446744073709551615</U64>
                  <By N="By">255</By>
                  <SB N="SB">-128</SB>
                  <Db N="Db">1.5E+300</Db>
                  <Db N="DbInf">INF</Db>
                  <Sg N="Sg">0.25</Sg>
                  <D N="D">79228162514264337593543950335</D>
                  <B N="B">false</B>
                  <DT N="DT">2026-11-28T15:04:05</DT>
                  <TS N="TS">P1DT2H3M4.5S</TS>
                  <G N="G">{8A1D3C55-6B2E-4F7A-9C0D-1E2F3A4B5C6D}</G>
                  <URI N="URI">https://mail.contoso.com/owa</URI>
                  <Version N="Version">15.2.1544.4</Version>
                  <C N="C">97</C>
                  <BA N="BA">AQID</BA>
                  <SS N="SS">01000000d08c9ddf</SS>
                  <Nil N="Nil" />
            """));

        Assert.Empty(section.Problems);
        var o = Single(section);
        Assert.Equal("a_x\tb", (string?)o["S"]);
        Assert.Equal(-5L, (long)o["I32"]!);
        Assert.Equal(9000000000L, (long)o["I64"]!);
        Assert.Equal(-7L, (long)o["I16"]!);
        Assert.Equal(65535L, (long)o["U16"]!);
        Assert.Equal(4000000000L, (long)o["U32"]!);
        Assert.Equal(ulong.MaxValue, (ulong)o["U64"]!);
        Assert.Equal(255L, (long)o["By"]!);
        Assert.Equal(-128L, (long)o["SB"]!);
        Assert.Equal(1.5E+300, (double)o["Db"]!);
        Assert.Equal(double.PositiveInfinity, (double)o["DbInf"]!);
        Assert.Equal(0.25, (double)o["Sg"]!);
        Assert.Equal(decimal.MaxValue, (decimal)o["D"]!);
        Assert.Equal(JTokenType.Boolean, o["B"]!.Type);
        Assert.False((bool)o["B"]!);
        Assert.Equal("2026-11-28T15:04:05", (string?)o["DT"]);
        Assert.Equal("1.02:03:04.5000000", (string?)o["TS"]);
        Assert.Equal("8a1d3c55-6b2e-4f7a-9c0d-1e2f3a4b5c6d", (string?)o["G"]);
        Assert.Equal("https://mail.contoso.com/owa", (string?)o["URI"]);
        Assert.Equal("15.2.1544.4", (string?)o["Version"]);
        Assert.Equal("a", (string?)o["C"]);
        Assert.Equal("AQID", (string?)o["BA"]);
        Assert.Equal(JTokenType.Null, o["SS"]!.Type);
        Assert.Equal(JTokenType.Null, o["Nil"]!.Type);
    }

    [Fact]
    public void Dictionaries_become_objects_keyed_by_their_keys()
    {
        var section = CliXmlText.Parse(Wrap("""
                  <Obj N="Settings" RefId="1">
                    <TN RefId="1"><T>System.Collections.Hashtable</T><T>System.Object</T></TN>
                    <DCT>
                      <En><S N="Key">Fqdn</S><S N="Value">mail.contoso.com</S></En>
                      <En><I32 N="Key">25</I32><B N="Value">true</B></En>
                      <En><S N="Key">Empty</S><Nil N="Value" /></En>
                    </DCT>
                  </Obj>
            """));

        Assert.Empty(section.Problems);
        var settings = Assert.IsType<JObject>(Single(section)["Settings"]);
        Assert.Equal(["Fqdn", "25", "Empty"], settings.Properties().Select(p => p.Name));
        Assert.Equal("mail.contoso.com", (string?)settings["Fqdn"]);
        Assert.True((bool)settings["25"]!);
        Assert.Equal(JTokenType.Null, settings["Empty"]!.Type);
    }

    [Fact]
    public void Stacks_queues_and_enumerables_become_arrays()
    {
        var section = CliXmlText.Parse(Wrap("""
                  <Obj N="Stack" RefId="1"><TN RefId="1"><T>System.Collections.Stack</T><T>System.Object</T></TN><STK><S>b</S><S>a</S></STK></Obj>
                  <Obj N="Queue" RefId="2"><TN RefId="2"><T>System.Collections.Queue</T><T>System.Object</T></TN><QUE><I32>1</I32></QUE></Obj>
                  <Obj N="Enumerable" RefId="3"><TN RefId="3"><T>System.Linq.Enumerable</T><T>System.Object</T></TN><IE><Nil /><S>x</S></IE></Obj>
            """));

        Assert.Empty(section.Problems);
        var o = Single(section);
        Assert.Equal(["b", "a"], o["Stack"]!.Values<string>());
        Assert.Equal([1L], o["Queue"]!.Values<long>());
        Assert.Equal(JTokenType.Null, o["Enumerable"]![0]!.Type);
        Assert.Equal("x", (string?)o["Enumerable"]![1]);
    }

    [Fact]
    public void Top_level_primitives_and_a_single_wrapped_list_are_read()
    {
        var primitives = CliXmlText.Parse(CliXmlText.Header + "<S>EX01</S><I32>3</I32></Objs>");
        var wrapped = CliXmlText.Parse(CliXmlText.Header + """
            <Obj RefId="0"><TN RefId="0"><T>System.Object[]</T><T>System.Array</T><T>System.Object</T></TN><LST>
              <Obj RefId="1"><MS><S N="Name">EX01</S></MS></Obj>
              <Obj RefId="2"><MS><S N="Name">EX02</S></MS></Obj>
            </LST></Obj></Objs>
            """);

        Assert.Equal(["EX01", "3"], Assert.IsType<JArray>(primitives.Root).Select(t => (string?)t));
        Assert.Empty(wrapped.Problems);
        Assert.Equal(["EX01", "EX02"], Assert.IsType<JArray>(wrapped.Root).Select(t => (string?)t["Name"]));
    }

    [Fact]
    public void Empty_objs_root_is_an_empty_array()
    {
        var section = CliXmlText.Parse("<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\" />");

        Assert.Empty(section.Problems);
        Assert.Empty(Assert.IsType<JArray>(section.Root));
    }

    [Fact]
    public void Object_with_no_members_and_no_text_is_an_empty_object()
    {
        var section = CliXmlText.Parse(CliXmlText.Header + "<Obj RefId=\"0\"><TN RefId=\"0\"><T>System.Object</T></TN><MS /></Obj></Objs>");

        Assert.Empty(section.Problems);
        Assert.Empty(Single(section).Properties());
    }

    [Fact]
    public void Reference_to_an_enclosing_object_is_its_text_not_an_endless_copy()
    {
        var section = CliXmlText.Parse(CliXmlText.Header + """
            <Obj RefId="0"><ToString>Parent</ToString><MS><S N="Name">Parent</S><Ref N="Self" RefId="0" /></MS></Obj></Objs>
            """);

        Assert.Empty(section.Problems);
        var o = Single(section);
        Assert.Equal("Parent", (string?)o["Self"]);
    }

    [Fact]
    public void Reference_to_an_unknown_object_is_a_problem_and_null()
    {
        var section = CliXmlText.Parse(Wrap("      <S N=\"Name\">EX01</S>\n      <Ref N=\"Server\" RefId=\"42\" />"));

        var problem = Assert.Single(section.Problems);
        Assert.Equal("org/Section.xml", problem.File);
        Assert.Equal(6, problem.Line);
        Assert.Equal("$[0].Server", problem.JsonPath);
        Assert.Contains("42", problem.Message(), StringComparison.Ordinal);
        Assert.Equal(JTokenType.Null, Single(section)["Server"]!.Type);
        Assert.Equal("EX01", (string?)Single(section)["Name"]);
    }

    [Fact]
    public void Unknown_type_name_reference_is_a_problem()
    {
        var section = CliXmlText.Parse(CliXmlText.Header + "\n<Obj RefId=\"0\"><TNRef RefId=\"9\" /><ToString>x</ToString></Obj></Objs>");

        var problem = Assert.Single(section.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Equal("x", (string?)Assert.Single(Assert.IsType<JArray>(section.Root)));
    }

    [Theory]
    [InlineData("<I32 N=\"Port\">twenty-five</I32>", "Port")]
    [InlineData("<B N=\"Enabled\">yes</B>", "Enabled")]
    [InlineData("<DT N=\"NotAfter\">11/28/2026 3:04:05 PM</DT>", "NotAfter")]
    [InlineData("<BA N=\"RawData\">not base64!</BA>", "RawData")]
    [InlineData("<G N=\"RunspaceId\">not-a-guid</G>", "RunspaceId")]
    [InlineData("<TS N=\"Timeout\">10 minutes</TS>", "Timeout")]
    [InlineData("<Db N=\"Ratio\">0,75</Db>", "Ratio")]
    [InlineData("<Foo N=\"Strange\">1</Foo>", "Strange")]
    public void Bad_primitive_is_a_problem_with_its_line_and_path_and_the_rest_is_kept(string member, string name)
    {
        var section = CliXmlText.Parse(Wrap("      <S N=\"Name\">EX01</S>\n      " + member + "\n      <S N=\"After\">kept</S>"));

        var problem = Assert.Single(section.Problems);
        Assert.Equal(6, problem.Line);
        Assert.Equal("$[0]." + name, problem.JsonPath);
        var o = Single(section);
        Assert.Equal(JTokenType.Null, o[name]!.Type);
        Assert.Equal("EX01", (string?)o["Name"]);
        Assert.Equal("kept", (string?)o["After"]);
    }

    [Fact]
    public void Truncated_file_is_a_problem_with_its_line_and_complete_objects_are_kept()
    {
        var section = ParseFile("ReceiveConnector.truncated.xml");

        var problem = Assert.Single(section.Problems);
        Assert.Equal("servers/EX01/ReceiveConnector.truncated.xml", problem.File);
        Assert.Equal("$[1]", problem.JsonPath);
        Assert.Contains("malformed", problem.Message(), StringComparison.OrdinalIgnoreCase);
        Assert.True(problem.Line >= LineOf("ReceiveConnector.truncated.xml", "<Obj RefId=\"10\">"));
        var connector = Assert.IsType<JObject>(Assert.Single(Assert.IsType<JArray>(section.Root)));
        Assert.Equal("Default EX01", (string?)connector["Name"]);
    }

    [Fact]
    public void Mismatched_tags_are_a_problem_naming_the_line()
    {
        var section = CliXmlText.Parse(CliXmlText.Header + "\n<Obj RefId=\"0\">\n<MS>\n<S N=\"Name\">EX01</I32>\n</MS></Obj></Objs>");

        var problem = Assert.Single(section.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Empty(Assert.IsType<JArray>(section.Root));
    }

    [Fact]
    public void Document_type_definitions_are_refused()
    {
        var section = CliXmlText.Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE Objs [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S>&x;</S></Objs>
            """);

        var problem = Assert.Single(section.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("DTD", problem.Message(), StringComparison.Ordinal);
        Assert.Null(section.Root);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("{\"Name\": \"EX01\"}")]
    public void Content_that_is_not_xml_is_a_problem(string text)
    {
        var section = CliXmlText.Parse(text);

        var problem = Assert.Single(section.Problems);
        Assert.Equal("org/Section.xml", problem.File);
        Assert.Equal("$", problem.JsonPath);
        Assert.Equal(1, problem.Line);
        Assert.Null(section.Root);
    }

    [Fact]
    public void Root_other_than_objs_is_a_problem_and_no_tree()
    {
        var section = CliXmlText.Parse("<Configuration><S>x</S></Configuration>");

        var problem = Assert.Single(section.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("<Configuration>", problem.Message(), StringComparison.Ordinal);
        Assert.Null(section.Root);
    }

    [Fact]
    public void Objs_in_another_namespace_is_read_with_a_problem()
    {
        var section = CliXmlText.Parse("<Objs Version=\"1.1.0.1\"><Obj RefId=\"0\"><MS><S N=\"Name\">EX01</S></MS></Obj></Objs>");

        Assert.Single(section.Problems);
        Assert.Equal("EX01", (string?)Single(section)["Name"]);
    }

    [Fact]
    public void Same_bytes_give_the_same_tree()
    {
        byte[] bytes = CsvTestData.Read("clixml", "ReceiveConnector.local.xml");

        var a = new CliXmlSectionParser().Parse(bytes, "a.xml");
        var b = new CliXmlSectionParser().Parse(bytes, "a.xml");

        Assert.Equal(a.Root!.ToString(), b.Root!.ToString());
    }
}

public sealed class CliXmlSectionParserLimitTests
{
    private static string Nested(int levels, string bottom)
    {
        var xml = new StringBuilder();
        for (int i = 0; i < levels; i++)
        {
            xml.Append("<Obj><LST>");
        }

        xml.Append(bottom);
        for (int i = 0; i < levels; i++)
        {
            xml.Append("</LST></Obj>");
        }

        return xml.ToString();
    }

    [Fact]
    public void Elements_nested_deeper_than_any_export_skip_that_object_without_loading_it_and_keep_the_next()
    {
        string xml = CliXmlText.Header + "\n" + Nested(20000, "<S>bottom</S>") + "\n<Obj RefId=\"1\"><MS><S N=\"Name\">EX02</S></MS></Obj></Objs>";

        var section = CliXmlText.Parse(xml);

        // Skipped by the scan before any tree is built: loading it would cost time growing with the square of its
        // depth (LINQ to XML resolves namespaces through every ancestor) and would end in the value-depth problem.
        var problem = Assert.Single(section.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Equal("$[0]", problem.JsonPath);
        Assert.Equal("Elements are nested more than 250 levels deep; the object is skipped.", problem.Message());
        Assert.Equal("EX02", (string?)Assert.Single(Assert.IsType<JArray>(section.Root))["Name"]);
    }

    [Fact]
    public void Values_nested_deeper_than_any_export_are_a_problem_not_a_stack_overflow()
    {
        var section = CliXmlText.Parse(CliXmlText.Header + Nested(120, "<S>bottom</S>") + "</Objs>");

        var problem = Assert.Single(section.Problems);
        Assert.Contains("nested more than 100 levels", problem.Message(), StringComparison.Ordinal);
        Assert.DoesNotContain("bottom", section.Root!.ToString(Newtonsoft.Json.Formatting.None), StringComparison.Ordinal);
    }

    [Fact]
    public void References_that_multiply_the_tree_stop_at_a_budget()
    {
        // Each level refers twenty times to the level below: 20^8 copies if followed.
        var xml = new StringBuilder(CliXmlText.Header);
        xml.Append("<Obj RefId=\"0\"><MS><S N=\"Name\">leaf</S></MS></Obj>");
        for (int level = 1; level <= 8; level++)
        {
            xml.Append("<Obj RefId=\"").Append(level).Append("\"><LST>");
            for (int i = 0; i < 20; i++)
            {
                xml.Append("<Ref RefId=\"").Append(level - 1).Append("\" />");
            }

            xml.Append("</LST></Obj>");
        }

        xml.Append("</Objs>");

        var section = CliXmlText.Parse(xml.ToString());

        Assert.NotEmpty(section.Problems);
        Assert.All(section.Problems, p => Assert.Contains("References expand", p.Message(), StringComparison.Ordinal));
        Assert.Equal("leaf", (string?)section.Root![0]!["Name"]);
    }

    [Fact]
    public void Problem_paths_name_odd_properties_the_way_token_paths_do()
    {
        var section = CliXmlText.Parse(CliXmlText.Header + """
            <Obj RefId="0"><MS><Obj N="Ext.Settings" RefId="1"><MS><I32 N="Max Size">big</I32></MS></Obj></MS></Obj></Objs>
            """);

        var problem = Assert.Single(section.Problems);
        var token = section.Root![0]!["Ext.Settings"]!["Max Size"]!;
        Assert.Equal(TokenLocation.PathOf(token), problem.JsonPath);
        Assert.Equal("$[0]['Ext.Settings']['Max Size']", problem.JsonPath);
    }
}

public sealed class CliXmlSectionParserMemberTests
{
    private static JObject ParseSingle(string members) =>
        Assert.IsType<JObject>(Assert.Single(Assert.IsType<JArray>(CliXmlText.Parse(CliXmlText.Header + "<Obj RefId=\"0\">" + members + "</Obj></Objs>").Root)));

    [Fact]
    public void Extended_member_hides_the_adapted_property_of_the_same_name_whatever_its_case()
    {
        var o = ParseSingle("<Props><S N=\"Fqdn\">adapted</S><S N=\"Name\">EX01</S></Props><MS><S N=\"fqdn\">extended</S></MS>");

        Assert.Equal(["Fqdn", "Name"], o.Properties().Select(p => p.Name));
        Assert.Equal("extended", (string?)o["Fqdn"]);
    }

    [Fact]
    public void Repeated_name_within_one_block_keeps_the_first()
    {
        var o = ParseSingle("<MS><S N=\"Name\">first</S><S N=\"NAME\">second</S></MS>");

        Assert.Equal("first", (string?)Assert.Single(o.Properties()).Value);
    }

    [Fact]
    public void Encoded_member_names_are_decoded()
    {
        var o = ParseSingle("<MS><S N=\"Max_x0020_Size\">36 MB</S></MS>");

        Assert.Equal("36 MB", (string?)o["Max Size"]);
    }
}

public sealed class CliXmlSectionParserReferenceTests
{
    [Fact]
    public void Copy_of_a_referenced_object_keeps_the_lines_of_its_members_and_is_independent()
    {
        const string xml = """
            <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
              <Obj RefId="0">
                <MS>
                  <Obj N="Server" RefId="1">
                    <MS>
                      <S N="Name">EX01</S>
                    </MS>
                  </Obj>
                </MS>
              </Obj>
              <Obj RefId="2">
                <MS>
                  <Ref N="Server" RefId="1" />
                </MS>
              </Obj>
            </Objs>
            """;

        var section = CliXmlText.Parse(xml);

        Assert.Empty(section.Problems);
        var rows = Assert.IsType<JArray>(section.Root);
        var copy = Assert.IsType<JObject>(rows[1]["Server"]);
        Assert.Equal(13, TokenLocation.LineOf(copy));
        Assert.Equal(6, TokenLocation.LineOf(copy["Name"]!));
        Assert.Equal("$[1].Server.Name", TokenLocation.PathOf(copy["Name"]!));
        copy["Name"] = "changed";
        Assert.Equal("EX01", (string?)rows[0]["Server"]!["Name"]);
    }
}
