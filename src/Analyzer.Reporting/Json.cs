using System.Buffers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Reporting;

/// <summary>Serialises a JSON tree the way every extls JSON output looks: 2-space indent, LF, a final newline.</summary>
internal static class Json
{
    public static string Serialize(JToken token)
    {
        var sb = new StringBuilder();
        using (var sw = new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" })
        using (var writer = new JsonTextWriter(sw) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ' })
        {
            token.WriteTo(writer);
        }

        return sb.Append('\n').ToString();
    }

    /// <summary>A writer with the same layout as <see cref="Serialize"/>, straight onto <paramref name="output"/> (left open).</summary>
    public static JsonTextWriter Writer(TextWriter output) =>
        new(new LfWriter(output)) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ', CloseOutput = false };

    public static void Property(JsonWriter writer, string name, string? value)
    {
        writer.WritePropertyName(name);
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteValue(value);
        }
    }

    public static void Property(JsonWriter writer, string name, int value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }

    public static void Property(JsonWriter writer, string name, long value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }

    public static void Property(JsonWriter writer, string name, bool value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }

    public static void Property(JsonWriter writer, string name, bool? value)
    {
        writer.WritePropertyName(name);
        if (value is { } v)
        {
            writer.WriteValue(v);
        }
        else
        {
            writer.WriteNull();
        }
    }

    /// <summary>"tool": { "name", "version" }, as every JSON output starts.</summary>
    public static void Tool(JsonWriter writer)
    {
        writer.WritePropertyName("tool");
        writer.WriteStartObject();
        Property(writer, "name", ToolInfo.Name);
        Property(writer, "version", ToolInfo.Version);
        writer.WriteEndObject();
    }

    public static void Strings(JsonWriter writer, string name, IEnumerable<string> items)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteValue(item);
        }

        writer.WriteEndArray();
    }

    public static JArray Array<T>(IEnumerable<T> items, Func<T, JToken> map) => new(items.Select(map));

    public static JArray Strings(IEnumerable<string> items) => new(items.Select(s => (JToken)s));

    public static JToken Nullable(string? value) => value is null ? JValue.CreateNull() : new JValue(value);
}

/// <summary>
/// Passes text through to another writer with LF as its new line: Json.NET ends indented lines with the
/// writer's NewLine, and the output is LF on every platform whatever the destination writer says. Half a
/// surrogate pair (a dump's "\ud800" escape read into a name) becomes U+FFFD here, the one place every JSON
/// output passes: Json.NET would write it as it is, and no UTF-8 file or reader can hold it.
/// </summary>
internal sealed class LfWriter(TextWriter inner) : TextWriter(System.Globalization.CultureInfo.InvariantCulture)
{
    /// <summary>
    /// U+D800…U+DFFF. Searched with SearchValues, not <c>ContainsAnyInRange('\uD800', '\uDFFF')</c>: that generic method over
    /// char is compiled at run time, and its first, unoptimised code boxes its two bounds on every call, so a 1,000-server
    /// JSON report (a million small writes) allocated 30 MB of boxed characters here.
    /// </summary>
    private static readonly SearchValues<char> Surrogates = SearchValues.Create(SurrogateRange());

    private char? pendingHigh;

    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => "\n";
        set { }
    }

    public override void Write(char value)
    {
        if (pendingHigh is { } high)
        {
            pendingHigh = null;
            if (char.IsLowSurrogate(value))
            {
                inner.Write(high);
                inner.Write(value);
                return;
            }

            inner.Write('\uFFFD');
        }

        if (char.IsHighSurrogate(value))
        {
            pendingHigh = value;
        }
        else
        {
            inner.Write(char.IsLowSurrogate(value) ? '\uFFFD' : value);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        // Almost all text has no surrogate at all and goes through in one piece.
        if (pendingHigh is null && !buffer.ContainsAny(Surrogates))
        {
            inner.Write(buffer);
            return;
        }

        foreach (var c in buffer)
        {
            Write(c);
        }
    }

    public override void Write(string? value) => Write(value.AsSpan());

    // A high surrogate still pending waits for the next character: JSON text never ends inside a string.
    public override void Flush() => inner.Flush();

    private static char[] SurrogateRange()
    {
        var range = new char[0xE000 - 0xD800];
        for (var i = 0; i < range.Length; i++)
        {
            range[i] = (char)(0xD800 + i);
        }

        return range;
    }
}
