using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Extls.Selection;

/// <summary>
/// One instance of each value, read and step a whole-organisation replay records. The replay reads the same things
/// again and again (the as-of date and the warning window at every expiry check, a server's key and candidates for
/// each of its connectors, the same AuthMechanism on most connectors): of 119,000 reads at 1,000 servers, 23,000 are
/// distinct, and of 54,000 steps, 21,000. Keeping one of each makes the replay's trace about a third of its size, and
/// the copies die young, before a collection promotes them.
/// </summary>
/// <remarks>
/// Values are shared only where they are equal in everything a reader can see: records compare a date by its instant,
/// but a date is written with its offset, so dates are told apart by their offset too. A step is shared only with one
/// of the same kind, decision and event whose reads are the same instances. Several threads share one pool; whichever
/// copy is kept first, the others are equal to it, so the replay's result is the same on one core as on several.
/// </remarks>
internal sealed class TraceSharing
{
    // About twenty distinct values, reads and steps per server (1,000 servers: 19,400, 20,900 and 20,800): sized for that
    // at the start, since a concurrent dictionary that grows makes every entry anew.
    private const int PerServer = 24;

    private readonly ConcurrentDictionary<TraceValue, TraceValue> values;
    private readonly ConcurrentDictionary<TraceRead, TraceRead> reads;
    private readonly ConcurrentDictionary<TraceStep, TraceStep> steps;
    private readonly ConcurrentDictionary<SkippedStep, SkippedStep> skipped = new();

    public TraceSharing(int servers)
    {
        var capacity = Math.Max(servers, 1) * PerServer;
        values = new(Environment.ProcessorCount, capacity, ValueIdentity.Instance);
        reads = new(Environment.ProcessorCount, capacity, ReadIdentity.Instance);
        steps = new(Environment.ProcessorCount, capacity, StepIdentity.Instance);
    }

    /// <summary>Replaces each read of <paramref name="owned"/> by its shared instance; the array is the caller's own, not yet handed on.</summary>
    public TraceRead[] Reads(TraceRead[] owned)
    {
        for (var i = 0; i < owned.Length; i++)
        {
            owned[i] = Read(owned[i]);
        }

        return owned;
    }

    public TraceStep Step(TraceStep step) => steps.GetOrAdd(step, step);

    public SkippedStep Skipped(SkippedStep step) => skipped.GetOrAdd(step, step);

    private TraceRead Read(TraceRead read)
    {
        var value = Value(read.Value);
        var shared = ReferenceEquals(value, read.Value) ? read : read with { Value = value };
        return reads.GetOrAdd(shared, shared);
    }

    private TraceValue Value(TraceValue value)
    {
        // A list's items are its own (built for the read): they are shared first, so that equal lists hold the same items.
        if (value is ListValue { Items: { } items } && ImmutableCollectionsMarshal.AsArray(items) is { } array)
        {
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = values.GetOrAdd(array[i], array[i]);
            }
        }

        return values.GetOrAdd(value, value);
    }

    /// <summary>The same instances in the same order: the parts compared are already shared, so identity is equality.</summary>
    private static bool SameInstances<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : class
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!ReferenceEquals(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Record equality, and the offsets of dates too; lists by their items.</summary>
    private sealed class ValueIdentity : IEqualityComparer<TraceValue>
    {
        public static readonly ValueIdentity Instance = new();

        public bool Equals(TraceValue? x, TraceValue? y) => (x, y) switch
        {
            (ListValue a, ListValue b) => SameItems(a.Items, b.Items),
            (DateValue a, DateValue b) => a.Value.Equals(b.Value) && a.Value.Offset == b.Value.Offset,
            (RankedValue a, RankedValue b) => a.Equals(b) && a.NotBefore.Offset == b.NotBefore.Offset && a.NotAfter.Offset == b.NotAfter.Offset,
            _ => EqualityComparer<TraceValue>.Default.Equals(x, y),
        };

        public int GetHashCode(TraceValue obj)
        {
            if (obj is ListValue list)
            {
                if (list.Items is not { } items)
                {
                    return -1;
                }

                var hash = new HashCode();
                foreach (var item in items)
                {
                    hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(item));
                }

                return hash.ToHashCode();
            }

            return obj.GetHashCode();
        }

        // Items already shared: the same instances, in the same order.
        private static bool SameItems(ImmutableArray<TraceValue>? x, ImmutableArray<TraceValue>? y)
        {
            if (x is not { } a || y is not { } b)
            {
                return x is null && y is null;
            }

            return SameInstances(a.AsSpan(), b.AsSpan());
        }
    }

    /// <summary>A read whose value is already shared: the same field, the same value instance, the same object.</summary>
    private sealed class ReadIdentity : IEqualityComparer<TraceRead>
    {
        public static readonly ReadIdentity Instance = new();

        public bool Equals(TraceRead? x, TraceRead? y) =>
            ReferenceEquals(x, y)
            || (x is not null && y is not null && x.Field == y.Field && ReferenceEquals(x.Value, y.Value) && string.Equals(x.Of, y.Of, StringComparison.Ordinal));

        public int GetHashCode(TraceRead obj) =>
            HashCode.Combine((int)obj.Field, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Value), obj.Of is null ? 0 : StringComparer.Ordinal.GetHashCode(obj.Of));
    }

    /// <summary>A step whose reads are already shared: the same step, decision and event, and the same read instances.</summary>
    private sealed class StepIdentity : IEqualityComparer<TraceStep>
    {
        public static readonly StepIdentity Instance = new();

        public bool Equals(TraceStep? x, TraceStep? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            return x is not null && y is not null && x.Step == y.Step && x.Reason == y.Reason && x.Event == y.Event
                && SameInstances(x.Reads.AsSpan(), y.Reads.AsSpan());
        }

        public int GetHashCode(TraceStep obj)
        {
            var hash = new HashCode();
            hash.Add((int)obj.Step.Process);
            hash.Add((int)obj.Step.Kind);
            hash.Add((int)obj.Reason);
            hash.Add(obj.Event ?? -1);
            foreach (var read in obj.Reads)
            {
                hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(read));
            }

            return hash.ToHashCode();
        }
    }
}
