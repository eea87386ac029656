namespace Extls.Rules.Descriptors;

// The YAML envelope of rules/<ID>.yaml as Json.NET binds it, after the schema has accepted it. Mutable
// only because the binder needs setters; nothing outside the loader sees these types.
#pragma warning disable CA1812 // instantiated by Json.NET
internal sealed class RuleDocument
{
    public RuleMetadataDocument? Metadata { get; set; }

    public RuleSpecDocument? Spec { get; set; }
}

internal sealed class RuleMetadataDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}

internal sealed class RuleSpecDocument
{
    public LocalizedDocument? Title { get; set; }

    public LocalizedDocument? Message { get; set; }

    public string? Severity { get; set; }

    public string? Category { get; set; }

    public int? Event { get; set; }

    public LocalizedDocument? Help { get; set; }

    public Newtonsoft.Json.Linq.JToken? Remediation { get; set; }

    public Dictionary<string, Newtonsoft.Json.Linq.JToken>? RemediationVariants { get; set; }

    public Dictionary<string, Dictionary<string, LocalizedDocument>>? Values { get; set; }

    public Dictionary<string, LocalizedDocument>? Absent { get; set; }

    public Dictionary<string, LocalizedDocument>? Items { get; set; }

    public List<string>? Assumptions { get; set; }

    public List<string>? Scenarios { get; set; }
}

internal sealed class LocalizedDocument
{
    public string? En { get; set; }

    public string? Ja { get; set; }
}
#pragma warning restore CA1812
