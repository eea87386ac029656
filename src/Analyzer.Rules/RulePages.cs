using Extls.Model;

namespace Extls.Rules;

/// <summary>
/// Where the project publishes itself: its home page (SARIF's <c>informationUri</c>) and its rule pages, one
/// per rule ID (<c>rules/&lt;ID&gt;.md</c>, SARIF's <c>helpUri</c>). A team that mirrors the pages elsewhere
/// (an intranet wiki, a fork) names its own base with <c>--help-uri-base</c> or <c>helpUriBase</c> in extls.yaml.
/// </summary>
public static class RulePages
{
    /// <summary>The project's home: the repository on its code host.</summary>
    public static Uri ProjectHome { get; } = new("https://github.com/extls/extls");

    /// <summary>The rule pages as the repository's default branch shows them.</summary>
    public static Uri DefaultBase { get; } = new("https://github.com/extls/extls/blob/main/rules/");

    /// <summary>The page of one rule: the base and the ID, as the repository names its pages (<c>EXTLS1004.md</c>).</summary>
    public static Uri For(Uri baseUri, string ruleId)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        return new Uri(baseUri, Uri.EscapeDataString(ruleId) + ".md");
    }

    /// <summary>
    /// An absolute http or https address without query or fragment. A missing final '/' is added, so that
    /// "https://wiki/extls" means the folder and a rule's page is "https://wiki/extls/EXTLS1004.md".
    /// </summary>
    public static bool TryParseBase(string? text, out Uri? baseUri, out string error)
    {
        var ok = TryParseBase(text, out baseUri, out ProblemKind? problem);
        error = problem switch
        {
            ProblemKind.HelpUriNotAbsolute => $"'{text}' is not an absolute http or https address (for example https://wiki.contoso.com/extls/rules/)",
            ProblemKind.HelpUriHasQuery => $"'{text}' has a query or a fragment; give the folder the rule pages are published in",
            _ => "",
        };
        return ok;
    }

    /// <summary>As <see cref="TryParseBase(string?, out Uri?, out string)"/>, with what is wrong as a problem kind.</summary>
    public static bool TryParseBase(string? text, out Uri? baseUri, out ProblemKind? problem)
    {
        baseUri = null;
        var value = text?.Trim() ?? "";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problem = ProblemKind.HelpUriNotAbsolute;
            return false;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problem = ProblemKind.HelpUriHasQuery;
            return false;
        }

        baseUri = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        problem = null;
        return true;
    }
}
