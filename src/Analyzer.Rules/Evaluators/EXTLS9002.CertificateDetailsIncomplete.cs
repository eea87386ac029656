namespace Extls.Rules.Evaluators;

/// <summary>EXTLS9002: certificate properties are unknown, so the results that depend on them are uncertain.</summary>
internal sealed class CertificateDetailsIncomplete : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS9002;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers.Where(s => s.Certificates.IsKnown))
        {
            var incomplete = server.Certificates.Items.Where(c => !c.UnknownProperties.IsDefaultOrEmpty).ToArray();
            if (incomplete.Length == 0)
            {
                continue;
            }

            var properties = incomplete.SelectMany(c => c.UnknownProperties).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = server.Name,
                Target = DiagnosticBuilders.ServerTarget(server),
                Arguments = Args.Of(
                    ("count", MessageArgument.Number(incomplete.Length)),
                    ("properties", MessageArgument.List(properties)),
                    ("thumbprints", MessageArgument.List(incomplete.Select(c => c.Thumbprint).Order(StringComparer.Ordinal)))),
                Location = incomplete[0].Location,
            };
        }
    }
}
