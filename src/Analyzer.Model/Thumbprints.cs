namespace Extls.Model;

/// <summary>
/// The one way a thumbprint is written in extls: upper-case hex digits only. Thumbprints copied from the
/// certificate MMC carry spaces and an invisible left-to-right mark; Get-ExchangeCertificate writes upper
/// case; the import and the replay must agree, or a certificate would not be found in its own store.
/// </summary>
public static class Thumbprints
{

    public static string Normalize(string? thumbprint)
    {
        if (thumbprint is null)
        {
            return string.Empty;
        }

        // Most thumbprints are written so already (the import normalises them): those are returned as they are, which
        // spares the replay and the rules two allocations per comparison.
        if (IsNormal(thumbprint))
        {
            return thumbprint;
        }

        var chars = new char[thumbprint.Length];
        var n = 0;
        foreach (var c in thumbprint)
        {
            if (char.IsAsciiHexDigit(c))
            {
                chars[n++] = char.ToUpperInvariant(c);
            }
        }

        return new string(chars, 0, n);
    }

    // A plain loop, not SearchValues: its generic searchers would be compiled on every start.
    private static bool IsNormal(string thumbprint)
    {
        foreach (var c in thumbprint)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'A' and <= 'F')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Equal once normalised, and not empty.</summary>
    public static bool AreEqual(string? a, string? b)
    {
        var na = Normalize(a);
        return na.Length > 0 && string.Equals(na, Normalize(b), StringComparison.Ordinal);
    }
}
