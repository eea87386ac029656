using Extls.Reporting;
using Spectre.Console;

namespace Extls.Cli;

/// <summary>
/// A live progress display on stderr for work that takes a while: the phases of one analysis, or a
/// count of dumps. It is drawn only when stderr is an interactive terminal and neither NO_COLOR nor CI
/// is set, and only once the work has run longer than <see cref="CliHost.ProgressDelay"/>, so a quick
/// run shows nothing and a redirected or CI run never gets a byte of it. Stdout is never touched:
/// a report goes to stdout only after <see cref="Stop"/> has cleared the display.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    private readonly object gate = new();
    private readonly List<Line> lines = [];
    private readonly IAnsiConsole? console;
    private readonly Timer? timer;
    private ProgressContext? context;
    private TaskCompletionSource? finish;
    private Task? running;
    private bool stopped;

    private ProgressDisplay(IAnsiConsole? console, TimeSpan delay)
    {
        this.console = console;
        if (console is null)
        {
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            Show();
        }
        else
        {
            timer = new Timer(_ => Show(), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A display for this host: live on an interactive stderr, otherwise one that draws nothing.</summary>
    /// <param name="culture">The reader's language ("en", "ja"): the phases are worded in it.</param>
    public static ProgressDisplay Start(CliHost host, string culture = "en")
    {
        ArgumentNullException.ThrowIfNull(host);
        return new ProgressDisplay(IsWanted(host) ? CreateConsole(host.Error) : null, host.ProgressDelay) { Culture = culture };
    }

    /// <summary>The language the phases are worded in.</summary>
    public string Culture { get; private init; } = "en";

    /// <summary>Ends the current phase and begins <paramref name="step"/>, worded in <see cref="Culture"/>.</summary>
    public void Phase(ProgressStep step, long count = 0, string? name = null) => Phase(ProgressWording.Phase(step, Culture, count, name));

    /// <summary>
    /// Progress is extra output for a person watching: not for a pipe or file, not for CI logs, and not
    /// for a terminal that asked for plain output (NO_COLOR, TERM=dumb).
    /// </summary>
    public static bool IsWanted(CliHost host) =>
        host.ErrorInteractive
        && string.IsNullOrEmpty(host.Environment("NO_COLOR"))
        && string.IsNullOrEmpty(host.Environment("CI"))
        && !string.Equals(host.Environment("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>Whether anything can ever be drawn (false when stderr is not an interactive terminal).</summary>
    public bool Enabled => console is not null;

    /// <summary>Ends the current phase and begins the next one.</summary>
    private void Phase(string description)
    {
        lock (gate)
        {
            CompleteOpenPhases();
            Add(new Line(description, Total: null));
        }
    }

    /// <summary>A bar counting <paramref name="total"/> units of work (dumps of a batch); safe to update from several threads.</summary>
    public ProgressCounter Count(string description, int total)
    {
        lock (gate)
        {
            CompleteOpenPhases();
            var line = new Line(description, Math.Max(total, 1));
            Add(line);
            return new ProgressCounter(this, line);
        }
    }

    /// <summary>Clears the display and waits until it is gone, so what follows on the terminal starts on a clean line.</summary>
    public void Stop()
    {
        Task? wait;
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            stopped = true;
            timer?.Dispose();
            wait = running;
            finish?.TrySetResult();
        }

        try
        {
            wait?.Wait();
        }
        catch (AggregateException)
        {
            // A display that failed to draw is no reason to fail the command: the work is done.
        }
    }

    public void Dispose() => Stop();

    internal void Update(Line line, int? increment, string? description)
    {
        lock (gate)
        {
            if (description is not null)
            {
                line.Description = description;
            }

            if (increment is { } n)
            {
                line.Value = Math.Min(line.Value + n, line.Total ?? 1);
            }

            if (line.Task is { } task)
            {
                task.Description = Escape(line.Description);
                task.Value = line.Value;
            }
        }
    }

    private void Add(Line line)
    {
        lines.Add(line);
        if (context is not null)
        {
            line.Task = CreateTask(context, line);
        }
    }

    private void CompleteOpenPhases()
    {
        foreach (var line in lines.Where(l => l.Total is null && l.Value == 0))
        {
            line.Value = 1;
            if (line.Task is { } task)
            {
                task.IsIndeterminate = false;
                task.Value = 1;
                task.StopTask();
            }
        }
    }

    private void Show()
    {
        lock (gate)
        {
            if (stopped || console is null || running is not null)
            {
                return;
            }

            try
            {
                var ready = new TaskCompletionSource<ProgressContext>(TaskCreationOptions.RunContinuationsAsynchronously);
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                // Run off the caller's synchronisation context, so waiting for the display to close cannot deadlock.
                running = Task.Run(() => console.Progress()
                    .AutoClear(true)
                    .HideCompleted(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        ready.TrySetResult(ctx);
                        await done.Task.ConfigureAwait(false);
                    }));
                finish = done;
                Task.WaitAny(ready.Task, running);
                context = ready.Task.IsCompletedSuccessfully ? ready.Task.Result : throw new InvalidOperationException("The progress display did not start.");
                foreach (var line in lines)
                {
                    line.Task = CreateTask(context, line);
                }
            }
#pragma warning disable CA1031 // a terminal that cannot draw the display must not fail the analysis behind it
            catch (Exception)
#pragma warning restore CA1031
            {
                finish?.TrySetResult();
                context = null;
            }
        }
    }

    private static ProgressTask CreateTask(ProgressContext context, Line line)
    {
        var task = context.AddTask(Escape(line.Description), autoStart: true, maxValue: line.Total ?? 1);
        task.Value = line.Value;
        task.IsIndeterminate = line.Total is null && line.Value == 0;
        if (line.Total is null && line.Value > 0)
        {
            task.StopTask();
        }

        return task;
    }

    private static string Escape(string text) => Markup.Escape(text);

    private static IAnsiConsole CreateConsole(TextWriter error) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(error),
    });

    /// <summary>One row of the display, kept even before the display appears so it can be drawn late.</summary>
    internal sealed class Line(string description, int? Total)
    {
        public string Description { get; set; } = description;

        /// <summary>Units to count; null for a phase, which is open until the next one begins.</summary>
        public int? Total { get; } = Total;

        public int Value { get; set; }

        public ProgressTask? Task { get; set; }
    }
}

/// <summary>A counting row of a <see cref="ProgressDisplay"/>.</summary>
internal sealed class ProgressCounter
{
    private readonly ProgressDisplay display;
    private readonly ProgressDisplay.Line line;

    internal ProgressCounter(ProgressDisplay display, ProgressDisplay.Line line)
    {
        this.display = display;
        this.line = line;
    }

    public void Increment() => display.Update(line, 1, null);

    public void Describe(string description) => display.Update(line, null, description);
}
