using Extls.Import.Mapping;
using Extls.Model;

namespace Extls.Import.Tests;

public class ShapeTests
{
    [Theory]
    [InlineData("[{\"Name\":\"a\"},{\"Name\":\"b\"}]")]
    [InlineData("{\"value\":[{\"Name\":\"a\"},{\"Name\":\"b\"}],\"Count\":2}")]
    public void Array_and_value_count_wrapper_give_every_item(string json)
    {
        var (root, r) = Fixture.Json(json);
        Assert.Equal(["a", "b"], r.Items(root).Select(o => r.Text(o, "Name")));
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void A_bare_object_is_one_item()
    {
        var (root, r) = Fixture.Json("{\"Name\":\"a\"}");
        Assert.Equal("a", r.Text(Assert.Single(r.Items(root)), "Name"));
    }

    [Fact]
    public void A_non_object_entry_is_a_problem_and_the_rest_is_read()
    {
        var (root, r) = Fixture.Json("[{\"Name\":\"a\"}, 42]");
        Assert.Single(r.Items(root));
        var p = Assert.Single(r.Problems);
        Assert.Equal("$[1]", p.JsonPath);
    }
}

public class DateTests
{
    private static readonly DateTimeOffset Expected = new(2026, 11, 28, 15, 4, 5, TimeSpan.Zero);

    private static DateTimeOffset? Read(string valueJson)
    {
        var o = Fixture.Obj("{\"D\":" + valueJson + "}");
        var r = new ValueReader("t.json");
        var d = r.Date(o, "D");
        Assert.Empty(r.Problems);
        return d?.Value;
    }

    [Fact]
    public void Microsoft_json_date() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), Read("\"\\/Date(1700000000000)\\/\""));

    [Fact]
    public void Microsoft_json_date_with_offset_suffix_keeps_the_utc_instant() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), Read("\"\\/Date(1700000000000+0900)\\/\""));

    [Fact]
    public void Wrapped_date_with_display_hint() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), Read("{\"value\":\"\\/Date(1700000000000)\\/\",\"DisplayHint\":2,\"DateTime\":\"Tuesday, November 14, 2023 10:13:20 PM\"}"));

    [Fact]
    public void Iso_with_offset() => Assert.Equal(Expected, Read("\"2026-11-29T00:04:05+09:00\""));

    [Fact]
    public void Iso_without_offset_is_utc() => Assert.Equal(Expected, Read("\"2026-11-28T15:04:05\""));

    [Fact]
    public void Iso_with_fraction_and_z() => Assert.Equal(Expected.AddMilliseconds(123), Read("\"2026-11-28T15:04:05.123Z\""));

    [Fact]
    public void En_us_locale_text() => Assert.Equal(Expected, Read("\"11/28/2026 3:04:05 PM\""));

    [Fact]
    public void Ja_jp_locale_text() => Assert.Equal(Expected, Read("\"2026/11/28 15:04:05\""));

    [Fact]
    public void En_gb_locale_text() => Assert.Equal(Expected, Read("\"28/11/2026 15:04:05\""));

    [Fact]
    public void Ambiguous_24_hour_text_is_day_first() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 15, 4, 5, TimeSpan.Zero), Read("\"04/03/2026 15:04:05\""));

    [Fact]
    public void Ambiguous_am_pm_text_is_month_first() =>
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 0, 4, 5, TimeSpan.Zero), Read("\"04/03/2026 12:04:05 AM\""));

    [Fact]
    public void Locale_text_has_no_zone_iso_with_offset_has_one()
    {
        Assert.False(DumpDates.Parse("28/11/2026 15:04:05")!.Value.HasZone);
        Assert.True(DumpDates.Parse("2026-11-28T15:04:05Z")!.Value.HasZone);
        Assert.True(DumpDates.Parse("/Date(1700000000000)/")!.Value.HasZone);
    }

    [Fact]
    public void Not_a_date_is_a_problem_and_unknown()
    {
        var o = Fixture.Obj("{\n\"D\": \"next tuesday\"\n}");
        var r = new ValueReader("t.json");
        Assert.Null(r.Date(o, "D"));
        var p = Assert.Single(r.Problems);
        Assert.Equal(("t.json", 2, "$.D"), (p.File, p.Line, p.JsonPath));
    }

    [Fact]
    public void Impossible_calendar_date_is_rejected() => Assert.Null(DumpDates.Parse("31/02/2026 10:00:00"));
}

public class EnumTests
{
    private static ReceiveAuthMechanism? Auth(string valueJson, out int problems)
    {
        var r = new ValueReader("t.json");
        var v = r.Enum<ReceiveAuthMechanism>(Fixture.Obj("{\"A\":" + valueJson + "}"), "A");
        problems = r.Problems.Count;
        return v;
    }

    [Theory]
    [InlineData("17")]
    [InlineData("\"Tls, ExchangeServer\"")]
    [InlineData("\"{Tls ExchangeServer}\"")]
    public void Bits_read_as_the_enum_reads(string valueJson)
    {
        var r = new ValueReader("t.json");
        var bits = r.EnumBits(Fixture.Obj("{\"A\":" + valueJson + "}"), "A", typeof(ReceiveAuthMechanism));
        Assert.Equal(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer, (ReceiveAuthMechanism?)bits);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void Bits_of_no_value_of_the_enum_are_a_problem_listing_its_names()
    {
        var r = new ValueReader("t.json");
        Assert.Null(r.EnumBits(Fixture.Obj("{\"A\":\"Tls, Kerberos\"}"), "A", typeof(ReceiveAuthMechanism)));
        var problem = Assert.Single(r.Problems);
        Assert.Equal(ProblemKind.NotAnEnumValue, problem.Kind);
        Assert.Equal("$.A", problem.JsonPath);
        Assert.Equal(Enum.GetNames<ReceiveAuthMechanism>(), problem.Arguments.Names);
    }

    [Fact]
    public void Flags_as_number() => Assert.Equal(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer, Auth("17", out _));

    [Fact]
    public void Flags_as_names() => Assert.Equal(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer, Auth("\"Tls, ExchangeServer\"", out _));

    [Fact]
    public void Names_are_case_insensitive() => Assert.Equal(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer, Auth("\"tls, EXCHANGESERVER\"", out _));

    [Fact]
    public void Number_as_text() => Assert.Equal(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer, Auth("\"17\"", out _));

    [Fact]
    public void None_is_a_value_not_unknown() => Assert.Equal(ReceiveAuthMechanism.None, Auth("\"None\"", out _));

    [Fact]
    public void Unknown_name_is_a_problem_and_unknown()
    {
        Assert.Null(Auth("\"Tls, Kerberos\"", out var problems));
        Assert.Equal(1, problems);
    }

    [Fact]
    public void Undefined_bits_are_a_problem() => Assert.Null(Auth("1024", out var _));

    [Fact]
    public void Wrong_type_is_a_problem()
    {
        Assert.Null(Auth("true", out var problems));
        Assert.Equal(1, problems);
    }

    [Fact]
    public void Non_flags_enum_by_number_and_name()
    {
        var r = new ValueReader("t.json");
        Assert.Equal(SmartHostAuthMechanism.ExchangeServer, r.Enum<SmartHostAuthMechanism>(Fixture.Obj("{\"A\":8}"), "A"));
        Assert.Equal(SmartHostAuthMechanism.ExchangeServer, r.Enum<SmartHostAuthMechanism>(Fixture.Obj("{\"A\":\"ExchangeServer\"}"), "A"));
        Assert.Null(r.Enum<SmartHostAuthMechanism>(Fixture.Obj("{\"A\":\"BasicAuth, ExchangeServer\"}"), "A"));
        Assert.Single(r.Problems);
    }

    [Fact]
    public void Null_tls_auth_level_is_unknown_without_problem()
    {
        var r = new ValueReader("t.json");
        Assert.Null(r.Enum<TlsAuthLevel>(Fixture.Obj("{\"A\":null}"), "A"));
        Assert.Empty(r.Problems);
    }
}

public class ScalarTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"True\"", true)]
    [InlineData("\"False\"", false)]
    public void Booleans_as_json_or_text(string json, bool expected)
    {
        var r = new ValueReader("t.json");
        Assert.Equal(expected, r.Bool(Fixture.Obj("{\"B\":" + json + "}"), "B"));
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void Not_a_boolean_is_a_problem()
    {
        var r = new ValueReader("t.json");
        Assert.Null(r.Bool(Fixture.Obj("{\"B\":\"maybe\"}"), "B"));
        Assert.Equal("$.B", Assert.Single(r.Problems).JsonPath);
    }

    [Fact]
    public void Absent_is_unknown_not_false()
    {
        var r = new ValueReader("t.json");
        Assert.Null(r.Bool(Fixture.Obj("{}"), "B"));
        Assert.Null(r.Text(Fixture.Obj("{}"), "T"));
        Assert.Null(r.List(Fixture.Obj("{}"), "L"));
    }

    [Fact]
    public void Json_null_text_is_empty_not_unknown()
    {
        var r = new ValueReader("t.json");
        Assert.Equal(string.Empty, r.Text(Fixture.Obj("{\"T\":null}"), "T"));
    }

    [Fact]
    public void Fqdn_as_smtp_domain_object()
    {
        var r = new ValueReader("t.json");
        Assert.Equal("mail.contoso.com", r.Text(Fixture.Obj("{\"Fqdn\":{\"Domain\":\"mail.contoso.com\",\"IsIPAddress\":false}}"), "Fqdn"));
    }

    [Fact]
    public void Server_as_ad_object_id() =>
        Assert.Equal("EX01", new ValueReader("t").Text(Fixture.Obj("{\"Server\":{\"Name\":\"EX01\",\"DistinguishedName\":\"CN=EX01,CN=Servers\"}}"), "Server"));

    [Fact]
    public void Tls_certificate_name_as_x509_identifier_object() =>
        Assert.Equal("<I>CN=CA<S>CN=mail", new ValueReader("t").Text(Fixture.Obj("{\"T\":{\"CertificateIssuer\":\"CN=CA\",\"CertificateSubject\":\"CN=mail\"}}"), "T"));

    [Fact]
    public void Version_object_as_exchange_writes_it() =>
        Assert.Equal("Version 15.2 (Build 1544.4)", new ValueReader("t").Text(Fixture.Obj("{\"V\":{\"Major\":15,\"Minor\":2,\"Build\":1544,\"Revision\":4}}"), "V"));
}

public class ListTests
{
    private static (IReadOnlyList<string>? List, int Problems) Read(string json)
    {
        var r = new ValueReader("t.json");
        var l = r.List(Fixture.Obj("{\"L\":" + json + "}"), "L");
        return (l is { } x ? [.. x] : null, r.Problems.Count);
    }

    [Fact]
    public void Json_array() => Assert.Equal(["[::]:25", "0.0.0.0:25"], Read("[\"[::]:25\",\"0.0.0.0:25\"]").List);

    [Fact]
    public void Flattened_braces_text() => Assert.Equal(["[::]:25", "0.0.0.0:25"], Read("\"{[::]:25, 0.0.0.0:25}\"").List);

    [Fact]
    public void Single_value_text() => Assert.Equal(["[::]:25"], Read("\"[::]:25\"").List);

    [Theory]
    [InlineData("\"System.Object[]\"")]
    [InlineData("\"System.Collections.Generic.List`1[System.String]\"")]
    [InlineData("\"Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPBinding]\"")]
    public void Type_name_is_unknown_not_empty(string json)
    {
        var (list, problems) = Read(json);
        Assert.Null(list);
        Assert.Equal(0, problems);
    }

    [Fact]
    public void Empty_array_is_empty_not_unknown() => Assert.Empty(Read("[]").List!);

    [Fact]
    public void Binding_objects_become_their_text() =>
        Assert.Equal(["[::]:25", "0.0.0.0:2525"], Read("[{\"Address\":\"::\",\"Port\":25,\"AddressFamily\":23},{\"Address\":\"0.0.0.0\",\"Port\":2525}]").List);

    [Fact]
    public void Address_space_objects_become_their_text() =>
        Assert.Equal(["SMTP:*;1"], Read("[{\"Type\":\"SMTP\",\"Address\":\"*\",\"Cost\":1}]").List);

    [Fact]
    public void Smart_host_objects_take_their_domain() =>
        Assert.Equal(["relay.contoso.com", "10.0.0.1"], Read("[{\"Domain\":{\"Domain\":\"relay.contoso.com\"},\"IsIPAddress\":false},{\"Domain\":null,\"Address\":\"10.0.0.1\",\"IsIPAddress\":true}]").List);
}

public class HostileValueTests
{
    [Fact]
    public void Huge_numbers_are_problems_not_exceptions()
    {
        var files = Fixture.HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Fixture.Utf8("""[{"Identity":"EX01\\A","AuthMechanism":99999999999999999999999,"PermissionGroups":4294967296,"Enabled":123456789012345678901234567890}]""");
        var r = Fixture.Load(files);
        var c = Assert.Single(Fixture.Server(r).ReceiveConnectors.Items);
        Assert.Null(c.AuthMechanism);
        Assert.Null(c.PermissionGroups);
        Assert.Null(c.Enabled);
        Assert.Equal(3, r.Problems.Length);
    }

    [Fact]
    public void Raw_data_lost_to_a_type_name_falls_back_to_properties_silently()
    {
        var files = Fixture.HealthyDump();
        files["servers/EX01/ExchangeCertificate.json"] = Fixture.Utf8("""[{"RawData":"System.Byte[]","Thumbprint":"ABCD","Subject":"CN=EX01","Issuer":"CN=EX01","NotBefore":"1/1/2025 10:00:00 AM","NotAfter":"1/1/2030 10:00:00 AM","Services":"SMTP","Status":"Valid","HasPrivateKey":"True"}]""");
        var r = Fixture.Load(files);
        Assert.Empty(r.Problems);
        var c = Assert.Single(Fixture.Server(r).Certificates.Items);
        Assert.False(c.Certificate.FromDer);
        Assert.Equal("ABCD", c.Thumbprint);
        Assert.True(c.HasPrivateKey);
    }

    [Fact]
    public void Broken_raw_data_is_a_problem_and_properties_are_used()
    {
        var files = Fixture.HealthyDump();
        files["servers/EX01/ExchangeCertificate.json"] = Fixture.Utf8("""[{"RawData":"AQIDBA==","Thumbprint":"ABCD","Subject":"CN=EX01","Issuer":"CN=EX01","NotBefore":"2025-01-01T00:00:00Z","NotAfter":"2030-01-01T00:00:00Z","Services":16,"Status":1,"HasPrivateKey":true}]""");
        var r = Fixture.Load(files);
        Assert.Equal("$[0].RawData", Assert.Single(r.Problems).JsonPath);
        Assert.Equal("ABCD", Assert.Single(Fixture.Server(r).Certificates.Items).Thumbprint);
    }
}
