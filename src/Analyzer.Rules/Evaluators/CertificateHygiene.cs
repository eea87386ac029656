using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>Which certificates the 4xxx rules look at, and how they report one.</summary>
internal static class CertificateHygiene
{
    /// <summary>Certificates known to carry the SMTP service. Unknown Services never qualifies.</summary>
    public static IEnumerable<ServerCertificate> SmtpCertificates(AnalysisContext context) =>
        Store(context).Where(x => x.Certificate.Services is { } services && services.HasFlag(CertificateServices.SMTP));

    /// <summary>Certificates with SMTP, plus every certificate some selection chose (a chosen one matters even without SMTP).</summary>
    public static IEnumerable<ServerCertificate> SmtpOrChosenCertificates(AnalysisContext context) =>
        Store(context).Where(x =>
            (x.Certificate.Services is { } services && services.HasFlag(CertificateServices.SMTP))
            || ChosenOn(context, x.Server, x.Certificate.Thumbprint).Any());

    public static IEnumerable<SelectionResult> ChosenOn(AnalysisContext context, string server, string thumbprint) =>
        context.Index.ChosenOn(server, thumbprint);

    /// <summary>
    /// True when a selection that chose this certificate already reports its expiry
    /// (EXTLS1005/1006 for processes 1 and 2, 2007/2008 for 3, 3003/3004 for 4).
    /// </summary>
    public static bool ReportedBySelection(AnalysisContext context, string server, string thumbprint) =>
        ChosenOn(context, server, thumbprint)
            .Any(s => s.Outcome is SelectionOutcome.SelectedExpired or SelectionOutcome.SelectedExpiresSoon);

    // The replay's definition, so a certificate is "soon" for EXTLS4001 exactly when it would be for 1006/2008/3004.
    public static bool Expired(AnalysisContext context, CertificateInfo certificate) =>
        State(context, certificate) == ExpiryState.Expired;

    public static bool ExpiresSoon(AnalysisContext context, CertificateInfo certificate) =>
        State(context, certificate) == ExpiryState.ExpiresSoon;

    private static ExpiryState State(AnalysisContext context, CertificateInfo certificate) =>
        Expiry.Classify(certificate.NotAfter, new ReplayOptions(context.AsOf, context.WarningDays));

    /// <summary>Whole days left, rounded down (0 on the last day).</summary>
    public static int DaysLeft(AnalysisContext context, CertificateInfo certificate) =>
        (int)Math.Floor((certificate.NotAfter - context.AsOf).TotalDays);

    public static Diagnostic Diagnostic(string ruleId, string server, StoreCertificate certificate, params (string Key, MessageArgument Value)[] extra) => new()
    {
        RuleId = ruleId,
        Server = server,
        Target = DiagnosticBuilders.CertificateTarget(server, certificate.Thumbprint),
        Arguments = Args.Of([("thumbprint", certificate.Thumbprint), ("subject", certificate.Certificate.Subject), .. extra]),
        Location = certificate.Location,
    };

    /// <summary>
    /// The remediation of a certificate to re-issue (EXTLS4003, 4004): a CA-issued one is requested from its CA; a
    /// self-signed one is renewed in place, taking over as the internal transport certificate only when it is the one
    /// anonymous TLS uses (the default remediation).
    /// </summary>
    public static Diagnostic WithReissueRemediation(AnalysisContext context, Diagnostic diagnostic, string server, StoreCertificate certificate)
    {
        var selfSigned = certificate.Certificate.IsSelfSigned
            ?? string.Equals(certificate.Certificate.Subject, certificate.Certificate.Issuer, StringComparison.OrdinalIgnoreCase);
        var internalTransport = ChosenOn(context, server, certificate.Thumbprint)
            .Any(s => s.Scenario is Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls);
        return diagnostic with
        {
            RemediationVariant = !selfSigned ? RemediationVariant.CaIssued
                : !internalTransport ? RemediationVariant.NotInternal
                : null,
        };
    }

    private static IEnumerable<ServerCertificate> Store(AnalysisContext context) =>
        context.Snapshot.Servers
            .Where(s => s.Certificates.IsKnown)
            .SelectMany(s => s.Certificates.Items
                .OrderBy(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase)
                .Select(c => new ServerCertificate(s.Name, c)));
}

/// <summary>A certificate in a server's store (a class, not a value tuple, for the reason <see cref="ServerConnector"/> gives).</summary>
internal sealed record ServerCertificate(string Server, StoreCertificate Certificate);
