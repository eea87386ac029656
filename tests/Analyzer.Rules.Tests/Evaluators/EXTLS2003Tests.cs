using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Extls.Model;
using Extls.Rules;
using Extls.Rules.Evaluators;
using Extls.Selection;
using Extls.TestKit;
using YamlDotNet.RepresentationModel;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2003Tests
{
    [Fact]
    public void Fires_on_partner_connector_and_on_RequireTLS_connector_without_Tls()
    {
        var server = ExtRuleTestKit.WithConnectors(Build.Mailbox("EX01"),
            Build.Receive("EX01", "Partner Inbound", auth: ReceiveAuthMechanism.None, permissions: PermissionGroups.Partners, binding: "[::]:25"),
            Build.Receive("EX01", "Secure Relay", auth: ReceiveAuthMechanism.Integrated, permissions: PermissionGroups.ExchangeUsers) with { RequireTls = true },
            Build.Receive("EX01", "Internal Relay", auth: ReceiveAuthMechanism.Integrated, permissions: PermissionGroups.ExchangeUsers),
            Build.Receive("EX01", "Anonymous With Tls", auth: ReceiveAuthMechanism.Tls, permissions: PermissionGroups.AnonymousUsers),
            Build.Receive("EX01", "Disabled Partner", auth: ReceiveAuthMechanism.None, permissions: PermissionGroups.Partners) with { Enabled = false });

        var found = ExtRuleTestKit.Run(new StartTlsNotOffered(), ExtRuleTestKit.Context(Build.Org(server)));

        Assert.Equal(["EX01\\Partner Inbound", "EX01\\Secure Relay"], found.Select(d => d.Target.Id));
        Assert.All(found, d => Assert.Equal("receiveConnector", d.Target.Kind));
        Assert.Equal("false", found[0].Arguments["requireTls"]);
        Assert.Equal("Partners", found[0].Arguments["permissionGroups"]);
        Assert.Equal("Tls", found[0].Arguments["authMechanismWithTls"]);
        Assert.Equal("true", found[1].Arguments["requireTls"]);
        Assert.Equal("Tls, Integrated", found[1].Arguments["authMechanismWithTls"]);
    }

    [Fact]
    public void Silent_on_default_connectors_and_on_unknown_AuthMechanism()
    {
        var healthy = Build.Mailbox("EX01");
        var unknown = ExtRuleTestKit.WithConnectors(Build.Mailbox("EX02"),
            Build.Receive("EX02", "Partner Inbound", auth: null, permissions: PermissionGroups.Partners));

        Assert.Empty(ExtRuleTestKit.Run(new StartTlsNotOffered(), ExtRuleTestKit.Context(Build.Org(healthy, unknown))));
    }
}

/// <summary>Each rule of 2003–5002 has its descriptor in both languages, its page with every section, and exactly one evaluator.</summary>
public sealed class ExtRuleCatalogueTests
{
    public static TheoryData<string> Ids() =>
    [
        "EXTLS2003", "EXTLS2004", "EXTLS2005", "EXTLS2006", "EXTLS2007", "EXTLS2008", "EXTLS2009", "EXTLS2010", "EXTLS2011", "EXTLS2012",
        "EXTLS3001", "EXTLS3002", "EXTLS3003", "EXTLS3004", "EXTLS3005", "EXTLS3006", "EXTLS3007", "EXTLS3008",
        "EXTLS4001", "EXTLS4002", "EXTLS4003", "EXTLS4004", "EXTLS4005", "EXTLS4006",
        "EXTLS5001", "EXTLS5002",
    ];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Rule_has_descriptor_page_and_one_evaluator(string id)
    {
        var assembly = typeof(Diagnostic).Assembly;
        var yaml = new YamlStream();
        using (var reader = new StreamReader(assembly.GetManifestResourceStream($"rules/{id}.yaml") ?? throw new InvalidOperationException($"rules/{id}.yaml missing")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var metadata = (YamlMappingNode)root["metadata"];
        var spec = (YamlMappingNode)root["spec"];
        Assert.Equal(id, ((YamlScalarNode)metadata["id"]).Value);
        var name = ((YamlScalarNode)metadata["name"]).Value!;
        foreach (var key in new[] { "title", "message", "help" })
        {
            var text = (YamlMappingNode)spec[key];
            Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)text["en"]).Value), $"{id} {key}.en");
            Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)text["ja"]).Value), $"{id} {key}.ja");
        }

        Assert.Contains(((YamlScalarNode)spec["severity"]).Value, new[] { "error", "warning", "note" });
        var remediation = ((YamlScalarNode)spec["remediation"]).Value!;
        Assert.DoesNotContain(remediation.Split('\n'), line => new[] { "Set-", "Enable-", "New-", "Remove-" }.Any(v => line.StartsWith(v, StringComparison.Ordinal)) && !line.Contains("-WhatIf", StringComparison.Ordinal));

        using var page = new StreamReader(assembly.GetManifestResourceStream($"rules/{id}.md") ?? throw new InvalidOperationException($"rules/{id}.md missing"));
        var lines = page.ReadToEnd().Split('\n');
        Assert.Equal($"# {id}: {name}", lines[0]);
        var sections = lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["## What it means", "## Why it matters", "## How to check", "## How to fix", "## Example", "## Assumptions"], sections);

        var evaluators = assembly.GetTypes()
            .Where(t => typeof(IRuleEvaluator).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IRuleEvaluator)Activator.CreateInstance(t)!)
            .Where(e => e.RuleId == id)
            .ToList();
        var evaluator = Assert.Single(evaluators);
        Assert.Equal(name, evaluator.GetType().Name);
    }
}

/// <summary>Shared building blocks for the tests of rules 2003–5002.</summary>
internal static class ExtRuleTestKit
{
    private static readonly Regex Placeholder = new(@"\{([a-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant);

    public static AnalysisContext Context(OrganizationSnapshot snapshot, params SelectionResult[] selections) =>
        new(snapshot, [.. selections], Build.AsOf, 30);

    public static ServerSnapshot WithConnectors(ServerSnapshot server, params ReceiveConnector[] connectors) =>
        server with { ReceiveConnectors = Section<ReceiveConnector>.Collected([.. connectors], server.ReceiveConnectors.Location) };

    public static ServerSnapshot WithCertificates(ServerSnapshot server, params StoreCertificate[] certificates) =>
        server with { Certificates = Section<StoreCertificate>.Collected([.. certificates], server.Certificates.Location) };

    public static OrganizationSnapshot WithSendConnectors(OrganizationSnapshot snapshot, params SendConnector[] connectors) =>
        snapshot with { SendConnectors = Section<SendConnector>.Collected([.. connectors], snapshot.SendConnectors.Location) };

    public static SendConnector Send(string identity, params string[] sourceServers) => new()
    {
        Identity = identity,
        Name = identity,
        SourceTransportServers = [.. sourceServers],
        SmartHosts = [],
        AddressSpaces = ["smtp:*;1"],
        SmartHostAuthMechanism = SmartHostAuthMechanism.None,
        TlsCertificateName = null,
        Fqdn = null,
        RequireTls = false,
        CloudServicesMailEnabled = false,
        Enabled = true,
        Location = Build.Loc("org/SendConnector.json", "$[0]"),
    };

    public static SelectionResult Selection(
        Scenario scenario,
        string server,
        string? connector,
        SelectionOutcome outcome,
        string? certificate = null,
        bool handshakeFails = false,
        string? matchKey = null,
        params CandidateVerdict[] candidates) => new()
    {
        Scenario = scenario,
        Server = server,
        Connector = connector,
        Advertised = outcome is SelectionOutcome.Selected or SelectionOutcome.SelectedExpired or SelectionOutcome.SelectedExpiresSoon,
        Certificate = certificate,
        EndedAtStep = 10,
        Outcome = outcome,
        HandshakeFails = handshakeFails,
        MatchKey = matchKey,
        Candidates = [.. candidates],
        Location = Build.Loc($"servers/{server}/ReceiveConnector.json", "$[1]"),
    };

    public static CandidateVerdict Candidate(
        string thumbprint,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        bool eligible = true,
        bool chosen = false,
        int? rank = null,
        string subject = "CN=mail.contoso.com",
        params string[] refused) => new()
    {
        Thumbprint = thumbprint,
        Subject = subject,
        NotBefore = notBefore,
        NotAfter = notAfter,
        Eligible = eligible,
        Chosen = chosen,
        Rank = rank,
        RefusedBecause = [.. refused],
    };

    /// <summary>
    /// Runs the evaluator and checks what every rule of this set owes its descriptor: the right id,
    /// and a value for every placeholder of rules/&lt;ID&gt;.yaml (the engine reports a missing one as EXTLS9005).
    /// </summary>
    public static List<Diagnostic> Run(IRuleEvaluator evaluator, AnalysisContext context)
    {
        var diagnostics = evaluator.Evaluate(context).ToList();
        var placeholders = Placeholders(evaluator.RuleId);
        Assert.NotEmpty(placeholders);
        foreach (var diagnostic in diagnostics)
        {
            Assert.Equal(evaluator.RuleId, diagnostic.RuleId);
            foreach (var name in placeholders.Where(p => p is not "server" and not "target"))
            {
                Assert.True(diagnostic.Arguments.ContainsKey(name), $"{evaluator.RuleId} does not supply {{{name}}} for {diagnostic.Target.Id}");
            }

            if (placeholders.Contains("server"))
            {
                Assert.False(string.IsNullOrEmpty(diagnostic.Server), $"{evaluator.RuleId} uses {{server}} but {diagnostic.Target.Id} has none");
            }
        }

        return diagnostics;
    }

    private static HashSet<string> Placeholders(string ruleId)
    {
        using var stream = typeof(Diagnostic).Assembly.GetManifestResourceStream($"rules/{ruleId}.yaml")
            ?? throw new InvalidOperationException($"rules/{ruleId}.yaml is not embedded");
        using var reader = new StreamReader(stream);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var spec = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["spec"];
        var message = (YamlMappingNode)spec["message"];
        var texts = new[] { message["en"], message["ja"], spec["remediation"] }.Select(n => ((YamlScalarNode)n).Value ?? "");
        return texts.SelectMany(t => Placeholder.Matches(t).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
    }
}
