using System.Globalization;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Extls.Rules.Tests.Support;

/// <summary>YAML → JSON tree with YAML 1.2 core-schema typing of plain scalars, so a JSON Schema can validate YAML files.</summary>
internal static class YamlJson
{
    public static JToken Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? JValue.CreateNull() : Convert(stream.Documents[0].RootNode);
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JObject(map.Children.Select(kv => new JProperty(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JArray(seq.Children.Select(Convert)),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JToken Scalar(YamlScalarNode scalar)
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
