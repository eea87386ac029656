using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>What several evaluators need: argument dictionaries, invariant values, impacts from selections.</summary>
internal static class EvaluatorSupport
{
    public const string NoCandidateVariant = "noCandidate";

    public static ImmutableSortedDictionary<string, string> Args(params (string Key, string? Value)[] pairs) =>
        pairs.ToImmutableSortedDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal);

    /// <summary>Dates in messages: ISO 8601 UTC, whatever the culture.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static bool IsAnonymousTls(Scenario scenario) =>
        scenario is Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls;

    public static bool SameName(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Anonymous-TLS selections (processes 1 and 2) of one server.</summary>
    public static IEnumerable<SelectionResult> AnonymousTlsOf(AnalysisContext context, string server) =>
        context.Selections.Where(s => IsAnonymousTls(s.Scenario) && SameName(s.Server, server));

    public static ImmutableArray<Impact> Impacts(IEnumerable<SelectionResult> selections) =>
        selections.Select(s => new Impact(s.Scenario.ToId(), s.Server, s.Connector)).Distinct().ToImmutableArray();

    public static FindingTarget ServerTarget(ServerSnapshot server) => new("server", server.Name);

    public static StoreCertificate? FindInStore(ServerSnapshot server, string? thumbprint) =>
        thumbprint is null || !server.Certificates.IsKnown
            ? null
            : server.Certificates.Items.FirstOrDefault(c => SameName(c.Thumbprint, thumbprint));
}

/// <summary>
/// The certificate an administrator should publish as the internal transport certificate when the
/// current one is missing, broken or expired: SMTP-enabled, with its private key, valid at the as-of
/// time, named for the server; the one that lasts longest wins.
/// </summary>
internal static class InternalCertificateCandidate
{
    public static StoreCertificate? Best(ServerSnapshot server, DateTimeOffset asOf)
    {
        if (!server.Certificates.IsKnown)
        {
            return null;
        }

        return server.Certificates.Items
            .Where(c => c.Services is { } services && services.HasFlag(CertificateServices.SMTP))
            .Where(c => c.HasPrivateKey == true)
            .Where(c => c.Certificate.NotBefore <= asOf && c.Certificate.NotAfter > asOf)
            .Where(c => NamesServer(c.Certificate, server))
            .OrderByDescending(c => c.Certificate.NotAfter)
            .ThenBy(c => c.Thumbprint, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static bool NamesServer(CertificateInfo cert, ServerSnapshot server) =>
        EvaluatorSupport.SameName(cert.SubjectCommonName, server.Name)
        || (server.Fqdn is { Length: > 0 } fqdn
            && (EvaluatorSupport.SameName(cert.SubjectCommonName, fqdn) || cert.DnsNames.Any(n => EvaluatorSupport.SameName(n, fqdn))));

    /// <summary>
    /// Fills the arguments of the shared "publish the best candidate, or create one" remediation and
    /// picks its variant: {candidateThumbprint} when there is a candidate, else {fqdn} for New-ExchangeCertificate.
    /// </summary>
    public static Diagnostic WithRemediation(Diagnostic diagnostic, ServerSnapshot server, DateTimeOffset asOf)
    {
        var best = Best(server, asOf);
        var args = diagnostic.Arguments.SetItem("fqdn", string.IsNullOrEmpty(server.Fqdn) ? server.Name : server.Fqdn);
        return best is null
            ? diagnostic with { Arguments = args, RemediationVariant = EvaluatorSupport.NoCandidateVariant }
            : diagnostic with { Arguments = args.SetItem("candidateThumbprint", best.Thumbprint) };
    }
}

/// <summary>EXTLS1001–1003: one finding per server whose AD value is in a given state, impacts from the selections it stopped.</summary>
internal static class AdValueFindings
{
    public static IEnumerable<Diagnostic> Evaluate(
        AnalysisContext context,
        string ruleId,
        AdCertificateState state,
        SelectionOutcome outcome,
        Func<ServerSnapshot, ImmutableSortedDictionary<string, string>> arguments)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            var stopped = EvaluatorSupport.AnonymousTlsOf(context, server.Name).Where(s => s.Outcome == outcome).ToArray();
            if (server.InternalCertificate.State != state && stopped.Length == 0)
            {
                continue;
            }

            var diagnostic = new Diagnostic
            {
                RuleId = ruleId,
                Server = server.Name,
                Target = EvaluatorSupport.ServerTarget(server),
                Arguments = arguments(server),
                Impacts = EvaluatorSupport.Impacts(stopped),
                Location = server.InternalCertificate.Location ?? server.Location,
            };
            yield return InternalCertificateCandidate.WithRemediation(diagnostic, server, context.AsOf);
        }
    }
}
