using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Extls.Rules.Descriptors;

/// <summary>
/// A YAML document as a JSON tree, so that the descriptor schema (JSON Schema) validates it and Json.NET
/// binds it. Plain scalars are typed by the YAML 1.2 core schema (null, true/false, integers); quoted and
/// block scalars stay strings. Each token remembers the YAML line it came from, for error messages.
/// </summary>
internal static class YamlJson
{
    private static readonly ConditionalWeakTable<JToken, StrongBox<int>> Lines = new();

    /// <exception cref="YamlException">When the text is not YAML.</exception>
    public static JToken Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? JValue.CreateNull() : Convert(stream.Documents[0].RootNode);
    }

    /// <summary>The 1-based YAML line of a token made by <see cref="Parse"/>, or of its nearest ancestor; 0 when unknown.</summary>
    public static int LineOf(JToken? token)
    {
        for (var t = token; t is not null; t = t.Parent)
        {
            if (Lines.TryGetValue(t, out var line))
            {
                return line.Value;
            }
        }

        return 0;
    }

    private static JToken Convert(YamlNode node)
    {
        JToken token = node switch
        {
            YamlMappingNode map => Map(map),
            YamlSequenceNode seq => new JArray(seq.Children.Select(Convert)),
            YamlScalarNode scalar => Scalar(scalar),
            _ => throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}"),
        };
        Lines.AddOrUpdate(token, new StrongBox<int>((int)node.Start.Line));
        return token;
    }

    private static JObject Map(YamlMappingNode map)
    {
        var o = new JObject();
        foreach (var (key, value) in map.Children)
        {
            var name = key is YamlScalarNode { Value: { } k } ? k : throw new YamlException(key.Start, key.End, "a mapping key must be a scalar");
            if (o.ContainsKey(name))
            {
                throw new YamlException(key.Start, key.End, $"duplicate key '{name}'");
            }

            var property = new JProperty(name, Convert(value));
            Lines.AddOrUpdate(property, new StrongBox<int>((int)key.Start.Line));
            o.Add(property);
        }

        return o;
    }

    private static JValue Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return new JValue(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return JValue.CreateNull();
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return new JValue(bool.Parse(value));
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new JValue(integer);
        }

        return new JValue(value);
    }
}
