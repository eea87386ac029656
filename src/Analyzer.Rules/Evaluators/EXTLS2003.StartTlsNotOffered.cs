using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2003: a connector that must speak STARTTLS (anonymous or partner senders, or RequireTLS) lacks Tls.</summary>
internal sealed class StartTlsNotOffered : IRuleEvaluator
{
    public string RuleId => "EXTLS2003";

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            if (!server.ReceiveConnectors.IsKnown)
            {
                continue;
            }

            foreach (var connector in ExtRuleSupport.InUse(server.ReceiveConnectors.Items))
            {
                if (connector.AuthMechanism is not { } auth || auth.HasFlag(ReceiveAuthMechanism.Tls))
                {
                    continue;
                }

                var requireTls = connector.RequireTls == true;
                var external = connector.PermissionGroups is { } groups
                    && (groups & (PermissionGroups.AnonymousUsers | PermissionGroups.Partners)) != 0;
                if (!requireTls && !external)
                {
                    continue;
                }

                yield return new Diagnostic
                {
                    RuleId = RuleId,
                    Server = server.Name,
                    Target = new FindingTarget("receiveConnector", connector.Identity),
                    Arguments = ExtRuleSupport.Args(
                        ("connector", connector.Identity),
                        ("authMechanism", ExtRuleSupport.Flags(auth)),
                        ("permissionGroups", connector.PermissionGroups is { } p ? ExtRuleSupport.Flags(p) : "unknown"),
                        ("authMechanismWithTls", ExtRuleSupport.Flags(auth | ReceiveAuthMechanism.Tls)),
                        ("requireTls", requireTls ? "true" : "false")),
                    Impacts = [new Impact(Scenario.InboundStartTls.ToId(), server.Name, connector.Identity)],
                    Location = connector.Location,
                };
            }
        }
    }
}

/// <summary>Lookups and argument formatting shared by the rules 2003–5002, so each evaluator stays about its condition.</summary>
internal static class ExtRuleSupport
{
    public static ImmutableSortedDictionary<string, string> Args(params (string Key, string Value)[] pairs)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            builder[key] = value;
        }

        return builder.ToImmutable();
    }

    /// <summary>Dates in findings are UTC and ISO 8601 so that the same input gives the same bytes everywhere.</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

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

    public static string Join(IEnumerable<string> items) =>
        string.Join(", ", items.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Connectors sorted by identity, without those known to be disabled: a disabled connector
    /// accepts no session, so its settings break nothing. Unknown Enabled counts as in use.
    /// </summary>
    public static IEnumerable<ReceiveConnector> InUse(IEnumerable<ReceiveConnector> connectors) =>
        connectors.Where(c => c.Enabled != false).OrderBy(c => c.Identity, StringComparer.OrdinalIgnoreCase);

    public static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);

    public static bool SameName(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    public static StoreCertificate? FindStoreCertificate(OrganizationSnapshot snapshot, string server, string? thumbprint)
    {
        if (thumbprint is null || snapshot.FindServer(server) is not { } s || !s.Certificates.IsKnown)
        {
            return null;
        }

        return s.Certificates.Items.FirstOrDefault(c => SameName(c.Thumbprint, thumbprint));
    }

    public static ReceiveConnector? FindReceiveConnector(OrganizationSnapshot snapshot, string server, string? identity)
    {
        if (identity is null || snapshot.FindServer(server) is not { } s || !s.ReceiveConnectors.IsKnown)
        {
            return null;
        }

        return s.ReceiveConnectors.Items.FirstOrDefault(c => SameName(c.Identity, identity));
    }

    public static string CertificateTargetId(string server, string thumbprint) => $"{server}/{thumbprint.ToUpperInvariant()}";

    /// <summary>Outcomes in which a certificate was chosen and is offered.</summary>
    public static bool IsSelected(SelectionOutcome outcome) =>
        outcome is SelectionOutcome.Selected or SelectionOutcome.SelectedExpiresSoon or SelectionOutcome.SelectedExpired;

    public static ImmutableArray<string> Assumptions(IEnumerable<SelectionResult> selections) =>
        selections.SelectMany(s => s.Assumptions.IsDefault ? [] : s.Assumptions)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();

    public static ImmutableArray<Impact> Impacts(IEnumerable<SelectionResult> selections) =>
        selections.Select(s => new Impact(s.Scenario.ToId(), s.Server, s.Connector))
            .Distinct()
            .OrderBy(i => i.Scenario, StringComparer.Ordinal)
            .ThenBy(i => i.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.Connector, StringComparer.OrdinalIgnoreCase)
            .ToImmutableArray();

    /// <summary>
    /// One finding per (server, chosen certificate): the certificate is the root cause, and every
    /// connector that chose it is an impact.
    /// </summary>
    public static IEnumerable<Diagnostic> PerChosenCertificate(
        AnalysisContext context,
        string ruleId,
        Scenario scenario,
        Func<SelectionResult, bool> condition)
    {
        var groups = context.Selections
            .Where(s => s.Scenario == scenario && s.Certificate is not null && condition(s))
            .GroupBy(s => (Server: s.Server.ToUpperInvariant(), Thumbprint: s.Certificate!.ToUpperInvariant()))
            .OrderBy(g => g.Key.Server, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Thumbprint, StringComparer.Ordinal);

        foreach (var group in groups)
        {
            var first = group.First();
            var thumbprint = first.Certificate!.ToUpperInvariant();
            var stored = FindStoreCertificate(context.Snapshot, first.Server, thumbprint);
            var candidate = group.SelectMany(s => s.Candidates.IsDefault ? [] : s.Candidates)
                .FirstOrDefault(c => SameName(c.Thumbprint, thumbprint));
            var subject = stored?.Certificate.Subject ?? candidate?.Subject ?? "";
            var notAfter = stored?.Certificate.NotAfter ?? candidate?.NotAfter;
            var serverName = context.Snapshot.FindServer(first.Server)?.Name ?? first.Server;

            yield return new Diagnostic
            {
                RuleId = ruleId,
                Server = serverName,
                Target = new FindingTarget("certificate", CertificateTargetId(serverName, thumbprint)),
                Arguments = Args(
                    ("thumbprint", thumbprint),
                    ("subject", subject),
                    ("notAfter", notAfter is { } d ? Date(d) : "unknown"),
                    ("connectors", Join(group.Select(s => s.Connector ?? "")))),
                Impacts = Impacts(group),
                Assumptions = Assumptions(group),
                Location = stored?.Location ?? first.Location,
            };
        }
    }
}
