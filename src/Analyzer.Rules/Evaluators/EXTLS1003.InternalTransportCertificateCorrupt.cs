using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS1003: the server's msExchServerInternalTLSCert holds no certificate, so anonymous TLS is not offered (event 12022).</summary>
internal sealed class InternalTransportCertificateCorrupt : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1003;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        AdValueFindings.Evaluate(
            context,
            RuleId,
            AdCertificateState.Corrupt,
            SelectionOutcome.AdValueCorrupt,
            server => Args.Of(("corruptReason", MessageArgument.Quoted(Lookups.IsSet(server.InternalCertificate.CorruptReason) ? server.InternalCertificate.CorruptReason : null))));
}
