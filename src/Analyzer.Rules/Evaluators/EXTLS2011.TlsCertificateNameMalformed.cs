using System.Text.RegularExpressions;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2011: a receive connector's TlsCertificateName is neither &lt;I&gt;…&lt;S&gt;… nor [I]…[S]…, so it matches nothing.</summary>
internal sealed class TlsCertificateNameMalformed : IRuleEvaluator
{
    public string RuleId => "EXTLS2011";

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            if (!server.ReceiveConnectors.IsKnown)
            {
                continue;
            }

            foreach (var connector in ExtRuleSupport.InUse(server.ReceiveConnectors.Items))
            {
                if (!TlsCertificateNameSyntax.IsMalformed(connector.TlsCertificateName))
                {
                    continue;
                }

                yield return new Diagnostic
                {
                    RuleId = RuleId,
                    Server = server.Name,
                    Target = new FindingTarget("receiveConnector", connector.Identity),
                    Arguments = ExtRuleSupport.Args(
                        ("connector", connector.Identity),
                        ("tlsCertificateName", connector.TlsCertificateName!)),
                    Impacts = [new Impact(Scenario.InboundStartTls.ToId(), server.Name, connector.Identity)],
                    Location = connector.Location,
                };
            }
        }
    }
}

/// <summary>The syntax of TlsCertificateName, shared by EXTLS2011 (receive) and EXTLS3008 (send).</summary>
internal static partial class TlsCertificateNameSyntax
{
    /// <summary>
    /// Malformed means set, and not &lt;I&gt;issuer&lt;S&gt;subject (or the older [I]…[S]…) with both parts
    /// looking like distinguished names (containing '='). Unset (null or blank) is not malformed.
    /// </summary>
    public static bool IsMalformed(string? value) =>
        ExtRuleSupport.IsSet(value) && !WellFormed().IsMatch(value!.Trim());

    [GeneratedRegex(@"^(?:<I>(?<i>[^<>]*=[^<>]*)<S>(?<s>[^<>]*=[^<>]*)|\[I\](?<i>[^\[\]]*=[^\[\]]*)\[S\](?<s>[^\[\]]*=[^\[\]]*))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex WellFormed();
}
