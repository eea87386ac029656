using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Extls.Rules.Configuration;

/// <summary>
/// Reads extls.yaml (schemas/config.schema.json). Walks YamlDotNet's node tree rather than
/// deserializing into classes so that every problem can name its line and path, and all of them
/// are reported at once.
/// </summary>
public static class ConfigLoader
{
    public const string DefaultFileName = "extls.yaml";

    public static ConfigLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(new ImportProblem(path, 0, "$", ProblemKind.CannotRead, new() { Detail = e.Message }));
        }

        return Parse(text, path);
    }

    public static ConfigLoadResult Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            return Failed(new ImportProblem(file, LineOf(e.Start), "$", ProblemKind.ConfigNotYaml, new() { Detail = e.InnerException?.Message ?? e.Message }));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections.
            var line = parser.Current is { } current ? LineOf(current.End) : 0;
            return Failed(new ImportProblem(file, line, "$", ProblemKind.ConfigNotYaml, new() { Detail = e.Message }));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new ConfigLoadResult(ExtlsConfig.Empty with { File = file }, []);
        }

        // Aliases share a node rather than copy it, but anything that walked the tree would meet each share
        // again: a few lines of anchors ("billion laughs") stand for a billion values. No configuration needs more
        // than a few hundred.
        if (ExpandedSize(stream.Documents[0].RootNode, new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance)) > MaxExpandedNodes)
        {
            return Failed(new ImportProblem(file, LineOf(stream.Documents[0].RootNode.Start), "$",
                ProblemKind.ConfigAliasesTooMany, new() { Limit = MaxExpandedNodes }));
        }

        var reader = new Reader(file);
        var config = reader.ReadRoot(stream.Documents[0].RootNode);
        return reader.Problems.Count == 0
            ? new ConfigLoadResult(config, [])
            : new ConfigLoadResult(null, reader.Problems.ToImmutableArray());
    }

    private static ConfigLoadResult Failed(ImportProblem problem) => new(null, [problem]);

    private const long MaxExpandedNodes = 100_000;

    /// <summary>The number of nodes the tree holds once every alias is expanded, computed once per shared node.</summary>
    private static long ExpandedSize(YamlNode node, Dictionary<YamlNode, long> sizes)
    {
        if (sizes.TryGetValue(node, out var known))
        {
            return known;
        }

        // A node that contains itself (an alias inside its own anchor) expands without end.
        sizes[node] = long.MaxValue / 4;
        long size = 1;
        IEnumerable<YamlNode> children = node switch
        {
            YamlMappingNode map => map.Children.SelectMany(kv => new[] { kv.Key, kv.Value }),
            YamlSequenceNode seq => seq.Children,
            _ => [],
        };
        foreach (var child in children)
        {
            size = Math.Min(long.MaxValue / 4, size + ExpandedSize(child, sizes));
        }

        sizes[node] = size;
        return size;
    }

    private static int LineOf(Mark mark) => checked((int)mark.Line);

    private sealed class Reader(string file)
    {
        public List<ImportProblem> Problems { get; } = [];

        public ExtlsConfig ReadRoot(YamlNode root)
        {
            if (root is not YamlMappingNode map)
            {
                Problem(root, "$", ProblemKind.ConfigNotMapping, new() { Names = ["rules", "suppressions", "warningDays", "asOf", "failOn", "helpUriBase"] });
                return ExtlsConfig.Empty;
            }

            var config = ExtlsConfig.Empty with { File = file };
            foreach (var (keyNode, value) in map.Children)
            {
                var key = Scalar(keyNode) ?? "";
                var path = "$." + key;
                switch (key)
                {
                    case "rules":
                        config = config with { Rules = ReadRules(value, path) };
                        break;
                    case "suppressions":
                        config = config with { Suppressions = ReadSuppressions(value, path) };
                        break;
                    case "warningDays":
                        config = config with { WarningDays = ReadInt(value, path) };
                        break;
                    case "asOf":
                        config = config with { AsOf = ReadDate(value, path) };
                        break;
                    case "failOn":
                        config = config with { FailOn = ReadFailOn(value, path) };
                        break;
                    case "helpUriBase":
                        config = config with { HelpUriBase = ReadHelpUriBase(value, path) };
                        break;
                    default:
                        Problem(keyNode, path, ProblemKind.UnknownSetting, new() { Name = key, Names = ["rules", "suppressions", "warningDays", "asOf", "failOn", "helpUriBase"] });
                        break;
                }
            }

            return config;
        }

        private ImmutableSortedDictionary<string, Severity> ReadRules(YamlNode node, string path)
        {
            var result = ImmutableSortedDictionary.CreateBuilder<string, Severity>(StringComparer.Ordinal);
            if (IsNull(node))
            {
                return result.ToImmutable();
            }

            if (node is not YamlMappingNode map)
            {
                Problem(node, path, ProblemKind.RulesNotMapping);
                return result.ToImmutable();
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var id = (Scalar(keyNode) ?? "").Trim();
                var rulePath = $"{path}.{id}";
                if (!RuleIds.All.Contains(id, StringComparer.Ordinal))
                {
                    Problem(keyNode, rulePath, ProblemKind.UnknownRuleId, new() { Value = id });
                    continue;
                }

                if (value is not YamlMappingNode settings)
                {
                    Problem(value, rulePath, ProblemKind.RuleSettingNotMapping);
                    continue;
                }

                foreach (var (settingKey, settingValue) in settings.Children)
                {
                    var name = Scalar(settingKey);
                    if (name != "severity")
                    {
                        Problem(settingKey, $"{rulePath}.{name}", ProblemKind.UnknownSetting, new() { Name = name, Names = ["severity"] });
                        continue;
                    }

                    Severity? severity = Scalar(settingValue) switch
                    {
                        "none" => Severity.None,
                        "note" => Severity.Note,
                        "warning" => Severity.Warning,
                        "error" => Severity.Error,
                        _ => null,
                    };
                    if (severity is null)
                    {
                        Problem(settingValue, $"{rulePath}.severity", ProblemKind.ValueNotAllowed, new() { Name = "severity", Value = Scalar(settingValue), Names = ["none", "note", "warning", "error"] });
                    }
                    else
                    {
                        result[id] = severity.Value;
                    }
                }
            }

            return result.ToImmutable();
        }

        private ImmutableArray<SuppressionRule> ReadSuppressions(YamlNode node, string path)
        {
            if (IsNull(node))
            {
                return [];
            }

            if (node is not YamlSequenceNode list)
            {
                Problem(node, path, ProblemKind.SuppressionsNotList);
                return [];
            }

            var result = ImmutableArray.CreateBuilder<SuppressionRule>();
            for (var i = 0; i < list.Children.Count; i++)
            {
                var itemPath = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
                if (list.Children[i] is not YamlMappingNode item)
                {
                    Problem(list.Children[i], itemPath, ProblemKind.SuppressionNotMapping);
                    continue;
                }

                string? ruleId = null, target = null, justification = null;
                DateTimeOffset? expires = null;
                var ok = true;
                foreach (var (keyNode, value) in item.Children)
                {
                    var key = Scalar(keyNode);
                    var valuePath = $"{itemPath}.{key}";
                    switch (key)
                    {
                        case "ruleId":
                            ruleId = Scalar(value)?.Trim();
                            if (ruleId is null || !RuleIds.All.Contains(ruleId, StringComparer.Ordinal))
                            {
                                Problem(value, valuePath, ProblemKind.UnknownRuleId, new() { Value = ruleId });
                                ok = false;
                            }

                            break;
                        case "target":
                            target = Scalar(value);
                            break;
                        case "justification":
                            justification = Scalar(value);
                            break;
                        case "expires":
                            expires = ReadDate(value, valuePath);
                            ok &= expires is not null;
                            break;
                        default:
                            Problem(keyNode, valuePath, ProblemKind.UnknownSetting, new() { Name = key, Names = ["ruleId", "target", "justification", "expires"] });
                            ok = false;
                            break;
                    }
                }

                foreach (var (name, value) in new[] { ("ruleId", ruleId), ("target", target), ("justification", justification) })
                {
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        Problem(item, $"{itemPath}.{name}", ProblemKind.SuppressionFieldMissing, new() { Name = name });
                        ok = false;
                    }
                }

                if (ok)
                {
                    result.Add(new SuppressionRule(ruleId!, target!, justification!, expires, new SourceLocation(file, LineOf(item.Start), itemPath)));
                }
            }

            return result.ToImmutable();
        }

        private int? ReadInt(YamlNode node, string path)
        {
            if (int.TryParse(Scalar(node), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Problem(node, path, ProblemKind.NotWholeDays, new() { Value = Scalar(node) });
            return null;
        }

        private DateTimeOffset? ReadDate(YamlNode node, string path)
        {
            if (IsoDate.TryParse(Scalar(node), out var value))
            {
                return value;
            }

            Problem(node, path, ProblemKind.NotAConfigDate, new() { Value = Scalar(node) });
            return null;
        }

        private FailOn? ReadFailOn(YamlNode node, string path)
        {
            FailOn? value = Scalar(node) switch
            {
                "error" => FailOn.Error,
                "warning" => FailOn.Warning,
                "note" => FailOn.Note,
                "never" => FailOn.Never,
                _ => null,
            };
            if (value is null)
            {
                Problem(node, path, ProblemKind.ValueNotAllowed, new() { Name = "failOn", Value = Scalar(node), Names = ["error", "warning", "note", "never"] });
            }

            return value;
        }

        private Uri? ReadHelpUriBase(YamlNode node, string path)
        {
            if (RulePages.TryParseBase(Scalar(node), out var uri, out ProblemKind? problem))
            {
                return uri;
            }

            Problem(node, path, problem ?? ProblemKind.HelpUriNotAbsolute, new() { Value = Scalar(node) });
            return null;
        }

        private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

        // "rules:" with nothing after it is an empty section, not a mistake.
        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

        private void Problem(YamlNode node, string path, ProblemKind kind, ProblemArguments? arguments = null) =>
            Problems.Add(new ImportProblem(file, LineOf(node.Start), path, kind, arguments ?? ProblemArguments.None));
    }
}
