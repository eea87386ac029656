using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>Lookups and argument formatting every evaluator shares, so that each rule file stays about its condition.</summary>
internal static class EvaluatorSupport
{
    public const string NoCandidateVariant = "noCandidate";

    /// <summary>Message arguments; a null value becomes empty, and a repeated key keeps its last value.</summary>
    public static ImmutableSortedDictionary<string, string> Args(params (string Key, string? Value)[] pairs)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            builder[key] = value ?? "";
        }

        return builder.ToImmutable();
    }

    /// <summary>A day in messages: ISO 8601 UTC, whatever the culture.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant in messages: ISO 8601 UTC to the second, so that the same input gives the same bytes everywhere.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Flag names as Exchange prints them ("Tls, ExchangeServer"), independent of the enum's ToString.</summary>
    public static string Flags<T>(T value)
        where T : struct, Enum
    {
        var raw = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        if (raw == 0)
        {
            return "None";
        }

        var names = Enum.GetValues<T>()
            .Select(v => (Name: v.ToString(), Bits: Convert.ToInt64(v, CultureInfo.InvariantCulture)))
            .Where(v => v.Bits != 0 && (raw & v.Bits) == v.Bits)
            .OrderBy(v => v.Bits)
            .Select(v => v.Name);
        return string.Join(", ", names);
    }

    /// <summary>A list in messages: distinct, sorted, comma-separated.</summary>
    public static string Join(IEnumerable<string> items) =>
        string.Join(", ", items.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));

    public static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);

    public static bool SameName(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    public static bool IsAnonymousTls(Scenario scenario) =>
        scenario is Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls;

    /// <summary>Outcomes in which a certificate was chosen and is offered.</summary>
    public static bool IsSelected(SelectionOutcome outcome) =>
        outcome is SelectionOutcome.Selected or SelectionOutcome.SelectedExpiresSoon or SelectionOutcome.SelectedExpired;

    /// <summary>Anonymous-TLS selections (processes 1 and 2) of one server.</summary>
    public static IEnumerable<SelectionResult> AnonymousTlsOf(AnalysisContext context, string server) =>
        context.Selections.Where(s => IsAnonymousTls(s.Scenario) && SameName(s.Server, server));

    /// <summary>The connectors and directions the selections stand for, sorted by scenario, server and connector.</summary>
    public static ImmutableArray<Impact> Impacts(IEnumerable<SelectionResult> selections) =>
        selections.Select(s => new Impact(s.Scenario.ToId(), s.Server, s.Connector))
            .Distinct()
            .OrderBy(i => i.Scenario, StringComparer.Ordinal)
            .ThenBy(i => i.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.Connector, StringComparer.OrdinalIgnoreCase)
            .ToImmutableArray();

    /// <summary>The assumptions the selections rest on, distinct and sorted.</summary>
    public static ImmutableArray<string> Assumptions(IEnumerable<SelectionResult> selections) =>
        selections.SelectMany(s => s.Assumptions.IsDefault ? [] : s.Assumptions)
            .Select(a => a.ToId())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();

    public static FindingTarget ServerTarget(ServerSnapshot server) => new("server", server.Name);

    public static string CertificateTargetId(string server, string thumbprint) => $"{server}/{thumbprint.ToUpperInvariant()}";

    public static StoreCertificate? FindInStore(ServerSnapshot server, string? thumbprint) =>
        thumbprint is null || !server.Certificates.IsKnown
            ? null
            : server.Certificates.Items.FirstOrDefault(c => SameName(c.Thumbprint, thumbprint));

    public static StoreCertificate? FindInStore(OrganizationSnapshot snapshot, string server, string? thumbprint) =>
        snapshot.FindServer(server) is { } s ? FindInStore(s, thumbprint) : null;

    public static ReceiveConnector? FindReceiveConnector(OrganizationSnapshot snapshot, string server, string? identity)
    {
        if (identity is null || snapshot.FindServer(server) is not { } s || !s.ReceiveConnectors.IsKnown)
        {
            return null;
        }

        return s.ReceiveConnectors.Items.FirstOrDefault(c => SameName(c.Identity, identity));
    }

    /// <summary>
    /// Connectors sorted by identity, without those known to be disabled: a disabled connector
    /// accepts no session, so its settings break nothing. Unknown Enabled counts as in use.
    /// </summary>
    public static IEnumerable<ReceiveConnector> InUse(IEnumerable<ReceiveConnector> connectors) =>
        connectors.Where(c => c.Enabled != false).OrderBy(c => c.Identity, StringComparer.OrdinalIgnoreCase);

    /// <summary>The permission groups of senders from outside the organisation, who expect STARTTLS.</summary>
    public const PermissionGroups ExternalSenders = PermissionGroups.AnonymousUsers | PermissionGroups.Partners;

    /// <summary>Every receive connector in use (see <see cref="InUse"/>) on every server whose connectors were collected.</summary>
    public static IEnumerable<(ServerSnapshot Server, ReceiveConnector Connector)> ReceiveConnectorsInUse(AnalysisContext context) =>
        context.Snapshot.Servers
            .Where(s => s.ReceiveConnectors.IsKnown)
            .SelectMany(s => InUse(s.ReceiveConnectors.Items).Select(c => (s, c)));

    /// <summary>A finding about a receive connector's own settings: target, location and the one impact it has.</summary>
    /// <summary>The inbound anonymous TLS replays on <paramref name="connector"/> that ended with <paramref name="outcome"/>: the impacts of a connector-level root cause.</summary>
    public static IEnumerable<SelectionResult> InboundAnonymousEndedWith(AnalysisContext context, ReceiveConnector connector, SelectionOutcome outcome) =>
        context.Selections.Where(s =>
            s.Scenario == Scenario.InboundAnonymousTls
            && s.Outcome == outcome
            && SameName(s.Connector, connector.Identity));

    public static Diagnostic ReceiveConnectorDiagnostic(
        string ruleId,
        ServerSnapshot server,
        ReceiveConnector connector,
        Scenario scenario,
        params (string Key, string? Value)[] arguments) => new()
    {
        RuleId = ruleId,
        Server = server.Name,
        Target = new FindingTarget("receiveConnector", connector.Identity),
        Arguments = Args([("connector", connector.Identity), .. arguments]),
        Impacts = [new Impact(scenario.ToId(), server.Name, connector.Identity)],
        Location = connector.Location,
    };
}
