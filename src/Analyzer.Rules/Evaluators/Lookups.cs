using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>Queries over the snapshot and the replay that many rules ask, so each rule file stays about its condition.</summary>
internal static class Lookups
{
    /// <summary>The permission groups of senders from outside the organisation, who expect STARTTLS.</summary>
    public const PermissionGroups ExternalSenders = PermissionGroups.AnonymousUsers | PermissionGroups.Partners;

    public static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);

    public static bool IsAnonymousTls(Scenario scenario) =>
        scenario is Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls;

    /// <summary>Outcomes in which a certificate was chosen and is offered.</summary>
    public static bool IsSelected(SelectionOutcome outcome) =>
        outcome is SelectionOutcome.Selected or SelectionOutcome.SelectedExpiresSoon or SelectionOutcome.SelectedExpired;

    /// <summary>Anonymous-TLS selections (processes 1 and 2) of one server.</summary>
    public static IEnumerable<SelectionResult> AnonymousTlsOf(AnalysisContext context, string server) =>
        context.Index.AnonymousTlsOf(server);

    /// <summary>The inbound anonymous TLS replays on <paramref name="connector"/> that ended with <paramref name="outcome"/>: the impacts of a connector-level root cause.</summary>
    public static IEnumerable<SelectionResult> InboundAnonymousEndedWith(AnalysisContext context, ReceiveConnector connector, SelectionOutcome outcome) =>
        context.Index.InboundAnonymousOn(connector.Identity).Where(s => s.Outcome == outcome);

    public static StoreCertificate? FindInStore(ServerSnapshot server, string? thumbprint) =>
        thumbprint is null || !server.Certificates.IsKnown
            ? null
            : server.Certificates.Items.FirstOrDefault(c => Thumbprints.AreEqual(c.Thumbprint, thumbprint));

    public static StoreCertificate? FindInStore(OrganizationSnapshot snapshot, string server, string? thumbprint) =>
        snapshot.FindServer(server) is { } s ? FindInStore(s, thumbprint) : null;

    public static ReceiveConnector? FindReceiveConnector(OrganizationSnapshot snapshot, string server, string? identity)
    {
        if (identity is null || snapshot.FindServer(server) is not { } s || !s.ReceiveConnectors.IsKnown)
        {
            return null;
        }

        return s.ReceiveConnectors.Items.FirstOrDefault(c => NameOrder.Same(c.Identity, identity));
    }

    /// <summary>
    /// Connectors without those known to be disabled: a disabled connector accepts no session, so its
    /// settings break nothing. Unknown Enabled counts as in use.
    /// </summary>
    public static IEnumerable<ReceiveConnector> InUse(IEnumerable<ReceiveConnector> connectors) =>
        connectors.Where(c => c.Enabled != false);

    /// <summary>Every receive connector in use (see <see cref="InUse"/>) on every server whose connectors were collected.</summary>
    public static IEnumerable<ServerConnector> ReceiveConnectorsInUse(AnalysisContext context) =>
        context.Snapshot.Servers
            .Where(s => s.ReceiveConnectors.IsKnown)
            .SelectMany(s => InUse(s.ReceiveConnectors.Items).Select(c => new ServerConnector(s, c)));
}

/// <summary>
/// A receive connector and its server. A class rather than a value tuple: the rules filter and group these with LINQ on
/// every run, and LINQ over a value tuple is framework code that ReadyToRun cannot precompile with the tool (it was
/// compiled at run time on every start); over a class it runs on the framework's precompiled code.
/// </summary>
internal sealed record ServerConnector(ServerSnapshot Server, ReceiveConnector Connector);
