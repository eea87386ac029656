using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS3010: a send connector to Exchange Online, or a receive connector that accepts mail from it, names a
/// different certificate in TlsCertificateName than the hybrid configuration.
/// </summary>
/// <remarks>
/// Judged only when the hybrid configuration's own certificate is usable on every hybrid server it could be
/// judged on: otherwise the configuration is the stale one, which is EXTLS3009's root cause, and the connectors
/// that already name the renewed certificate are right. A connector whose TlsCertificateName is unset
/// (EXTLS3005's concern for a send connector) or malformed (EXTLS2011, EXTLS3008) names no certificate to
/// compare. Names compare by issuer and subject as A4 says.
/// </remarks>
internal sealed class HybridConnectorCertificateDisagrees : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<HybridDirection>("direction")];

    public string RuleId => RuleIds.EXTLS3010;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        var check = HybridCertificates.Check(context.Snapshot, new ReplayOptions(context.AsOf, context.WarningDays))
            .FirstOrDefault(c => c.Name is not null);
        if (check is null || HybridCertificateNotFound.Failing(check).Any())
        {
            yield break;
        }

        var hybridName = check.Configuration.TlsCertificateName!;
        foreach (var connector in SendConnectors.Known(context.Snapshot).Where(ExchangeOnlineConnectors.SendsToExchangeOnline))
        {
            if (Disagrees(connector.TlsCertificateName, check.Name!))
            {
                yield return Make(HybridDirection.ToExchangeOnline, FindingTargetKind.SendConnector, connector.Identity, null, connector.TlsCertificateName!, check, hybridName, connector.Location)
                    with { Impacts = SendConnectors.Impacts(connector, Scenario.OutboundStartTls) };
            }
        }

        foreach (var (server, connector) in Lookups.ReceiveConnectorsInUse(context).Where(x => ExchangeOnlineConnectors.AcceptsFromExchangeOnline(x.Connector)).OrderBy(x => x.Connector.Identity, NameOrder.Instance))
        {
            if (Disagrees(connector.TlsCertificateName, check.Name!))
            {
                yield return Make(HybridDirection.FromExchangeOnline, FindingTargetKind.ReceiveConnector, connector.Identity, server.Name, connector.TlsCertificateName!, check, hybridName, connector.Location)
                    with { Impacts = [new Impact(Scenario.InboundStartTls, server.Name, connector.Identity)] };
            }
        }
    }

    private static bool Disagrees(string? connectorName, DistinguishedNameKey hybrid) =>
        !string.IsNullOrWhiteSpace(connectorName)
        && TlsCertificateNames.Parse(connectorName) is { } key
        && !(DistinguishedNames.AreEqual(key.Issuer, hybrid.Issuer) && DistinguishedNames.AreEqual(key.Subject, hybrid.Subject));

    private Diagnostic Make(HybridDirection direction, FindingTargetKind kind, string identity, string? server, string connectorName,
        HybridCertificateCheck check, string hybridName, SourceLocation location) => new()
    {
        RuleId = RuleId,
        Server = server,
        Target = new FindingTarget(kind, identity),
        Arguments = Args.Of(
            ("connector", identity),
            ("direction", MessageArgument.Value(direction)),
            ("connectorName", connectorName),
            ("hybrid", check.Configuration.Identity),
            ("hybridName", hybridName)),
        // The command differs by connector kind (Set-SendConnector, Set-ReceiveConnector); a cmdlet is never a placeholder.
        RemediationVariant = kind == FindingTargetKind.ReceiveConnector ? RemediationVariant.ReceiveConnector : null,
        Assumptions = ["A4"],
        Location = location,
    };
}

/// <summary>Which way the connector carries hybrid mail.</summary>
internal enum HybridDirection
{
    ToExchangeOnline,
    FromExchangeOnline,
}
