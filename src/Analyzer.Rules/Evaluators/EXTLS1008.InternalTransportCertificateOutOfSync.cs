using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS1008: Get-TransportService reports another internal transport certificate than the one AD holds.</summary>
internal sealed class InternalTransportCertificateOutOfSync : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1008;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            var transport = server.TransportServiceItem;
            var adThumbprint = server.InternalCertificate.Thumbprint;
            if (transport?.InternalTransportCertificateThumbprint is not { Length: > 0 } shown
                || server.InternalCertificate.State != AdCertificateState.Present
                || adThumbprint is null
                || EvaluatorSupport.SameName(shown.Trim(), adThumbprint))
            {
                continue;
            }

            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = server.Name,
                Target = EvaluatorSupport.ServerTarget(server),
                Arguments = EvaluatorSupport.Args(("transportThumbprint", shown.Trim()), ("thumbprint", adThumbprint)),
                Location = transport.Location,
            };
        }
    }
}
