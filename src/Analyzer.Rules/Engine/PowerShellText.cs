using System.Text;

namespace Extls.Rules.Engine;

/// <summary>
/// The one place a value from the dump becomes part of a PowerShell remediation. In a command, a placeholder stands
/// for one literal argument: outside quotes it is written as a single-quoted string, inside a single-quoted string
/// its quotes are doubled, and inside a double-quoted string (where <c>$</c> and the backtick are live) it is not
/// allowed at all. In a comment, a value cannot end the line. So a connector named <c>O'Brien $env:X `n</c> gives a
/// command that still means what it says.
/// </summary>
internal static class PowerShellText
{
    /// <summary>PowerShell reads each of these as a single quote (about_Quoting_Rules); each is doubled to stand for itself.</summary>
    private static bool IsSingleQuote(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B';

    /// <summary>PowerShell reads each of these as a double quote.</summary>
    private static bool IsDoubleQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E';

    /// <summary>A single-quoted literal: <c>'O''Brien'</c>.</summary>
    public static string Literal(string value) => "'" + InSingleQuotes(value) + "'";

    /// <summary>The inside of a single-quoted string: every kind of single quote doubled; nothing else is special there.</summary>
    public static string InSingleQuotes(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            builder.Append(c);
            if (IsSingleQuote(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Text for a comment line: line breaks and other control characters become spaces, so the comment cannot end early.</summary>
    public static string InComment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Fills a command template's <c>{name}</c> placeholders, each quoted for where it stands.
    /// </summary>
    /// <exception cref="MissingPlaceholderException">An argument the template names was not supplied.</exception>
    /// <exception cref="FormatException">The template puts a placeholder inside a double-quoted string, or leaves a quote open.</exception>
    public static string FormatCommand(string template, IReadOnlyDictionary<string, string> arguments)
    {
        var builder = new StringBuilder(template.Length + 64);
        Scan(template, (kind, text) =>
        {
            switch (kind)
            {
                case Part.Text:
                    builder.Append(text);
                    break;
                case Part.Placeholder or Part.PlaceholderInSingleQuotes or Part.PlaceholderInComment:
                    if (!arguments.TryGetValue(text, out var value))
                    {
                        throw new MissingPlaceholderException(text);
                    }

                    builder.Append(kind switch
                    {
                        Part.Placeholder => Literal(value),
                        Part.PlaceholderInSingleQuotes => InSingleQuotes(value),
                        _ => InComment(value),
                    });
                    break;
                default:
                    throw new FormatException($"{{{text}}} stands inside a double-quoted string, where $ and ` in a value would be live; quote it with single quotes");
            }
        });
        return builder.ToString();
    }

    /// <summary>What is wrong with a command template, or nothing: placeholders inside double quotes, a quote left open.</summary>
    public static IEnumerable<string> Problems(string template)
    {
        var problems = new List<string>();
        try
        {
            Scan(template, (kind, text) =>
            {
                if (kind == Part.PlaceholderInDoubleQuotes)
                {
                    problems.Add($"{{{text}}} stands inside a double-quoted string; use single quotes (the engine quotes every placeholder itself)");
                }
            });
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
        }

        return problems;
    }

    private enum Part
    {
        Text,
        Placeholder,
        PlaceholderInSingleQuotes,
        PlaceholderInDoubleQuotes,
        PlaceholderInComment,
    }

    private enum State
    {
        Outside,
        Single,
        Double,
        Comment,
    }

    /// <summary>Splits a template into text and placeholders, each placeholder with the quoting context it stands in.</summary>
    private static void Scan(string template, Action<Part, string> emit)
    {
        var state = State.Outside;
        var text = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && Identifier(template, i) is { } name)
            {
                emit(Part.Text, text.ToString());
                text.Clear();
                emit(state switch
                {
                    State.Outside => Part.Placeholder,
                    State.Single => Part.PlaceholderInSingleQuotes,
                    State.Double => Part.PlaceholderInDoubleQuotes,
                    _ => Part.PlaceholderInComment,
                }, name);
                i += name.Length + 1;
                continue;
            }

            text.Append(c);
            switch (state)
            {
                case State.Outside when IsSingleQuote(c):
                    state = State.Single;
                    break;
                case State.Outside when IsDoubleQuote(c):
                    state = State.Double;
                    break;
                case State.Outside when c == '#' && (i == 0 || char.IsWhiteSpace(template[i - 1])):
                    state = State.Comment;
                    break;
                case State.Single when IsSingleQuote(c):
                    if (i + 1 < template.Length && IsSingleQuote(template[i + 1]))
                    {
                        text.Append(template[++i]);
                    }
                    else
                    {
                        state = State.Outside;
                    }

                    break;
                case State.Double when c == '`' && i + 1 < template.Length:
                    text.Append(template[++i]);
                    break;
                case State.Double when IsDoubleQuote(c):
                    if (i + 1 < template.Length && IsDoubleQuote(template[i + 1]))
                    {
                        text.Append(template[++i]);
                    }
                    else
                    {
                        state = State.Outside;
                    }

                    break;
                case State.Comment when c is '\n' or '\r':
                    state = State.Outside;
                    break;
                case State.Single or State.Double when c is '\n':
                    // A here-string or a quoted value spanning lines is not something a remediation needs.
                    throw new FormatException("a quoted string runs past the end of its line");
            }
        }

        if (state is State.Single or State.Double)
        {
            throw new FormatException("a quoted string is not closed");
        }

        emit(Part.Text, text.ToString());
    }

    /// <summary>The identifier of a placeholder starting at <paramref name="start"/> ("{name}"), or null.</summary>
    private static string? Identifier(string template, int start)
    {
        var i = start + 1;
        if (i >= template.Length || !char.IsAsciiLetter(template[i]))
        {
            return null;
        }

        while (i < template.Length && char.IsAsciiLetterOrDigit(template[i]))
        {
            i++;
        }

        return i < template.Length && template[i] == '}' ? template[(start + 1)..i] : null;
    }
}
