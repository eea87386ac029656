using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Extls.Model;
using static Extls.Selection.Reads;

namespace Extls.Selection;

internal enum ChoiceStop
{
    NoCandidate,
    NoneEligible,
    Chosen,
}

internal sealed record Choice(ChoiceStop Stop, ImmutableArray<CandidateVerdict> Candidates, StoreCertificate? Chosen);

/// <summary>What a candidate or eligibility step that finds nothing decided, and the event it predicts.</summary>
internal readonly record struct NothingChosen(StepReason NoCandidate, StepReason NoneEligible, int? Event);

/// <summary>
/// The certificate choices one replay has made, by process, store and key. A server's connectors mostly ask its
/// store for the same name, and the steps of the choice (with what they predict, assume and leave unknown) depend on
/// nothing else within one replay: each choice is worked out once and its steps are copied into every run that asks.
/// </summary>
internal sealed class ChoiceMemo
{
    // Keyed and valued by classes, not value tuples: a dictionary over a value type of the tool's own is compiled at
    // run time on every start (ReadyToRun cannot hold the framework's generic code for it), one over references is not.
    private readonly Dictionary<ChoiceKey, Made> made = [];

    public Choice Choose(ReplayRun run, ImmutableArray<StoreCertificate> store, MatchKey key, ReplayOptions options, NothingChosen none)
    {
        var k = new ChoiceKey(run.Scenario, store, key, none);
        if (!made.TryGetValue(k, out var choice))
        {
            var steps = new ReplayRun(run.Scenario, run.Server, run.Connector, run.Location, run.Sharing);
            choice = new Made(steps, CertificateChooser.Choose(steps, store, key, options, none));
            made.Add(k, choice);
        }

        run.Absorb(choice.Steps);
        return choice.Choice;
    }

    private sealed class Made(ReplayRun steps, Choice choice)
    {
        public ReplayRun Steps { get; } = steps;

        public Choice Choice { get; } = choice;
    }

    /// <summary>Process, store, key and what finding nothing decides. The store is told apart by its array (one per server), not by its contents.</summary>
    private sealed class ChoiceKey(Scenario scenario, ImmutableArray<StoreCertificate> store, MatchKey key, NothingChosen none) : IEquatable<ChoiceKey>
    {
        private readonly Scenario scenario = scenario;
        private readonly StoreCertificate[]? store = ImmutableCollectionsMarshal.AsArray(store);
        private readonly MatchKey key = key;
        private readonly NothingChosen none = none;

        public bool Equals(ChoiceKey? other) =>
            other is not null
            && scenario == other.scenario
            && ReferenceEquals(store, other.store)
            && key.Equals(other.key)
            && none.NoCandidate == other.none.NoCandidate
            && none.NoneEligible == other.none.NoneEligible
            && none.Event == other.none.Event;

        public override bool Equals(object? obj) => Equals(obj as ChoiceKey);

        public override int GetHashCode()
        {
            var h = (int)scenario;
            h = (h * 31) + (store is null ? 0 : RuntimeHelpers.GetHashCode(store));
            h = (h * 31) + key.GetHashCode();
            h = (h * 31) + (int)none.NoCandidate;
            h = (h * 31) + (int)none.NoneEligible;
            return (h * 31) + (none.Event ?? -1);
        }
    }
}

/// <summary>
/// Candidates, eligibility, ranking and choice: steps 6 to 9 of process 3, which process 4 reuses as its
/// step 2. One implementation so that inbound and outbound never disagree; the process table numbers the steps.
/// </summary>
internal static class CertificateChooser
{
    /// <summary>Runs the steps on a store that is known; writes their trace into <paramref name="run"/>.</summary>
    public static Choice Choose(ReplayRun run, ImmutableArray<StoreCertificate> store, MatchKey key, ReplayOptions options, NothingChosen none)
    {
        run.Assume(key.Dn is null ? Assumption.A5 : Assumption.A4);
        var matching = store.Where(c => c is not null && key.Matches(c.Certificate)).OrderBy(c => c, RankOrder.Instance).ToList();
        var matched = new HashSet<StoreCertificate>(matching, ReferenceEqualityComparer.Instance);
        TraceRead[] candidateReads =
        [
            Key(key),
            Number(TraceField.StoreCertificates, store.Length),
            ThumbprintList(TraceField.Candidates, matching.Select(c => Thumbprints.Normalize(c.Thumbprint))),

            // Every certificate the key passed over, with why: a wildcard one label short is the classic surprise.
            .. store.Where(c => c is not null && !matched.Contains(c)).Select(c => new TraceRead(TraceField.NotMatching, key.Mismatch(c))),
        ];
        if (matching.Count == 0)
        {
            run.Step(StepKind.Candidates, none.NoCandidate, none.Event, candidateReads);
            return new Choice(ChoiceStop.NoCandidate, [], null);
        }

        run.Step(StepKind.Candidates, StepReason.CandidatesFound, candidateReads);

        var judged = matching.Select(c => Judge(c, key, options)).ToList();

        // A6 only shapes the answer when an eligible certificate lacks SMTP: filtering would have dropped it.
        var smtpNotFiltered = judged.Any(j => j.Eligible && StoreFacts.Services(j.Store) is { } s && !s.HasFlag(CertificateServices.SMTP));
        if (smtpNotFiltered)
        {
            run.Assume(Assumption.A6);
        }

        // A refused candidate stays refused whatever its unknowns; only the eligible ones' can change the answer.
        foreach (var j in judged.Where(j => j.Eligible))
        {
            run.Unknowns(j.UnknownBits);
        }

        TraceRead[] eligibleReads = [.. judged.Select(j => new TraceRead(TraceField.Candidate, new CandidateValue(j.Thumbprint, j.Refused, j.Unknowns)))];
        var eligible = judged.Where(j => j.Eligible).ToList();
        if (eligible.Count == 0)
        {
            run.Step(StepKind.Eligible, none.NoneEligible, none.Event, eligibleReads);
            return new Choice(ChoiceStop.NoneEligible, [.. judged.Select(j => j.ToVerdict(null, false))], null);
        }

        run.Step(StepKind.Eligible, smtpNotFiltered ? StepReason.SomeEligibleWithoutSmtp : StepReason.SomeEligible, eligibleReads);

        // `matching` is already in rank order, so eligible keeps it.
        run.Step(StepKind.Rank, StepReason.Ranked,
            [.. eligible.Select((j, i) => new TraceRead(TraceField.Ranked,
                new RankedValue(i + 1, j.Thumbprint, j.Store.Certificate.NotBefore, j.Store.Certificate.NotAfter)))]);

        run.Assume(Assumption.A7);
        var chosen = eligible.FirstOrDefault(j => j.ValidCaIssued);
        var reason = StepReason.FirstValidCaIssued;
        if (chosen is null)
        {
            chosen = eligible.FirstOrDefault(j => j.SelfSigned);
            reason = StepReason.FirstSelfSigned;
        }

        if (chosen is null)
        {
            chosen = eligible[0];
            reason = StepReason.FirstEligible;
        }

        run.Step(StepKind.Choose, reason,
            [
                .. eligible.Select(j => new TraceRead(TraceField.Standing, new StandingValue(j.Thumbprint, j.Standing))),
                Thumbprint(TraceField.Chosen, chosen.Thumbprint),
            ]);

        int? RankOf(Judged j)
        {
            var at = eligible.FindIndex(e => ReferenceEquals(e, j));
            return at < 0 ? null : at + 1;
        }

        var verdicts = judged.Select(j => j.ToVerdict(RankOf(j), ReferenceEquals(j, chosen)));
        return new Choice(ChoiceStop.Chosen, [.. verdicts], chosen.Store);
    }

    private static Judged Judge(StoreCertificate store, MatchKey key, ReplayOptions options)
    {
        var cert = store.Certificate;
        // At most three refusals, in this order, and the unknowns as bits: a List or SortedSet of this assembly's enums is
        // compiled at run time on every start, and every replay that judges a certificate would pay for it.
        var refused = new RefusalReason[3];
        var refusals = 0;
        long unknowns = 0;

        if (cert.Version is null)
        {
            unknowns |= 1L << (int)ReplayProperty.Version;
        }
        else if (cert.Version != 3)
        {
            refused[refusals++] = RefusalReason.NotV3;
        }

        // Unknown is never "no key": a certificate rebuilt from RawData says false whatever the store holds.
        var hasPrivateKey = StoreFacts.Known(store, nameof(StoreCertificate.HasPrivateKey), store.HasPrivateKey);
        if (hasPrivateKey is null)
        {
            unknowns |= 1L << (int)ReplayProperty.HasPrivateKey;
        }
        else if (hasPrivateKey == false)
        {
            refused[refusals++] = RefusalReason.NoPrivateKey;
        }

        if (!key.NameIn(cert))
        {
            refused[refusals++] = RefusalReason.NameNotInCertificate;
        }

        var eligible = refusals == 0;
        var selfSigned = cert.IsSelfSigned ?? DistinguishedNames.AreEqual(cert.Subject, cert.Issuer);
        if (eligible && cert.IsSelfSigned is null)
        {
            unknowns |= 1L << (int)ReplayProperty.IsSelfSigned;
        }

        var status = StoreFacts.Known(store, nameof(StoreCertificate.Status), store.Status);
        if (eligible && status is null)
        {
            unknowns |= 1L << (int)ReplayProperty.Status;
        }

        var statusBad = status is CertificateStatus.Revoked or CertificateStatus.Untrusted or CertificateStatus.Invalid;
        var valid = !selfSigned && !statusBad && cert.NotBefore <= options.AsOf;
        // Array.Copy, not Array.Resize: the generic one would be compiled at run time for the enum.
        var exact = new RefusalReason[refusals];
        Array.Copy(refused, exact, refusals);
        return new Judged(store, Thumbprints.Normalize(store.Thumbprint), eligible, ImmutableCollectionsMarshal.AsImmutableArray(exact), unknowns,
            ReplayProperties.FromBits(unknowns), selfSigned, valid);
    }

    private sealed record Judged(
        StoreCertificate Store,
        string Thumbprint,
        bool Eligible,
        ImmutableArray<RefusalReason> Refused,
        long UnknownBits,
        ImmutableArray<ReplayProperty> Unknowns,
        bool SelfSigned,
        bool ValidCaIssued)
    {
        public CertificateStanding Standing =>
            ValidCaIssued ? CertificateStanding.ValidCaIssued : SelfSigned ? CertificateStanding.SelfSigned : CertificateStanding.CaIssuedNotValid;

        public CandidateVerdict ToVerdict(int? rank, bool chosen) => new()
        {
            Thumbprint = Thumbprint,
            Subject = Store.Certificate.Subject,
            NotBefore = Store.Certificate.NotBefore,
            NotAfter = Store.Certificate.NotAfter,
            Eligible = Eligible,
            RefusedBecause = Refused,
            Unknowns = Unknowns,
            Chosen = chosen,
            Rank = rank,
            SelfSigned = SelfSigned,
            ValidCaIssued = ValidCaIssued,
        };
    }

    /// <summary>The ranking step's order (NotBefore, newest first); later NotAfter and then the thumbprint only make ties deterministic.</summary>
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
        IsUnknown(store, property) ? null : value;

    // Apart from the generic method, which is compiled at run time for each value type it is used with: this is its work.
    private static bool IsUnknown(StoreCertificate store, string property) =>
        !store.UnknownProperties.IsDefault && store.UnknownProperties.Contains(property, StringComparer.OrdinalIgnoreCase);

    public static CertificateServices? Services(StoreCertificate store) =>
        Known(store, nameof(StoreCertificate.Services), store.Services);
}
