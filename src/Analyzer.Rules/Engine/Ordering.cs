using System.Globalization;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Engine;

/// <summary>Findings by server (see <see cref="NameOrder"/>, server-less last), then rule id, then target id and kind.</summary>
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
            _ => NameOrder.Instance.Compare(x.Server, y.Server),
        };
        if (c == 0)
        {
            c = string.CompareOrdinal(x.RuleId, y.RuleId);
        }

        if (c == 0)
        {
            c = NameOrder.Instance.Compare(x.Target.Id, y.Target.Id);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Target.Kind.ToId(), y.Target.Kind.ToId());
        }

        return c;
    }
}

/// <summary>
/// A finding's impacts by server, then scenario id (inbound before outbound, as the report groups them),
/// then connector (none first).
/// </summary>
internal sealed class ImpactOrder : IComparer<Impact>
{
    public static ImpactOrder Instance { get; } = new();

    public int Compare(Impact? x, Impact? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = NameOrder.Instance.Compare(x.Server, y.Server);
        if (c == 0)
        {
            c = string.CompareOrdinal(x.Scenario.ToId(), y.Scenario.ToId());
        }

        return c != 0 ? c : NameOrder.Instance.Compare(x.Connector ?? "", y.Connector ?? "");
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
