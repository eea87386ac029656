using System.Globalization;
using Extls.Selection;

namespace Extls.Rules.Engine;

/// <summary>Findings by server (ordinal, case-insensitive, server-less last), then rule id, then target id.</summary>
internal sealed class FindingOrder : IComparer<Finding>
{
    public static FindingOrder Instance { get; } = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = (x.Server, y.Server) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => Ordinal(x.Server, y.Server),
        };
        if (c == 0)
        {
            c = string.CompareOrdinal(x.RuleId, y.RuleId);
        }

        if (c == 0)
        {
            c = Ordinal(x.Target.Id, y.Target.Id);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Target.Kind, y.Target.Kind);
        }

        return c;
    }

    // Ignore case first so EX01 and ex02 sort as people expect, then ordinal so the order is total.
    internal static int Ordinal(string a, string b)
    {
        var c = StringComparer.OrdinalIgnoreCase.Compare(a, b);
        return c != 0 ? c : string.CompareOrdinal(a, b);
    }
}

/// <summary>Selections by scenario, server, connector, as the replay sorts them.</summary>
internal sealed class SelectionOrder : IComparer<SelectionResult>
{
    public static SelectionOrder Instance { get; } = new();

    public int Compare(SelectionResult? x, SelectionResult? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = x.Scenario.CompareTo(y.Scenario);
        if (c == 0)
        {
            c = FindingOrder.Ordinal(x.Server, y.Server);
        }

        return c != 0 ? c : FindingOrder.Ordinal(x.Connector ?? "", y.Connector ?? "");
    }
}

/// <summary>Assumption ids in numeric order (A2 before A10).</summary>
internal sealed class AssumptionOrder : IComparer<string>
{
    public static AssumptionOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        static int Number(string? s) =>
            s is { Length: > 1 } && int.TryParse(s.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

        var c = Number(x).CompareTo(Number(y));
        return c != 0 ? c : string.CompareOrdinal(x, y);
    }
}
