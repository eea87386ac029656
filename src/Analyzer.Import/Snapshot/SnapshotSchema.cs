using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Import.Snapshots;

/// <summary>
/// schemas/snapshot.schema.json as NJsonSchema's object model, built keyword by keyword from the schema's JSON tree.
/// NJsonSchema's own loader (<c>JsonSchema.FromJsonAsync</c>) binds the text with Json.NET's serializer, which reflects
/// over NJsonSchema's types and builds code at run time: a native build of the tool cannot run it. The validator then
/// walks this model as it walks a loaded one, so a snapshot gets the same problems either way; a test compares this
/// model with the loaded one.
/// </summary>
/// <remarks>
/// Only the keywords the schema uses are mapped; any other one is refused, so a schema change that needs more mapping
/// fails the tests instead of being skipped. <c>const</c> and <c>$id</c> are kept as NJsonSchema keeps them (unknown to
/// it, extensions that the validator does not check): the snapshot's format is checked before validation.
/// </remarks>
internal static class SnapshotSchema
{
    private const string DefinitionsPrefix = "#/definitions/";

    /// <exception cref="InvalidDataException">A keyword, type or reference this mapping does not know.</exception>
    public static JsonSchema Build(string schemaJson)
    {
        var tree = (JObject)JToken.Parse(schemaJson);
        var root = new JsonSchema();
        var definitions = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        if (tree["definitions"] is JObject defined)
        {
            // Every definition exists before any is filled, so that definitions can name each other in any order.
            foreach (var (name, _) in defined)
            {
                definitions[name] = new JsonSchema();
            }

            foreach (var (name, body) in defined)
            {
                Fill(definitions[name], (JObject)body!, definitions);
                root.Definitions[name] = definitions[name];
            }
        }

        Fill(root, tree, definitions);
        return root;
    }

    private static void Fill(JsonSchema schema, JObject body, Dictionary<string, JsonSchema> definitions)
    {
        foreach (var (keyword, value) in body)
        {
            switch (keyword)
            {
                case "$schema":
                    schema.SchemaVersion = (string?)value;
                    break;
                case "title":
                    schema.Title = (string?)value;
                    break;
                case "description":
                    schema.Description = (string?)value;
                    break;
                case "definitions":
                    // Built by Build, before anything refers to them.
                    break;
                case "$ref":
                    schema.Reference = Referenced((string)value!, definitions);
                    break;
                case "type":
                    schema.Type = value is JArray types ? types.Aggregate(JsonObjectType.None, (all, t) => all | TypeOf((string)t!)) : TypeOf((string)value!);
                    break;
                case "properties":
                    foreach (var (name, propertyBody) in (JObject)value!)
                    {
                        var property = new JsonSchemaProperty();
                        Fill(property, (JObject)propertyBody!, definitions);
                        schema.Properties[name] = property;
                    }

                    break;
                case "required":
                    foreach (var name in (JArray)value!)
                    {
                        schema.RequiredProperties.Add((string)name!);
                    }

                    break;
                case "additionalProperties" when value is JValue { Type: JTokenType.Boolean }:
                    schema.AllowAdditionalProperties = (bool)value;
                    break;
                case "items" when value is JObject item:
                    schema.Item = Child(item, definitions);
                    break;
                case "oneOf":
                    foreach (var branch in (JArray)value!)
                    {
                        schema.OneOf.Add(Child((JObject)branch, definitions));
                    }

                    break;
                case "enum":
                    foreach (var member in (JArray)value!)
                    {
                        schema.Enumeration.Add(member switch
                        {
                            JValue { Type: JTokenType.Null } => null,
                            JValue { Type: JTokenType.String } s => (string)s!,
                            JValue { Type: JTokenType.Integer } i => (long)i,
                            _ => throw Unmapped($"enum member {member}"),
                        });
                    }

                    break;
                case "pattern":
                    schema.Pattern = (string?)value;
                    break;
                case "minimum":
                    schema.Minimum = (decimal)value!;
                    break;
                case "minLength":
                    schema.MinLength = (int)value!;
                    break;
                case "const" or "$id":
                    schema.ExtensionData ??= new Dictionary<string, object?>(StringComparer.Ordinal);
                    schema.ExtensionData[keyword] = ((JValue)value!).Value;
                    break;
                default:
                    throw Unmapped($"the keyword {keyword} (at {value?.Path})");
            }
        }
    }

    private static JsonSchema Child(JObject body, Dictionary<string, JsonSchema> definitions)
    {
        var child = new JsonSchema();
        Fill(child, body, definitions);
        return child;
    }

    private static JsonSchema Referenced(string reference, Dictionary<string, JsonSchema> definitions) =>
        reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal) && definitions.TryGetValue(reference[DefinitionsPrefix.Length..], out var target)
            ? target
            : throw Unmapped($"the reference {reference}");

    private static JsonObjectType TypeOf(string name) => name switch
    {
        "array" => JsonObjectType.Array,
        "boolean" => JsonObjectType.Boolean,
        "integer" => JsonObjectType.Integer,
        "null" => JsonObjectType.Null,
        "number" => JsonObjectType.Number,
        "object" => JsonObjectType.Object,
        "string" => JsonObjectType.String,
        _ => throw Unmapped($"the type {name}"),
    };

    private static InvalidDataException Unmapped(string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"snapshot.schema.json: {what} is not mapped to the validator's schema model."));
}
