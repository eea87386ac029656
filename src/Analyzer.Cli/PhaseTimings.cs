using System.Diagnostics;
using System.Globalization;
using Extls.Reporting;

namespace Extls.Cli;

/// <summary>
/// <c>analyze --timings</c>: how long each phase of one run took (start-up, reading, the analysis, each
/// report), the process's CPU time and its peak memory, written to stderr after everything else so a
/// support engineer can say where a large dump's time goes. Reports never carry any of it: they stay
/// the same bytes for the same input. A disabled instance measures nothing.
/// </summary>
internal sealed class PhaseTimings
{
    // A list of a class, not of a value tuple: every analyze builds this (enabled or not), and a List over a value tuple is
    // framework code ReadyToRun cannot precompile with the tool.
    private readonly List<Timed> phases = [];
    private readonly Stopwatch clock = new();
    private TimeSpan cpuAtStart;
    private string? current;

    private readonly string culture;

    private PhaseTimings(bool enabled, string culture)
    {
        Enabled = enabled;
        this.culture = culture;
        if (!enabled)
        {
            return;
        }

        // The time before the command ran: the runtime starting, the assemblies loading, the command line parsed.
        using var process = Process.GetCurrentProcess();
        var startUp = DateTime.Now - process.StartTime;
        cpuAtStart = Environment.CpuUsage.TotalTime;
        phases.Add(new Timed(CommandWording.TimingStartUp(culture), startUp > TimeSpan.Zero ? startUp : TimeSpan.Zero, cpuAtStart));
    }

    /// <param name="culture">The reader's language ("en", "ja"): the table is worded in it.</param>
    public static PhaseTimings Start(bool enabled, string culture = "en") => new(enabled, culture);

    public bool Enabled { get; }

    /// <summary>Ends the open phase and begins <paramref name="phase"/>, worded in the reader's language.</summary>
    /// <param name="count">The servers replayed.</param>
    /// <param name="format">The report's format; <paramref name="path"/> where it goes, null for the screen.</param>
    public void Phase(ProgressStep phase, long count = 0, string? format = null, string? path = null)
    {
        if (!Enabled)
        {
            return;
        }

        End();
        current = CommandWording.Timing(phase, culture, count, format, path);
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

        phases.Add(new Timed(current, clock.Elapsed, Environment.CpuUsage.TotalTime - cpuAtStart));
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
        var totalLabel = CommandWording.TimingTotal(culture);
        // Widths in terminal columns: a Japanese label takes two a character.
        var width = Math.Max(CommandWording.Width(totalLabel), phases.Max(p => CommandWording.Width(p.Phase)));
        var (title, wall, cpuLabel) = CommandWording.TimingColumns(culture);
        // CPU beside the wall clock: on a busy machine the wall clock follows the load, the CPU time much less. Each column's
        // name ends where its figures end ("  " + label + "  " + "   1,234 ms").
        var wallEnd = 2 + width + 2 + 10;
        error.Write(title + Spaces(wallEnd - CommandWording.Width(title) - CommandWording.Width(wall)) + wall
                    + Spaces(12 - CommandWording.Width(cpuLabel)) + cpuLabel + "\n");
        foreach (var (phase, took, used) in phases)
        {
            error.Write(Line(phase, took, used, width));
        }

        error.Write(Line(totalLabel, total, cpu, width));
        error.Write("  " + CommandWording.TimingMemory(process.PeakWorkingSet64 / 1048576.0, GC.GetTotalAllocatedBytes() / 1048576.0,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), culture) + "\n");
    }

    private sealed record Timed(string Phase, TimeSpan Took, TimeSpan Cpu);

    private static string Spaces(int n) => new(' ', Math.Max(1, n));

    private static string Line(string phase, TimeSpan took, TimeSpan cpu, int width) =>
        string.Create(CultureInfo.InvariantCulture, $"  {CommandWording.PadRight(phase, width)}  {took.TotalMilliseconds,7:N0} ms  {cpu.TotalMilliseconds,7:N0} ms\n");
}
