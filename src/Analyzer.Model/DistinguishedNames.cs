using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Extls.Model;

/// <summary>
/// The one reading of distinguished names in extls, for the import (a dump's Subject text, a
/// certificate's DER) and the replay (TlsCertificateName's issuer and subject) alike.
/// </summary>
public static partial class DistinguishedNames
{
    private const string CommonNameOid = "2.5.4.3";

    /// <summary>
    /// The first common name as Windows writes the name (most specific first), or null when there is
    /// none. An empty <c>CN=</c> names nothing and is passed over.
    /// </summary>
    /// <remarks>
    /// <see cref="X500DistinguishedName"/> reads the text when it can, so quoted values ("CN=\"Contoso, Inc\"")
    /// and spaces around "=" are handled as Windows handles them; text it refuses is split at its commas.
    /// </remarks>
    public static string? CommonNameOf(string? dn)
    {
        if (string.IsNullOrWhiteSpace(dn))
        {
            return null;
        }

        X500DistinguishedName parsed;
        try
        {
            parsed = new X500DistinguishedName(dn.Trim());
        }
        catch (CryptographicException)
        {
            return CommonNameOfText(dn);
        }

        return CommonNameOf(parsed);
    }

    /// <summary>The first non-empty common name in display order (the most specific one), or null.</summary>
    public static string? CommonNameOf(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames(reversed: true))
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CommonNameOid
                && rdn.GetSingleElementValue()?.Trim() is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// A4: spaces around the separators (",", "=", ";", "+") carry no meaning, and case does not either;
    /// the result compares with <see cref="StringComparison.OrdinalIgnoreCase"/>.
    /// </summary>
    public static string Normalize(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        return SeparatorSpaces().Replace(dn.Trim(), "$1");
    }

    /// <summary>Equal once <see cref="Normalize">normalised</see>, ignoring case.</summary>
    public static bool AreEqual(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static string? CommonNameOfText(string dn)
    {
        foreach (var part in Normalize(dn).Split(','))
        {
            if (part.StartsWith("CN=", StringComparison.OrdinalIgnoreCase) && part[3..].Trim() is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\s*([,=;+])\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SeparatorSpaces();
}
