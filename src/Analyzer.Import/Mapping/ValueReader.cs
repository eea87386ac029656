using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Extls.Import.Formats;
using Extls.Model;
using static Extls.Import.Mapping.PowerShellValues;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Mapping;

/// <summary>
/// Reads single values out of a section tree and records a problem (file, line, JSON path) for a
/// value of the wrong type; absent → null (unknown). The shapes PowerShell gives values are
/// <see cref="PowerShellValues"/>'s, enum text is <see cref="EnumValues"/>', dates are <see cref="DumpDates"/>'.
/// </summary>
internal sealed class ValueReader(string file, string? dump = null)
{
    /// <summary>
    /// Problems listed for one file: a broken or hostile file (a million entries of the wrong type) would
    /// otherwise list one per entry; the rest are counted in one closing problem.
    /// </summary>
    public const int MaxProblems = 1000;

    private readonly List<ImportProblem> problems = [];
    private int unlisted;

    public string File { get; } = file;

    public IReadOnlyList<ImportProblem> Problems => unlisted == 0
        ? problems
        : [.. problems, new ImportProblem(File, 0, "$", ProblemKind.MoreProblemsNotListed, new() { Number = unlisted, Limit = MaxProblems })];

    public void Problem(JToken at, ProblemKind kind, ProblemArguments? arguments = null)
    {
        if (problems.Count >= MaxProblems)
        {
            unlisted++;
            return;
        }

        problems.Add(new ImportProblem(File, TokenLocation.LineOf(at), TokenLocation.PathOf(at), kind, arguments ?? ProblemArguments.None));
    }

    /// <summary>The dump the file belongs to, stamped on every location read here.</summary>
    public string? Dump { get; } = dump;

    public SourceLocation Location(JToken token) => TokenLocation.Of(token, File) with { Dump = Dump };

    /// <summary>The result objects of a section, whatever shape ConvertTo-Json gave the pipeline.</summary>
    public IReadOnlyList<JObject> Items(JToken root)
    {
        var list = new List<JObject>();
        var container = root;
        if (root is JObject o && Get(o, "value") is JArray wrapped && o.Properties().All(p => IsName(p.Name, "value") || IsName(p.Name, "Count")))
        {
            container = wrapped;
        }

        switch (container)
        {
            case JArray array:
                foreach (var item in array)
                {
                    if (Entry(item) is { } obj)
                    {
                        list.Add(obj);
                    }
                }

                break;
            case JObject single:
                list.Add(single);
                break;
            case JValue { Type: JTokenType.Null }:
                break;
            default:
                Problem(container, ProblemKind.UnexpectedValue, new() { Expected = ExpectedValue.ArrayOrObject, Found = Describe(container) });
                break;
        }

        return list;
    }

    /// <summary>An entry of a section's array: the object it should be, or null (a problem unless it is a JSON null).</summary>
    public JObject? Entry(JToken item)
    {
        if (item is JObject obj)
        {
            return obj;
        }

        if (item.Type != JTokenType.Null)
        {
            Problem(item, ProblemKind.EntryNotObject, new() { Found = Describe(item) });
        }

        return null;
    }

    /// <summary>A property that is there and set: its token (for problems) and its value with PowerShell's wrapper removed.</summary>
    private static bool TryGetSet(JObject obj, string name, [NotNullWhen(true)] out JToken? token, [NotNullWhen(true)] out JToken? value)
    {
        token = Get(obj, name);
        value = token is null ? null : Unwrap(token);
        return !IsNull(value);
    }

    /// <summary>
    /// The string form of a value, as Exchange's ToString() would show it. JSON null → "" (the property
    /// is there and says "not set"); absent → null.
    /// </summary>
    public string? Text(JObject obj, string name)
    {
        var t = Get(obj, name);
        if (t is null)
        {
            return null;
        }

        if (IsNull(Unwrap(t)))
        {
            return string.Empty;
        }

        var s = StringForm(t);
        if (s is null)
        {
            Problem(t, ProblemKind.UnexpectedValue, new() { Expected = ExpectedValue.Text, Name = name, Found = Describe(t) });
        }
        else if (IsTypeName(s))
        {
            return null;
        }

        return s;
    }

    public bool? Bool(JObject obj, string name)
    {
        var t = Get(obj, name);
        if (t is null)
        {
            return null;
        }

        var v = Unwrap(t);
        switch (v)
        {
            case JValue { Type: JTokenType.Null }:
                return null;
            case JValue { Type: JTokenType.Boolean } b:
                return (bool)b.Value!;
            case JValue { Type: JTokenType.String } s when bool.TryParse(((string)s.Value!).Trim(), out var parsed):
                return parsed;
            case JValue { Type: JTokenType.Integer, Value: long n } when n is 0 or 1:
                return n == 1;
            default:
                Problem(t, ProblemKind.UnexpectedValue, new() { Expected = ExpectedValue.Boolean, Name = name, Found = Describe(t) });
                return null;
        }
    }

    public int? Int(JObject obj, string name)
    {
        if (!TryGetSet(obj, name, out var t, out _))
        {
            return null;
        }

        var s = StringForm(t);
        if (s is not null && int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        Problem(t, ProblemKind.UnexpectedValue, new() { Expected = ExpectedValue.WholeNumber, Name = name, Found = Describe(t) });
        return null;
    }

    /// <summary>An enum from its number (Windows PowerShell 5.1) or its names ("Tls, ExchangeServer"), case-insensitive.</summary>
    /// <remarks>Code that runs on every import calls <see cref="EnumBits"/>: this generic form is compiled at run time for each enum.</remarks>
    public TEnum? Enum<TEnum>(JObject obj, string name)
        where TEnum : struct, Enum =>
        EnumBits(obj, name, typeof(TEnum)) is { } bits ? (TEnum)System.Enum.ToObject(typeof(TEnum), bits) : null;

    /// <summary>
    /// The bits of an enum of <paramref name="type"/>, read as <see cref="Enum{TEnum}"/> reads it; the caller converts
    /// them (<c>(ReceiveAuthMechanism?)r.EnumBits(o, "AuthMechanism", typeof(ReceiveAuthMechanism))</c>). Not generic:
    /// ReadyToRun cannot precompile code generic over an enum of the model, so each enum read cost a few methods
    /// compiled on every start.
    /// </summary>
    public long? EnumBits(JObject obj, string name, Type type)
    {
        if (!TryGetSet(obj, name, out var t, out var v))
        {
            return null;
        }

        var result = EnumValues.Parse(v, type);
        if (result is null)
        {
            Problem(t, ProblemKind.NotAnEnumValue, new() { Found = Describe(t), Name = name, Names = [.. System.Enum.GetNames(type)] });
        }

        return result;
    }

    /// <summary>
    /// A multi-valued property: a JSON array, "{a, b}" (ToString past the depth limit), or one bare
    /// value. A type name such as "System.Object[]" → null: the values are lost, not empty.
    /// </summary>
    public ImmutableArray<string>? List(JObject obj, string name)
    {
        var t = Get(obj, name);
        if (t is null)
        {
            return null;
        }

        var v = Unwrap(t);
        if (IsNull(v))
        {
            return ImmutableArray<string>.Empty;
        }

        if (v is JArray array)
        {
            var items = ImmutableArray.CreateBuilder<string>();
            foreach (var e in array)
            {
                var s = StringForm(e);
                if (s is null || IsTypeName(s))
                {
                    if (s is null && !IsNull(e))
                    {
                        Problem(e, ProblemKind.ListEntryUnreadable, new() { Name = name, Found = Describe(e) });
                    }

                    continue;
                }

                items.Add(s);
            }

            return items.ToImmutable();
        }

        var text = StringForm(v);
        if (text is null)
        {
            Problem(t, ProblemKind.UnexpectedValue, new() { Expected = ExpectedValue.List, Name = name, Found = Describe(t) });
            return null;
        }

        text = text.Trim();
        if (IsTypeName(text))
        {
            return null;
        }

        if (text.Length == 0)
        {
            return ImmutableArray<string>.Empty;
        }

        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            return text[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray();
        }

        return [text];
    }

    public DumpDate? Date(JObject obj, string name)
    {
        if (!TryGetSet(obj, name, out var t, out var v))
        {
            return null;
        }

        if (v is JValue { Type: JTokenType.String } s && DumpDates.Parse((string)s.Value!) is { } d)
        {
            return d;
        }

        Problem(t, ProblemKind.NotADate, new() { Found = Describe(t), Name = name });
        return null;
    }

    /// <summary>Bytes: a base64 string or an array of numbers (ConvertTo-Json writes byte[] that way).</summary>
    public static byte[]? Bytes(JToken t, string name, out string? error)
    {
        error = null;
        var v = Unwrap(t);
        if (v is JValue { Type: JTokenType.String } s)
        {
            var text = ((string)s.Value!).Trim();
            if (IsTypeName(text))
            {
                return null;
            }

            var buffer = new byte[text.Length];
            if (Convert.TryFromBase64String(text, buffer, out var written))
            {
                return buffer[..written];
            }

            error = $"{name} is not valid base64.";
            return null;
        }

        // An array of numbers the reader already collected (ByteArrayJsonReader).
        if (v is JValue { Type: JTokenType.Bytes, Value: byte[] collected })
        {
            return collected;
        }

        if (v is JArray array)
        {
            var bytes = new byte[array.Count];
            for (int i = 0; i < array.Count; i++)
            {
                if (array[i] is JValue { Type: JTokenType.Integer, Value: long b } && b is >= 0 and <= 255)
                {
                    bytes[i] = (byte)b;
                }
                else
                {
                    error = $"{name}[{i.ToString(CultureInfo.InvariantCulture)}] is not a byte: {Describe(array[i])}.";
                    return null;
                }
            }

            return bytes;
        }

        error = $"{name} should be base64 text or an array of bytes, found {Describe(t)}.";
        return null;
    }
}
