using System.Text.RegularExpressions;
using Extls.Model;
using Extls.Selection;

namespace Extls.Reporting.Tests;

/// <summary>
/// What counts as English left in a Japanese explanation: any ASCII word that is not a name from the dump
/// (servers, connectors, DNs, FQDNs, TlsCertificateName values, the collector's own error text), an
/// identifier of Exchange (a property, an enumeration value, a cmdlet, a protocol or product name), a
/// number, a date, a thumbprint, or one of the responses Exchange itself writes in English.
/// </summary>
internal static partial class JapaneseLeftovers
{
    /// <summary>Exchange's and the protocols' own names, which Microsoft's Japanese documentation keeps as they are.</summary>
    private static readonly string[] Identifiers =
    [
        "extls", "Microsoft", "X-ANONYMOUSTLS", "STARTTLS", "TLS", "SMTP", "AD", "CA", "FQDN", "X.509", "v3", "RFC", "EdgeSync",
        "Exchange", "Online", "Get-TransportService", "TransportService", "DeliveryType", "UnknownCredentials",
        "True", "False", "NotBefore", "NotAfter", "Status", "CN", "DNS",
    ];

    /// <summary>Text Exchange writes in English (SMTP responses, log lines) and the TlsCertificateName syntax, quoted as they are.</summary>
    private static readonly string[] Literals =
        [SelectionWording.Response454, SelectionWording.UnknownCredentials, "<I>", "<S>", "[I]", "[S]"];

    private static readonly HashSet<string> Allowed = BuildAllowed();

    public static bool HasJapanese(string text) => JapaneseCharacter().IsMatch(text);

    /// <summary>The English words left in <paramref name="text"/> once the names of <paramref name="selections"/> are set aside.</summary>
    public static IReadOnlyList<string> Find(string text, IEnumerable<SelectionResult> selections) =>
        Find(text, selections.SelectMany(NamesOf));

    public static IReadOnlyList<string> Find(string text, IEnumerable<string> names)
    {
        var rest = text;
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).OrderByDescending(n => n.Length))
        {
            // Whole words only: a short name ("Edge") must not cut an identifier ("EdgeSync") in two.
            rest = Regex.Replace(rest, $"(?<![A-Za-z0-9]){Regex.Escape(name)}(?![A-Za-z0-9])", " ", RegexOptions.CultureInvariant);
        }

        foreach (var literal in Literals)
        {
            rest = rest.Replace(literal, " ", StringComparison.Ordinal);
        }

        return [.. Word().Matches(rest).Select(m => m.Value).Where(w => !IsAllowed(w)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The names a replay carries from the dump.</summary>
    public static IEnumerable<string> NamesOf(SelectionResult s)
    {
        yield return s.Server;
        foreach (var name in new[] { s.Connector, s.MatchKey, s.Certificate }.OfType<string>())
        {
            yield return name;
        }

        foreach (var c in s.Candidates.IsDefault ? [] : s.Candidates)
        {
            yield return c.Thumbprint;
            yield return c.Subject;
        }

        foreach (var name in (s.Trace.IsDefault ? [] : s.Trace).SelectMany(NamesOf))
        {
            yield return name;
        }
    }

    public static IEnumerable<string> NamesOf(TraceStep step)
    {
        foreach (var read in step.Reads)
        {
            if (read.Of is not null)
            {
                yield return read.Of;
            }

            foreach (var name in NamesOf(read.Value))
            {
                yield return name;
            }
        }
    }

    private static IEnumerable<string> NamesOf(TraceValue value) => value switch
    {
        TextValue { Text: { } text } => [text],
        KeyValue k => new[] { k.Text, k.Issuer, k.Subject }.OfType<string>(),
        MismatchValue m => new[] { m.Subject, m.Issuer, m.Wildcard }.OfType<string>().Concat(m.Names),
        ListValue { Items: { } items } => items.SelectMany(NamesOf),
        _ => [],
    };

    private static bool IsAllowed(string word) =>
        Allowed.Contains(word) || Number().IsMatch(word) || Thumbprint().IsMatch(word);

    private static HashSet<string> BuildAllowed()
    {
        var allowed = new HashSet<string>(Identifiers, StringComparer.Ordinal);
        Type[] exchangeEnums =
            [typeof(ReceiveAuthMechanism), typeof(SmartHostAuthMechanism), typeof(TlsAuthLevel), typeof(CertificateServices), typeof(CertificateStatus), typeof(TransportServerRole)];
        allowed.UnionWith(exchangeEnums.SelectMany(Enum.GetNames));
        allowed.UnionWith(Enum.GetValues<Scenario>().Select(s => s.ToId()));
        allowed.UnionWith(Enum.GetValues<Assumption>().Select(a => a.ToId()));
        allowed.UnionWith(Enum.GetValues<ReplayProperty>().Select(p => p.ToId()));

        // Fields that are Exchange property names are spelt the same in both languages.
        allowed.UnionWith(SelectionWording.Fields.Values.Where(w => w.En == w.Ja).Select(w => w.En));
        return allowed;
    }

    [GeneratedRegex(@"[A-Za-z0-9]+(?:[._\-][A-Za-z0-9]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    // Counts, event ids, versions, dates and SMTP status codes.
    [GeneratedRegex(@"^[0-9][0-9.:\-TZ]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex("^[0-9A-F]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Thumbprint();

    [GeneratedRegex(@"[\u3040-\u30FF\u3400-\u9FFF\uFF00-\uFFEF]", RegexOptions.CultureInvariant)]
    private static partial Regex JapaneseCharacter();
}
