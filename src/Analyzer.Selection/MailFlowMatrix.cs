using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Selection;

/// <summary>
/// One ordered pair of transport servers ("Between two servers" in selection.md): process 2 on the
/// sender and process 1 on the receiver's connector that accepts the session.
/// </summary>
public sealed record ServerPairResult
{
    public required string Sender { get; init; }

    public required string Receiver { get; init; }

    /// <summary>"Mailbox->Mailbox", "Mailbox->Edge" or "Edge->Mailbox".</summary>
    public required string Path { get; init; }

    /// <summary>The receiver's connector that accepts the session ("EX02\Default EX02"), or null when none exists.</summary>
    public string? ReceiveConnector { get; init; }

    /// <summary>True when both sides succeed; null when either side is undetermined.</summary>
    public bool? AnonymousTlsWorks { get; init; }

    public SelectionResult? SenderResult { get; init; }

    public SelectionResult? ReceiverResult { get; init; }
}

public static class MailFlowMatrix
{
    // PLACEHOLDER (replaced by the selection work).
    /// <summary>Every ordered pair of transport servers, sorted by sender then receiver.</summary>
    public static ImmutableArray<ServerPairResult> Compute(OrganizationSnapshot snapshot, ImmutableArray<SelectionResult> selections) =>
        throw new NotImplementedException();
}
