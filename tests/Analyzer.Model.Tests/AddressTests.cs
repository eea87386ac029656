using System.Net;

namespace Extls.Model.Tests;

public sealed class AddressTests
{
    [Theory]
    [InlineData("192.168.1.75", IPRangeFormat.SingleAddress, "192.168.1.75", "192.168.1.75")]
    [InlineData("192.168.1.0/24", IPRangeFormat.Cidr, "192.168.1.0", "192.168.1.255")]
    [InlineData(" 192.168.1.9 / 24 ", IPRangeFormat.Cidr, "192.168.1.0", "192.168.1.255")]
    [InlineData("10.0.0.1-10.0.0.50", IPRangeFormat.LoHi, "10.0.0.1", "10.0.0.50")]
    [InlineData("0.0.0.0-255.255.255.255", IPRangeFormat.LoHi, "0.0.0.0", "255.255.255.255")]
    [InlineData("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", IPRangeFormat.LoHi, "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("fd00::/64", IPRangeFormat.Cidr, "fd00::", "fd00::ffff:ffff:ffff:ffff")]
    [InlineData("0.0.0.0/0", IPRangeFormat.Cidr, "0.0.0.0", "255.255.255.255")]
    [InlineData("10.0.0.5-10.0.0.5", IPRangeFormat.SingleAddress, "10.0.0.5", "10.0.0.5")]
    public void Exchange_text_forms_are_read_as_ranges(string text, IPRangeFormat format, string lower, string upper)
    {
        Assert.True(IPRange.TryParse(text, out var range));
        Assert.Equal(format, range.Format);
        Assert.Equal(IPAddress.Parse(lower), range.LowerBound);
        Assert.Equal(IPAddress.Parse(upper), range.UpperBound);
        Assert.True(IPRange.TryParse(range.ToString(), out var again));
        Assert.Equal(range, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("contoso.com")]
    [InlineData("10")]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.50-10.0.0.1")]
    [InlineData("10.0.0.1-::1")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/x")]
    [InlineData("System.Object[]")]
    public void Anything_else_is_not_a_range(string text) => Assert.False(IPRange.TryParse(text, out _));

    [Fact]
    public void A_range_holds_its_own_family_only_and_knows_its_size()
    {
        var all4 = Range("0.0.0.0-255.255.255.255");
        var subnet = Range("192.168.1.0/24");
        var one = Range("192.168.1.75");
        var all6 = Range("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

        Assert.True(subnet.Contains(IPAddress.Parse("192.168.1.200")));
        Assert.False(subnet.Contains(IPAddress.Parse("192.168.2.1")));
        Assert.False(all4.Contains(IPAddress.Parse("::1")));
        Assert.True(all6.Contains(IPAddress.Parse("fe80::1%12")));
        Assert.True(one.IsSingleAddress);
        Assert.True(one.Span < subnet.Span && subnet.Span < all4.Span && all4.Span < all6.Span);
        Assert.Equal(UInt128.MaxValue, all6.Span);
        Assert.Equal(new IPNetwork(IPAddress.Parse("192.168.1.0"), 24), subnet.Network);
        Assert.Null(one.Network);
    }

    [Theory]
    [InlineData("0.0.0.0:25", "0.0.0.0", 25, true)]
    [InlineData("[::]:2525", "::", 2525, true)]
    [InlineData("192.168.1.10:25", "192.168.1.10", 25, false)]
    [InlineData("[fe80::1]:717", "fe80::1", 717, false)]
    public void Bindings_are_read_as_address_and_port(string text, string address, int port, bool any)
    {
        Assert.True(IPBinding.TryParse(text, out var binding));
        Assert.Equal(IPAddress.Parse(address), binding.Address);
        Assert.Equal(port, binding.Port);
        Assert.Equal(any, binding.IsAnyAddress);
        Assert.Equal(text, binding.ToString());
    }

    [Theory]
    [InlineData("::25")]
    [InlineData("0.0.0.0")]
    [InlineData("0.0.0.0:99999")]
    [InlineData("mail:25")]
    public void A_binding_needs_an_address_and_a_port(string text) => Assert.False(IPBinding.TryParse(text, out _));

    [Fact]
    public void Addresses_sort_IPv4_first_then_by_value_and_local_only_ones_are_known()
    {
        var sorted = new[] { "fe80::1", "10.0.0.12", "10.0.0.9", "2001:db8::1" }.Select(IPAddress.Parse).Order(IPAddresses.Order).Select(a => a.ToString());
        Assert.Equal(["10.0.0.9", "10.0.0.12", "2001:db8::1", "fe80::1"], sorted);
        Assert.True(IPAddresses.IsLocalOnly(IPAddress.Parse("fe80::1%12")));
        Assert.True(IPAddresses.IsLocalOnly(IPAddress.Parse("169.254.10.1")));
        Assert.True(IPAddresses.IsLocalOnly(IPAddress.Loopback));
        Assert.False(IPAddresses.IsLocalOnly(IPAddress.Parse("10.0.0.1")));
    }

    private static IPRange Range(string text) => IPRange.TryParse(text, out var r) ? r : throw new ArgumentException(text);
}
