using Extls.Import.Formats;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Mapping;

/// <summary>
/// The result objects of one section file, however it was read: a tree (CSV and CliXml, translated) or
/// a JSON file streamed entry by entry. Mappers go through the entries once, in file order.
/// </summary>
internal abstract class SectionSource
{
    /// <summary>The result objects; entries of the wrong shape are reported to <paramref name="r"/> and skipped.</summary>
    public abstract IEnumerable<JObject> Items(ValueReader r);

    public static SectionSource Of(JToken root) => new Tree(root);

    public static SectionSource Of(JsonSectionStream stream) => new Streamed(stream);

    private sealed class Tree(JToken root) : SectionSource
    {
        public override IEnumerable<JObject> Items(ValueReader r) => r.Items(root);
    }

    private sealed class Streamed(JsonSectionStream stream) : SectionSource
    {
        public override IEnumerable<JObject> Items(ValueReader r)
        {
            while (stream.Next() is { } value)
            {
                if (!stream.IsArray)
                {
                    // A single result or PowerShell's {"value": [...]} wrapper: read as the tree it is.
                    foreach (var o in r.Items(value))
                    {
                        yield return o;
                    }
                }
                else if (r.Entry(value) is { } entry)
                {
                    yield return entry;
                }
            }
        }
    }
}
