using Spectre.Console;

namespace Extls.Reporting;

/// <summary>
/// Renders through an <see cref="IAnsiConsole"/> built with explicit settings, never the process console,
/// so the same input gives the same text whatever terminal (or none) the tool runs in.
/// </summary>
internal static class SpectreText
{
    public static string Render(RenderSettings settings, Action<IAnsiConsole> draw)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = settings.Color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = settings.Color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = settings.Width;
        console.Profile.Capabilities.Unicode = true;
        console.Profile.Capabilities.Links = false;
        draw(console);
        // Padding fills wrapped lines with spaces up to the width; trailing blanks only make files and diffs noisy.
        var lines = writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd(' '));
        return string.Join('\n', lines);
    }

    /// <summary>Text as Spectre markup that shows it as it is: brackets escaped, and nothing a terminal would act on (<see cref="TextSafety.Terminal"/>).</summary>
    public static string Escape(string text) => Markup.Escape(TextSafety.Terminal(text));

    public static void Indented(IAnsiConsole console, int indent, string markup) =>
        console.Write(new Padder(new Markup(markup), new Padding(indent, 0, 0, 0)));

    /// <summary>
    /// A hanging indent: <paramref name="prefix"/> (an arrow, an assumption id) stays alone on the left and
    /// wrapped lines continue under the text, so a long explanation still reads as one item.
    /// </summary>
    public static void Hanging(IAnsiConsole console, int indent, string prefix, string markup)
    {
        var grid = new Grid()
            .AddColumn(new GridColumn().NoWrap().Padding(0, 0, 1, 0))
            .AddColumn(new GridColumn().Padding(0, 0, 0, 0));
        grid.AddRow(new Markup(Escape(prefix)), new Markup(markup));
        console.Write(new Padder(grid, new Padding(indent, 0, 0, 0)));
    }

    /// <summary>
    /// Writes a line as it is, never wrapped: remediation is PowerShell to copy and run, and a line broken
    /// at the console width would be a different command.
    /// </summary>
    public static void Verbatim(IAnsiConsole console, int indent, string text, bool cyan)
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(new string(' ', indent));
        var safe = TextSafety.Terminal(text);
        writer.Write(cyan && console.Profile.Capabilities.Ansi ? $"\u001b[36m{safe}\u001b[0m" : safe);
        writer.Write('\n');
    }
}
