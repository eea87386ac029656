using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1003Tests
{
    [Fact]
    public void Fires_on_the_server_whose_AD_value_is_not_a_certificate_with_the_reason()
    {
        var corrupt = Build.Mailbox("EX02") with
        {
            InternalCertificate = Build.Ad(null, AdCertificateState.Corrupt) with { CorruptReason = "The value is not certificate bytes." },
        };
        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS1003, Build.Org(Build.Mailbox("EX01"), corrupt), fires: ["EX02"], passes: ["EX01"]));

        Assert.Contains("The value is not certificate bytes.", d.Message, StringComparison.Ordinal);
        Assert.Equal(12022, d.EventId);
        Assert.NotEmpty(d.Impacts);
    }
}
