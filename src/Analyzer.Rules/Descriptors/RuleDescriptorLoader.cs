using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Extls.Rules.Descriptors;

/// <summary>Reads rule descriptors from YAML: the embedded rules/*.yaml, or any text (tests).</summary>
internal static class RuleDescriptorLoader
{
    private const string ResourcePrefix = "rules/";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Parses one descriptor; any YAML or content error throws naming the file (and line when YAML is malformed).</summary>
    public static RuleDescriptor Parse(string yaml, string file)
    {
        RuleDocument? document;
        var parser = new Parser(new StringReader(yaml));
        try
        {
            document = Deserializer.Deserialize<RuleDocument>(parser);
        }
        catch (YamlException e)
        {
            var line = e.Start.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var reason = e.InnerException?.Message ?? e.Message;
            throw new InvalidDataException($"{file}:{line}: invalid rule descriptor: {reason}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections.
            var line = (parser.Current?.End.Line ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new InvalidDataException($"{file}:{line}: invalid rule descriptor: not valid YAML ({e.Message})", e);
        }

        if (document is null)
        {
            throw new InvalidDataException($"{file}: invalid rule descriptor: the file is empty");
        }

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
}
