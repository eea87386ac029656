using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS1001: the server's msExchServerInternalTLSCert could not be read, so anonymous TLS is not offered (event 12012).</summary>
internal sealed class InternalTransportCertificateUnreadable : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1001;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        AdValueFindings.Evaluate(
            context,
            RuleId,
            AdCertificateState.Unreadable,
            SelectionOutcome.AdValueUnreadable,
            server => Args.Of(("readError", MessageArgument.Quoted(Lookups.IsSet(server.InternalCertificate.ReadError) ? server.InternalCertificate.ReadError : null))));
}
