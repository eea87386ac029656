using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Extls.Cli.Commands;
using Extls.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Extls.Cli;

/// <summary>A suppression from extls.yaml: which rule, on which targets (a glob), why, and until when.</summary>
internal sealed record ConfiguredSuppression(string RuleId, string Target, string Justification, DateTimeOffset? Expires, int Line);

/// <summary>What extls.yaml says (product.md, "Configuration"). Command-line options win over it.</summary>
internal sealed record AnalysisConfiguration
{
    public required string File { get; init; }

    public ImmutableSortedDictionary<string, Severity> Severities { get; init; } =
        ImmutableSortedDictionary<string, Severity>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public ImmutableArray<ConfiguredSuppression> Suppressions { get; init; } = [];

    public int? WarningDays { get; init; }

    public DateTimeOffset? AsOf { get; init; }

    public FailOn? FailOn { get; init; }
}

/// <summary>
/// Reads extls.yaml. Every mistake is reported with the file and line, as a usage error: the
/// configuration is the user's own instruction, not customer data.
/// </summary>
internal static class ConfigFile
{
    public const string DefaultName = "extls.yaml";

    /// <summary>extls.yaml next to the first input (inside it when it is a folder), else in the working folder.</summary>
    public static string? FindDefault(CliHost host, IReadOnlyList<string> paths)
    {
        var candidates = new List<string>();
        if (paths.Count > 0)
        {
            var first = host.FullPath(paths[0]);
            candidates.Add(Directory.Exists(first) ? Path.Combine(first, DefaultName) : Path.Combine(Path.GetDirectoryName(first) ?? host.WorkingDirectory, DefaultName));
        }

        candidates.Add(Path.Combine(host.WorkingDirectory, DefaultName));
        return candidates.FirstOrDefault(File.Exists);
    }

    public static AnalysisConfiguration Load(string path, string displayName)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new UsageException($"{displayName}:{e.Start.Line.ToString(CultureInfo.InvariantCulture)}: not valid YAML: {e.Message}");
        }

        var config = new AnalysisConfiguration { File = displayName };
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return config;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(displayName, stream.Documents[0].RootNode, "the file must be a mapping (rules, suppressions, warningDays, asOf, failOn)");
        }

        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value;
            config = key switch
            {
                "rules" => config with { Severities = ReadRules(displayName, value) },
                "suppressions" => config with { Suppressions = ReadSuppressions(displayName, value) },
                "warningDays" => config with { WarningDays = ReadWarningDays(displayName, value) },
                "asOf" => config with { AsOf = Wrap(displayName, value, () => CommonOptions.ParseAsOf(Scalar(displayName, value))) },
                "failOn" => config with { FailOn = Wrap(displayName, value, () => AnalyzeCommand.ParseFailOn(Scalar(displayName, value))) },
                "apiVersion" or "kind" or "metadata" => config,
                _ => throw Error(displayName, keyNode, $"unknown setting '{key}'; expected rules, suppressions, warningDays, asOf or failOn"),
            };
        }

        return config;
    }

    private static ImmutableSortedDictionary<string, Severity> ReadRules(string file, YamlNode node)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, Severity>(StringComparer.OrdinalIgnoreCase);
        foreach (var (idNode, settings) in Mapping(file, node, "rules").Children)
        {
            var id = Scalar(file, idNode);
            if (!Regex.IsMatch(id, "^EXTLS[0-9]{4}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                throw Error(file, idNode, $"'{id}' is not a rule id (EXTLS followed by four digits)");
            }

            var severityNode = Mapping(file, settings, id).Children.FirstOrDefault(c => Scalar(file, c.Key) == "severity").Value
                ?? throw Error(file, settings, $"{id}: severity is required (none, note, warning or error)");
            var text = Scalar(file, severityNode);
            builder[id] = Enum.TryParse<Severity>(text, ignoreCase: true, out var severity) && !int.TryParse(text, out _)
                ? severity
                : throw Error(file, severityNode, $"'{text}' is not a severity; use none, note, warning or error");
        }

        return builder.ToImmutable();
    }

    private static ImmutableArray<ConfiguredSuppression> ReadSuppressions(string file, YamlNode node)
    {
        if (node is not YamlSequenceNode list)
        {
            throw Error(file, node, "suppressions must be a list");
        }

        var result = ImmutableArray.CreateBuilder<ConfiguredSuppression>();
        foreach (var item in list)
        {
            var fields = Mapping(file, item, "suppression").Children.ToDictionary(c => Scalar(file, c.Key), c => c.Value, StringComparer.Ordinal);
            string Required(string name) =>
                fields.TryGetValue(name, out var v) && Scalar(file, v) is { Length: > 0 } s ? s : throw Error(file, item, $"a suppression needs '{name}'");
            DateTimeOffset? expires = fields.TryGetValue("expires", out var e) ? Wrap(file, e, () => CommonOptions.ParseAsOf(Scalar(file, e))) : null;
            result.Add(new ConfiguredSuppression(Required("ruleId"), fields.ContainsKey("target") ? Required("target") : "*", Required("justification"), expires, Line(item)));
        }

        return result.ToImmutable();
    }

    private static int ReadWarningDays(string file, YamlNode node) =>
        int.TryParse(Scalar(file, node), NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            ? days
            : throw Error(file, node, "warningDays must be a whole number of days, zero or more");

    private static T Wrap<T>(string file, YamlNode node, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (UsageException e)
        {
            throw Error(file, node, e.Message);
        }
    }

    private static YamlMappingNode Mapping(string file, YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(file, node, $"{what} must be a mapping");

    private static string Scalar(string file, YamlNode node) =>
        node is YamlScalarNode s ? s.Value ?? "" : throw Error(file, node, "expected a single value");

    private static int Line(YamlNode node) => (int)Math.Min(int.MaxValue, node.Start.Line);

    private static UsageException Error(string file, YamlNode node, string message) =>
        new($"{file}:{Line(node).ToString(CultureInfo.InvariantCulture)}: {message}");
}

/// <summary>Applies configured suppressions to a finished analysis.</summary>
internal static class Suppressions
{
    /// <summary>
    /// Marks each unsuppressed finding matched by a live suppression (rule id, glob on the target id).
    /// An expired suppression no longer suppresses; it is returned so the user hears about it.
    /// </summary>
    public static (AnalysisResult Result, ImmutableArray<ConfiguredSuppression> Expired) Apply(AnalysisResult result, ImmutableArray<ConfiguredSuppression> suppressions)
    {
        if (suppressions.IsDefaultOrEmpty)
        {
            return (result, []);
        }

        var live = suppressions.Where(s => s.Expires is not { } e || e > result.AsOf).ToList();
        var expired = suppressions.Where(s => s.Expires is { } e && e <= result.AsOf).ToImmutableArray();
        var findings = result.Findings.Select(f =>
        {
            if (f.Suppression is not null)
            {
                return f;
            }

            var match = live.FirstOrDefault(s => string.Equals(s.RuleId, f.RuleId, StringComparison.OrdinalIgnoreCase) && Glob(s.Target).IsMatch(f.Target.Id));
            return match is null ? f : f with { Suppression = new SuppressionInfo("config", match.Justification, match.Expires) };
        }).ToImmutableArray();
        return (result with { Findings = findings, Summary = Audit.Summarize(findings) }, expired);
    }

    internal static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
}
