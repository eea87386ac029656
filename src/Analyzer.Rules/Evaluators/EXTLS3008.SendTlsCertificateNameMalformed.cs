using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS3008: a send connector's TlsCertificateName has the wrong syntax, so no source server can find it.</summary>
/// <remarks>
/// Judged on the connector with the replay's own parser, so that a connector without source servers
/// is covered too and the rule agrees with <see cref="SelectionResult.KeyMalformed"/> wherever process 4 ran.
/// </remarks>
internal sealed class SendTlsCertificateNameMalformed : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS3008;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        SendConnectors.Known(context.Snapshot)
            .Where(c => TlsCertificateNames.IsMalformed(c.TlsCertificateName))
            .Select(c => SendConnectors.Diagnostic(RuleId, c, Scenario.OutboundStartTls, null,
                ("tlsCertificateName", c.TlsCertificateName)));
}
