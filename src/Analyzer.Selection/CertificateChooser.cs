using System.Collections.Immutable;
using Extls.Model;
using static Extls.Selection.TraceText;

namespace Extls.Selection;

internal enum KeySource
{
    TlsCertificateName,
    ConnectorFqdn,
    ServerFqdn,
}

/// <summary>What certificates are matched on: an issuer/subject pair, or a host name.</summary>
internal sealed record MatchKey(string Text, KeySource Source, DistinguishedNameKey? Dn)
{
    public static MatchKey ForName(string text) => new(text, KeySource.TlsCertificateName, CertificateNames.ParseTlsCertificateName(text));

    public static MatchKey ForHost(string host, KeySource source) => new(host.Trim(), source, null);

    /// <summary>A TlsCertificateName that is neither &lt;I&gt;…&lt;S&gt;… nor [I]…[S]….</summary>
    public bool Malformed => Source == KeySource.TlsCertificateName && Dn is null;

    public bool Matches(CertificateInfo certificate) => Dn is { } dn
        ? DistinguishedNames.AreEqual(certificate.Issuer, dn.Issuer) && DistinguishedNames.AreEqual(certificate.Subject, dn.Subject)
        : Source != KeySource.TlsCertificateName && CertificateNames.CertificateHasHost(certificate, Text);

    /// <summary>
    /// "Contains the name" of step 7. For a host key this holds by construction. For an issuer/subject
    /// key the name is the key subject's CN; a key subject without CN asks for at least one DNS name.
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

internal enum ChoiceStop
{
    NoCandidate,
    NoneEligible,
    Chosen,
}

internal sealed record Choice(ChoiceStop Stop, ImmutableArray<CandidateVerdict> Candidates, StoreCertificate? Chosen);

/// <summary>
/// Steps 6 to 9 of process 3 (candidates, eligibility, ranking, choice), which process 4 reuses
/// as its step 2: one implementation so that inbound and outbound never disagree.
/// </summary>
internal static class CertificateChooser
{
    public const string NotV3 = "NotV3";
    public const string NoPrivateKey = "NoPrivateKey";
    public const string NameNotInCertificate = "NameNotInCertificate";

    public readonly record struct Steps(int Candidates, int Eligible, int Rank, int Choose);

    /// <summary>Runs the steps on a store that is known; writes their trace into <paramref name="run"/>.</summary>
    /// <param name="noCandidate">The consequence, appended to the trace, when nothing matches.</param>
    /// <param name="noneEligible">The consequence, appended to the trace, when nothing is eligible.</param>
    public static Choice Choose(
        ReplayRun run, ImmutableArray<StoreCertificate> store, MatchKey key, ReplayOptions options, Steps steps, string noCandidate, string noneEligible)
    {
        run.Assume(key.Dn is null ? "A5" : "A4");
        var matching = store.Where(c => c is not null && key.Matches(c.Certificate)).OrderBy(c => c, RankOrder.Instance).ToList();
        var keyText = key.Dn is { } dn ? $"issuer \"{dn.Issuer}\" and subject \"{dn.Subject}\"" : $"the name {key.Text}";
        var candidateReads = new[]
        {
            Read("Key", key.Text),
            Read("StoreCertificates", store.Length),
            Read("Candidates", matching.Select(c => Thumbprints.Normalize(c.Thumbprint))),
        };
        if (matching.Count == 0)
        {
            run.Step(steps.Candidates, "Candidates", $"No certificate in Local Computer\\Personal matches {keyText}. {noCandidate}".TrimEnd(), candidateReads);
            return new Choice(ChoiceStop.NoCandidate, [], null);
        }

        run.Step(steps.Candidates, "Candidates",
            Inv($"{Count(matching.Count, "certificate")} in Local Computer\\Personal {(matching.Count == 1 ? "matches" : "match")} {keyText}: continue."), candidateReads);

        var judged = matching.Select(c => Judge(c, key, options)).ToList();

        // A6 only shapes the answer when an eligible certificate lacks SMTP: filtering would have dropped it.
        var smtpNotFiltered = judged.Any(j => j.Eligible && StoreFacts.Services(j.Store) is { } s && !s.HasFlag(CertificateServices.SMTP));
        if (smtpNotFiltered)
        {
            run.Assume("A6");
        }

        // A refused candidate stays refused whatever its unknowns; only the eligible ones' can change the answer.
        foreach (var j in judged.Where(j => j.Eligible))
        {
            run.Unknowns(j.Unknowns);
        }

        var eligibleReads = judged.Select(j => new TraceValue(j.Thumbprint, Verdict(j))).ToArray();
        var eligible = judged.Where(j => j.Eligible).ToList();
        if (eligible.Count == 0)
        {
            run.Step(steps.Eligible, "Eligible",
                $"No candidate is eligible (X.509 v3, with a private key, containing the name). {noneEligible}".TrimEnd(), eligibleReads);
            return new Choice(ChoiceStop.NoneEligible, [.. judged.Select(j => j.ToVerdict(null, false))], null);
        }

        run.Step(steps.Eligible, "Eligible",
            Inv($"{eligible.Count} of {Count(judged.Count, "candidate")} {(eligible.Count == 1 ? "is" : "are")} eligible{(smtpNotFiltered ? "; a certificate without the SMTP service stays eligible (A6)" : string.Empty)}: continue."),
            eligibleReads);

        // `matching` is already in rank order, so eligible keeps it.
        run.Step(steps.Rank, "Rank", "Eligible certificates sorted by NotBefore, newest first.",
            [.. eligible.Select((j, i) => new TraceValue(
                Inv($"{i + 1}"),
                $"{j.Thumbprint} NotBefore {Date(j.Store.Certificate.NotBefore)} NotAfter {Date(j.Store.Certificate.NotAfter)}"))]);

        run.Assume("A7");
        var chosen = eligible.FirstOrDefault(j => j.ValidCaIssued);
        string why;
        if (chosen is not null)
        {
            why = $"{chosen.Thumbprint} is the first valid CA-issued certificate (not self-signed, Status not Revoked/Untrusted/Invalid, NotBefore not after the as-of time; A7).";
        }
        else if ((chosen = eligible.FirstOrDefault(j => j.SelfSigned)) is not null)
        {
            why = $"No eligible certificate is valid and CA-issued; {chosen.Thumbprint} is the first self-signed one.";
        }
        else
        {
            chosen = eligible[0];
            why = $"No eligible certificate is valid and CA-issued, and none is self-signed; the replay takes the first eligible one, {chosen.Thumbprint}.";
        }

        run.Step(steps.Choose, "Choose", why,
            [.. eligible.Select(j => new TraceValue(j.Thumbprint,
                j.ValidCaIssued ? "valid CA-issued" : j.SelfSigned ? "self-signed" : "CA-issued, not valid"))]);

        int? RankOf(Judged j)
        {
            var at = eligible.FindIndex(e => ReferenceEquals(e, j));
            return at < 0 ? null : at + 1;
        }

        var verdicts = judged.Select(j => j.ToVerdict(RankOf(j), ReferenceEquals(j, chosen)));
        return new Choice(ChoiceStop.Chosen, [.. verdicts], chosen.Store);
    }

    private static string Verdict(Judged j)
    {
        var text = j.Eligible ? "eligible" : "refused: " + string.Join(", ", j.Refused);
        return j.Unknowns.Count == 0 ? text : text + "; unknown: " + string.Join(", ", j.Unknowns);
    }

    private static Judged Judge(StoreCertificate store, MatchKey key, ReplayOptions options)
    {
        var cert = store.Certificate;
        var refused = new List<string>();
        var unknowns = new SortedSet<string>(StringComparer.Ordinal);

        if (cert.Version is null)
        {
            unknowns.Add(ReplayUnknowns.Version);
        }
        else if (cert.Version != 3)
        {
            refused.Add(NotV3);
        }

        // Unknown is never "no key": a certificate rebuilt from RawData says false whatever the store holds.
        var hasPrivateKey = StoreFacts.Known(store, nameof(StoreCertificate.HasPrivateKey), store.HasPrivateKey);
        if (hasPrivateKey is null)
        {
            unknowns.Add(ReplayUnknowns.HasPrivateKey);
        }
        else if (hasPrivateKey == false)
        {
            refused.Add(NoPrivateKey);
        }

        if (!key.NameIn(cert))
        {
            refused.Add(NameNotInCertificate);
        }

        var eligible = refused.Count == 0;
        var selfSigned = cert.IsSelfSigned ?? DistinguishedNames.AreEqual(cert.Subject, cert.Issuer);
        if (eligible && cert.IsSelfSigned is null)
        {
            unknowns.Add(ReplayUnknowns.IsSelfSigned);
        }

        var status = StoreFacts.Known(store, nameof(StoreCertificate.Status), store.Status);
        if (eligible && status is null)
        {
            unknowns.Add(ReplayUnknowns.Status);
        }

        var statusBad = status is CertificateStatus.Revoked or CertificateStatus.Untrusted or CertificateStatus.Invalid;
        var valid = !selfSigned && !statusBad && cert.NotBefore <= options.AsOf;
        return new Judged(store, Thumbprints.Normalize(store.Thumbprint), eligible, [.. refused], unknowns, selfSigned, valid);
    }

    private sealed record Judged(
        StoreCertificate Store,
        string Thumbprint,
        bool Eligible,
        ImmutableArray<string> Refused,
        SortedSet<string> Unknowns,
        bool SelfSigned,
        bool ValidCaIssued)
    {
        public CandidateVerdict ToVerdict(int? rank, bool chosen) => new()
        {
            Thumbprint = Thumbprint,
            Subject = Store.Certificate.Subject,
            NotBefore = Store.Certificate.NotBefore,
            NotAfter = Store.Certificate.NotAfter,
            Eligible = Eligible,
            RefusedBecause = Refused,
            Unknowns = [.. Unknowns],
            Chosen = chosen,
            Rank = rank,
            SelfSigned = SelfSigned,
            ValidCaIssued = ValidCaIssued,
        };
    }

    /// <summary>Step 8's order (NotBefore, newest first); later NotAfter and then the thumbprint only make ties deterministic.</summary>
    private sealed class RankOrder : IComparer<StoreCertificate>
    {
        public static readonly RankOrder Instance = new();

        public int Compare(StoreCertificate? x, StoreCertificate? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? 1 : -1;
            }

            var c = y.Certificate.NotBefore.CompareTo(x.Certificate.NotBefore);
            if (c == 0)
            {
                c = y.Certificate.NotAfter.CompareTo(x.Certificate.NotAfter);
            }

            return c != 0
                ? c
                : string.CompareOrdinal(Thumbprints.Normalize(x.Thumbprint), Thumbprints.Normalize(y.Thumbprint));
        }
    }
}

/// <summary>Store properties as the replay may trust them.</summary>
internal static class StoreFacts
{
    /// <summary>
    /// A property the importer listed in <see cref="StoreCertificate.UnknownProperties"/> is unknown even if
    /// a value came with it (a remote export rebuilt from RawData reports HasPrivateKey = false regardless).
    /// </summary>
    public static T? Known<T>(StoreCertificate store, string property, T? value)
        where T : struct =>
        !store.UnknownProperties.IsDefault && store.UnknownProperties.Contains(property, StringComparer.OrdinalIgnoreCase) ? null : value;

    public static CertificateServices? Services(StoreCertificate store) =>
        Known(store, nameof(StoreCertificate.Services), store.Services);
}
