using System.Net;
using System.Numerics;

namespace Extls.Redaction.Tests;

public sealed class PseudonymTests
{
    private static Pseudonyms Make(params string[] servers)
    {
        var p = new Pseudonyms(RedactionKey.FromText("unit"), new RedactionMap());
        foreach (var s in servers)
        {
            p.Servers.Add(s);
        }

        return p;
    }

    [Fact]
    public void A_wildcard_still_covers_the_names_it_covered()
    {
        var p = Make("EX01");
        var wildcard = p.DnsName("*.contoso.com");
        var host = p.DnsName("mail.contoso.com");
        var deeper = p.DnsName("a.mail.contoso.com");
        var other = p.DnsName("mail.fabrikam.com");
        Assert.StartsWith("*.", wildcard, StringComparison.Ordinal);
        Assert.Equal(wildcard[2..], host[(host.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        Assert.NotEqual(wildcard[2..], deeper[(deeper.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        Assert.NotEqual(host, other);
        Assert.Equal(host.Split('.')[0], other.Split('.')[0]);
        Assert.EndsWith(".test", host, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_compared_without_case_and_keep_their_case_style()
    {
        var p = Make("EX01");
        Assert.Equal(p.Label("EX01").ToLowerInvariant(), p.Label("ex01"));
        Assert.Equal(p.Label("EX01").ToUpperInvariant(), p.Label("EX01"));
        Assert.Equal(p.DnsName("EX01.CONTOSO.COM").ToLowerInvariant(), p.DnsName("ex01.contoso.com"));
        Assert.StartsWith(p.Label("ex01") + ".", p.DnsName("ex01.contoso.com"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contoso.mail.onmicrosoft.com", ".mail.onmicrosoft.com")]
    [InlineData("contoso-com.mail.protection.outlook.com", ".mail.protection.outlook.com")]
    public void Microsoft_cloud_suffixes_stay_and_the_tenant_is_replaced(string name, string suffix)
    {
        var mapped = Make().DnsName(name);
        Assert.EndsWith(suffix, mapped, StringComparison.Ordinal);
        Assert.StartsWith("tenant-", mapped, StringComparison.Ordinal);
        Assert.Equal("mail.protection.outlook.com", Make().DnsName("mail.protection.outlook.com"));
    }

    [Fact]
    public void Country_suffixes_are_one_public_suffix()
    {
        var p = Make();
        Assert.Matches(@"^srv-[0-9a-f]{8}\.example-[0-9a-f]{8}\.test$", p.DnsName("mail.contoso.co.jp"));
        Assert.NotEqual(p.DnsName("contoso.co.jp"), p.DnsName("contoso.com"));
    }

    [Theory]
    [InlineData("Default EX01", "Default SRV-")]
    [InlineData("Default Frontend EX01", "Default Frontend SRV-")]
    [InlineData("EdgeSync - Default-First-Site-Name to Internet", "EdgeSync - Default-First-Site-Name to Internet")]
    [InlineData("Outbound to Fabrikam", "Outbound to Name-")]
    public void Connector_names_keep_Exchanges_words(string name, string starts) =>
        Assert.StartsWith(starts, Make("EX01").Names(name), StringComparison.Ordinal);

    [Fact]
    public void Distinguished_names_keep_their_layout_and_containers()
    {
        var p = Make("EX01");
        var dn = p.Dn("CN=EX01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com")!;
        Assert.Matches(@"^CN=SRV-[0-9A-F]{8},CN=Servers,CN=Exchange Administrative Group \(FYDIBOHF23SPDLT\),CN=Administrative Groups,CN=Name-[0-9a-f]{8},CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=example-[0-9a-f]{8},DC=test$", dn);
        var subject = p.Dn("CN=mail.contoso.com, O=Contoso Ltd, C=US")!;
        Assert.Matches(@"^CN=srv-[0-9a-f]{8}\.example-[0-9a-f]{8}\.test, O=Name-[0-9a-f]{8} Ltd, C=US$", subject);
        Assert.Equal(p.Dn("CN=mail.contoso.com,O=Contoso Ltd,C=US"), subject.Replace(", ", ",", StringComparison.Ordinal));
        Assert.Matches("^<I>CN=Name-[0-9a-f]{8} Test Root CA<S>CN=srv-", p.TlsCertificateName("<I>CN=Contoso Test Root CA<S>CN=mail.contoso.com"));
        Assert.Equal("<I>CN=a", p.TlsCertificateName("<I>CN=a")[..7]);
    }

    [Fact]
    public void Thumbprints_keep_their_layout()
    {
        var p = Make();
        var t = p.Thumbprint("\u200e72 e4 aa bb cc dd ee ff 00 11 22 33 44 55 66 77 88 99 aa bb");
        Assert.StartsWith("\u200e", t, StringComparison.Ordinal);
        Assert.Equal(60, t.Length);
        Assert.Equal(t.ToLowerInvariant(), t);
        Assert.Equal(Pseudonyms.NormalizeHex(t), Pseudonyms.NormalizeHex(p.Thumbprint("72E4AABBCCDDEEFF00112233445566778899AABB")));
    }

    private static UInt128 Value(IPAddress a) => (UInt128)new BigInteger(a.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    private static int Common(IPAddress a, IPAddress b, int bits)
    {
        var x = Value(a) ^ Value(b);
        return x == 0 ? bits : bits - (int)(UInt128.Log2(x) + 1);
    }

    [Fact]
    public void Addresses_keep_their_common_prefixes_their_family_and_their_class()
    {
        var ips = new IpAddresses(RedactionKey.FromText("unit"));
        // Prefixes are kept between addresses of one class (private blocks stay in themselves, public among public).
        string[][] classes = [["10.1.2.3", "10.1.2.200", "10.1.9.3", "10.200.0.1"], ["192.168.1.10", "192.168.7.10"], ["203.0.113.5", "198.51.100.7", "8.8.8.8", "8.8.4.4", "8.9.1.1"]];
        foreach (var (a, b) in classes.SelectMany(c => c.SelectMany(a => c.Select(b => (a, b)))))
        {
            {
                var (x, y) = (IPAddress.Parse(a), IPAddress.Parse(b));
                var (mx, my) = (ips.Map(x), ips.Map(y));
                Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, mx.AddressFamily);
                Assert.Equal(Math.Min(24, Common(x, y, 32)), Math.Min(24, Common(mx, my, 32)));
            }
        }

        Assert.StartsWith("10.", ips.Map(IPAddress.Parse("10.1.2.3")).ToString(), StringComparison.Ordinal);
        Assert.StartsWith("192.168.", ips.Map(IPAddress.Parse("192.168.1.10")).ToString(), StringComparison.Ordinal);
        Assert.EndsWith(".3", ips.Map(IPAddress.Parse("10.1.2.3")).ToString(), StringComparison.Ordinal);
        Assert.Equal("0.0.0.0", ips.Map(IPAddress.Parse("0.0.0.0")).ToString());
        Assert.Equal("127.0.0.1", ips.Map(IPAddress.Parse("127.0.0.1")).ToString());
        Assert.Equal("::1", ips.Map(IPAddress.IPv6Loopback).ToString());
        var v6 = ips.Map(IPAddress.Parse("2001:4860:4860::8888"));
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, v6.AddressFamily);
        Assert.NotEqual("2001:4860:4860::8888", v6.ToString());
        Assert.StartsWith("fe80:", ips.Map(IPAddress.Parse("fe80::1")).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.77")]
    [InlineData("192.168.0.0/16", "192.168.44.1")]
    [InlineData("10.0.0.1-10.0.0.50", "10.0.0.20")]
    [InlineData("0.0.0.0-255.255.255.255", "8.8.8.8")]
    [InlineData("2001:db8:1::/48", "2001:db8:1:2::5")]
    public void A_range_still_contains_the_addresses_it_contained(string range, string address)
    {
        var ips = new IpAddresses(RedactionKey.FromText("unit"));
        var mapped = ips.MapRangeText(range)!;
        var point = ips.Map(IPAddress.Parse(address));
        var (lo, hi) = Bounds(mapped);
        Assert.InRange(Value(point), Value(lo), Value(hi));
        var (olo, ohi) = Bounds(range);
        Assert.Equal(Value(ohi) - Value(olo), Value(hi) - Value(lo));
    }

    private static (IPAddress Lo, IPAddress Hi) Bounds(string range)
    {
        if (range.Contains('/', StringComparison.Ordinal))
        {
            var net = IPAddress.Parse(range.Split('/')[0]);
            int bits = net.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
            int length = int.Parse(range.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);
            var size = (UInt128.One << (bits - length)) - 1;
            var start = Value(net) & ~size;
            return (From(start, bits), From(start | size, bits));
        }

        var parts = range.Split('-');
        return (IPAddress.Parse(parts[0]), IPAddress.Parse(parts[1]));
    }

    private static IPAddress From(UInt128 v, int bits)
    {
        var bytes = new byte[bits / 8];
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(v & 0xFF);
            v >>= 8;
        }

        return new IPAddress(bytes);
    }

    [Fact]
    public void A_more_specific_range_stays_more_specific()
    {
        var ips = new IpAddresses(RedactionKey.FromText("unit"));
        var wide = Bounds(ips.MapRangeText("10.0.0.0/16")!);
        var narrow = Bounds(ips.MapRangeText("10.0.4.0/24")!);
        var single = ips.Map(IPAddress.Parse("10.0.4.9"));
        Assert.InRange(Value(narrow.Lo), Value(wide.Lo), Value(wide.Hi));
        Assert.InRange(Value(narrow.Hi), Value(wide.Lo), Value(wide.Hi));
        Assert.InRange(Value(single), Value(narrow.Lo), Value(narrow.Hi));
    }

    [Fact]
    public void Endpoints_keep_their_port()
    {
        var p = Make();
        Assert.Equal("0.0.0.0:25", p.Endpoint("0.0.0.0:25"));
        Assert.Equal("[::]:2525", p.Endpoint("[::]:2525"));
        Assert.Matches(@"^192\.168\.\d+\.10:25$", p.Endpoint("192.168.1.10:25")!);
    }

    [Fact]
    public void Free_text_loses_the_names_and_keeps_its_words()
    {
        var p = Make("EX01");
        p.DnsName("ex01.contoso.com");
        var text = p.FreeText("The search LDAP://dc01.contoso.com/CN=EX01,CN=Servers,DC=contoso,DC=com failed: The server is not operational. (10.0.0.5)");
        Assert.DoesNotContain("contoso", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("EX01", text, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", text, StringComparison.Ordinal);
        Assert.Contains("failed: The server is not operational.", text, StringComparison.Ordinal);
    }
}
