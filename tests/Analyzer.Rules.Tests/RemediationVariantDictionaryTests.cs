using Extls.Rules.Configuration;

namespace Extls.Rules.Tests;

/// <summary>
/// A descriptor's alternative remediations are held in an array by variant (start-up: no framework dictionary over the
/// enum); they must still read as the sorted dictionary they replaced did.
/// </summary>
public sealed class RemediationVariantDictionaryTests
{
    private static RemediationScript Script(string run) => new([new RemediationStep(null, run)]);

    [Fact]
    public void Reads_as_a_dictionary_in_the_order_of_the_variants()
    {
        var builder = new RemediationVariantDictionary.Builder();
        builder[RemediationVariant.NotInternal] = Script("last");
        builder[RemediationVariant.NoCandidate] = Script("first");
        builder[RemediationVariant.CaIssued] = Script("replaced");
        builder[RemediationVariant.CaIssued] = Script("middle");
        var variants = builder.ToImmutable();

        Assert.Equal(3, variants.Count);
        Assert.Equal([RemediationVariant.NoCandidate, RemediationVariant.CaIssued, RemediationVariant.NotInternal], variants.Keys);
        Assert.Equal(["first", "middle", "last"], variants.Values.Select(v => v.Steps[0].Run));
        Assert.Equal(variants.Keys, variants.Select(p => p.Key));
        Assert.True(variants.TryGetValue(RemediationVariant.CaIssued, out var script));
        Assert.Equal("middle", script.Steps[0].Run);
        Assert.False(variants.TryGetValue(RemediationVariant.NoServer, out _));
        Assert.False(variants.ContainsKey((RemediationVariant)999));
        Assert.Throws<KeyNotFoundException>(() => variants[RemediationVariant.NoServer]);
    }

    [Fact]
    public void The_builder_is_not_shared_with_what_it_built()
    {
        var builder = new RemediationVariantDictionary.Builder();
        builder[RemediationVariant.NoServer] = Script("a");
        var built = builder.ToImmutable();
        builder[RemediationVariant.FileMissing] = Script("b");
        Assert.Equal([RemediationVariant.NoServer], built.Keys);
        Assert.Empty(RemediationVariantDictionary.Empty);
    }

    [Fact]
    public void Every_variant_parses_back_from_its_key()
    {
        foreach (var variant in Enum.GetValues<RemediationVariant>())
        {
            Assert.True(RemediationVariants.TryParse(RemediationVariants.Key(variant), out var parsed));
            Assert.Equal(variant, parsed);
        }

        Assert.False(RemediationVariants.TryParse("noSuchVariant", out _));
    }

    [Fact]
    public void A_configuration_without_rule_severities_gives_the_engine_none()
    {
        Assert.Null(ExtlsConfig.Empty.ToAnalysisOptions(null).SeverityOverrides);
        Assert.Empty(ExtlsConfig.Empty.Rules);
    }
}
