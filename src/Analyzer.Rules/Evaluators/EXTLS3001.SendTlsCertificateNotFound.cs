using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS3001: a send connector's TlsCertificateName matches no certificate on one of its source
/// servers; sessions from that server fail with 454 4.7.5. One finding per (connector, source server).
/// </summary>
/// <remarks>
/// A malformed TlsCertificateName is reported once, by EXTLS3008: the value's syntax is the root
/// cause, not a missing certificate on each source server.
/// </remarks>
internal sealed class SendTlsCertificateNotFound : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS3001;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        context.Selections
            .Where(s => s.Scenario == Scenario.OutboundStartTls && s.Outcome == SelectionOutcome.SendCertificateNotFound && s.Connector is not null
                && !s.KeyMalformed && !TlsCertificateNames.IsMalformed(SendConnectors.Find(context.Snapshot, s.Connector)?.TlsCertificateName))
            .OrderBy(s => s.Connector, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .Select(s =>
            {
                var connector = SendConnectors.Find(context.Snapshot, s.Connector!);
                return new Diagnostic
                {
                    RuleId = RuleId,
                    Server = s.Server,
                    Target = new FindingTarget(FindingTargetKind.SendConnector, $"{s.Connector}@{s.Server}"),
                    Arguments = Args.Of(
                        ("connector", s.Connector!),
                        ("tlsCertificateName", connector?.TlsCertificateName ?? s.MatchKey ?? "")),
                    Impacts = DiagnosticBuilders.Impacts([s]),
                    Assumptions = DiagnosticBuilders.Assumptions([s]),
                    Location = connector?.Location ?? s.Location,
                };
            });
}
