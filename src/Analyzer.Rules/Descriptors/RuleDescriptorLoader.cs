using System.Globalization;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Core;

namespace Extls.Rules.Descriptors;

/// <summary>
/// Reads rule descriptors: the embedded rules/*.yaml, or any text (tests). Each is validated against
/// schemas/rule.schema.json (embedded, read once) before it is bound, so the schema is the one
/// definition of what a descriptor may say.
/// </summary>
internal static class RuleDescriptorLoader
{
    private const string ResourcePrefix = "rules/";

    internal const string SchemaResource = "schemas/rule.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(ReadResource(typeof(RuleDescriptorLoader).Assembly, SchemaResource)).GetAwaiter().GetResult());

    private static readonly JsonSerializer Binder = JsonSerializer.Create(new JsonSerializerSettings
    {
        MissingMemberHandling = MissingMemberHandling.Ignore,
    });

    /// <summary>Parses one descriptor; any YAML, schema or content error throws naming the file, the line and the path.</summary>
    public static RuleDescriptor Parse(string yaml, string file)
    {
        JToken tree;
        try
        {
            tree = YamlJson.Parse(yaml);
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new InvalidDataException($"{file}:{Line(e.Start.Line)}: invalid rule descriptor: {reason}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections.
            throw new InvalidDataException($"{file}:0: invalid rule descriptor: not valid YAML ({e.Message})", e);
        }

        if (tree.Type == JTokenType.Null)
        {
            throw new InvalidDataException($"{file}: invalid rule descriptor: the file is empty");
        }

        var errors = Flatten(Schema.Value.Validate(tree)).ToList();
        if (errors.Count > 0)
        {
            var first = errors.Min(e => YamlJson.LineOf(e.Token));
            throw new InvalidDataException(
                $"{file}:{Line(first)}: invalid rule descriptor: " + string.Join("; ", errors.Select(Describe).Distinct(StringComparer.Ordinal)));
        }

        var document = tree.ToObject<RuleDocument>(Binder)
            ?? throw new InvalidDataException($"{file}: invalid rule descriptor: the file is empty");
        return RuleDescriptorFactory.Create(document, file);
    }

    /// <summary>Names of the embedded descriptor resources ("rules/EXTLS1001.yaml", …), sorted.</summary>
    public static IReadOnlyList<string> EmbeddedResourceNames(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name}: embedded resource not found");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<RuleDescriptor> LoadEmbedded()
    {
        var assembly = typeof(RuleDescriptorLoader).Assembly;
        return EmbeddedResourceNames(assembly).Select(n => Parse(ReadResource(assembly, n), n)).ToArray();
    }

    private static string Line(long line) => line.ToString(CultureInfo.InvariantCulture);

    // A value matching no branch of a oneOf reports the branches' own errors; those say why.
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var e in errors)
        {
            if (e is ChildSchemaValidationError child && child.Errors.Values.SelectMany(x => x).ToList() is { Count: > 0 } inner)
            {
                foreach (var x in Flatten(inner))
                {
                    yield return x;
                }
            }
            else
            {
                yield return e;
            }
        }
    }

    /// <summary>"spec.severity (line 12): the value is not one the schema allows", with the JSON path written as YAML keys.</summary>
    private static string Describe(ValidationError e)
    {
        var path = e.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed && e.Property is { } p
            ? Join(PathOf(e.Token is JProperty prop ? prop.Parent : e.Token), p)
            : PathOf(e.Token is JProperty property ? property.Value : e.Token);
        var what = e.Kind switch
        {
            ValidationErrorKind.PropertyRequired => "is required",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not a descriptor property",
            ValidationErrorKind.NotInEnumeration => "is not one of the values the schema allows",
            ValidationErrorKind.PatternMismatch => "does not have the required form",
            ValidationErrorKind.StringTooShort => "must not be empty",
            ValidationErrorKind.ItemsNotUnique => "lists an item twice",
            _ => $"violates the schema ({e.Kind})",
        };
        return $"{(path.Length == 0 ? "the document" : path)} (line {Line(YamlJson.LineOf(e.Token))}) {what}";
    }

    private static string PathOf(JToken? token)
    {
        if (token is null)
        {
            return "";
        }

        // Json.NET writes "spec.title.en", or "spec['a b']" for keys that need quoting; both read as YAML keys.
        return token.Path;
    }

    private static string Join(string parent, string property) => parent.Length == 0 ? property : parent + "." + property;
}
