using Extls.Model;

namespace Extls.Selection;

/// <summary>The one order of replay results: by scenario, then server, then connector (see <see cref="NameOrder"/>).</summary>
public sealed class SelectionOrder : IComparer<SelectionResult>
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

        // As integers: an enum's own CompareTo takes an object, and boxed both scenarios on every comparison of every sort.
        var c = ((int)x.Scenario).CompareTo((int)y.Scenario);
        if (c == 0)
        {
            c = NameOrder.Instance.Compare(x.Server, y.Server);
        }

        return c != 0 ? c : NameOrder.Instance.Compare(x.Connector ?? "", y.Connector ?? "");
    }
}
