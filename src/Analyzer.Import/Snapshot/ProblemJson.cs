using System.Globalization;
using Extls.Model;
using Newtonsoft.Json.Linq;

namespace Extls.Import;

/// <summary>A problem as data (its place, code and facts), so that a snapshot keeps why a section was unreadable in every language.</summary>
public static class ProblemJson
{
    public static JObject Write(ImportProblem p)
    {
        var a = p.Arguments;
        var args = new JObject();
        Add(args, "name", a.Name);
        Add(args, "value", a.Value);
        if (a.Found is { } found)
        {
            args["found"] = new JObject { ["shape"] = found.Shape.ToString(), ["text"] = found.Text };
        }

        Add(args, "expected", a.Expected?.ToString());
        Add(args, "entry", a.Entry?.ToString());
        Add(args, "fault", a.Fault?.ToString());
        if (!a.Names.IsDefaultOrEmpty)
        {
            args["names"] = new JArray(a.Names.Select(n => (object)n));
        }

        if (a.Number is { } number)
        {
            args["number"] = number;
        }

        if (a.Limit is { } limit)
        {
            args["limit"] = limit;
        }

        Add(args, "detail", a.Detail);
        return new JObject { ["file"] = p.File, ["line"] = p.Line, ["jsonPath"] = p.JsonPath, ["code"] = p.Code, ["arguments"] = args };
    }

    /// <summary>The problem a snapshot holds, or null when it holds none or one of a code this version does not know.</summary>
    public static ImportProblem? Read(JToken? t)
    {
        if (t is not JObject o || ProblemCodes.Parse((string?)o["code"]) is not { } kind)
        {
            return null;
        }

        var a = o["arguments"] as JObject ?? [];
        var arguments = new ProblemArguments
        {
            Name = (string?)a["name"],
            Value = (string?)a["value"],
            Found = a["found"] is JObject f && Enum.TryParse<ValueShape>((string?)f["shape"], out var shape) ? new FoundValue(shape, (string?)f["text"]) : null,
            Expected = Parse<ExpectedValue>(a["expected"]),
            Entry = Parse<EntryKind>(a["entry"]),
            Fault = Parse<CsvFault>(a["fault"]),
            Names = a["names"] is JArray names ? [.. names.Select(n => (string?)n ?? "")] : [],
            Number = (long?)a["number"],
            Limit = (long?)a["limit"],
            Detail = (string?)a["detail"],
        };
        return new ImportProblem((string?)o["file"] ?? "", Convert.ToInt32((long?)o["line"] ?? 0, CultureInfo.InvariantCulture), (string?)o["jsonPath"] ?? "$", kind, arguments);
    }

    private static void Add(JObject o, string name, string? value)
    {
        if (value is not null)
        {
            o[name] = value;
        }
    }

    private static T? Parse<T>(JToken? t)
        where T : struct, Enum => Enum.TryParse<T>((string?)t, out var v) ? v : null;
}
