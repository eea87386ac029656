using System.Collections.Immutable;
using Extls.Rules.Descriptors;

namespace Extls.Rules;

/// <summary>Every rule descriptor shipped with extls, sorted by id.</summary>
public sealed class RuleCatalog
{
    private readonly ImmutableSortedDictionary<string, RuleDescriptor> byId;

    internal RuleCatalog(IEnumerable<RuleDescriptor> descriptors)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, RuleDescriptor>(StringComparer.Ordinal);
        foreach (var d in descriptors)
        {
            if (!builder.TryAdd(d.Id, d))
            {
                throw new InvalidDataException($"rules/{d.Id}.yaml: rule id {d.Id} is described twice");
            }
        }

        byId = builder.ToImmutable();
        Rules = byId.Values.ToImmutableArray();
    }

    private static readonly Lazy<RuleCatalog> Embedded = new(() => new RuleCatalog(CompiledCatalog.Load()));

    /// <summary>The descriptors embedded in this assembly (rules/*.yaml).</summary>
    public static RuleCatalog Default => Embedded.Value;

    public ImmutableArray<RuleDescriptor> Rules { get; }

    public RuleDescriptor? Find(string id) =>
        byId.TryGetValue(id.ToUpperInvariant(), out var d) ? d : null;
}
