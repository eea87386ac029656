using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2005: certificates match the connector's key but none is eligible (event 12014).</summary>
internal sealed class StartTlsNoEligibleCertificate : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<RefusalReason>("reasons")];

    public string RuleId => RuleIds.EXTLS2005;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        StartTlsFindings.PerStoppedReceiveConnector(context, RuleId, SelectionOutcome.NoEligibleCertificate, s => [("candidates", Refusals(s))]);

    /// <summary>
    /// One record per candidate: its thumbprint, subject, the replay's reason codes, and (as an optional
    /// nested record) the properties that were unknown; the descriptor's items templates word them.
    /// </summary>
    internal static MessageArgument Refusals(SelectionResult selection) =>
        MessageArgument.Records((selection.Candidates.IsDefault ? [] : selection.Candidates)
            .OrderBy(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase)
            .Select(c => Args.Of(
                ("thumbprint", c.Thumbprint),
                ("subject", c.Subject),
                ("reasons", MessageArgument.Values(c.RefusedBecause.IsDefault ? [] : c.RefusedBecause)),
                ("unknowns", MessageArgument.Records(c.Unknowns.IsDefaultOrEmpty ? [] : [Args.Of(("properties", MessageArgument.List(c.Unknowns.Select(u => u.ToId()))))])))));
}
