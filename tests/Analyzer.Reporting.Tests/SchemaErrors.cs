using NJsonSchema.Validation;

namespace Extls.Reporting.Tests;

internal static class SchemaErrors
{
    /// <summary>Every leaf error, so a failing schema test says which property is wrong rather than "NoTypeValidates".</summary>
    public static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join("\n", Flatten(errors).Select(e => $"{e.Path}: {e.Kind} (line {e.LineNumber})").Distinct(StringComparer.Ordinal));

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var e in errors)
        {
            if (e is ChildSchemaValidationError child)
            {
                foreach (var inner in Flatten(child.Errors.Values.SelectMany(v => v)))
                {
                    yield return inner;
                }
            }
            else if (e is MultiTypeValidationError multi)
            {
                foreach (var inner in Flatten(multi.Errors.Values.SelectMany(v => v)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return e;
            }
        }
    }

    public static Newtonsoft.Json.Linq.JObject Parse(string json) =>
        Newtonsoft.Json.JsonConvert.DeserializeObject<Newtonsoft.Json.Linq.JObject>(json, new Newtonsoft.Json.JsonSerializerSettings { DateParseHandling = Newtonsoft.Json.DateParseHandling.None })!;
}
