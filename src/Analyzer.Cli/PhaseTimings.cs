using System.Diagnostics;
using System.Globalization;

namespace Extls.Cli;

/// <summary>
/// <c>analyze --timings</c>: how long each phase of one run took (start-up, reading, the analysis, each
/// report), the process's CPU time and its peak memory, written to stderr after everything else so a
/// support engineer can say where a large dump's time goes. Reports never carry any of it: they stay
/// the same bytes for the same input. A disabled instance measures nothing.
/// </summary>
internal sealed class PhaseTimings
{
    private readonly List<(string Phase, TimeSpan Took, TimeSpan Cpu)> phases = [];
    private readonly Stopwatch clock = new();
    private TimeSpan cpuAtStart;
    private string? current;

    private PhaseTimings(bool enabled)
    {
        Enabled = enabled;
        if (!enabled)
        {
            return;
        }

        // The time before the command ran: the runtime starting, the assemblies loading, the command line parsed.
        using var process = Process.GetCurrentProcess();
        var startUp = DateTime.Now - process.StartTime;
        cpuAtStart = Environment.CpuUsage.TotalTime;
        phases.Add(("start-up (runtime, command line)", startUp > TimeSpan.Zero ? startUp : TimeSpan.Zero, cpuAtStart));
    }

    public static PhaseTimings Start(bool enabled) => new(enabled);

    public bool Enabled { get; }

    /// <summary>Ends the open phase and begins <paramref name="phase"/>.</summary>
    public void Phase(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        End();
        current = phase;
        cpuAtStart = Environment.CpuUsage.TotalTime;
        clock.Restart();
    }

    /// <summary>Ends the open phase, if any.</summary>
    public void End()
    {
        if (current is null)
        {
            return;
        }

        phases.Add((current, clock.Elapsed, Environment.CpuUsage.TotalTime - cpuAtStart));
        current = null;
    }

    /// <summary>Ends the open phase and writes the table; nothing when disabled.</summary>
    public void Write(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!Enabled)
        {
            return;
        }

        End();
        using var process = Process.GetCurrentProcess();
        var total = phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Took);
        var cpu = phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Cpu);
        var width = Math.Max("total".Length, phases.Max(p => p.Phase.Length));
        // CPU beside the wall clock: on a busy machine the wall clock follows the load, the CPU time much less.
        error.Write(string.Create(CultureInfo.InvariantCulture, $"extls: timings{new string(' ', width - 4)}wall         CPU\n"));
        foreach (var (phase, took, used) in phases)
        {
            error.Write(Line(phase, took, used, width));
        }

        error.Write(Line("total", total, cpu, width));
        error.Write(string.Create(CultureInfo.InvariantCulture,
            $"  peak memory {process.PeakWorkingSet64 / 1048576.0:N0} MB, " +
            $"{GC.GetTotalAllocatedBytes() / 1048576.0:N0} MB allocated, garbage collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (generation 0/1/2)\n"));
    }

    private static string Line(string phase, TimeSpan took, TimeSpan cpu, int width) =>
        string.Create(CultureInfo.InvariantCulture, $"  {phase.PadRight(width)}  {took.TotalMilliseconds,7:N0} ms  {cpu.TotalMilliseconds,7:N0} ms\n");
}
