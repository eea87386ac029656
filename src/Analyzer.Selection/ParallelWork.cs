namespace Extls.Selection;

/// <summary>Whether an analysis spreads its per-server work over the machine's cores.</summary>
public enum Parallelism
{
    /// <summary>On several cores from <see cref="ParallelWork.From"/> servers on; on one below, and on a one-core machine.</summary>
    Auto,

    /// <summary>Always on the calling thread.</summary>
    Never,

    /// <summary>On the thread pool whatever the size (the tests' way to hold both paths to the same output).</summary>
    Always,
}

/// <summary>
/// When work that is the same per server runs in parallel. Below <see cref="From"/> servers the work takes a
/// millisecond or two, less than waking the thread pool and compiling its generic code costs on a short run (the
/// built-in sample and the fixtures have three or four servers); above it the replay and the rules take tens of
/// milliseconds per hundred servers, and a second core halves that. Whatever runs in parallel writes each item's
/// result to its own slot and the slots are read in order, so the output never depends on the schedule.
/// </summary>
public static class ParallelWork
{
    /// <summary>The number of servers from which <see cref="Parallelism.Auto"/> goes parallel.</summary>
    public const int From = 64;

    /// <summary>Whether work over <paramref name="servers"/> servers runs in parallel under <paramref name="parallelism"/>.</summary>
    public static bool Applies(Parallelism parallelism, int servers) => parallelism switch
    {
        Parallelism.Always => true,
        Parallelism.Never => false,
        _ => servers >= From && Environment.ProcessorCount > 1,
    };

    /// <summary>Runs <paramref name="body"/> for 0 … <paramref name="count"/> − 1, on the thread pool when <paramref name="parallel"/>.</summary>
    public static void For(bool parallel, int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (parallel && count > 1)
        {
            Parallel.For(0, count, body);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            body(i);
        }
    }
}
