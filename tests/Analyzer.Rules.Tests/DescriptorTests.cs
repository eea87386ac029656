using Extls.Rules.Descriptors;
using Extls.Rules.Engine;
using Extls.Rules.Tests.Support;
using NJsonSchema;

namespace Extls.Rules.Tests;

public sealed class DescriptorTests
{
    private static JsonSchema RuleSchema() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepoPaths.Schemas, "rule.schema.json"))).GetAwaiter().GetResult();

    public static TheoryData<string> DescriptorFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Rules, "EXTLS*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DescriptorFiles))]
    public void Every_descriptor_validates_against_the_schema(string file)
    {
        var json = YamlJson.Parse(File.ReadAllText(Path.Combine(RepoPaths.Rules, file)));
        var errors = RuleSchema().Validate(json);
        Assert.True(errors.Count == 0, file + ": " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Theory]
    [MemberData(nameof(DescriptorFiles))]
    public void Every_descriptor_loads_and_its_templates_use_only_known_placeholders(string file)
    {
        var d = RuleDescriptorLoader.Parse(File.ReadAllText(Path.Combine(RepoPaths.Rules, file)), "rules/" + file);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), d.Id);
        foreach (var template in new[] { d.Message.En, d.Message.Ja! }.Concat(d.Remediation.Texts()).Concat(d.RemediationVariants.Values.SelectMany(v => v.Texts())))
        {
            // A typo such as "{Server}" would only surface as EXTLS9005 at run time; camelCase keeps them uniform.
            Assert.All(MessageTemplate.Placeholders(template), p => Assert.True(char.IsLower(p[0]), $"{file}: placeholder {{{p}}} is not camelCase"));
        }

        Assert.Equal(
            MessageTemplate.Placeholders(d.Message.En).Order(StringComparer.Ordinal),
            MessageTemplate.Placeholders(d.Message.Ja!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Embedded_catalog_holds_exactly_the_descriptors_on_disk_sorted_by_id()
    {
        var onDisk = Directory.GetFiles(RepoPaths.Rules, "EXTLS*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, RuleCatalog.Default.Rules.Select(r => r.Id));
    }

    [Fact]
    public void Schema_rejects_a_descriptor_without_japanese()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Rules, "EXTLS1004.yaml"))
            .Replace("    ja: 内部トランスポート証明書がサーバーの証明書ストアにありません\n", "", StringComparison.Ordinal);
        var errors = RuleSchema().Validate(YamlJson.Parse(yaml));
        Assert.Contains(errors, e => e.Kind == NJsonSchema.Validation.ValidationErrorKind.PropertyRequired && e.Property == "ja");
    }

    [Fact]
    public void Schema_rejects_unknown_properties_and_bad_ids()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Rules, "EXTLS1004.yaml"))
            .Replace("id: EXTLS1004", "id: EXTLS104", StringComparison.Ordinal)
            .Replace("  severity: error", "  severity: fatal\n  colour: red", StringComparison.Ordinal);
        var kinds = RuleSchema().Validate(YamlJson.Parse(yaml)).Select(e => e.Kind).ToHashSet();
        Assert.Contains(NJsonSchema.Validation.ValidationErrorKind.PatternMismatch, kinds);
        Assert.Contains(NJsonSchema.Validation.ValidationErrorKind.NotInEnumeration, kinds);
        Assert.Contains(NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed, kinds);
    }

    [Fact]
    public void Malformed_yaml_names_the_file_and_line()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            RuleDescriptorLoader.Parse("apiVersion: extls/v1\nkind: Rule\nmetadata:\n  id: [EXTLS1001\n", "rules/EXTLS1001.yaml"));
        Assert.StartsWith("rules/EXTLS1001.yaml:", e.Message, StringComparison.Ordinal);
        Assert.Matches(@"^rules/EXTLS1001\.yaml:\d+: ", e.Message);
    }

    [Fact]
    public void Malformed_flow_mapping_is_an_error_naming_the_file_not_a_crash()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            RuleDescriptorLoader.Parse("apiVersion: extls/v1\nmetadata: { id: EXTLS1001\nkind: Rule\n", "rules/EXTLS1001.yaml"));
        Assert.Matches(@"^rules/EXTLS1001\.yaml:\d+: invalid rule descriptor: ", e.Message);
    }

    [Fact]
    public void Factory_rejects_a_descriptor_whose_content_is_wrong_and_lists_every_problem()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Rules, "EXTLS1004.yaml"))
            .Replace("  severity: error", "  severity: fatal", StringComparison.Ordinal)
            .Replace("  category: InternalTransportCertificate", "  category: Elsewhere", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidDataException>(() => RuleDescriptorLoader.Parse(yaml, "rules/EXTLS1004.yaml"));
        Assert.Matches(@"^rules/EXTLS1004\.yaml:\d+: invalid rule descriptor", e.Message);
        Assert.Contains("spec.severity", e.Message, StringComparison.Ordinal);
        Assert.Contains("spec.category", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_rejects_an_id_that_does_not_match_the_file_name()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Rules, "EXTLS1004.yaml"));
        var e = Assert.Throws<InvalidDataException>(() => RuleDescriptorLoader.Parse(yaml, "rules/EXTLS1005.yaml"));
        Assert.Contains("does not match the file name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_yaml_key_is_a_clear_error_naming_the_file()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Rules, "EXTLS1004.yaml")) + "colour: red\n";
        var e = Assert.Throws<InvalidDataException>(() => RuleDescriptorLoader.Parse(yaml, "rules/EXTLS1004.yaml"));
        Assert.Matches(@"^rules/EXTLS1004\.yaml:\d+: invalid rule descriptor: ", e.Message);
    }
}
