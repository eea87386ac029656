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

    public static JArray Array<T>(IEnumerable<T> items, Func<T, JToken> map) => new(items.Select(map));

    public static JArray Strings(IEnumerable<string> items) => new(items.Select(s => (JToken)s));

    public static JToken Nullable(string? value) => value is null ? JValue.CreateNull() : new JValue(value);
}
