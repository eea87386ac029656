using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS2010: several eligible certificates match a receive connector, and either the one Exchange
/// picks (newest NotBefore) is not the longest-lived, or TlsCertificateName cannot tell them apart
/// because it names only issuer and subject. Typical after a renewal that left the old certificate.
/// </summary>
/// <remarks>
/// Only candidates of the chosen certificate's class compete: step 9 prefers any valid CA-issued
/// certificate to a self-signed one whatever their dates, so a longer-lasting self-signed certificate
/// beside a chosen CA certificate (or a revoked CA certificate beside the self-signed fall-back) is no
/// renewal left half done.
/// </remarks>
internal sealed class StartTlsRenewalAmbiguity : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2010;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        var selections = context.Selections
            .Where(s => s.Scenario == Scenario.InboundStartTls && s.Connector is not null && EvaluatorSupport.IsSelected(s.Outcome))
            .OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connector, StringComparer.OrdinalIgnoreCase);

        foreach (var selection in selections)
        {
            var allEligible = (selection.Candidates.IsDefault ? [] : selection.Candidates).Where(c => c.Eligible).ToList();
            var chosen = allEligible.FirstOrDefault(c => c.Chosen)
                ?? allEligible.FirstOrDefault(c => EvaluatorSupport.SameName(c.Thumbprint, selection.Certificate));
            if (chosen is null)
            {
                continue;
            }

            var eligible = allEligible.Where(c => SameClass(c, chosen)).ToList();
            if (eligible.Count < 2)
            {
                continue;
            }

            var connector = EvaluatorSupport.FindReceiveConnector(context.Snapshot, selection.Server, selection.Connector);
            var latestNotAfter = eligible.Max(c => c.NotAfter);
            string reason;
            if (chosen.NotAfter < latestNotAfter)
            {
                reason = "LongerLivedCertificateNotChosen";
            }
            else if (EvaluatorSupport.IsSet(connector?.TlsCertificateName))
            {
                reason = "TlsCertificateNameMatchesSeveral";
            }
            else
            {
                continue;
            }

            var losers = eligible.Where(c => !ReferenceEquals(c, chosen))
                .OrderBy(c => c.Rank ?? int.MaxValue)
                .ThenBy(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase)
                .ToList();

            // The one to remove is the one that expires first: keeping the longest-lived certificate
            // makes Exchange's choice and the administrator's intent coincide for longest.
            var stale = eligible.OrderBy(c => c.NotAfter)
                .ThenBy(c => c.NotBefore)
                .ThenBy(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase)
                .First();

            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = selection.Server,
                Target = new FindingTarget("receiveConnector", selection.Connector!),
                Arguments = EvaluatorSupport.Args(
                    ("connector", selection.Connector!),
                    ("reason", reason),
                    ("chosenThumbprint", chosen.Thumbprint),
                    ("chosenNotBefore", EvaluatorSupport.Instant(chosen.NotBefore)),
                    ("chosenNotAfter", EvaluatorSupport.Instant(chosen.NotAfter)),
                    ("others", string.Join("; ", losers.Select(c =>
                        $"{c.Thumbprint} (NotBefore {EvaluatorSupport.Instant(c.NotBefore)}, NotAfter {EvaluatorSupport.Instant(c.NotAfter)})"))),
                    ("staleThumbprint", stale.Thumbprint),
                    ("matchKey", selection.MatchKey ?? "")),
                Impacts = EvaluatorSupport.Impacts([selection]),
                Assumptions = EvaluatorSupport.Assumptions([selection]),
                Location = connector?.Location ?? selection.Location,
            };
        }
    }

    /// <summary>
    /// Valid CA-issued competes with valid CA-issued; the fall-back with its own kind (self-signed with
    /// self-signed), never with a CA certificate step 9 found not valid.
    /// </summary>
    internal static bool SameClass(CandidateVerdict candidate, CandidateVerdict chosen) =>
        chosen.ValidCaIssued
            ? candidate.ValidCaIssued
            : !candidate.ValidCaIssued && candidate.SelfSigned == chosen.SelfSigned;
}
