using System.Security.Cryptography.X509Certificates;

namespace Extls.Model.Tests;

public sealed class NamesAndFormatsTests
{
    [Theory]
    [InlineData("CN=mail.contoso.com, O=Contoso, C=US", "mail.contoso.com")]
    [InlineData("O=Contoso, CN = mail.contoso.com", "mail.contoso.com")]
    [InlineData("CN=\"Contoso, Inc\", O=Contoso", "Contoso, Inc")]
    [InlineData("E=admin@contoso.com, CN=EX01, OID.2.5.4.97=VAT-1", "EX01")]
    [InlineData("CN=, CN=EX01", "EX01")]
    [InlineData("CN=first, CN=second", "first")]
    public void Common_name_is_the_first_non_empty_CN_as_Windows_writes_the_name(string dn, string cn) =>
        Assert.Equal(cn, DistinguishedNames.CommonNameOf(dn));

    [Theory]
    [InlineData("O=Contoso, C=JP")]
    [InlineData("CN=, O=Contoso")]
    [InlineData("")]
    [InlineData(null)]
    public void A_name_without_a_usable_CN_has_none(string? dn) => Assert.Null(DistinguishedNames.CommonNameOf(dn));

    [Fact]
    public void Text_X500_refuses_is_still_read_at_its_commas() =>
        Assert.Equal("EX01", DistinguishedNames.CommonNameOf("CN=EX01, Garbage Without Equals"));

    [Fact]
    public void The_CN_of_a_parsed_name_is_the_most_specific_one()
    {
        var name = new X500DistinguishedName("CN=mail.contoso.com, OU=Mail, O=Contoso");
        Assert.Equal("mail.contoso.com", DistinguishedNames.CommonNameOf(name));
    }

    [Theory]
    [InlineData("CN=mail.contoso.com, O=Contoso, C=JP", "cn=MAIL.contoso.com,O = Contoso ,C=jp", true)]
    [InlineData("CN=mail.contoso.com,O=Contoso", "CN=mail.contoso.com, O=Fabrikam", false)]
    [InlineData("CN=mail.contoso.com", "CN=mail.contoso.com, O=Contoso", false)]
    [InlineData("CN=a; O=b", "CN=a ; O=b", true)]
    public void Distinguished_names_compare_after_normalising_spaces_and_case(string a, string b, bool equal) =>
        Assert.Equal(equal, DistinguishedNames.AreEqual(a, b));

    [Theory]
    [InlineData("2026-06-01", "2026-06-01T00:00:00Z")]
    [InlineData("2026-06-01T09:30", "2026-06-01T09:30:00Z")]
    [InlineData("2026-06-01T09:30:15+09:00", "2026-06-01T00:30:15Z")]
    [InlineData("2026-06-01T09:30:15.1234567Z", "2026-06-01T09:30:15Z")]
    public void Iso_dates_parse_as_UTC_and_format_to_the_second(string text, string instant)
    {
        Assert.True(IsoDate.TryParse(text, out var value));
        Assert.Equal(instant, IsoDate.Instant(value));
        Assert.Equal(instant[..10], IsoDate.Day(value));
    }

    [Theory]
    [InlineData("01/06/2026")]
    [InlineData("2026-13-01")]
    [InlineData("tomorrow")]
    public void Non_iso_dates_do_not_parse(string text) => Assert.False(IsoDate.TryParse(text, out _));

    [Fact]
    public void Exchange_flags_are_written_by_their_names_in_bit_order()
    {
        Assert.Equal("Tls, ExchangeServer", ExchangeValues.Format(ReceiveAuthMechanism.ExchangeServer | ReceiveAuthMechanism.Tls));
        Assert.Equal("Tls,ExchangeServer", ExchangeValues.Format(ReceiveAuthMechanism.ExchangeServer | ReceiveAuthMechanism.Tls, ","));
        Assert.Equal("None", ExchangeValues.Format(PermissionGroups.None));
        Assert.Equal("DomainValidation", ExchangeValues.Format(TlsAuthLevel.DomainValidation));
        Assert.Equal("3", ExchangeValues.Format((TlsAuthLevel)3));
    }

    [Theory]
    [InlineData("sha1RSA", null, true)]
    [InlineData(null, "1.2.840.10045.4.1", true)]
    [InlineData(null, "1.3.14.3.2.29", true)]
    [InlineData("sha256RSA", "1.2.840.113549.1.1.11", false)]
    [InlineData(null, null, false)]
    public void Sha1_is_known_by_oid_or_friendly_name(string? name, string? oid, bool sha1) =>
        Assert.Equal(sha1, SignatureAlgorithms.IsSha1(name, oid));

    [Fact]
    public void Names_sort_ignoring_case_then_ordinally()
    {
        string[] names = ["ex02", "EX01", "ex01", "EX10"];
        Assert.Equal(["EX01", "ex01", "ex02", "EX10"], names.Order(NameOrder.Instance));
        Assert.True(NameOrder.Same("EX01", "ex01"));
        Assert.False(NameOrder.Same("EX01", null));
    }

    [Fact]
    public void Every_inconsistency_kind_has_a_stable_code_that_reads_back()
    {
        foreach (var kind in Enum.GetValues<InconsistencyKind>())
        {
            Assert.True(InconsistencyKinds.TryParse(kind.ToId(), out var back));
            Assert.Equal(kind, back);
        }

        Assert.Equal("CertificatePropertyMismatch", InconsistencyKind.CertificatePropertyMismatch.ToId());
        Assert.False(InconsistencyKinds.TryParse("ThumbprintMismatch", out _));
    }
}
