using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Extls.Model;

/// <summary>
/// The one reading of distinguished names in extls, for the import (a dump's Subject text, a
/// certificate's DER) and the replay (TlsCertificateName's issuer and subject) alike.
/// </summary>
public static class DistinguishedNames
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

        // What Regex.Replace(dn.Trim(), @"\s*([,=;+])\s*", "$1") gives (a test holds the two to the same output), by hand:
        // the regex engine's replace loop is generic code over value types that ReadyToRun cannot precompile with the
        // tool, and every analysis compares names here, so each start compiled it.
        var text = dn.Trim();
        var normalized = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ',' or '=' or ';' or '+')
            {
                var end = normalized.Length;
                while (end > 0 && char.IsWhiteSpace(normalized[end - 1]))
                {
                    end--;
                }

                normalized.Length = end;
                normalized.Append(c);
                while (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))
                {
                    i++;
                }
            }
            else
            {
                normalized.Append(c);
            }
        }

        return normalized.ToString();
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
}
