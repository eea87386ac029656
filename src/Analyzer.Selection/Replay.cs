using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Selection;

/// <summary>Entry point of the replay: every process of selection.md over a whole organisation.</summary>
public static class Replay
{
    // PLACEHOLDER (replaced by the selection work): the signature is the contract rules and CLI build on.
    /// <summary>All selections, sorted by scenario, server, connector (ordinal, case-insensitive).</summary>
    public static ImmutableArray<SelectionResult> All(OrganizationSnapshot snapshot, ReplayOptions options) =>
        throw new NotImplementedException();
}
