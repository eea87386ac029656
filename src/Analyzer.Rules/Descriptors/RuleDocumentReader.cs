using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Core;

namespace Extls.Rules.Descriptors;

/// <summary>Why a rule descriptor is not valid YAML or is refused by the schema, with the file and the first line at fault.</summary>
/// <param name="Line">1-based; 0 when the YAML reader could not tell; null when the whole file is at fault.</param>
internal sealed record RuleDescriptorError(string File, int? Line, string Reason, Exception? Cause = null)
{
    /// <summary>"FILE:LINE: invalid rule descriptor: …" (no line when the whole file is at fault), as every error of a descriptor reads.</summary>
    public string Message => Line is { } l
        ? $"{File}:{l.ToString(CultureInfo.InvariantCulture)}: invalid rule descriptor: {Reason}"
        : $"{File}: invalid rule descriptor: {Reason}";

    public InvalidDataException ToException() => new(Message, Cause);
}

/// <summary>
/// The YAML of one rules/&lt;ID&gt;.yaml validated against schemas/rule.schema.json and bound to its
/// <see cref="RuleDocument"/>. The schema is the one definition of what a descriptor may say, and this is the
/// one place it is applied: at build time to the shipped catalogue (build/RuleCatalogCompiler, which compiles
/// this file in), at load time to any descriptor read from text.
/// </summary>
/// <remarks>
/// Depends on nothing of extls but <see cref="YamlJson"/> and <see cref="RuleDocument"/>, so that the build step can compile it in.
/// Binding uses Json.NET's serializer, which reflects over <see cref="RuleDocument"/> and builds code at run time: fine at build
/// time and in tests, which run on the JIT, but never in the tool itself, whose catalogue is compiled in
/// (<c>CompiledCatalog</c>). The attributes make any call from the tool's own code a build error.
/// </remarks>
[RequiresUnreferencedCode(ReflectionOnly)]
[RequiresDynamicCode(ReflectionOnly)]
internal sealed class RuleDocumentReader(JsonSchema schema)
{
    internal const string ReflectionOnly = "Binds descriptors with Json.NET's reflection-based serializer: for the catalogue compiler and tests, not the tool.";

    private static readonly JsonSerializer Binder = JsonSerializer.Create(new JsonSerializerSettings
    {
        MissingMemberHandling = MissingMemberHandling.Ignore,
    });

    /// <summary>The reader for the schema's text (schemas/rule.schema.json).</summary>
    public static RuleDocumentReader FromSchemaText(string schemaJson) =>
        new(JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult());

    /// <exception cref="InvalidDataException">Any YAML or schema error, naming the file, the line and the path.</exception>
    public RuleDocument Read(string yaml, string file) =>
        TryRead(yaml, file, out var document, out var error) ? document : throw error.ToException();

    /// <summary>The bound document, or why there is none.</summary>
    public bool TryRead(string yaml, string file, [NotNullWhen(true)] out RuleDocument? document, [NotNullWhen(false)] out RuleDescriptorError? error)
    {
        document = null;
        error = null;
        JToken tree;
        try
        {
            tree = YamlJson.Parse(yaml);
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            error = new RuleDescriptorError(file, (int)e.Start.Line, reason, e);
            return false;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections.
            error = new RuleDescriptorError(file, 0, $"not valid YAML ({e.Message})", e);
            return false;
        }

        if (tree.Type == JTokenType.Null)
        {
            error = new RuleDescriptorError(file, null, "the file is empty");
            return false;
        }

        var errors = Flatten(schema.Validate(tree)).ToList();
        if (errors.Count > 0)
        {
            var first = errors.Min(e => YamlJson.LineOf(e.Token));
            error = new RuleDescriptorError(file, first, string.Join("; ", errors.Select(Describe).Distinct(StringComparer.Ordinal)));
            return false;
        }

        document = tree.ToObject<RuleDocument>(Binder);
        if (document is null)
        {
            error = new RuleDescriptorError(file, null, "the file is empty");
            return false;
        }

        return true;
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

    // Json.NET writes "spec.title.en", or "spec['a b']" for keys that need quoting; both read as YAML keys.
    private static string PathOf(JToken? token) => token?.Path ?? "";

    private static string Join(string parent, string property) => parent.Length == 0 ? property : parent + "." + property;
}
