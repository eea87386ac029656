using System.Text;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>A piece of a console line: its text as it is (never markup) and the Spectre style it is shown in, if any.</summary>
internal readonly record struct Run(string Text, string? Style = null)
{
    public static implicit operator Run(string text) => new(text);
}

/// <summary>
/// What the console report writes, line by line: the operations of <see cref="SpectreText"/>, over runs of plain text
/// instead of markup, so the same drawing code can go through Spectre.Console (<see cref="SpectreLines"/>) or, for plain
/// output, through <see cref="PlainLines"/>, which lays out the same text without setting Spectre up.
/// </summary>
internal interface IConsoleLines
{
    /// <summary>A line wrapped at the width (Spectre's MarkupLine).</summary>
    void Line(params Run[] runs);

    /// <summary>A line wrapped at the width less <paramref name="indent"/>, every wrapped line indented.</summary>
    void Indented(int indent, params Run[] runs);

    /// <summary>A hanging indent: the prefix alone on the left, wrapped lines continuing under the text (<see cref="SpectreText.Hanging"/>).</summary>
    void Hanging(int indent, string prefix, string text);

    /// <summary>A line as it is, never wrapped (<see cref="SpectreText.Verbatim"/>).</summary>
    void Verbatim(int indent, string text, bool cyan);

    /// <summary>An empty line.</summary>
    void Blank();
}

/// <summary>The console lines drawn by Spectre.Console, as every report was before plain output had its own layout.</summary>
internal sealed class SpectreLines(IAnsiConsole console) : IConsoleLines
{
    public void Line(params Run[] runs) => console.MarkupLine(Markup(runs));

    public void Indented(int indent, params Run[] runs) => SpectreText.Indented(console, indent, Markup(runs));

    public void Hanging(int indent, string prefix, string text) =>
        SpectreText.Hanging(console, indent, SpectreText.Escape(prefix), SpectreText.Escape(text));

    public void Verbatim(int indent, string text, bool cyan) => SpectreText.Verbatim(console, indent, text, cyan);

    public void Blank() => console.WriteLine();

    private static string Markup(Run[] runs)
    {
        var markup = new StringBuilder();
        foreach (var run in runs)
        {
            markup.Append(run.Style is null ? SpectreText.Escape(run.Text) : $"[{run.Style}]{SpectreText.Escape(run.Text)}[/]");
        }

        return markup.ToString();
    }
}

/// <summary>
/// Plain console text laid out as Spectre.Console lays it out with colours off, for text whose every character takes one
/// cell: words (runs of spaces or of other characters, also broken where a run's style changes) fill a line up to the
/// width; a space that does not fit is dropped, a word that does not fit starts the next line, and a word longer than the
/// width is cut at the width; a hanging prefix takes its length and one space. The tests compare it with Spectre's layout
/// over every committed dump and over random text (PlainConsoleTests). Text it cannot place cell for cell the
/// way Spectre would (wide or combining characters, a line break inside a wrapped text, markup Spectre would read, such
/// as an emoji code) makes <see cref="Exact"/> false, and the caller draws the report through Spectre instead.
/// </summary>
internal sealed class PlainLines(int width) : IConsoleLines
{
    private readonly StringBuilder text = new();

    /// <summary>Whether every line was laid out as Spectre would; when false, <see cref="Text"/> must not be used.</summary>
    public bool Exact => Unplaced is null;

    /// <summary>The first text that could not be laid out exactly, or null.</summary>
    public string? Unplaced { get; private set; } = width >= 20 ? null : "(the width)";

    /// <summary>The text written, with the trailing spaces of each line removed as <see cref="SpectreText.Render"/> does.</summary>
    public string Text
    {
        get
        {
            var lines = text.ToString().Split('\n').Select(l => l.TrimEnd(' '));
            return string.Join('\n', lines);
        }
    }

    public void Line(params Run[] runs) => Wrapped(0, 0, runs);

    public void Indented(int indent, params Run[] runs) => Wrapped(indent, indent, runs);

    public void Hanging(int indent, string prefix, string text)
    {
        // Spectre escapes the prefix twice on this path (SpectreText.Hanging escapes what the caller escaped), so a
        // bracket in it would show doubled: Placeable leaves such a prefix to Spectre.
        var safe = TextSafety.Terminal(prefix);
        if (!Exact)
        {
            return;
        }

        if (!Placeable(safe))
        {
            Unplaced = safe;
            return;
        }

        // A grid of two columns: the prefix unwrapped with one cell of padding, the text in what is left of the width.
        var column = safe.Length + 1;
        if (column * 2 > width - indent)
        {
            Unplaced = safe;
            return;
        }

        Wrapped(indent, indent + column, [text], prefix: safe.PadRight(column));
    }

    public void Verbatim(int indent, string line, bool cyan)
    {
        text.Append(' ', indent).Append(TextSafety.Terminal(line)).Append('\n');
    }

    public void Blank() => text.Append('\n');

    private void Wrapped(int indent, int continuation, Run[] runs, string? prefix = null)
    {
        if (!Exact)
        {
            return;
        }

        var room = width - continuation;
        var words = new List<string>();
        var all = 0;
        for (var i = 0; i < runs.Length; i++)
        {
            // Markup reads adjacent unstyled text as one piece; a style starts a new one (and so a new word).
            var piece = new StringBuilder(runs[i].Text);
            while (runs[i].Style is null && i + 1 < runs.Length && runs[i + 1].Style is null)
            {
                piece.Append(runs[++i].Text);
            }

            var safe = TextSafety.Terminal(piece.ToString());
            if (!Placeable(safe))
            {
                Unplaced = safe;
                return;
            }

            all += safe.Length;
            Words(safe, words);
        }

        // Spectre draws an indented empty text as no line at all, a plain line as an empty one; only the latter is used.
        if (all == 0 && (indent > 0 || prefix is not null))
        {
            Unplaced = "(an empty text)";
            return;
        }

        // A wrapped line that begins with spaces: Spectre may carry them onto the lines it wraps onto, and the report
        // never writes one.
        if (words.Count > 0 && words[0][0] == ' ')
        {
            Unplaced = string.Concat(words);
            return;
        }

        var lines = Layout(words, room);
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(' ', indent);
            if (prefix is not null)
            {
                text.Append(i == 0 ? prefix : new string(' ', prefix.Length));
            }

            text.Append(lines[i]).Append('\n');
        }
    }

    /// <summary>The lines <paramref name="words"/> fill at <paramref name="room"/> cells each.</summary>
    private static List<string> Layout(List<string> words, int room)
    {
        var lines = new List<string>();
        if (words.Sum(w => w.Length) <= room)
        {
            lines.Add(string.Concat(words));
            return lines;
        }

        var line = new StringBuilder();
        var pending = new Queue<string>();
        var next = 0;
        while (pending.Count > 0 || next < words.Count)
        {
            var word = pending.Count > 0 ? pending.Dequeue() : words[next++];
            if (word.Length > room)
            {
                // Cut at the width; the first piece starts a new line unless it fits on this one.
                var first = true;
                for (var at = 0; at < word.Length; at += room)
                {
                    var piece = word.Substring(at, Math.Min(room, word.Length - at));
                    if (first && line.Length + piece.Length <= room)
                    {
                        line.Append(piece);
                    }
                    else
                    {
                        if (first)
                        {
                            lines.Add(line.ToString());
                            line.Clear();
                        }

                        pending.Enqueue(piece);
                    }

                    first = false;
                }

                continue;
            }

            var wrapped = false;
            if (line.Length + word.Length > room)
            {
                lines.Add(line.ToString());
                line.Clear();
                wrapped = true;
            }

            if (wrapped && word[0] == ' ')
            {
                continue;
            }

            line.Append(word);
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>
    /// Whether the text is laid out here exactly as Spectre would: one line, one cell per character, and nothing its markup
    /// reads other than as text (escaped brackets split a word into pieces that wrap separately; an emoji code is replaced).
    /// </summary>
    private static bool Placeable(string text) =>
        !text.Contains('\n', StringComparison.Ordinal) && !text.Contains('[', StringComparison.Ordinal) &&
        !text.Contains(']', StringComparison.Ordinal) && OneCellEach(text) && !Emoji(text);

    /// <summary>Runs of spaces and runs of other characters, in order.</summary>
    private static void Words(string text, List<string> words)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ' ') != (text[start] == ' '))
            {
                words.Add(text[start..i]);
                start = i;
            }
        }
    }

    /// <summary>
    /// Characters that take one cell in Spectre's measure and in every terminal: printable ASCII and the two signs the
    /// report uses between facts (the middle dot and the multiplication sign).
    /// </summary>
    private static bool OneCellEach(string text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= ' ' and <= '~') or '\u00B7' or '\u00D7'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether Spectre's markup might read part of the text as an emoji code (<c>:name:</c>) and show an emoji: any name
    /// with a letter, or of three digits or more (":100:" is one). A time's ":00:" is not, and stays plain.
    /// </summary>
    private static bool Emoji(string text)
    {
        var open = -1;
        var letter = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':')
            {
                if (open >= 0 && (letter || i - open - 1 >= 3))
                {
                    return true;
                }

                open = i;
                letter = false;
            }
            else if (char.IsAsciiLetter(c) || c is '_' or '-' or '+')
            {
                letter = true;
            }
            else if (!char.IsAsciiDigit(c))
            {
                open = -1;
            }
        }

        return false;
    }
}
