namespace Extls.Redaction;

/// <summary>The families of pseudonyms, as the mapping file names them.</summary>
public enum PseudonymKind
{
    /// <summary>A host label or server name: "EX01" → "SRV-3FA91C07".</summary>
    Host,

    /// <summary>A registrable domain: "contoso.com" → "example-5e6f7a8b.test".</summary>
    Domain,

    /// <summary>A tenant label before a Microsoft cloud suffix: "contoso.mail.onmicrosoft.com" → "tenant-….mail.onmicrosoft.com".</summary>
    Tenant,

    /// <summary>A word of a name (organisation, site, connector, CA, user): "Fabrikam" → "Name-1c2d3e4f".</summary>
    Word,

    /// <summary>A whole text written by a person (a connector's Comment): "Text-…".</summary>
    Text,

    Ip,
    Guid,
    Thumbprint,

    /// <summary>A certificate's serial number or subject key identifier.</summary>
    Serial,
}

/// <summary>One pseudonym and the real value it stands for, spelled as they appear.</summary>
public sealed record MappingEntry(PseudonymKind Kind, string Pseudonym, string Real);

/// <summary>
/// Every pseudonym handed out in a run, in both directions. Forward look-ups make every occurrence of a name map the
/// same way; the reverse side catches two names that a short hash would make equal, and becomes the mapping file.
/// </summary>
internal sealed class RedactionMap
{
    private readonly Dictionary<(string Family, string Real), string> forward = [];
    private readonly Dictionary<(string Family, string Pseudonym), string> reverse = [];
    private readonly Dictionary<(PseudonymKind, string Pseudonym, string Real), MappingEntry> entries = [];

    /// <summary>
    /// The pseudonym of <paramref name="normalized"/> in a family, made by <paramref name="make"/> from a digit count:
    /// 8 hex digits, more only when 8 would give two names one pseudonym.
    /// </summary>
    public string Unique(string family, string normalized, Func<int, string> make)
    {
        if (forward.TryGetValue((family, normalized), out var known))
        {
            return known;
        }

        for (int digits = 8; ; digits += 4)
        {
            var candidate = make(digits);
            var lower = candidate.ToLowerInvariant();
            if (!reverse.TryGetValue((family, lower), out var owner) || owner == normalized)
            {
                forward[(family, normalized)] = candidate;
                reverse[(family, lower)] = normalized;
                return candidate;
            }
        }
    }

    public bool TryGet(string family, string normalized, out string pseudonym) => forward.TryGetValue((family, normalized), out pseudonym!);

    /// <summary>Notes a pair for the mapping file, as spelled in the dump and in the output.</summary>
    public void Record(PseudonymKind kind, string pseudonym, string real)
    {
        if (pseudonym.Length == 0 || string.Equals(pseudonym, real, StringComparison.Ordinal))
        {
            return;
        }

        entries.TryAdd((kind, pseudonym, real), new MappingEntry(kind, pseudonym, real));
    }

    public IReadOnlyList<MappingEntry> Entries =>
        [.. entries.Values
            .OrderBy(e => e.Kind)
            .ThenBy(e => e.Pseudonym, StringComparer.Ordinal)
            .ThenBy(e => e.Real, StringComparer.Ordinal)];
}
