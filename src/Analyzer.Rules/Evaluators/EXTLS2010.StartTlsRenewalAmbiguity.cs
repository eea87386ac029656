using Extls.Model;
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
internal sealed class StartTlsRenewalAmbiguity : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<RenewalAmbiguity>("reason")];

    public string RuleId => RuleIds.EXTLS2010;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        var selections = context.Selections
            .Where(s => s.Scenario == Scenario.InboundStartTls && s.Connector is not null && Lookups.IsSelected(s.Outcome))
            .OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connector, StringComparer.OrdinalIgnoreCase);

        foreach (var selection in selections)
        {
            var allEligible = (selection.Candidates.IsDefault ? [] : selection.Candidates).Where(c => c.Eligible).ToList();
            var chosen = allEligible.FirstOrDefault(c => c.Chosen)
                ?? allEligible.FirstOrDefault(c => Thumbprints.AreEqual(c.Thumbprint, selection.Certificate));
            if (chosen is null)
            {
                continue;
            }

            var eligible = allEligible.Where(c => SameClass(c, chosen)).ToList();
            if (eligible.Count < 2)
            {
                continue;
            }

            var connector = Lookups.FindReceiveConnector(context.Snapshot, selection.Server, selection.Connector);
            var latestNotAfter = eligible.Max(c => c.NotAfter);
            RenewalAmbiguity reason;
            if (chosen.NotAfter < latestNotAfter)
            {
                reason = RenewalAmbiguity.LongerLivedCertificateNotChosen;
            }
            else if (Lookups.IsSet(connector?.TlsCertificateName))
            {
                reason = RenewalAmbiguity.TlsCertificateNameMatchesSeveral;
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
                Target = DiagnosticBuilders.ReceiveConnectorTarget(selection.Connector!),
                Arguments = Args.Of(
                    ("connector", selection.Connector!),
                    ("reason", MessageArgument.Value(reason)),
                    ("chosenThumbprint", chosen.Thumbprint),
                    ("chosenNotBefore", MessageArgument.Instant(chosen.NotBefore)),
                    ("chosenNotAfter", MessageArgument.Instant(chosen.NotAfter)),
                    ("others", MessageArgument.Records(losers.Select(c => Args.Of(
                        ("thumbprint", c.Thumbprint),
                        ("notBefore", MessageArgument.Instant(c.NotBefore)),
                        ("notAfter", MessageArgument.Instant(c.NotAfter)))))),
                    ("staleThumbprint", stale.Thumbprint),
                    ("matchKey", selection.MatchKey)),
                Impacts = DiagnosticBuilders.Impacts([selection]),
                Assumptions = DiagnosticBuilders.Assumptions([selection]),
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

/// <summary>Why several eligible certificates make EXTLS2010's choice ambiguous.</summary>
internal enum RenewalAmbiguity
{
    /// <summary>The newest NotBefore wins, but another eligible certificate lives longer.</summary>
    LongerLivedCertificateNotChosen,

    /// <summary>TlsCertificateName names issuer and subject only, and several certificates have both.</summary>
    TlsCertificateNameMatchesSeveral,
}
