using System.Text;
using Extls.Rules;
using Extls.Selection;

namespace Extls.Reporting;

/// <summary>How a step of a process took part in one replay, for its box in the drawing.</summary>
internal enum StepState
{
    /// <summary>The replay ran the step and went on.</summary>
    Taken,

    /// <summary>The replay passed over the step (a key found earlier, nothing to look for).</summary>
    Skipped,

    /// <summary>The step whose outcome decided the result.</summary>
    Decided,

    /// <summary>The replay ended before the step.</summary>
    NotReached,
}

/// <summary>How the drawing colours the deciding step: as the worst finding the replay stands behind, else as its verdict.</summary>
internal enum FlowTone
{
    Ok,
    Warn,
    Bad,
    Neutral,
}

/// <summary>
/// One replay drawn as inline SVG: every step of its process (<see cref="ProcessSteps"/>) as a box in the
/// documented order, the path the replay took highlighted, steps passed over dashed, the step that decided the
/// result marked, the rest greyed. The states come from the typed trace (step ids and the skipped steps);
/// nothing here reads prose. Styling is by class, so the page's one style sheet draws every flow.
/// </summary>
internal static class HtmlFlowDrawing
{
    private const int PerRow = 6;
    private const int BoxWidth = 128;
    private const int BoxHeight = 68;
    private const int GapX = 22;
    private const int RowGap = 30;
    private const int Pad = 12;
    private const double TextWidth = BoxWidth - 14;

    /// <summary>The state of each step of the replay's process, in the process's order.</summary>
    public static IReadOnlyList<(StepId Step, StepState State)> States(SelectionResult s)
    {
        var trace = s.Trace.IsDefault ? [] : s.Trace;
        var skipped = s.Skipped.IsDefault ? [] : s.Skipped;
        var decided = trace.LastOrDefault(t => t.Number == s.EndedAtStep) ?? trace.LastOrDefault();
        var steps = ProcessSteps.Of(s.Scenario);
        var states = new List<(StepId, StepState)>(steps.Length);
        foreach (var id in steps)
        {
            var ran = trace.LastOrDefault(t => t.Kind == id.Kind);
            var state = ran is not null && ReferenceEquals(ran, decided) ? StepState.Decided
                : ran is not null ? StepState.Taken
                : skipped.Any(k => k.Step.Kind == id.Kind) ? StepState.Skipped
                : StepState.NotReached;
            states.Add((id, state));
        }

        return states;
    }

    public static FlowTone Tone(SelectionResult s, Severity? worst) => worst switch
    {
        Severity.Error => FlowTone.Bad,
        Severity.Warning => FlowTone.Warn,
        _ => s.VerdictOf() switch
        {
            Verdict.Works => FlowTone.Ok,
            Verdict.ExpiresSoon or Verdict.Undetermined => FlowTone.Warn,
            Verdict.Expired or Verdict.HandshakeFails or Verdict.WrongCertificateForExchangeOnline or Verdict.SendFails => FlowTone.Bad,
            _ => FlowTone.Neutral,
        },
    };

    /// <summary>
    /// The drawing of one replay (boxes and arrows, in a group classed by its tone), without the outer element: the
    /// page defines each distinct drawing once as a symbol and every flow that looks the same uses it.
    /// </summary>
    public static string Body(SelectionResult s, FlowTone tone, string culture, out int width, out int height)
    {
        var labels = HtmlLabels.For(culture);
        var states = States(s);
        var count = Math.Max(states.Count, 1);
        var columns = Math.Min(count, PerRow);
        var rows = (count + PerRow - 1) / PerRow;
        width = Pad * 2 + columns * BoxWidth + (columns - 1) * GapX;
        height = Pad * 2 + rows * BoxHeight + (rows - 1) * RowGap;
        var html = new StringBuilder(2048);
        html.Append("<g class=\"fl ").Append(ToneClass(tone)).Append("\">");

        // Arrows first, so the boxes sit on top of them.
        for (var i = 0; i + 1 < states.Count; i++)
        {
            var onPath = states[i].State != StepState.NotReached && states[i + 1].State != StepState.NotReached;
            var (x1, y1) = Origin(i);
            var (x2, y2) = Origin(i + 1);
            html.Append("<path class=\"").Append(onPath ? "e on" : "e").Append("\" d=\"");
            if (i / PerRow == (i + 1) / PerRow)
            {
                html.Append('M').Append(Html.Num(x1 + BoxWidth)).Append(' ').Append(Html.Num(y1 + BoxHeight / 2.0))
                    .Append('H').Append(Html.Num(x2 - 3));
            }
            else
            {
                // The row goes on below: round the right end, back along the gap, into the next row's first box.
                var gapY = y1 + BoxHeight + RowGap / 2.0;
                html.Append('M').Append(Html.Num(x1 + BoxWidth / 2.0)).Append(' ').Append(Html.Num(y1 + BoxHeight))
                    .Append('V').Append(Html.Num(gapY))
                    .Append('H').Append(Html.Num(x2 + BoxWidth / 2.0))
                    .Append('V').Append(Html.Num(y2 - 3));
            }

            html.Append("\"/>");
        }

        for (var i = 0; i < states.Count; i++)
        {
            var (step, state) = states[i];
            var (x, y) = Origin(i);
            html.Append("<g class=\"").Append(StateClass(state)).Append("\"><rect x=\"").Append(Html.Num(x)).Append("\" y=\"").Append(Html.Num(y))
                .Append("\" width=\"").Append(Html.Num(BoxWidth)).Append("\" height=\"").Append(Html.Num(BoxHeight)).Append("\" rx=\"6\"/>");
            html.Append("<text class=\"n\" x=\"").Append(Html.Num(x + 7)).Append("\" y=\"").Append(Html.Num(y + 14)).Append("\">")
                .Append(Html.Escape(step.Label)).Append("</text>");
            // Three lines of title fit above the status line ("TlsCertificateName on the source server" takes three).
            var lines = Wrap(SelectionText.StepTitle(step.Kind, culture), TextWidth, 3);
            for (var l = 0; l < lines.Count; l++)
            {
                html.Append("<text x=\"").Append(Html.Num(x + 7)).Append("\" y=\"").Append(Html.Num(y + 28 + l * 12)).Append("\">")
                    .Append(Html.Escape(lines[l])).Append("</text>");
            }

            var status = state switch
            {
                StepState.Skipped => labels.Skipped,
                StepState.NotReached => labels.NotReached,
                StepState.Decided => labels.Decided,
                _ => null,
            };
            if (status is not null)
            {
                html.Append("<text class=\"s\" x=\"").Append(Html.Num(x + 7)).Append("\" y=\"").Append(Html.Num(y + BoxHeight - 6)).Append("\">")
                    .Append(Html.Escape(status)).Append("</text>");
            }

            if (state == StepState.Decided)
            {
                Badge(html, x + BoxWidth, y, tone);
            }

            html.Append("</g>");
        }

        return html.Append("</g>").ToString();
    }

    /// <summary>One flow: the symbol of its drawing, at its size; <paramref name="label"/> names it for assistive technology.</summary>
    public static void WriteUse(StringBuilder html, string symbol, int width, int height, string label) =>
        html.Append("<svg class=\"flow\" viewBox=\"0 0 ").Append(Html.Num(width)).Append(' ').Append(Html.Num(height))
            .Append("\" width=\"").Append(Html.Num(width)).Append("\" height=\"").Append(Html.Num(height))
            .Append("\" role=\"img\" aria-label=\"").Append(Html.Escape(label)).Append("\"><use href=\"#").Append(symbol).Append("\"/></svg>");

    /// <summary>A drawing as a symbol of the page's definitions.</summary>
    public static void WriteSymbol(StringBuilder html, string symbol, string body, int width, int height) =>
        html.Append("<symbol id=\"").Append(symbol).Append("\" viewBox=\"0 0 ").Append(Html.Num(width)).Append(' ').Append(Html.Num(height))
            .Append("\" width=\"").Append(Html.Num(width)).Append("\" height=\"").Append(Html.Num(height)).Append("\">").Append(body).Append("</symbol>");

    /// <summary>A mark on the deciding box's corner: a tick when the sessions work, a cross when they fail, "!" otherwise.</summary>
    private static void Badge(StringBuilder html, int right, int top, FlowTone tone)
    {
        var cx = right - 2;
        var cy = top + 2;
        html.Append("<circle class=\"b\" cx=\"").Append(Html.Num(cx)).Append("\" cy=\"").Append(Html.Num(cy)).Append("\" r=\"9\"/>");
        var mark = tone switch
        {
            FlowTone.Ok => $"M{Html.Num(cx - 4)} {Html.Num(cy)}l3 3l5 -6",
            FlowTone.Bad => $"M{Html.Num(cx - 4)} {Html.Num(cy - 4)}l8 8M{Html.Num(cx + 4)} {Html.Num(cy - 4)}l-8 8",
            _ => $"M{Html.Num(cx)} {Html.Num(cy - 5)}v6M{Html.Num(cx)} {Html.Num(cy + 3)}v1.5",
        };
        html.Append("<path class=\"m\" d=\"").Append(mark).Append("\"/>");
    }

    private static (int X, int Y) Origin(int index) =>
        (Pad + index % PerRow * (BoxWidth + GapX), Pad + index / PerRow * (BoxHeight + RowGap));

    private static string StateClass(StepState state) => state switch
    {
        StepState.Taken => "st tk",
        StepState.Skipped => "st sk",
        StepState.Decided => "st dc",
        _ => "st nr",
    };

    internal static string ToneClass(FlowTone tone) => tone switch
    {
        FlowTone.Ok => "ok",
        FlowTone.Warn => "warn",
        FlowTone.Bad => "bad",
        _ => "neu",
    };

    /// <summary>
    /// Greedy line breaking by an estimate of the rendered width (11 px sans: a CJK character is about a full em,
    /// others about 0.56 em); a word too long for a line is cut between characters; what does not fit in
    /// <paramref name="maxLines"/> ends with an ellipsis.
    /// </summary>
    internal static IReadOnlyList<string> Wrap(string text, double width, int maxLines)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        double used = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = Width(word);
            var space = line.Length > 0 ? Width(" ") : 0;
            if (line.Length > 0 && used + space + w > width)
            {
                lines.Add(line.ToString());
                line.Clear();
                used = 0;
                space = 0;
            }

            if (w > width)
            {
                foreach (var c in word)
                {
                    var cw = Width(c.ToString());
                    if (used + cw > width && line.Length > 0)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                        used = 0;
                    }

                    line.Append(c);
                    used += cw;
                }

                continue;
            }

            if (space > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
            used += space + w;
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        if (lines.Count > maxLines)
        {
            lines = lines.Take(maxLines).ToList();
            lines[^1] = lines[^1].TrimEnd() + "…";
        }

        return lines;
    }

    private static double Width(string text)
    {
        double w = 0;
        foreach (var c in text)
        {
            w += c >= '\u2E80' ? 11 : c is 'i' or 'l' or 'I' or '.' or ',' or ':' or ' ' ? 3.2 : char.IsUpper(c) ? 7.4 : 6.2;
        }

        return w;
    }
}
