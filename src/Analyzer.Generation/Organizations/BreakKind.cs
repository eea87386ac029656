using System.Collections.Immutable;

namespace Extls.Generation.Organizations;

/// <summary>
/// The ways a generated Mailbox server can be broken. Each is one root cause an administrator really
/// causes (a deleted certificate, a connector edited by hand, a renewal not followed through), and each
/// implies an exact set of findings, which the generator records so a test can hold the analysis to it.
/// </summary>
public enum BreakKind
{
    /// <summary>The internal transport certificate was deleted from the store; AD still names it.</summary>
    CertificateNotInStore,

    /// <summary>ExchangeServer was removed from the AuthMechanism of the "Default &lt;server&gt;" receive connector.</summary>
    ExchangeServerAuthRemoved,

    /// <summary>msExchServerInternalTLSCert is empty (and so is Get-TransportService's thumbprint, read from it).</summary>
    AdValueEmpty,

    /// <summary>"Default Frontend &lt;server&gt;" pins, in TlsCertificateName, the subject of a certificate renewed under another name.</summary>
    StaleTlsCertificateName,

    /// <summary>The CA-issued certificate used for STARTTLS (inbound and outbound) expired a month before collection.</summary>
    ExpiredStartTlsCertificate,

    /// <summary>Get-TransportService names the CA certificate while AD still holds the self-signed one.</summary>
    TransportThumbprintOutOfSync,
}

/// <summary>One finding an analysis of the generated dump must report, as rule, server and target.</summary>
public sealed record ExpectedFinding(string RuleId, string Server, string TargetKind, string TargetId);

/// <summary>What the generator broke on one server, and what that implies.</summary>
/// <param name="BreaksInbound">Anonymous TLS into this server fails (every sender's pair to it).</param>
/// <param name="BreaksOutbound">Anonymous TLS from this server fails (its pair to every receiver).</param>
public sealed record BrokenServer(string Server, BreakKind Kind, ImmutableArray<ExpectedFinding> Findings, bool BreaksInbound, bool BreaksOutbound);

public static class BreakKinds
{
    public static ImmutableArray<BreakKind> All { get; } = [.. Enum.GetValues<BreakKind>()];

    /// <summary>The name on the command line: kebab case of the enum name.</summary>
    public static string Name(this BreakKind kind) => kind switch
    {
        BreakKind.CertificateNotInStore => "certificate-not-in-store",
        BreakKind.ExchangeServerAuthRemoved => "exchangeserver-auth-removed",
        BreakKind.AdValueEmpty => "ad-value-empty",
        BreakKind.StaleTlsCertificateName => "stale-tlscertificatename",
        BreakKind.ExpiredStartTlsCertificate => "expired-starttls-certificate",
        BreakKind.TransportThumbprintOutOfSync => "transport-thumbprint-out-of-sync",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>What was done to the server and what extls reports for it, for --help.</summary>
    public static string Describe(this BreakKind kind) => kind switch
    {
        BreakKind.CertificateNotInStore =>
            "the self-signed internal transport certificate is deleted from the store while AD still names it: EXTLS1004, anonymous TLS fails both ways (EXTLS5001)",
        BreakKind.ExchangeServerAuthRemoved =>
            "ExchangeServer is removed from 'Default <server>' AuthMechanism: EXTLS2001, anonymous TLS into the server fails (EXTLS5001)",
        BreakKind.AdValueEmpty =>
            "msExchServerInternalTLSCert is empty, and so is Get-TransportService's thumbprint: EXTLS1002, anonymous TLS fails both ways (EXTLS5001)",
        BreakKind.StaleTlsCertificateName =>
            "'Default Frontend <server>' TlsCertificateName names a subject no certificate carries any more (a renewal under a new name): EXTLS2004",
        BreakKind.ExpiredStartTlsCertificate =>
            "the CA-issued SMTP certificate expired before collection and is still chosen: EXTLS2007 (receive) and EXTLS3003 (send)",
        BreakKind.TransportThumbprintOutOfSync =>
            "Get-TransportService names the CA certificate while AD holds the self-signed one: EXTLS1008",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string text, out BreakKind kind)
    {
        foreach (var k in All)
        {
            if (string.Equals(k.Name(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
