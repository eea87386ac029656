using System.Collections.Immutable;
using System.Text;
using Extls.Evidence;
using Extls.Model;
using Extls.Rules;
using Extls.Selection;

namespace Extls.Reporting;

/// <summary>
/// The analysis as one self-contained HTML page a consultant can hand a customer: summary counts, the failing
/// mail flow between servers summarised by root cause, and per server its findings with their PowerShell, a
/// drawing of every certificate selection and the certificate inventory. Nothing is loaded from anywhere: the
/// style sheet and the drawings are inline, there is no script, and the page's Content-Security-Policy forbids
/// every load. Every string goes through <see cref="Html.Escape"/>. The page is written as it is built, one
/// server at a time, and never lists pairs one by one: a thousand servers give a page of a few megabytes.
/// </summary>
public sealed class HtmlReportWriter(RenderSettings settings) : IReportWriter
{
    /// <summary>Server sections start open up to this many servers; beyond, they start folded.</summary>
    internal const int OpenServers = 12;

    /// <summary>Failing halves listed per root cause; the rest are counted.</summary>
    internal const int ListedHalves = 12;

    /// <summary>Servers with findings listed in the summary, worst first.</summary>
    internal const int ListedServers = 20;

    /// <summary>Root causes listed in the open; beyond, a table by rule comes first and the causes are folded.</summary>
    internal const int ListedCauses = 10;

    /// <summary>Example pairs listed per root cause.</summary>
    internal const int ListedPairs = 5;

    /// <summary>Forbids every load: no script, no remote style, image, font, frame or form target; inline style only.</summary>
    internal const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; connect-src 'none'; font-src 'none'; " +
        "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Dates listed in the timeline section; the rest are counted, and extls timeline lists them all.</summary>
    internal const int ListedDates = 10;

    public ReportFormat Format => ReportFormat.Html;

    /// <summary>The timeline of the same analysis to the default horizon; when null the report has no timeline section.</summary>
    public Planning.TimelineResult? Timeline { get; init; }

    public string Render(AnalysisResult result) => TextOf.Write(output => Write(result, output));

    public void Write(AnalysisResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var culture = settings.Culture;
        var labels = Labels.For(culture);
        var html = HtmlLabels.For(culture);
        var page = new Page(result, culture);
        var b = new StringBuilder(1 << 16);

        void Flush()
        {
            output.Write(b);
            b.Clear();
        }

        var organization = result.Snapshot.Organization;
        b.Append("<!DOCTYPE html>\n<html lang=\"").Append(Fmt.IsJapanese(culture) ? "ja" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"").Append(Html.Escape($"{ToolInfo.Name} {ToolInfo.Version}")).Append("\">\n")
            .Append("<title>").Append(Html.Escape(organization is null ? html.Title : $"{html.Title} — {organization}")).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        b.Append("<svg class=\"defs\" aria-hidden=\"true\" width=\"0\" height=\"0\"><defs>")
            .Append("<marker id=\"ah\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L8 4L0 8z\" class=\"ahp\"/></marker>")
            .Append("<marker id=\"ahon\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L8 4L0 8z\" class=\"ahon\"/></marker>")
            ;
        foreach (var (symbol, body, width, height) in page.Drawings)
        {
            HtmlFlowDrawing.WriteSymbol(b, symbol, body, width, height);
        }

        b.Append("</defs></svg>\n");

        WriteHeader(b, result, labels, html);
        WriteContents(b, result, page, html, Timeline is not null);
        WriteSummary(b, result, page, html);
        if (Timeline is { } timeline)
        {
            WriteTimeline(b, timeline, page);
        }

        Flush();
        WriteMailFlow(b, page, labels, html);
        WriteEvidence(b, result, page, labels, html);
        Flush();

        b.Append("<section id=\"servers\">\n<h2>").Append(Html.Escape(html.ServersTitle)).Append("</h2>\n")
            .Append("<p class=\"hint\">").Append(Html.Escape(html.CopyHint)).Append("</p>\n");
        var open = page.Servers.Count <= OpenServers;
        for (var i = 0; i < page.Servers.Count; i++)
        {
            WriteServer(b, page, page.Servers[i], i, open, labels, html);
            Flush();
        }

        b.Append("</section>\n");

        if (page.OrganizationFindings.Count > 0)
        {
            b.Append("<section id=\"organization\">\n<h2>").Append(Html.Escape(html.OrganizationFindings)).Append("</h2>\n");
            foreach (var f in page.OrganizationFindings)
            {
                WriteFinding(b, page, f, labels);
            }

            b.Append("</section>\n");
        }

        WriteExpiredSuppressions(b, result, labels);
        WriteProblems(b, result, labels, culture);
        b.Append("<footer>").Append(Html.Escape($"{html.Generated} {ToolInfo.Name} {ToolInfo.Version}")).Append("</footer>\n</body>\n</html>\n");
        Flush();
    }

    private static void WriteHeader(StringBuilder b, AnalysisResult result, Labels labels, HtmlLabels html)
    {
        var s = result.Snapshot;
        b.Append("<header>\n<h1>").Append(Html.Escape(html.Title)).Append("</h1>\n<p class=\"meta\">")
            .Append(Html.Escape($"{labels.Organization}: {s.Organization ?? labels.Unknown}")).Append(" · ")
            .Append(Html.Escape($"{labels.CollectedAt} {(s.CollectedAt is { } c ? Fmt.Date(c) : labels.Unknown)}")).Append(" · ")
            .Append(Html.Escape($"{labels.AsOf} {Fmt.Date(result.AsOf)}")).Append("</p>\n</header>\n");
    }

    private static void WriteContents(StringBuilder b, AnalysisResult result, Page page, HtmlLabels html, bool timeline)
    {
        b.Append("<nav><h2>").Append(Html.Escape(html.Contents)).Append("</h2><ul>")
            .Append("<li><a href=\"#summary\">").Append(Html.Escape(html.SummaryTitle)).Append("</a></li>");
        if (timeline)
        {
            b.Append("<li><a href=\"#timeline\">").Append(Html.Escape(HtmlTimelineWriter.Words.For(page.Culture).Section)).Append("</a></li>");
        }

        b
            .Append("<li><a href=\"#mailflow\">").Append(Html.Escape(html.MailFlowTitle)).Append("</a></li>");
        if (!result.Evidence.Selections.IsDefaultOrEmpty)
        {
            b.Append("<li><a href=\"#evidence\">").Append(Html.Escape(EvidenceText.For(page.Culture).Title)).Append("</a></li>");
        }

        b            .Append("<li><a href=\"#servers\">").Append(Html.Escape($"{html.ServersTitle} ({Html.Num(page.Servers.Count)})")).Append("</a></li>");
        if (page.OrganizationFindings.Count > 0)
        {
            b.Append("<li><a href=\"#organization\">").Append(Html.Escape(html.OrganizationFindings)).Append("</a></li>");
        }

        b.Append("</ul></nav>\n");
    }

    private static void WriteSummary(StringBuilder b, AnalysisResult result, Page page, HtmlLabels html)
    {
        var counts = page.Counts;
        b.Append("<section id=\"summary\">\n<h2>").Append(Html.Escape(html.SummaryTitle)).Append("</h2>\n<div class=\"cards\">");
        Card(b, "c-error", html.Errors, result.Summary.Error);
        Card(b, "c-warning", html.Warnings, result.Summary.Warning);
        Card(b, "c-note", html.Notes, result.Summary.Note);
        Card(b, "c-suppressed", html.SuppressedCount, result.Summary.Suppressed);
        Card(b, "c-servers", html.ServersCount, page.Servers.Count);
        Card(b, "c-pairs", html.PairsTotal, counts.Pairs);
        Card(b, counts.Failing > 0 ? "c-error" : "c-ok", html.PairsFailing, counts.Failing);
        Card(b, counts.Unknown > 0 ? "c-warning" : "c-ok", html.PairsUnknown, counts.Unknown);
        b.Append("</div>\n");

        // One row per server with findings or failures, worst first: where to start reading.
        b.Append("<table class=\"servers\"><thead><tr><th>").Append(Html.Escape(Labels.For(page.Culture).Server)).Append("</th><th>")
            .Append(Html.Escape(html.Errors)).Append("</th><th>").Append(Html.Escape(html.Warnings)).Append("</th><th>")
            .Append(Html.Escape(html.Notes)).Append("</th></tr></thead><tbody>");
        var listed = page.Servers.Select((name, i) => (Name: name, Index: i, Counts: page.SeverityCounts(name)))
            .Where(x => x.Counts.Error + x.Counts.Warning + x.Counts.Note > 0)
            .OrderByDescending(x => x.Counts.Error).ThenByDescending(x => x.Counts.Warning).ThenByDescending(x => x.Counts.Note)
            .ThenBy(x => x.Index)
            .ToList();
        foreach (var (name, index, c) in listed.Take(ListedServers))
        {
            b.Append("<tr><td><a href=\"#").Append(ServerId(index)).Append("\">").Append(Html.Escape(name)).Append("</a></td>")
                .Append("<td class=\"num").Append(c.Error > 0 ? " sev-error" : "").Append("\">").Append(Html.Num(c.Error)).Append("</td>")
                .Append("<td class=\"num").Append(c.Warning > 0 ? " sev-warning" : "").Append("\">").Append(Html.Num(c.Warning)).Append("</td>")
                .Append("<td class=\"num").Append(c.Note > 0 ? " sev-note" : "").Append("\">").Append(Html.Num(c.Note)).Append("</td></tr>");
        }

        b.Append("</tbody></table>\n");
        if (listed.Count > ListedServers)
        {
            b.Append("<p class=\"more\">").Append(Html.Escape(html.AndMore(listed.Count - ListedServers))).Append("</p>\n");
        }

        b.Append("</section>\n");
    }

    /// <summary>
    /// The dates within the default horizon on which findings change, first break highlighted: what moves them, the
    /// findings that appear and those that go (linked to where they are reported now).
    /// </summary>
    private static void WriteTimeline(StringBuilder b, Planning.TimelineResult timeline, Page page)
    {
        var culture = page.Culture;
        var words = HtmlTimelineWriter.Words.For(culture);
        var firstBreak = timeline.FirstBreakDate;
        b.Append("<section id=\"timeline\">\n<h2>").Append(Html.Escape(words.Section)).Append("</h2>\n<p class=\"meta\">")
            .Append(Html.Escape($"{words.Period} {Fmt.Date(timeline.AsOf.AsOf)} – {Fmt.Date(timeline.Until)}")).Append("</p>\n");
        b.Append(firstBreak is null ? "<p class=\"good\">" : "<p class=\"firstbreak\">")
            .Append(Html.Escape(firstBreak is null ? words.NothingBreaks : $"{words.FirstBreak} {Fmt.Date(firstBreak.Date)}")).Append("</p>\n");
        if (timeline.Dates.IsEmpty)
        {
            b.Append("<p>").Append(Html.Escape(words.NoChange)).Append("</p>\n</section>\n");
            return;
        }

        b.Append("<table class=\"timeline\"><thead><tr><th>").Append(Html.Escape(words.Date)).Append("</th><th>").Append(Html.Escape(words.Why))
            .Append("</th><th>").Append(Html.Escape(words.Appear)).Append("</th><th>").Append(Html.Escape(words.Disappear)).Append("</th></tr></thead><tbody>");
        foreach (var d in timeline.Dates.Take(ListedDates))
        {
            b.Append(ReferenceEquals(d, firstBreak) ? "<tr class=\"break\">" : "<tr>").Append("<td class=\"mono\">").Append(Html.Escape(Fmt.Date(d.Date))).Append("</td><td><ul class=\"plain\">");
            foreach (var cause in d.Causes)
            {
                b.Append("<li>").Append(Html.Escape(TimelineWriters.Cause(cause, culture))).Append("</li>");
            }

            b.Append("</ul></td><td><ul class=\"plain\">");
            foreach (var f in d.Appears)
            {
                b.Append("<li class=\"sev-").Append(Fmt.SeverityName(f.Severity)).Append("\"><span class=\"sev\">").Append(Html.Escape(ReportTerms.Severity(f.Severity, culture)))
                    .Append("</span> <b>").Append(Html.Escape(f.RuleId)).Append("</b> ").Append(Html.Escape($"{ReportTerms.TargetKind(f.Target.Kind, culture)} {f.Target.Id}")).Append("</li>");
            }

            b.Append("</ul></td><td><ul class=\"plain\">");
            foreach (var f in d.Disappears)
            {
                b.Append("<li><a href=\"#").Append(page.FindingId(f)).Append("\"><b>").Append(Html.Escape(f.RuleId)).Append("</b></a> ")
                    .Append(Html.Escape($"{ReportTerms.TargetKind(f.Target.Kind, culture)} {f.Target.Id}")).Append("</li>");
            }

            b.Append("</ul></td></tr>");
        }

        b.Append("</tbody></table>\n");
        if (timeline.Dates.Length > ListedDates)
        {
            b.Append("<p class=\"more\">").Append(Html.Escape(HtmlLabels.For(culture).AndMore(timeline.Dates.Length - ListedDates))).Append("</p>\n");
        }

        b.Append("<p class=\"hint\">").Append(Html.Escape(words.Command)).Append("</p>\n</section>\n");
    }

    private static void Card(StringBuilder b, string cls, string label, int value) =>
        b.Append("<div class=\"card ").Append(cls).Append("\"><span class=\"v\">").Append(value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append("</span><span class=\"l\">")
            .Append(Html.Escape(label)).Append("</span></div>");

    private static void WriteMailFlow(StringBuilder b, Page page, Labels labels, HtmlLabels html)
    {
        var counts = page.Counts;
        b.Append("<section id=\"mailflow\">\n<h2>").Append(Html.Escape(html.MailFlowTitle)).Append("</h2>\n<p>")
            .Append(Html.Escape(labels.MatrixSummary(counts.Pairs, counts.Working, counts.Failing, counts.Unknown))).Append("</p>\n");
        var groups = page.MailFlowGroups;
        if (groups.Count == 0)
        {
            b.Append("<p class=\"good\">").Append(Html.Escape(html.NoFailingPairs)).Append("</p>\n");
        }
        else
        {
            var folded = groups.Count > ListedCauses;
            if (folded)
            {
                // Many root causes: first what kinds there are, then every one of them folded away.
                b.Append("<table class=\"rules\"><thead><tr><th>").Append(Html.Escape(labels.Cause)).Append("</th><th>").Append(Html.Escape(html.CausesCount))
                    .Append("</th><th>").Append(Html.Escape(html.ServersCount)).Append("</th><th>").Append(Html.Escape(html.PairsBroken)).Append("</th></tr></thead><tbody>");
                foreach (var (rule, example, causes, servers, pairs) in page.MailFlowRules)
                {
                    b.Append("<tr><td>");
                    if (example is not null)
                    {
                        b.Append("<b>").Append(Html.Escape(rule)).Append("</b> ").Append(Html.Escape(example.Title));
                    }
                    else
                    {
                        b.Append("<span class=\"dim\">").Append(Html.Escape(html.NoKnownCause)).Append("</span>");
                    }

                    b.Append("</td><td class=\"num\">").Append(Html.Num(causes)).Append("</td><td class=\"num\">").Append(Html.Num(servers))
                        .Append("</td><td class=\"num\">").Append(Html.Num(pairs)).Append("</td></tr>");
                }

                b.Append("</tbody></table>\n<details class=\"causes\"><summary>").Append(Html.Escape(html.EveryCause(groups.Count))).Append("</summary>\n");
            }

            b.Append("<table class=\"causes\"><thead><tr><th>").Append(Html.Escape(labels.Cause)).Append("</th><th>")
                .Append(Html.Escape(html.FailingHalves)).Append("</th><th>").Append(Html.Escape(html.PairsBroken)).Append("</th><th>")
                .Append(Html.Escape(html.ExamplePairs)).Append("</th></tr></thead><tbody>\n");
            foreach (var g in groups)
            {
                b.Append("<tr><td>");
                if (g.Cause is { } cause)
                {
                    b.Append("<a href=\"#").Append(page.FindingId(cause)).Append("\"><b>").Append(Html.Escape(cause.RuleId)).Append("</b></a> ")
                        .Append(Html.Escape(cause.Title)).Append("<br><span class=\"dim\">").Append(Html.Escape(cause.Target.Id)).Append("</span>");
                }
                else
                {
                    b.Append("<span class=\"dim\">").Append(Html.Escape(html.NoKnownCause)).Append("</span>");
                }

                b.Append("</td><td><ul class=\"plain\">");
                foreach (var side in g.Halves.Take(ListedHalves))
                {
                    b.Append("<li><a href=\"#").Append(page.ServerAnchor(side.Server)).Append("\">").Append(Html.Escape(side.Server)).Append("</a> ")
                        .Append(Html.Escape(side.Scenario == Scenario.OutboundAnonymousTls ? html.Outbound : $"{html.Inbound} ({html.PathName(side.Path ?? "")})"));
                    if (side.NoAcceptingConnector)
                    {
                        b.Append(": ").Append(Html.Escape(html.NoAcceptingConnector));
                    }
                    else if (side.ReceiveConnector is { } connector)
                    {
                        b.Append(": ").Append(Html.Escape(connector));
                    }

                    b.Append("</li>");
                }

                if (g.Halves.Count > ListedHalves)
                {
                    b.Append("<li class=\"more\">").Append(Html.Escape(html.AndMore(g.Halves.Count - ListedHalves))).Append("</li>");
                }

                b.Append("</ul></td><td class=\"num\">").Append(Html.Num(g.Pairs)).Append("</td><td><ul class=\"plain\">");
                foreach (var (sender, receiver) in g.Examples)
                {
                    b.Append("<li>").Append(Html.Escape($"{sender} → {receiver}")).Append("</li>");
                }

                if (g.Pairs > g.Examples.Count)
                {
                    b.Append("<li class=\"more\">").Append(Html.Escape(html.AndMore(g.Pairs - g.Examples.Count))).Append("</li>");
                }

                b.Append("</ul></td></tr>\n");
            }

            b.Append("</tbody></table>\n");
            if (folded)
            {
                b.Append("</details>\n");
            }
        }

        b.Append("<p class=\"hint\">").Append(Html.Escape(html.MatrixNote)).Append("</p>\n</section>\n");
    }

    private static void WriteServer(StringBuilder b, Page page, string server, int index, bool open, Labels labels, HtmlLabels html)
    {
        var c = page.SeverityCounts(server);
        var findings = page.FindingsOf(server);
        b.Append("<details class=\"server\" id=\"").Append(ServerId(index)).Append('"').Append(open ? " open" : "").Append(">\n<summary><span class=\"name\">")
            .Append(Html.Escape(server)).Append("</span>");
        Badge(b, "sev-error", c.Error, html.Errors);
        Badge(b, "sev-warning", c.Warning, html.Warnings);
        Badge(b, "sev-note", c.Note, html.Notes);
        b.Append("</summary>\n");

        if (findings.Count > 0)
        {
            b.Append("<h3>").Append(Html.Escape(labels.Findings)).Append("</h3>\n");
            foreach (var f in findings)
            {
                WriteFinding(b, page, f, labels);
            }
        }

        WriteFlows(b, page, server, labels, html);
        WriteCertificates(b, page, server, labels, html);
        b.Append("</details>\n");
    }

    private static void Badge(StringBuilder b, string cls, int count, string label)
    {
        if (count > 0)
        {
            b.Append(" <span class=\"badge ").Append(cls).Append("\">").Append(Html.Escape($"{label} {Html.Num(count)}")).Append("</span>");
        }
    }

    private static void WriteFinding(StringBuilder b, Page page, Finding f, Labels labels)
    {
        var culture = page.Culture;
        var suppressed = f.Suppression is not null;
        var severity = ReportTerms.Severity(f.Severity, culture);
        b.Append("<article class=\"finding sev-").Append(Fmt.SeverityName(f.Severity)).Append(suppressed ? " suppressed" : "").Append("\" id=\"")
            .Append(page.FindingId(f)).Append("\">\n<h4><span class=\"sev\">")
            .Append(Html.Escape(suppressed ? $"{labels.Suppressed} ({severity})" : severity)).Append("</span> <span class=\"rule\">")
            .Append(Html.Escape(f.RuleId)).Append("</span> ").Append(Html.Escape(string.IsNullOrWhiteSpace(f.Title) ? f.Name : f.Title)).Append("</h4>\n<p>")
            .Append(Html.Escape(f.Message)).Append("</p>\n<dl>");
        Fact(b, labels.Target, $"{ReportTerms.TargetKind(f.Target.Kind, culture)} {f.Target.Id}");
        if (f.EventId is { } e)
        {
            Fact(b, labels.Event, Fmt.Int(e));
        }

        if (f.Location is { } l)
        {
            Fact(b, labels.Location, Fmt.FileLine(l));
        }

        if (!f.Impacts.IsDefaultOrEmpty)
        {
            b.Append("<dt>").Append(Html.Escape(labels.Impacts)).Append("</dt><dd><ul class=\"plain\">");
            foreach (var scenario in f.Impacts.GroupBy(i => i.Scenario).OrderBy(g => g.Key))
            {
                var where = scenario.Select(i => i.Connector ?? i.Server).Distinct(StringComparer.Ordinal).ToList();
                b.Append("<li><b>").Append(Html.Escape(SelectionText.ScenarioShortTitle(scenario.Key, culture))).Append("</b>: ")
                    .Append(Html.Escape(string.Join(labels.ListSeparator, where.Take(20))));
                if (where.Count > 20)
                {
                    b.Append(' ').Append(Html.Escape(HtmlLabels.For(culture).AndMore(where.Count - 20)));
                }

                b.Append("</li>");
            }

            b.Append("</ul></dd>");
        }

        if (!f.Assumptions.IsDefaultOrEmpty)
        {
            b.Append("<dt>").Append(Html.Escape(labels.Assumptions)).Append("</dt><dd><ul class=\"plain\">");
            foreach (var a in f.Assumptions)
            {
                b.Append("<li><b>").Append(Html.Escape(a)).Append("</b>: ").Append(Html.Escape(SelectionText.Assumption(a, culture))).Append("</li>");
            }

            b.Append("</ul></dd>");
        }

        if (f.Suppression is { } s)
        {
            Fact(b, labels.Suppressed, s.Expires is { } x ? $"[{s.Kind}] {s.Justification} ({labels.Expires} {Fmt.Day(x)})" : $"[{s.Kind}] {s.Justification}");
        }

        b.Append("</dl>\n");
        if (!string.IsNullOrWhiteSpace(f.Remediation))
        {
            b.Append("<p class=\"fixhead\">").Append(Html.Escape(labels.Remediation)).Append("</p><pre class=\"ps\"><code>");
            foreach (var line in f.Remediation.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
            {
                // Comments dimmed, commands as they are: the script reads the same copied from either.
                if (line.TrimStart().StartsWith('#'))
                {
                    b.Append("<span class=\"cm\">").Append(Html.Escape(line)).Append("</span>\n");
                }
                else
                {
                    b.Append(Html.Escape(line)).Append('\n');
                }
            }

            b.Append("</code></pre>\n");
        }

        b.Append("</article>\n");
    }

    private static void Fact(StringBuilder b, string label, string value) =>
        b.Append("<dt>").Append(Html.Escape(label)).Append("</dt><dd>").Append(Html.Escape(value)).Append("</dd>");

    private static void WriteFlows(StringBuilder b, Page page, string server, Labels labels, HtmlLabels html)
    {
        var culture = page.Culture;
        b.Append("<h3>").Append(Html.Escape(html.FlowsTitle)).Append("</h3>\n");
        var flows = page.FlowsOf(server);
        if (flows.Count == 0)
        {
            b.Append("<p class=\"dim\">").Append(Html.Escape(html.NoSelections)).Append("</p>\n");
            return;
        }

        b.Append("<p class=\"hint\">").Append(Html.Escape(html.Legend)).Append(Fmt.IsJapanese(page.Culture) ? "" : " ")
            .Append(Html.Escape(page.AllSteps ? html.ExplainNote : html.ExplainNoteLarge)).Append("</p>\n");
        foreach (var flow in flows)
        {
            var s = flow.Selection;
            var tone = flow.Tone;
            var inbound = s.Scenario is Scenario.InboundAnonymousTls or Scenario.InboundStartTls;
            var scenarioTitle = SelectionText.ScenarioTitle(s.Scenario, culture);
            var title = scenarioTitle.Length > 0 ? char.ToUpperInvariant(scenarioTitle[0]) + scenarioTitle[1..] : scenarioTitle;
            b.Append("<div class=\"flowbox\">\n<p class=\"flowhead\"><b>").Append(Html.Escape(title)).Append("</b> <span class=\"verdict ")
                .Append(HtmlFlowDrawing.ToneClass(tone)).Append("\">").Append(Html.Escape(SelectionText.Verdict(s, culture))).Append("</span></p>\n");
            if (flow.Connectors.Count > 0)
            {
                var what = s.Scenario == Scenario.OutboundStartTls ? labels.SendConnectorFrom(s.Server)
                    : flow.Connectors.Count > 1 ? (inbound ? labels.ReceiveConnectors : labels.SendConnectors)
                    : inbound ? labels.ReceiveConnector : labels.SendConnector;
                b.Append("<p class=\"applies\">").Append(Html.Escape($"{what} ({Html.Num(flow.Connectors.Count)}): "))
                    .Append(Html.Escape(string.Join(labels.ListSeparator, flow.Connectors))).Append("</p>\n");
            }

            HtmlFlowDrawing.WriteUse(b, flow.Symbol, flow.Width, flow.Height, $"{title}: {SelectionText.Verdict(s, culture)}");
            var events = s.Events.IsDefaultOrEmpty ? labels.None : string.Join(labels.ListSeparator, s.Events.Select(Fmt.Int));
            b.Append("\n<p class=\"outcome\">").Append(Html.Escape(SelectionText.Outcome(s, culture))).Append("<br><span class=\"dim\">")
                .Append(Html.Escape($"{labels.Certificate}: {s.Certificate ?? labels.None} · {labels.Events}: {events}")).Append("</span>");
            if (flow.Findings.Count > 0)
            {
                b.Append("<br>").Append(Html.Escape(labels.Findings)).Append(": ");
                var first = true;
                foreach (var f in flow.Findings)
                {
                    b.Append(first ? "" : labels.ListSeparator).Append("<a href=\"#").Append(page.FindingId(f)).Append("\">").Append(Html.Escape(f.RuleId)).Append("</a>");
                    first = false;
                }
            }

            b.Append("</p>\n");
            WriteFlowEvidence(b, flow, page.Culture);
            if (!page.StepsOf(flow))
            {
                b.Append("</div>\n");
                continue;
            }

            b.Append("<ol class=\"steps\">");
            foreach (var step in s.Trace.IsDefault ? [] : s.Trace)
            {
                b.Append("<li><b>").Append(Html.Escape($"{step.Step.Label}. {SelectionText.StepTitle(step.Kind, culture)}")).Append("</b> ")
                    .Append(Html.Escape(SelectionText.Decision(step, s.Server, culture))).Append("</li>");
            }

            b.Append("</ol>\n</div>\n");
        }
    }

    /// <summary>The verdict of the servers' own logs on a drawn flow: one line, and each connector's details when it stands for several.</summary>
    private static void WriteFlowEvidence(StringBuilder b, Flow flow, string culture)
    {
        if (flow.Evidence.Count == 0)
        {
            return;
        }

        var text = EvidenceText.For(culture);
        var first = flow.Evidence[0];
        b.Append("<p class=\"evidence\">").Append(Html.Escape(text.Short)).Append(": <span class=\"verdict ").Append(EvidenceClass(first.Verdict)).Append("\">")
            .Append(Html.Escape(text.Verdicts[first.Verdict])).Append("</span> ");
        if (flow.Evidence.Count == 1)
        {
            b.Append(Html.Escape(text.Line(first))).Append("</p>\n");
            return;
        }

        b.Append(Html.Escape(text.Reasons[first.Reason])).Append("</p>\n<ul class=\"plain evidence\">");
        foreach (var e in flow.Evidence.Where(e => !e.ObservedCertificates.IsDefaultOrEmpty || !e.Failures.IsDefaultOrEmpty || e.Events.Any(ev => ev.Count > 0)))
        {
            b.Append("<li>").Append(Html.Escape($"{e.Connector ?? e.Server}: {text.Line(e)}")).Append("</li>");
        }

        b.Append("</ul>\n");
    }

    private static string EvidenceClass(EvidenceVerdict verdict) => verdict switch
    {
        EvidenceVerdict.Confirmed => "ok",
        EvidenceVerdict.Contradicted => "warn",
        _ => "neu",
    };

    /// <summary>
    /// The run's evidence as the console gives it: what was read, the tally, every contradicted selection, the confirmed
    /// ones up to a limit (each server's flows carry all of them), and the unobserved ones counted by reason.
    /// </summary>
    private static void WriteEvidence(StringBuilder b, AnalysisResult result, Page page, Labels labels, HtmlLabels html)
    {
        var evidence = result.Evidence;
        if (evidence.Selections.IsDefaultOrEmpty)
        {
            return;
        }

        var text = EvidenceText.For(page.Culture);
        b.Append("<section id=\"evidence\">\n<h2>").Append(Html.Escape(text.Title)).Append("</h2>\n<p class=\"meta\">")
            .Append(Html.Escape(text.Statistics(evidence.Set))).Append("</p>\n<div class=\"cards\">");
        foreach (var (verdict, count) in EvidenceText.Tally(result))
        {
            Card(b, verdict switch { EvidenceVerdict.Confirmed => "c-ok", EvidenceVerdict.Contradicted => count > 0 ? "c-warning" : "c-ok", _ => "c-note" }, text.Verdicts[verdict], count);
        }

        b.Append("</div>\n");
        var listed = evidence.Selections
            .Where(e => e.Verdict != EvidenceVerdict.Unobserved || !e.Failures.IsDefaultOrEmpty || e.Events.Any(ev => ev.Count > 0))
            .OrderBy(e => e.Verdict == EvidenceVerdict.Contradicted ? 0 : 1)
            .ThenBy(e => e.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Connector ?? "", StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Scenario)
            .ToList();
        var shown = listed.Where(e => e.Verdict == EvidenceVerdict.Contradicted).Concat(listed.Where(e => e.Verdict != EvidenceVerdict.Contradicted).Take(ListedServers)).ToList();
        if (shown.Count > 0)
        {
            b.Append("<div class=\"scroll\"><table class=\"evidence\"><thead><tr><th>").Append(Html.Escape(html.EvidenceVerdict)).Append("</th><th>")
                .Append(Html.Escape(labels.Server)).Append("</th><th>").Append(Html.Escape(html.EvidenceSelection)).Append("</th><th>")
                .Append(Html.Escape(html.EvidenceWhy)).Append("</th></tr></thead><tbody>");
            foreach (var e in shown)
            {
                b.Append("<tr><td><span class=\"verdict ").Append(EvidenceClass(e.Verdict)).Append("\">").Append(Html.Escape(text.Verdicts[e.Verdict])).Append("</span></td><td><a href=\"#")
                    .Append(page.ServerAnchor(e.Server)).Append("\">").Append(Html.Escape(e.Server)).Append("</a></td><td>")
                    .Append(Html.Escape(SelectionText.ScenarioShortTitle(e.Scenario, page.Culture)));
                if (e.Connector is { } connector)
                {
                    b.Append("<br><span class=\"dim\">").Append(Html.Escape(connector)).Append("</span>");
                }

                b.Append("</td><td>").Append(Html.Escape(text.Line(e))).Append("</td></tr>");
            }

            b.Append("</tbody></table></div>\n");
        }

        if (listed.Count > shown.Count)
        {
            b.Append("<p class=\"more\">").Append(Html.Escape(html.AndMore(listed.Count - shown.Count))).Append("</p>\n");
        }

        var unobserved = evidence.Selections.Where(e => e.Verdict == EvidenceVerdict.Unobserved).GroupBy(e => e.Reason).OrderBy(g => g.Key).ToList();
        if (unobserved.Count > 0)
        {
            b.Append("<p>").Append(Html.Escape($"{text.Verdicts[EvidenceVerdict.Unobserved]}:")).Append("</p>\n<ul class=\"plain\">");
            foreach (var g in unobserved)
            {
                b.Append("<li>").Append(Html.Escape($"{text.Reasons[g.Key]} × {Fmt.Int(g.Count())}")).Append("</li>");
            }

            b.Append("</ul>\n");
        }

        b.Append("</section>\n");
    }

    private static void WriteCertificates(StringBuilder b, Page page, string server, Labels labels, HtmlLabels html)
    {
        var culture = page.Culture;
        b.Append("<h3>").Append(Html.Escape(html.CertificatesTitle)).Append("</h3>\n");
        var state = page.StoreState(server);
        if (state is not null and not SectionState.Collected)
        {
            b.Append("<p class=\"warnline\">").Append(Html.Escape($"{labels.StoreNotKnown} ({SelectionText.SectionState(state.Value, culture)})")).Append("</p>\n");
            return;
        }

        var entries = page.CertificatesOf(server);
        if (entries.Count == 0)
        {
            b.Append("<p class=\"dim\">").Append(Html.Escape(labels.NoCertificates)).Append("</p>\n");
            return;
        }

        b.Append("<div class=\"scroll\"><table class=\"certs\"><thead><tr>");
        foreach (var h in new[] { labels.CertificateColumns[1], labels.CertificateColumns[2], labels.Issuer, labels.Names, labels.ServicesLabel, html.Validity, labels.PrivateKey, labels.KeyLabel, html.Status, labels.Role })
        {
            b.Append("<th>").Append(Html.Escape(h)).Append("</th>");
        }

        b.Append("</tr></thead><tbody>");
        foreach (var c in entries)
        {
            var cert = c.Certificate;
            var cls = c.DaysLeft < 0 ? "expired" : c.InternalTransport || !c.ChosenFor.IsEmpty ? "used" : "unused";
            var days = c.DaysLeft < 0 ? labels.ExpiredDaysAgo(-c.DaysLeft) : labels.DaysLeft(c.DaysLeft);
            b.Append("<tr class=\"").Append(cls).Append("\"><td class=\"mono\">").Append(Html.Escape(c.Thumbprint)).Append("</td><td>")
                .Append(Html.Escape(cert.Subject)).Append("</td><td>").Append(Html.Escape(cert.Issuer));
            if (cert.IsSelfSigned == true)
            {
                b.Append(" <span class=\"dim\">(").Append(Html.Escape(labels.SelfSigned)).Append(")</span>");
            }

            b.Append("</td><td>").Append(Html.Escape(CertificatesWriter.Names(cert, labels))).Append("</td><td>")
                .Append(Html.Escape(CertificatesWriter.Services(c.Store, labels))).Append("</td><td>")
                .Append(Html.Escape($"{Fmt.Day(cert.NotBefore)} – {Fmt.Day(cert.NotAfter)}")).Append("<br><span class=\"dim\">").Append(Html.Escape(days))
                .Append("</span></td><td>").Append(Html.Escape(CertificatesWriter.YesNo(c.Store.HasPrivateKey, labels))).Append("</td><td>")
                .Append(Html.Escape($"{CertificatesWriter.Key(cert, labels)} · {cert.SignatureAlgorithm ?? labels.Unknown}")).Append("</td><td>")
                .Append(Html.Escape(c.Store.Status?.ToString() ?? labels.Unknown)).Append("</td><td>")
                .Append(Html.Escape(CertificatesWriter.Role(c, labels, culture))).Append("</td></tr>");
        }

        b.Append("</tbody></table></div>\n");
    }

    private static void WriteExpiredSuppressions(StringBuilder b, AnalysisResult result, Labels labels)
    {
        if (result.ExpiredSuppressions.IsDefaultOrEmpty)
        {
            return;
        }

        b.Append("<section id=\"expired\">\n<h2>").Append(Html.Escape(labels.ExpiredSuppressions)).Append("</h2>\n<ul>");
        foreach (var e in result.ExpiredSuppressions)
        {
            b.Append("<li>").Append(Html.Escape(labels.ExpiredSuppression(e.Suppression.RuleId, e.Suppression.Target, Fmt.Day(e.Suppression.Expires!.Value), e.MatchingFindings))).Append("</li>");
        }

        b.Append("</ul>\n</section>\n");
    }

    private static void WriteProblems(StringBuilder b, AnalysisResult result, Labels labels, string culture)
    {
        if (result.Problems.IsDefaultOrEmpty)
        {
            return;
        }

        b.Append("<section id=\"problems\">\n<h2>").Append(Html.Escape(labels.Problems)).Append("</h2>\n<ul class=\"mono\">");
        foreach (var p in result.Problems)
        {
            b.Append("<li>").Append(Html.Escape(ProblemWording.Line(p, culture))).Append("</li>");
        }

        b.Append("</ul>\n</section>\n");
    }

    private static string ServerId(int index) => "s" + Html.Num(index + 1);

    /// <summary>
    /// What the page is drawn from, indexed once: servers in name order, each one's findings, folded replays and
    /// inventory, the mail-flow matrix counted and its failing halves grouped by root cause. Linear in servers,
    /// connectors, certificates and findings, plus one pass over the pairs to count them.
    /// </summary>
    private sealed class Page
    {
        private readonly Dictionary<string, List<Finding>> findingsByServer = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<Flow>> flowsByServer = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<InventoryEntry>> certificatesByServer = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, SectionState> stores = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> serverIndex = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Finding, string> findingIds = new(ReferenceEqualityComparer.Instance);
        private readonly List<(string, string, int, int)> drawings = [];

        public Page(AnalysisResult result, string culture)
        {
            Culture = culture;
            var findings = result.Findings.IsDefault ? [] : result.Findings;
            var selections = result.Selections.IsDefault ? [] : result.Selections;
            var snapshot = result.Snapshot;

            var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var server in snapshot.Servers.IsDefault ? [] : snapshot.Servers)
            {
                names.Add(server.Name);
                stores.TryAdd(server.Name, server.Certificates.State);
            }

            var organization = new List<Finding>();
            var usedIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in findings)
            {
                var id = "f-" + f.Fingerprint;
                for (var n = 2; !usedIds.Add(id); n++)
                {
                    id = $"f-{f.Fingerprint}-{Html.Num(n)}";
                }

                findingIds[f] = id;
                if (string.IsNullOrEmpty(f.Server))
                {
                    organization.Add(f);
                    continue;
                }

                names.Add(f.Server);
                Add(findingsByServer, f.Server, f);
            }

            OrganizationFindings = organization;
            Servers = [.. names];
            for (var i = 0; i < Servers.Count; i++)
            {
                serverIndex[Servers[i]] = i;
            }

            // Replays that read the same once the connector's name is set aside are drawn once, with the connectors they apply to.
            var links = SelectionFindings.Link(selections, findings);
            var folds = new Dictionary<string, Flow>(StringComparer.Ordinal);
            var symbols = new Dictionary<string, string>(StringComparer.Ordinal);
            AllSteps = Servers.Count <= OpenServers;
            for (var i = 0; i < selections.Length; i++)
            {
                var s = selections[i];
                var linked = links[i];
                var evidence = result.Evidence.For(s);
                var key = FoldKey(s, linked) + (evidence is null ? "" : $"\u0006{evidence.Verdict}:{evidence.Reason}");
                if (!folds.TryGetValue(key, out var flow))
                {
                    var worst = linked.Where(f => f.Suppression is null).Select(f => (Severity?)f.Severity).DefaultIfEmpty(null).Max();
                    flow = new Flow(s, HtmlFlowDrawing.Tone(s, worst));
                    var body = HtmlFlowDrawing.Body(s, flow.Tone, culture, out var width, out var height);
                    if (!symbols.TryGetValue(body, out var symbol))
                    {
                        symbol = "d" + Html.Num(symbols.Count + 1);
                        symbols[body] = symbol;
                        drawings.Add((symbol, body, width, height));
                    }

                    (flow.Symbol, flow.Width, flow.Height) = (symbol, width, height);
                    folds[key] = flow;
                    Add(flowsByServer, s.Server, flow);
                }

                if (s.Connector is { } connector)
                {
                    flow.Connectors.Add(connector);
                }

                if (evidence is not null)
                {
                    flow.Evidence.Add(evidence);
                }

                foreach (var f in linked)
                {
                    if (!flow.Findings.Contains(f))
                    {
                        flow.Findings.Add(f);
                    }
                }
            }

            foreach (var list in flowsByServer.Values)
            {
                list.Sort((x, y) => Order(x.Selection).CompareTo(Order(y.Selection)) is var c && c != 0 ? c
                    : StringComparer.OrdinalIgnoreCase.Compare(x.Connectors.FirstOrDefault(), y.Connectors.FirstOrDefault()));
            }

            foreach (var entry in CertificateInventory.Build(snapshot, selections, result.AsOf))
            {
                Add(certificatesByServer, entry.Server, entry);
            }

            var matrix = MailFlowMatrix.Build(snapshot, selections);
            Counts = matrix.Count();
            MailFlowGroups = Group(matrix, findings, out var byRule);
            MailFlowRules = byRule;
        }

        public string Culture { get; }

        /// <summary>Each distinct drawing once, in the order flows first use it.</summary>
        public IReadOnlyList<(string Symbol, string Body, int Width, int Height)> Drawings => drawings;

        /// <summary>Every flow lists its steps' decisions; in a large organisation only the flows that fail, warn or cause a finding do.</summary>
        public bool AllSteps { get; }

        public bool StepsOf(Flow flow) => AllSteps || flow.Tone != FlowTone.Ok || flow.Findings.Count > 0;

        public IReadOnlyList<string> Servers { get; }

        public IReadOnlyList<Finding> OrganizationFindings { get; }

        public MailFlowCounts Counts { get; }

        public IReadOnlyList<MailFlowGroup> MailFlowGroups { get; }

        /// <summary>The root causes by rule: how many findings, failing servers and broken pairs (a pair counted once per rule).</summary>
        public IReadOnlyList<(string Rule, Finding? Example, int Causes, int Servers, int Pairs)> MailFlowRules { get; }

        public IReadOnlyList<Finding> FindingsOf(string server) => findingsByServer.TryGetValue(server, out var list) ? list : [];

        public IReadOnlyList<Flow> FlowsOf(string server) => flowsByServer.TryGetValue(server, out var list) ? list : [];

        public IReadOnlyList<InventoryEntry> CertificatesOf(string server) => certificatesByServer.TryGetValue(server, out var list) ? list : [];

        public SectionState? StoreState(string server) => stores.TryGetValue(server, out var state) ? state : null;

        public string FindingId(Finding finding) => findingIds.TryGetValue(finding, out var id) ? id : "f-" + finding.Fingerprint;

        public string ServerAnchor(string server) => serverIndex.TryGetValue(server, out var i) ? ServerId(i) : "servers";

        public (int Error, int Warning, int Note) SeverityCounts(string server)
        {
            int e = 0, w = 0, n = 0;
            foreach (var f in FindingsOf(server).Where(f => f.Suppression is null))
            {
                switch (f.Severity)
                {
                    case Severity.Error: e++; break;
                    case Severity.Warning: w++; break;
                    case Severity.Note: n++; break;
                }
            }

            return (e, w, n);
        }

        private static int Order(SelectionResult s) => s.Scenario switch
        {
            Scenario.InboundAnonymousTls => 0,
            Scenario.InboundStartTls => 1,
            Scenario.OutboundAnonymousTls => 2,
            _ => 3,
        };

        private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(value);
        }

        /// <summary>
        /// The failing halves grouped by their root-cause finding (or, when no reported finding explains them, by
        /// server), with the pairs each group breaks counted and the first few named: one pass over the failing
        /// pairs, nothing kept per pair.
        /// </summary>
        private static List<MailFlowGroup> Group(MailFlowMatrix matrix, ImmutableArray<Finding> findings, out IReadOnlyList<(string Rule, Finding? Example, int Causes, int Servers, int Pairs)> byRule)
        {
            var causes = MailFlowCauses.From(findings);
            var groups = new SortedDictionary<string, MailFlowGroup>(StringComparer.Ordinal);
            MailFlowGroup GroupFor(Finding? cause, string server)
            {
                var key = cause is null ? "2\n" + server.ToUpperInvariant() : "1\n" + cause.RuleId + "\n" + cause.Fingerprint;
                if (!groups.TryGetValue(key, out var g))
                {
                    groups[key] = g = new MailFlowGroup(cause);
                }

                return g;
            }

            var sideCauses = new Dictionary<AnonymousTlsSide, IReadOnlyList<Finding>>(ReferenceEqualityComparer.Instance);
            var pairsByRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var side in matrix.Sides().Where(s => s.Verdict == AnonymousTlsVerdict.Fails))
            {
                var found = causes.Of(side);
                sideCauses[side] = found;
                if (found.Count == 0)
                {
                    GroupFor(null, side.Server).Halves.Add(side);
                }

                foreach (var f in found)
                {
                    GroupFor(f, side.Server).Halves.Add(side);
                }
            }

            foreach (var pair in matrix.Pairs(AnonymousTlsVerdict.Fails))
            {
                var touched = new HashSet<MailFlowGroup>(ReferenceEqualityComparer.Instance);
                foreach (var side in new[] { pair.SenderSide, pair.ReceiverSide })
                {
                    if (side.Verdict != AnonymousTlsVerdict.Fails || !sideCauses.TryGetValue(side, out var found))
                    {
                        continue;
                    }

                    if (found.Count == 0)
                    {
                        touched.Add(GroupFor(null, side.Server));
                    }

                    foreach (var f in found)
                    {
                        touched.Add(GroupFor(f, side.Server));
                    }
                }

                foreach (var rule in touched.Select(g => g.Cause?.RuleId ?? "").Distinct(StringComparer.Ordinal))
                {
                    pairsByRule[rule] = pairsByRule.GetValueOrDefault(rule) + 1;
                }

                foreach (var g in touched)
                {
                    g.Pairs++;
                    if (g.Examples.Count < ListedPairs)
                    {
                        g.Examples.Add((pair.Sender, pair.Receiver));
                    }
                }
            }

            // A half that no pair goes through breaks no mail flow. The causes that break most come first.
            byRule = [.. groups.Values.Where(g => g.Pairs > 0).GroupBy(g => g.Cause?.RuleId ?? "", StringComparer.Ordinal)
                .Select(r => (r.Key, r.First().Cause, r.Count(), r.SelectMany(g => g.Halves).Select(h => h.Server).Distinct(StringComparer.OrdinalIgnoreCase).Count(), pairsByRule.GetValueOrDefault(r.Key)))
                .OrderByDescending(r => r.Item5).ThenBy(r => r.Key, StringComparer.Ordinal)];
            return [.. groups.Values.Where(g => g.Pairs > 0)
                .OrderByDescending(g => g.Pairs)
                .ThenBy(g => g.Cause?.RuleId ?? "~", StringComparer.Ordinal)
                .ThenBy(g => g.Halves[0].Server, StringComparer.OrdinalIgnoreCase)];
        }

        /// <summary>Everything a flow shows but the connector's name, in invariant words: replays with the same key draw and read alike.</summary>
        private static string FoldKey(SelectionResult s, ImmutableArray<Finding> findings)
        {
            var k = new StringBuilder(512);
            k.Append(s.Scenario.ToId()).Append('\u0001').Append(s.Server.ToUpperInvariant()).Append('\u0001').Append(s.Outcome).Append('\u0001')
                .Append(s.Certificate).Append('\u0001').Append(s.EndedAtStep).Append('\u0001').Append(s.VerdictOf()).Append('\u0001')
                .Append(s.MatchKey).Append('\u0001');
            foreach (var e in s.Events.IsDefault ? [] : s.Events)
            {
                k.Append(e).Append(',');
            }

            foreach (var step in s.Trace.IsDefault ? [] : s.Trace)
            {
                k.Append('\u0002').Append(step.Kind).Append(':').Append(step.Reason).Append(':').Append(step.Event);
                foreach (var read in step.Reads.IsDefault ? [] : step.Reads)
                {
                    if (read.Field != TraceField.Connector)
                    {
                        k.Append('\u0003').Append(read.Field).Append('=').Append(read.Of).Append(SelectionText.Value(read.Value, japanese: false));
                    }
                }
            }

            foreach (var skip in s.Skipped.IsDefault ? [] : s.Skipped)
            {
                k.Append('\u0004').Append(skip.Step.Kind).Append(':').Append(skip.Reason);
            }

            foreach (var f in findings)
            {
                k.Append('\u0005').Append(f.RuleId).Append(':').Append(f.Fingerprint);
            }

            return k.ToString();
        }
    }

    /// <summary>One drawn replay and the connectors whose replays read the same.</summary>
    private sealed class Flow(SelectionResult selection, FlowTone tone)
    {
        public SelectionResult Selection { get; } = selection;

        public FlowTone Tone { get; } = tone;

        public string Symbol { get; set; } = "";

        public int Width { get; set; }

        public int Height { get; set; }

        public List<string> Connectors { get; } = [];

        public List<Finding> Findings { get; } = [];

        /// <summary>What the servers' own logs say about each folded replay (all with one verdict and reason); empty when no log was read.</summary>
        public List<SelectionEvidence> Evidence { get; } = [];
    }

    /// <summary>The failing halves one root cause (or one server, when none is known) accounts for, and the pairs they break.</summary>
    private sealed class MailFlowGroup(Finding? cause)
    {
        public Finding? Cause { get; } = cause;

        public List<AnonymousTlsSide> Halves { get; } = [];

        public int Pairs { get; set; }

        public List<(string Sender, string Receiver)> Examples { get; } = [];
    }

    internal const string Style = """
:root{--fg:#1b1f24;--dim:#5c6570;--line:#d4d9df;--bg:#fff;--soft:#f5f7f9;--blue:#1f5fa8;--blue-bg:#e7f0fb;--red:#b3261e;--red-bg:#fbeaea;--amber:#8a5a00;--amber-bg:#fff4d6;--green:#1e7d3a;--green-bg:#e6f4ea;--grey:#8a939c}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1180px;padding:20px 28px 40px;font:14px/1.5 "Segoe UI",system-ui,"Helvetica Neue",Arial,"DejaVu Sans","Yu Gothic UI","Meiryo","Hiragino Sans","Noto Sans CJK JP","IPAexGothic","IPAGothic",sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}h3{font-size:15px;margin:18px 0 8px}h4{font-size:14px;margin:0 0 4px}
a{color:var(--blue)}.meta,.dim,.hint,.more{color:var(--dim)}.hint{font-size:12.5px}
nav ul{display:flex;flex-wrap:wrap;gap:6px 18px;padding:0;margin:0;list-style:none}nav h2{display:none}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 14px}.card{min-width:112px;padding:8px 12px;border:1px solid var(--line);border-radius:8px;background:var(--soft)}
.card .v{display:block;font-size:22px;font-weight:600}.card .l{font-size:12px;color:var(--dim)}
.c-error .v{color:var(--red)}.c-warning .v{color:var(--amber)}.c-note .v{color:var(--blue)}.c-ok .v{color:var(--green)}
table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:var(--soft);font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}.sev-error.num{color:var(--red);font-weight:600}.sev-warning.num{color:var(--amber);font-weight:600}.sev-note.num{color:var(--blue)}
ul.plain{margin:0;padding-left:16px}.good{color:var(--green)}.warnline{color:var(--amber)}
details.causes>summary{cursor:pointer;margin:6px 0;color:var(--blue)}
details.server{border:1px solid var(--line);border-radius:8px;margin:6px 0;padding:0 14px}details.server[open]{padding-bottom:12px}
details.server>summary{cursor:pointer;padding:6px 0;font-weight:600;font-size:15px}.badge{font-size:12px;font-weight:600;padding:1px 7px;border-radius:10px;margin-left:4px}
.badge.sev-error{background:var(--red-bg);color:var(--red)}.badge.sev-warning{background:var(--amber-bg);color:var(--amber)}.badge.sev-note{background:var(--blue-bg);color:var(--blue)}
.finding{border-left:4px solid var(--grey);background:var(--soft);padding:8px 12px;margin:8px 0;border-radius:0 6px 6px 0}
.finding.sev-error{border-color:var(--red)}.finding.sev-warning{border-color:#d39b00}.finding.sev-note{border-color:var(--blue)}.finding.suppressed{opacity:.72}
.finding .sev{font-size:12px;text-transform:uppercase;letter-spacing:.03em}.sev-error .sev{color:var(--red)}.sev-warning .sev{color:var(--amber)}.sev-note .sev{color:var(--blue)}
.finding .rule{font-family:Consolas,"DejaVu Sans Mono","MS Gothic","IPAGothic",monospace}.finding p{margin:2px 0 6px;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0;font-size:13px}dt{color:var(--dim)}dd{margin:0;overflow-wrap:anywhere}
.fixhead{margin:8px 0 2px;font-weight:600;font-size:13px}
pre.ps{margin:0;padding:8px 10px;background:#0f1720;color:#e6edf3;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;font:12.5px/1.45 Consolas,"DejaVu Sans Mono","MS Gothic","IPAGothic",monospace;user-select:all;-webkit-user-select:all;cursor:text}
pre.ps .cm{color:#9fb4c7}
.flowbox{margin:10px 0 16px;padding:8px 10px;border:1px solid var(--line);border-radius:6px}.flowhead{margin:0 0 2px}.applies{margin:0 0 4px;font-size:12.5px;color:var(--dim);overflow-wrap:anywhere}
.verdict{font-size:12px;font-weight:600;padding:1px 8px;border-radius:10px}.verdict.ok{background:var(--green-bg);color:var(--green)}.verdict.bad{background:var(--red-bg);color:var(--red)}.verdict.warn{background:var(--amber-bg);color:var(--amber)}.verdict.neu{background:var(--soft);color:var(--dim)}
.evidence{margin:2px 0 4px;font-size:12.5px;overflow-wrap:anywhere}table.evidence td{overflow-wrap:anywhere}table.evidence th,table.evidence td:nth-child(-n+2),.verdict{white-space:nowrap}
.outcome{margin:4px 0;font-size:13px;overflow-wrap:anywhere}ol.steps{margin:4px 0 0;padding-left:18px;font-size:12.5px;color:#333}ol.steps li{margin:1px 0;list-style:none;overflow-wrap:anywhere}
svg.flow{display:block;max-width:100%;height:auto;margin:4px 0}svg.defs{position:absolute}
.fl text{font:11px "Segoe UI",system-ui,Arial,"DejaVu Sans","Yu Gothic UI","Meiryo","Hiragino Sans","Noto Sans CJK JP","IPAexGothic","IPAGothic",sans-serif;fill:var(--fg)}.fl text.n{font-weight:700}.fl text.s{font-size:9.5px;font-style:italic;fill:var(--dim)}
.ahp{fill:#b8c0c8}.ahon{fill:var(--blue)}
.fl .e{fill:none;stroke:#c4cad1;stroke-width:1.4;marker-end:url(#ah)}.fl .e.on{stroke:var(--blue);stroke-width:2.2;marker-end:url(#ahon)}
.fl .st rect{stroke-width:1.4}.fl .tk rect{fill:var(--blue-bg);stroke:var(--blue)}.fl .sk rect{fill:#fff;stroke:var(--blue);stroke-dasharray:5 3}
.fl .nr rect{fill:#f3f4f6;stroke:#c9ced4;stroke-dasharray:2 3}.fl .nr text{fill:#9aa2ab}
.fl .dc rect{stroke-width:3.2}.fl.ok .dc rect{fill:var(--green-bg);stroke:var(--green)}.fl.bad .dc rect{fill:var(--red-bg);stroke:var(--red)}
.fl.warn .dc rect{fill:var(--amber-bg);stroke:#c98f00}.fl.neu .dc rect{fill:var(--soft);stroke:#56606b}
.fl .b{stroke:#fff;stroke-width:1.5}.fl.ok .b{fill:var(--green)}.fl.bad .b{fill:var(--red)}.fl.warn .b{fill:#c98f00}.fl.neu .b{fill:#56606b}
.fl .m{fill:none;stroke:#fff;stroke-width:2;stroke-linecap:round}
.scroll{overflow-x:auto}table.certs td{font-size:12.5px;overflow-wrap:anywhere;min-width:70px}.mono,td.mono{font-family:Consolas,"DejaVu Sans Mono","MS Gothic","IPAGothic",monospace;font-size:12px;word-break:break-all}
.firstbreak{font-size:15px;font-weight:600;color:var(--red)}tr.break td{background:var(--red-bg)}table.timeline{width:100%;table-layout:fixed}table.timeline th:first-child{width:15em}table.timeline td{word-break:break-all}table.timeline td.mono{white-space:nowrap;word-break:normal}table.timeline li .sev{font-size:11.5px;text-transform:uppercase}table.timeline li.sev-error .sev{color:var(--red)}table.timeline li.sev-warning .sev{color:var(--amber)}table.timeline li.sev-note .sev{color:var(--blue)}
tr.expired td{background:var(--red-bg)}tr.unused td{color:var(--dim)}
footer{margin-top:30px;color:var(--dim);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
@media print{details.server{break-inside:avoid-page}}
""";
}
