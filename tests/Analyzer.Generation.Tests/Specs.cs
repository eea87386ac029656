namespace Extls.Generation.Tests;

internal static class Specs
{
    public static readonly DateTimeOffset NotBefore = new(2023, 2, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset NotAfter = new(2028, 2, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Exchange setup's certificate for a server: CN=&lt;name&gt;, SAN the name and its FQDN.</summary>
    public static CertificateSpec Server(string name, string? keyName = null) => new()
    {
        Name = "ss-" + name,
        Subject = "CN=" + name,
        DnsNames = [name, name.ToLowerInvariant() + ".contoso.com"],
        NotBefore = NotBefore,
        NotAfter = NotAfter,
        KeyName = keyName,
    };

    public static CertificateSpec Authority(string name = "test-root") => new()
    {
        Name = name,
        Subject = "CN=Contoso Test Root CA",
        NotBefore = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
        NotAfter = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero),
        IsAuthority = true,
        Extensions = CertificateExtensions.Authority,
    };
}
