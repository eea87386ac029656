namespace Extls.Selection;

/// <summary>
/// What a send connector's smart hosts and address spaces say about where it sends. One definition for
/// the replay and the rules, so that "sends to Exchange Online" and "is an EdgeSync connector" never differ.
/// </summary>
public static class SmartHosts
{
    public const string ExchangeOnlineSuffix = "mail.protection.outlook.com";

    /// <summary>
    /// An entry without the "smtp:" prefix and ";cost" suffix, so that "smtp:--;1" and "--" compare equal.
    /// A bracketed IP literal ("[10.0.0.1]") keeps its colons.
    /// </summary>
    public static string Bare(string entry)
    {
        var value = entry.Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && !value.StartsWith('['))
        {
            value = value[(colon + 1)..];
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            value = value[..semicolon];
        }

        return value.Trim();
    }

    /// <summary>The EdgeSync placeholder "--" as a smart host, or as the domain of an address space ("smtp:--;100").</summary>
    public static bool IsEdgeSyncPlaceholder(string? entry) => entry is not null && Bare(entry) == "--";

    /// <summary>A host under mail.protection.outlook.com (the whole name, or a dot before it: not "xmail.protection…").</summary>
    public static bool IsExchangeOnline(string? entry)
    {
        if (entry is null)
        {
            return false;
        }

        var host = Bare(entry).TrimEnd('.');
        return host.Equals(ExchangeOnlineSuffix, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + ExchangeOnlineSuffix, StringComparison.OrdinalIgnoreCase);
    }
}
