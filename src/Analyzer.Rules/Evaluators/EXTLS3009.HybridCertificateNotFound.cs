using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS3009: the hybrid configuration's TlsCertificateName matches no SMTP-enabled, valid certificate on one
/// of its sending, receiving or Edge transport servers; after a renewal the wizard's value still names the old one.
/// </summary>
/// <remarks>
/// One finding per hybrid configuration, listing each server where the certificate is missing or unusable and
/// why; a server whose store was not collected, or that the snapshot does not hold, is not judged (EXTLS9001
/// says so). When a valid SMTP certificate with the same subject is on one of them — the renewed certificate —
/// the remediation names it.
/// </remarks>
internal sealed class HybridCertificateNotFound : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<HybridCertificateStanding>("standing")];

    public string RuleId => RuleIds.EXTLS3009;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var check in HybridCertificates.Check(context.Snapshot, new ReplayOptions(context.AsOf, context.WarningDays)))
        {
            var failing = Failing(check).ToList();
            if (failing.Count == 0)
            {
                continue;
            }

            var renewal = check.Servers.Where(s => s.Renewal is not null).OrderBy(s => s.Server, NameOrder.Instance).FirstOrDefault();
            var impacts = failing.SelectMany(s => new[]
            {
                s.Roles.HasFlag(HybridServerRole.Sending) || s.Roles.HasFlag(HybridServerRole.Edge) ? new Impact(Scenario.OutboundStartTls, s.Server, null) : null,
                s.Roles.HasFlag(HybridServerRole.Receiving) || s.Roles.HasFlag(HybridServerRole.Edge) ? new Impact(Scenario.InboundStartTls, s.Server, null) : null,
            }).OfType<Impact>();
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Target = new FindingTarget(FindingTargetKind.HybridConfiguration, check.Configuration.Identity),
                Arguments = Args.Of(
                    ("hybrid", check.Configuration.Identity),
                    ("tlsCertificateName", check.Configuration.TlsCertificateName),
                    ("servers", MessageArgument.Records(failing.Select(s => Args.Of(("server", s.Server), ("standing", MessageArgument.Value(s.Standing)))))),
                    ("serverList", MessageArgument.List(failing.Select(s => s.Server), ListStyle.PowerShell)),
                    ("renewalServer", renewal?.Server),
                    ("renewalThumbprint", renewal?.Renewal?.Thumbprint)),
                Impacts = [.. impacts],
                RemediationVariant = renewal is null ? RemediationVariant.NoCandidate : null,
                Location = check.Configuration.Location,
            };
        }
    }

    /// <summary>The servers where the named certificate is known to be missing or unusable.</summary>
    internal static IEnumerable<HybridServerCertificate> Failing(HybridCertificateCheck check) =>
        check.Servers.Where(s => s.InSnapshot && s.Standing is not (HybridCertificateStanding.Valid or HybridCertificateStanding.Unknown));
}
