using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Extls.Model;

namespace Extls.Selection;

/// <summary>What certificates are matched on: an issuer/subject pair, or a host name.</summary>
internal sealed record MatchKey(string Text, KeySource Source, DistinguishedNameKey? Dn)
{
    public static MatchKey ForName(string text) => new(text, KeySource.TlsCertificateName, CertificateNames.ParseTlsCertificateName(text));

    public static MatchKey ForHost(string host, KeySource source) => new(host.Trim(), source, null);

    /// <summary>A TlsCertificateName that is neither &lt;I&gt;…&lt;S&gt;… nor [I]…[S]….</summary>
    public bool Malformed => Source == KeySource.TlsCertificateName && Dn is null;

    // By hand, on ints: the generated members go through EqualityComparer<KeySource>, and HashCode.Combine over anything but
    // ints is an instantiation, both compiled at run time on every start.
    public bool Equals(MatchKey? other) =>
        other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal) && Source == other.Source && Equals(Dn, other.Dn);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Text), (int)Source, Dn?.GetHashCode() ?? 0);

    public KeyValue ToValue() => new(Text, Source, Dn?.Issuer, Dn?.Subject);

    public bool Matches(CertificateInfo certificate) => Dn is { } dn
        ? DistinguishedNames.AreEqual(certificate.Issuer, dn.Issuer) && DistinguishedNames.AreEqual(certificate.Subject, dn.Subject)
        : Source != KeySource.TlsCertificateName && CertificateNames.CertificateHasHost(certificate, Text);

    /// <summary>Why a certificate that does not match the key does not: the trace's record of a certificate the candidates step passed over.</summary>
    public MismatchValue Mismatch(StoreCertificate store)
    {
        var cert = store.Certificate;
        // At most two reasons, in an array: a List of this assembly's enum is compiled at run time on every start.
        var reasons = new MismatchReason[2];
        var count = 0;
        string? wildcard = null;
        if (Dn is { } dn)
        {
            if (!DistinguishedNames.AreEqual(cert.Issuer, dn.Issuer))
            {
                reasons[count++] = MismatchReason.IssuerDiffers;
            }

            if (!DistinguishedNames.AreEqual(cert.Subject, dn.Subject))
            {
                reasons[count++] = MismatchReason.SubjectDiffers;
            }
        }
        else
        {
            wildcard = CertificateNames.WildcardMissing(cert, Text);
            reasons[count++] = wildcard is null ? MismatchReason.NameNotInCertificate : MismatchReason.WildcardCoversOneLabel;
        }

        // Array.Copy, not Array.Resize: the generic one would be compiled at run time for the enum.
        var exact = new MismatchReason[count];
        Array.Copy(reasons, exact, count);
        return new MismatchValue(Thumbprints.Normalize(store.Thumbprint), cert.Subject, cert.Issuer,
            [.. CertificateNames.NamesOf(cert)], ImmutableCollectionsMarshal.AsImmutableArray(exact), wildcard);
    }

    /// <summary>
    /// "Contains the name" of the eligibility step. For a host key this holds by construction. For an
    /// issuer/subject key the name is the key subject's CN; a key subject without CN asks for at least one DNS name.
    /// </summary>
    public bool NameIn(CertificateInfo certificate)
    {
        if (Dn is null)
        {
            return CertificateNames.CertificateHasHost(certificate, Text);
        }

        return DistinguishedNames.CommonNameOf(Dn.Subject) is { } cn
            ? CertificateNames.CertificateHasHost(certificate, cn)
            : !certificate.DnsNames.IsDefaultOrEmpty;
    }
}

/// <summary>
/// One stage of the key chain: which step it is in process 3, what it decided, and the property it missed
/// when it could not decide.
/// </summary>
internal sealed record KeyStage(StepKind Kind, StepReason Reason, ReplayProperty? Missing = null)
{
    /// <summary>The stage's step number in process 3.</summary>
    public int Step() => ProcessSteps.NumberOf(Scenario.InboundStartTls, Kind) ?? 0;
}

/// <summary>The stages the chain went through, and the key it ended with (null when a value it needed is unknown).</summary>
internal sealed record ResolvedKey(ImmutableArray<KeyStage> Stages, MatchKey? Key)
{
    public KeyStage Last => Stages[^1];
}

/// <summary>
/// The key of processes 3 and 4, written once: the connector's TlsCertificateName when set, otherwise its
/// Fqdn, otherwise the server's own FQDN. Process 3 writes each stage as its own step (3, 4, 5); process 4
/// writes the last stage as its step 1.
/// </summary>
internal static class KeyResolution
{
    /// <param name="server">The receiving or source server; null when a send connector's source server is not in the snapshot.</param>
    public static ResolvedKey Resolve(string? tlsCertificateName, string? fqdn, ServerSnapshot? server)
    {
        var stages = ImmutableArray.CreateBuilder<KeyStage>();
        ResolvedKey Done(KeyStage stage, MatchKey? key)
        {
            stages.Add(stage);
            return new ResolvedKey(stages.ToImmutable(), key);
        }

        if (tlsCertificateName is null)
        {
            return Done(new(StepKind.KeyTlsCertificateName, StepReason.TlsCertificateNameUnknown, ReplayProperty.TlsCertificateName), null);
        }

        if (tlsCertificateName.Trim().Length > 0)
        {
            // Exchange does not validate the value: it searches with it, finds nothing and logs 12014. The key
            // is kept, marked malformed, so that the replay ends where Exchange would and names the cause.
            var named = MatchKey.ForName(tlsCertificateName);
            return Done(new(StepKind.KeyTlsCertificateName, named.Malformed ? StepReason.TlsCertificateNameMalformed : StepReason.KeyIsTlsCertificateName), named);
        }

        stages.Add(new(StepKind.KeyTlsCertificateName, StepReason.TlsCertificateNameNotSet));
        if (fqdn is null)
        {
            return Done(new(StepKind.KeyConnectorFqdn, StepReason.FqdnUnknown, ReplayProperty.Fqdn), null);
        }

        if (fqdn.Trim().Length > 0)
        {
            return Done(new(StepKind.KeyConnectorFqdn, StepReason.KeyIsConnectorFqdn), MatchKey.ForHost(fqdn, KeySource.ConnectorFqdn));
        }

        stages.Add(new(StepKind.KeyConnectorFqdn, StepReason.FqdnNotSet));
        if (server is null)
        {
            return Done(new(StepKind.KeyServerFqdn, StepReason.SourceServerNotInSnapshot, ReplayProperty.Server), null);
        }

        return string.IsNullOrWhiteSpace(server.Fqdn)
            ? Done(new(StepKind.KeyServerFqdn, StepReason.ServerFqdnUnknown, ReplayProperty.ServerFqdn), null)
            : Done(new(StepKind.KeyServerFqdn, StepReason.KeyIsServerFqdn), MatchKey.ForHost(server.Fqdn, KeySource.ServerFqdn));
    }
}
