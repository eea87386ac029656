using Extls.Model;

namespace Extls.Selection;

/// <summary>An issuer/subject pair parsed from a connector's TlsCertificateName.</summary>
public sealed record DistinguishedNameKey(string Issuer, string Subject);

/// <summary>
/// The replay's reading of TlsCertificateName, public so that the rules judging its syntax
/// (EXTLS2011, EXTLS3008) and the replay share one definition of "malformed".
/// </summary>
public static class TlsCertificateNames
{
    /// <inheritdoc cref="CertificateNames.ParseTlsCertificateName"/>
    public static DistinguishedNameKey? Parse(string text) => CertificateNames.ParseTlsCertificateName(text);

    /// <summary>
    /// Set (not blank) yet not parseable: processes 3 and 4 stop at their key step with it
    /// (<see cref="SelectionResult.KeyMalformed"/>). Null or blank is unset, not malformed.
    /// </summary>
    public static bool IsMalformed(string? text) =>
        !string.IsNullOrWhiteSpace(text) && CertificateNames.ParseTlsCertificateName(text) is null;
}

/// <summary>Name matching used by processes 3 and 4 (assumptions A4 and A5).</summary>
internal static partial class CertificateNames
{
    /// <summary>
    /// Parses <c>&lt;I&gt;issuer&lt;S&gt;subject</c> or the older <c>[I]issuer[S]subject</c>.
    /// Returns null when the text has neither shape, or when either half is empty.
    /// </summary>
    public static DistinguishedNameKey? ParseTlsCertificateName(string text)
    {
        var trimmed = text.Trim();
        return TryParse(trimmed, "<I>", "<S>") ?? TryParse(trimmed, "[I]", "[S]");
    }

    private static DistinguishedNameKey? TryParse(string text, string issuerTag, string subjectTag)
    {
        if (!text.StartsWith(issuerTag, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var subjectAt = text.IndexOf(subjectTag, issuerTag.Length, StringComparison.OrdinalIgnoreCase);
        if (subjectAt < 0)
        {
            return null;
        }

        var issuer = text[issuerTag.Length..subjectAt].Trim();
        var subject = text[(subjectAt + subjectTag.Length)..].Trim();
        return issuer.Length == 0 || subject.Length == 0 ? null : new DistinguishedNameKey(issuer, subject);
    }

    /// <summary>
    /// A5: a host name matches a certificate name when equal (case-insensitive), or when the
    /// certificate name is <c>*.</c> followed by everything after the host's first label, as RFC 6125
    /// allows. A wildcard covers exactly one label and never part of one.
    /// </summary>
    public static bool HostMatches(string host, string certificateName)
    {
        var h = host.Trim().TrimEnd('.');
        var pattern = certificateName.Trim().TrimEnd('.');
        if (h.Length == 0 || pattern.Length == 0)
        {
            return false;
        }

        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return string.Equals(h, pattern, StringComparison.OrdinalIgnoreCase);
        }

        var suffix = pattern[1..];
        if (suffix.Contains('*', StringComparison.Ordinal) || suffix.Length < 2)
        {
            return false;
        }

        var dot = h.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(h[dot..], suffix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A wildcard name of the certificate that covers the host's domain but not the host, because a wildcard
    /// stands for exactly one label (A5): <c>*.contoso.com</c> for <c>contoso.com</c> (no label in its place) or
    /// for <c>a.b.contoso.com</c> (two). Null when no wildcard name is near the host.
    /// </summary>
    public static string? WildcardMissing(CertificateInfo certificate, string host)
    {
        var h = host.Trim().TrimEnd('.');
        foreach (var name in NamesOf(certificate))
        {
            var pattern = name.Trim().TrimEnd('.');
            if (!pattern.StartsWith("*.", StringComparison.Ordinal) || HostMatches(h, pattern))
            {
                continue;
            }

            var domain = pattern[2..];
            if (domain.Length > 0 &&
                (string.Equals(h, domain, StringComparison.OrdinalIgnoreCase) || h.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase)))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The names a host is compared with: the subject CN first, then the DNS names, without repeats.</summary>
    public static IEnumerable<string> NamesOf(CertificateInfo certificate)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (certificate.SubjectCommonName is { } cn && seen.Add(cn))
        {
            yield return cn;
        }

        foreach (var n in certificate.DnsNames.IsDefault ? [] : certificate.DnsNames)
        {
            if (n is not null && seen.Add(n))
            {
                yield return n;
            }
        }
    }

    /// <summary>True when the host appears in the subject CN or in a SAN DNS name (A5).</summary>
    public static bool CertificateHasHost(CertificateInfo certificate, string host)
    {
        if (certificate.SubjectCommonName is { } cn && HostMatches(host, cn))
        {
            return true;
        }

        return !certificate.DnsNames.IsDefault && certificate.DnsNames.Any(n => n is not null && HostMatches(host, n));
    }
}
