namespace Extls.Selection.Tests;

public class CertificateNamesTests
{
    [Theory]
    [InlineData("<I>CN=Contoso CA, DC=contoso<S>CN=mail.contoso.com", "CN=Contoso CA, DC=contoso", "CN=mail.contoso.com")]
    [InlineData("[I]CN=Contoso CA[S]CN=mail.contoso.com, O=Contoso", "CN=Contoso CA", "CN=mail.contoso.com, O=Contoso")]
    [InlineData("  <i>CN=A<s>CN=B  ", "CN=A", "CN=B")]
    public void TlsCertificateName_both_shapes_parse(string text, string issuer, string subject)
    {
        var key = CertificateNames.ParseTlsCertificateName(text);
        Assert.Equal(new DistinguishedNameKey(issuer, subject), key);
    }

    [Theory]
    [InlineData("CN=mail.contoso.com")]
    [InlineData("<I>CN=A")]
    [InlineData("<I><S>CN=B")]
    [InlineData("<I>CN=A<S>")]
    [InlineData("<S>CN=B<I>CN=A")]
    [InlineData("[I]CN=A<S>CN=B")]
    public void TlsCertificateName_malformed_is_null(string text) =>
        Assert.Null(CertificateNames.ParseTlsCertificateName(text));

    [Theory]
    [InlineData("mail.contoso.com", "*.contoso.com", true)]
    [InlineData("MAIL.Contoso.COM", "*.contoso.com", true)]
    [InlineData("a.b.contoso.com", "*.contoso.com", false)]
    [InlineData("contoso.com", "*.contoso.com", false)]
    [InlineData("mail.contoso.com", "mail*.contoso.com", false)]
    [InlineData("mail1.contoso.com", "mail*.contoso.com", false)]
    [InlineData("mail.contoso.com", "*", false)]
    [InlineData("mail.contoso.com.", "MAIL.CONTOSO.COM", true)]
    [InlineData("mail.contoso.com", "mail.fabrikam.com", false)]
    public void Wildcard_covers_exactly_one_left_most_label(string host, string pattern, bool match) =>
        Assert.Equal(match, CertificateNames.HostMatches(host, pattern));

    [Theory]
    [InlineData("--", true)]
    [InlineData("smtp:--;100", true)]
    [InlineData(" -- ", true)]
    [InlineData("smtp:xn--bcher-kva.example;1", false)]
    [InlineData("smtp:*;1", false)]
    [InlineData("smarthost.contoso.com", false)]
    public void EdgeSync_placeholder_is_recognised_only_as_a_whole_domain(string value, bool placeholder) =>
        Assert.Equal(placeholder, SmartHosts.IsEdgeSyncPlaceholder(value));

    [Theory]
    [InlineData("contoso-com.mail.protection.outlook.com", true)]
    [InlineData("CONTOSO-COM.MAIL.PROTECTION.OUTLOOK.COM.", true)]
    [InlineData("mail.protection.outlook.com", true)]
    [InlineData("xmail.protection.outlook.com", false)]
    [InlineData("smtp.contoso.com", false)]
    [InlineData("[10.0.0.1]", false)]
    public void Exchange_Online_is_the_whole_suffix_with_a_dot_before_it(string host, bool online) =>
        Assert.Equal(online, SmartHosts.IsExchangeOnline(host));
}
