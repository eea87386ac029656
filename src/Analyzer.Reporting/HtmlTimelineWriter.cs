using System.Text;
using Extls.Planning;
using Extls.Rules;

namespace Extls.Reporting;

/// <summary>
/// The timeline as one self-contained page, in the style of the analysis report and under the same
/// Content-Security-Policy: the first break at the top, then every date in order with what moves the findings on it
/// and the findings that appear and disappear; the date of the first break is highlighted. Every string goes through
/// <see cref="Html.Escape"/>.
/// </summary>
public sealed class HtmlTimelineWriter(RenderSettings settings) : ITimelineWriter
{
    public ReportFormat Format => ReportFormat.Html;

    public string Render(TimelineResult result) => TextOf.Write(w => Write(result, w));

    public void Write(TimelineResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var culture = settings.Culture;
        var ja = Fmt.IsJapanese(culture);
        var labels = Labels.For(culture);
        var words = Words.For(culture);
        var s = result.AsOf.Snapshot;
        var firstBreak = result.FirstBreakDate;
        var b = new StringBuilder(1 << 14);
        b.Append("<!DOCTYPE html>\n<html lang=\"").Append(ja ? "ja" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(HtmlReportWriter.ContentSecurityPolicy).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"").Append(Html.Escape($"{ToolInfo.Name} {ToolInfo.Version}")).Append("\">\n")
            .Append("<title>").Append(Html.Escape(s.Organization is null ? words.Title : $"{words.Title} — {s.Organization}")).Append("</title>\n")
            .Append("<style>").Append(HtmlReportWriter.Style).Append(TimelineStyle).Append("</style>\n</head>\n<body>\n");

        b.Append("<header>\n<h1>").Append(Html.Escape(words.Title)).Append("</h1>\n<p class=\"meta\">")
            .Append(Html.Escape($"{labels.Organization}: {s.Organization ?? labels.Unknown}")).Append(" · ")
            .Append(Html.Escape($"{labels.CollectedAt} {(s.CollectedAt is { } c ? Fmt.Date(c) : labels.Unknown)}")).Append(" · ")
            .Append(Html.Escape($"{words.Period} {Fmt.Date(result.AsOf.AsOf)} – {Fmt.Date(result.Until)}")).Append("</p>\n</header>\n");

        b.Append("<section id=\"summary\">\n<h2>").Append(Html.Escape(words.Summary)).Append("</h2>\n");
        if (firstBreak is null)
        {
            b.Append("<p class=\"good\" id=\"first-break\">").Append(Html.Escape(words.NothingBreaks)).Append("</p>\n");
        }
        else
        {
            b.Append("<p class=\"firstbreak\" id=\"first-break\">").Append(Html.Escape(words.FirstBreak)).Append(" <a href=\"#").Append(DateId(result.Dates.IndexOf(firstBreak)))
                .Append("\">").Append(Html.Escape(Fmt.Date(firstBreak.Date))).Append("</a></p>\n");
        }

        b.Append("<div class=\"cards\">");
        Card(b, "c-servers", words.Dates, result.Dates.Length);
        Card(b, "c-error", words.Appear, result.Dates.Sum(d => d.Appears.Length));
        Card(b, "c-ok", words.Disappear, result.Dates.Sum(d => d.Disappears.Length));
        b.Append("</div>\n</section>\n");

        b.Append("<section id=\"dates\">\n<h2>").Append(Html.Escape(words.DatesTitle)).Append("</h2>\n");
        if (result.Dates.IsEmpty)
        {
            b.Append("<p class=\"good\">").Append(Html.Escape(words.NoChange)).Append("</p>\n");
        }
        else
        {
            b.Append("<ol class=\"timeline\">\n");
        }

        for (var i = 0; i < result.Dates.Length; i++)
        {
            var d = result.Dates[i];
            var isBreak = ReferenceEquals(d, firstBreak);
            b.Append("<li class=\"tl-date").Append(isBreak ? " break" : "").Append("\" id=\"").Append(DateId(i)).Append("\">\n<h3><time datetime=\"")
                .Append(Html.Escape(Fmt.Date(d.Date))).Append("\">").Append(Html.Escape(Fmt.Date(d.Date))).Append("</time>");
            if (isBreak)
            {
                b.Append(" <span class=\"badge sev-error\">").Append(Html.Escape(words.FirstBreakBadge)).Append("</span>");
            }

            b.Append("</h3>\n<ul class=\"plain causes\">");
            foreach (var cause in d.Causes)
            {
                b.Append("<li>").Append(Html.Escape(TimelineWriters.Cause(cause, culture))).Append("</li>");
            }

            b.Append("</ul>\n");
            Findings(b, "appears", $"{words.Appear} ({Html.Num(d.Appears.Length)})", d.Appears, labels, withMessage: true);
            Findings(b, "disappears", $"{words.Disappear} ({Html.Num(d.Disappears.Length)})", d.Disappears, labels, withMessage: false);
            b.Append("</li>\n");
        }

        if (!result.Dates.IsEmpty)
        {
            b.Append("</ol>\n");
        }

        b.Append("</section>\n<footer>").Append(Html.Escape($"{HtmlLabels.For(culture).Generated} {ToolInfo.Name} {ToolInfo.Version}")).Append("</footer>\n</body>\n</html>\n");
        output.Write(b);
    }

    private void Findings(StringBuilder b, string cls, string title, IReadOnlyList<Finding> findings, Labels labels, bool withMessage)
    {
        if (findings.Count == 0)
        {
            return;
        }

        var culture = settings.Culture;
        b.Append("<div class=\"").Append(cls).Append("\"><p class=\"fixhead\">").Append(Html.Escape(title)).Append("</p>\n");
        foreach (var f in findings)
        {
            var severity = ReportTerms.Severity(f.Severity, culture);
            b.Append("<article class=\"finding sev-").Append(Fmt.SeverityName(f.Severity)).Append(f.Suppression is null ? "" : " suppressed").Append("\">\n<h4><span class=\"sev\">")
                .Append(Html.Escape(f.Suppression is null ? severity : $"{labels.Suppressed} ({severity})")).Append("</span> <span class=\"rule\">")
                .Append(Html.Escape(f.RuleId)).Append("</span> ").Append(Html.Escape(string.IsNullOrWhiteSpace(f.Title) ? f.Name : f.Title)).Append("</h4>\n");
            if (withMessage)
            {
                b.Append("<p>").Append(Html.Escape(f.Message)).Append("</p>\n");
            }

            b.Append("<dl><dt>").Append(Html.Escape(labels.Target)).Append("</dt><dd>")
                .Append(Html.Escape($"{ReportTerms.TargetKind(f.Target.Kind, culture)} {f.Target.Id}")).Append("</dd></dl>\n</article>\n");
        }

        b.Append("</div>\n");
    }

    private static void Card(StringBuilder b, string cls, string label, int value) =>
        b.Append("<div class=\"card ").Append(cls).Append("\"><span class=\"v\">").Append(Html.Num(value)).Append("</span><span class=\"l\">")
            .Append(Html.Escape(label)).Append("</span></div>");

    private static string DateId(int index) => "d" + Html.Num(index + 1);

    private const string TimelineStyle = """
ol.timeline{list-style:none;margin:0;padding:0 0 0 14px;border-left:3px solid var(--line)}
.tl-date{position:relative;margin:0 0 14px;padding:4px 12px 6px}.tl-date::before{content:"";position:absolute;left:-22px;top:10px;width:11px;height:11px;border-radius:50%;background:var(--grey);border:2px solid var(--bg)}
.tl-date.break{background:var(--red-bg);border:1px solid var(--red);border-radius:6px}.tl-date.break::before{background:var(--red)}
.tl-date h3{margin:4px 0}.causes{color:var(--dim);font-size:13px;overflow-wrap:anywhere}.disappears .finding{opacity:.72}

""";

    /// <summary>The page's own words, in English and Japanese.</summary>
    internal sealed record Words(string Title, string Period, string Summary, string FirstBreak, string FirstBreakBadge, string NothingBreaks,
        string Dates, string DatesTitle, string Appear, string Disappear, string NoChange, string Section, string Date, string Why, string Command)
    {
        public static Words For(string culture) => Fmt.IsJapanese(culture)
            ? new("Exchange トランスポート TLS タイムライン", "期間", "概要", "最初に問題が起きる日:", "最初の問題", "期間内に新しいエラーはありません。",
                "検出事項が変わる日", "日付ごとの変化", "現れる検出事項", "なくなる検出事項", "期間内に検出事項は変わりません。",
                "タイムライン", "日付", "理由", "extls timeline PATH --until DATE は任意の期間のすべての日付を示します (--format html で単一のページ)。")
            : new("Exchange transport TLS timeline", "period", "Summary", "First break:", "first break", "Nothing breaks before the horizon.",
                "Dates findings change", "What changes, date by date", "Findings that appear", "Findings that disappear", "No finding changes before the horizon.",
                "Timeline", "Date", "Why", "extls timeline PATH --until DATE lists every date to any horizon (--format html for a page of its own).");
    }
}
