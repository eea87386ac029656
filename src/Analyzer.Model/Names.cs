namespace Extls.Model;

/// <summary>
/// How extls compares and sorts the names of servers, connectors and sections: Exchange treats them
/// without regard to case, so they compare that way; sorting ignores case first (EX01 before ex02, as
/// people expect) and then falls back to ordinal so that the order is total and the output stable.
/// </summary>
public sealed class NameOrder : IComparer<string?>
{
    public static NameOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var c = StringComparer.OrdinalIgnoreCase.Compare(x, y);
        return c != 0 ? c : string.CompareOrdinal(x, y);
    }

    /// <summary>The same name, ignoring case; null equals nothing but null.</summary>
    public static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
