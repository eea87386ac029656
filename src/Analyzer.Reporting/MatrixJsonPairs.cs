using Newtonsoft.Json;
using Extls.Rules;
using Extls.Selection;

namespace Extls.Reporting;

/// <summary>
/// The "pairs" array of the matrix JSON, written as text fragments in exactly the layout the Json.NET writer gives
/// (2-space indent, LF, its string escaping). A million pairs through the token writer cost more than the rest of
/// the command; a pair's text is almost entirely its two halves' (names, connector, answer, outcomes, causes), and
/// there are only a few thousand halves, so each half's fragment is rendered once and every pair is a handful of
/// copies. Lone surrogates are still made U+FFFD by the <see cref="LfWriter"/> every JSON output passes.
/// </summary>
internal sealed class MatrixJsonPairs(MailFlowReport report, TextWriter output)
{
    // Pair objects sit in the root object's "pairs" array: the object at 4 spaces, its properties at 6.
    private const string PairStart = "    {\n      \"sender\": ";
    private const string ReceiverName = ",\n      \"receiver\": ";
    private const string PathName = ",\n      \"path\": ";
    private const string ConnectorName = ",\n      \"receiveConnector\": ";
    private const string AnswerName = ",\n      \"answer\": ";
    private const string WorksName = ",\n      \"anonymousTlsWorks\": ";
    private const string SenderOutcomeName = ",\n      \"senderOutcome\": ";
    private const string ReceiverOutcomeName = ",\n      \"receiverOutcome\": ";
    private const string CausesName = ",\n      \"causes\": ";
    private const string PairEnd = "\n    }";

    private readonly Dictionary<string, string> quoted = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AnonymousTlsSide, string> senderParts = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AnonymousTlsSide, ReceiverPart> receiverParts = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AnonymousTlsSide, string> sideCauses = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ConnectorAnswer, string> answers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Writes "[", the pairs, "]" as the value of the root's "pairs" property (whose name is already written).</summary>
    public void Write()
    {
        var first = true;
        foreach (var p in report.Pairs)
        {
            output.Write(first ? "[\n" : ",\n");
            first = false;
            WritePair(p);
        }

        output.Write(first ? "[]" : "\n  ]");
    }

    private void WritePair(ServerPairResult p)
    {
        output.Write(PairStart);
        output.Write(Quoted(p.Sender));
        output.Write(ReceiverName);
        output.Write(Quoted(p.Receiver));

        var receiving = ReceiverPartOf(p);
        output.Write(receiving.Middle);
        output.Write(p.AnonymousTlsWorks switch
        {
            true => "true",
            false => "false",
            null => "null",
        });
        output.Write(SenderPartOf(p.SenderSide));
        output.Write(receiving.Outcome);

        var senderFails = p.SenderSide.Verdict == AnonymousTlsVerdict.Fails;
        var receiverFails = p.ReceiverSide.Verdict == AnonymousTlsVerdict.Fails;
        if (senderFails && receiverFails)
        {
            // Both halves fail: the two lists joined without repeats, as CausesOf gives them (rare enough to render each time).
            output.Write(CausesText(report.CausesOf(p)));
        }
        else
        {
            output.Write(senderFails ? SideCauses(p.SenderSide) : receiverFails ? SideCauses(p.ReceiverSide) : "[]");
        }

        output.Write(PairEnd);
    }

    /// <summary>The pair's text from its "path" to "anonymousTlsWorks": (all of it the receiving half's), and its receiver outcome with the "causes" name.</summary>
    private ReceiverPart ReceiverPartOf(ServerPairResult p)
    {
        var side = p.ReceiverSide;
        if (receiverParts.TryGetValue(side, out var part) && ReferenceEquals(part.Path, p.Path) && ReferenceEquals(part.Connector, p.ReceiveConnector))
        {
            return part;
        }

        var middle = string.Concat(
            PathName, Quote(p.Path),
            ConnectorName, Quote(p.ReceiveConnector),
            AnswerName, Answer(side.Answer),
            WorksName);
        var outcome = string.Concat(Quote(p.ReceiverResult is { } r ? Fmt.CamelCase(r.Outcome.ToString()) : null), CausesName);
        part = new ReceiverPart(p.Path, p.ReceiveConnector, middle, outcome);
        receiverParts[side] = part;
        return part;
    }

    private string SenderPartOf(AnonymousTlsSide side)
    {
        if (!senderParts.TryGetValue(side, out var part))
        {
            part = string.Concat(SenderOutcomeName, Quote(side.Result is { } s ? Fmt.CamelCase(s.Outcome.ToString()) : null), ReceiverOutcomeName);
            senderParts.Add(side, part);
        }

        return part;
    }

    private string SideCauses(AnonymousTlsSide side)
    {
        if (!sideCauses.TryGetValue(side, out var text))
        {
            text = CausesText(report.CausesOf(side));
            sideCauses.Add(side, text);
        }

        return text;
    }

    /// <summary>The pair's "causes" array: each finding's rule and fingerprint, objects at 8 spaces, properties at 10.</summary>
    private static string CausesText(IReadOnlyList<Finding> causes)
    {
        if (causes.Count == 0)
        {
            return "[]";
        }

        var text = new System.Text.StringBuilder("[");
        for (var i = 0; i < causes.Count; i++)
        {
            text.Append(i == 0 ? "\n" : ",\n")
                .Append("        {\n          \"ruleId\": ").Append(Quote(causes[i].RuleId))
                .Append(",\n          \"fingerprint\": ").Append(Quote(causes[i].Fingerprint))
                .Append("\n        }");
        }

        return text.Append("\n      ]").ToString();
    }

    private string Answer(ConnectorAnswer? a)
    {
        if (a is null)
        {
            return "null";
        }

        if (!answers.TryGetValue(a, out var json))
        {
            json = MatrixWriter.AnswerAtPairDepth(a);
            answers.Add(a, json);
        }

        return json;
    }

    /// <summary>A server's name as a JSON string; the names are the matrix's own strings, one per server, so they are quoted once each.</summary>
    private string Quoted(string name)
    {
        if (!quoted.TryGetValue(name, out var text))
        {
            text = Quote(name);
            quoted.Add(name, text);
        }

        return text;
    }

    /// <summary>A JSON string (or null) escaped exactly as Json.NET's writer escapes it.</summary>
    private static string Quote(string? value) => value is null ? "null" : JsonConvert.ToString(value);

    private sealed record ReceiverPart(string Path, string? Connector, string Middle, string Outcome);
}
