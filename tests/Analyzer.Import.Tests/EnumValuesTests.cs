using Extls.Import.Mapping;
using Extls.Model;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Tests;

/// <summary>Enum values as dumps spell them, read again and again: the second reading of a text gives what the first did.</summary>
public sealed class EnumValuesTests
{
    [Theory]
    [InlineData("Tls, ExchangeServer", (long)(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer))]
    [InlineData(" {tls,exchangeserver} ", (long)(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer))]
    [InlineData("Tls, NoSuchMechanism", null)]
    [InlineData("", null)]
    public void A_text_read_twice_gives_the_same_bits_each_time(string text, long? expected)
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected, EnumValues.Parse(new JValue(text), typeof(ReceiveAuthMechanism)));
        }
    }

    [Fact]
    public void The_same_text_is_read_by_each_enum_type_on_its_own()
    {
        Assert.Equal((long)ReceiveAuthMechanism.Tls, EnumValues.Parse(new JValue("Tls"), typeof(ReceiveAuthMechanism)));
        Assert.Null(EnumValues.Parse(new JValue("Tls"), typeof(SelectionProbe)));
        Assert.Equal((long)ReceiveAuthMechanism.Tls, EnumValues.Parse(new JValue("Tls"), typeof(ReceiveAuthMechanism)));
    }

    [Fact]
    public void More_texts_than_are_kept_still_read_right()
    {
        for (var i = 0; i < 1500; i++)
        {
            Assert.Null(EnumValues.Parse(new JValue("Unknown" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), typeof(ReceiveAuthMechanism)));
        }

        Assert.Equal((long)ReceiveAuthMechanism.ExchangeServer, EnumValues.Parse(new JValue("exchangeServer"), typeof(ReceiveAuthMechanism)));
    }

    internal enum SelectionProbe
    {
        First,
        Second,
    }
}
