using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Extls.Redaction;

/// <summary>
/// Turns every kind of name a dump holds into its pseudonym. Each function is a function of the name alone (and the
/// key, and the names the dump declares as servers, sites, organisation and users), so the same name maps the same
/// way wherever it appears; names are compared without regard to case, as Exchange compares them, and the
/// pseudonym takes the case style of the name (EX01 → SRV-…, ex01 → srv-…).
/// <para>
/// DNS names map label by label from the right: the public suffix and the label before it (the registrable domain)
/// become one "example-…​.test" name, every label to its left a "srv-…" label. Since each label maps the same way
/// whatever stands to its left, suffix relations are kept: "*.contoso.com" still covers "mail.contoso.com", a
/// server's NetBIOS name is still the first label of its FQDN, and "Default EX01" still names EX01's connector.
/// </para>
/// </summary>
internal sealed partial class Pseudonyms
{
    private readonly RedactionKey key;
    private readonly RedactionMap map;

    public Pseudonyms(RedactionKey key, RedactionMap map)
    {
        this.key = key;
        this.map = map;
        Ips = new IpAddresses(key);
    }

    public IpAddresses Ips { get; }

    // What the dump declares (collected before anything is mapped, so no pseudonym depends on the order of files).
    public HashSet<string> Servers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> SiteWords { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> OrganizationWords { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> UserWords { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> DomainWords { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Thumbprint, serial number and key identifier of each re-issued certificate: real (upper-case hex) → new.</summary>
    public Dictionary<string, string> Thumbprints { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Serials { get; } = new(StringComparer.Ordinal);

    // Words and labels handed out, for finding them again in free text.
    private readonly Dictionary<string, string> wordsSeen = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> labelsSeen = new(StringComparer.OrdinalIgnoreCase);

    private static string Norm(string s) => s.ToLowerInvariant();

    /// <summary>Upper case when the real value's letters are all upper case, else the pseudonym as made.</summary>
    private static string Styled(string pseudonym, string real) =>
        real.Any(char.IsLetter) && !real.Any(char.IsLower) ? pseudonym.ToUpperInvariant() : pseudonym;

    // ---------------------------------------------------------------- DNS names

    /// <summary>A host label or server name.</summary>
    public string Label(string label)
    {
        if (label.Length == 0 || label == "*" || label.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return label;
        }

        var norm = Norm(label);
        var pseudonym = Styled(map.Unique("host", norm, d => "srv-" + key.Hex("host", norm, d)), label);
        labelsSeen.Add(label);
        map.Record(PseudonymKind.Host, pseudonym, label);
        return pseudonym;
    }

    /// <summary>A DNS name, wildcard or single label; public domains stay.</summary>
    public string DnsName(string name)
    {
        if (name.Length == 0 || name == "*" || name == "--")
        {
            return name;
        }

        var trailingDot = name.EndsWith('.') && name.Length > 1;
        var core = trailingDot ? name[..^1] : name;
        var labels = core.Split('.');
        if (labels.Any(l => l.Length == 0))
        {
            return Names(name);
        }

        string result;
        if (labels.Length == 1)
        {
            result = Label(core);
        }
        else if (PublicDomain(core) is { } pub)
        {
            var (suffix, cloud) = pub;
            var left = labels[..^suffix.Split('.').Length];
            if (left.Length == 0 || !cloud)
            {
                result = core;
            }
            else
            {
                var tenant = left[^1];
                var tnorm = Norm(tenant);
                var tp = Styled(map.Unique("tenant", tnorm, d => "tenant-" + key.Hex("tenant", tnorm, d)), tenant);
                map.Record(PseudonymKind.Tenant, tp, tenant);
                DomainWords.Add(tenant);
                result = string.Join('.', left[..^1].Select(Label).Append(tp)) + "." + core[^suffix.Length..];
            }
        }
        else
        {
            int suffixLength = PublicSuffixLength(labels);
            if (labels.Length <= suffixLength)
            {
                result = core;
            }
            else
            {
                var registrable = string.Join('.', labels[^(suffixLength + 1)..]);
                result = string.Join('.', labels[..^(suffixLength + 1)].Select(Label).Append(Domain(registrable)));
            }
        }

        return trailingDot ? result + "." : result;
    }

    /// <summary>A registrable domain ("contoso.com", "contoso.co.jp") as one name.</summary>
    private string Domain(string registrable)
    {
        var norm = Norm(registrable);
        var pseudonym = Styled(map.Unique("domain", norm, d => "example-" + key.Hex("domain", norm, d) + ".test"), registrable);
        map.Record(PseudonymKind.Domain, pseudonym, registrable);

        // Its first label alone (a NetBIOS-like "contoso", DC=contoso in free text) is a name of the organisation too.
        DomainWords.Add(registrable.Split('.')[0]);
        return pseudonym;
    }

    private static (string Suffix, bool Cloud)? PublicDomain(string name)
    {
        foreach (var (domain, cloud) in Vocabulary.PublicDomains.OrderByDescending(p => p.Domain.Length))
        {
            if (name.Equals(domain, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))
            {
                return (domain, cloud);
            }
        }

        return null;
    }

    /// <summary>The last label, or the last two for "co.uk"-style country suffixes.</summary>
    private static int PublicSuffixLength(string[] labels) =>
        labels.Length >= 3 && labels[^1].Length == 2 && labels[^1].All(char.IsAsciiLetter) && Vocabulary.SecondLevel.Contains(labels[^2]) ? 2 : 1;

    [GeneratedRegex(@"^(\*\.)?([A-Za-z0-9_]([A-Za-z0-9_\-]*[A-Za-z0-9_])?\.)+[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsShape();

    /// <summary>Whether a text is a dotted DNS name (not a version, not a file name, not a .NET type name).</summary>
    public static bool IsDnsName(string s) =>
        s.Length <= 253 && DnsShape().IsMatch(s) && !IsTypeName(s) && !Vocabulary.FileExtensions.Contains(s[(s.LastIndexOf('.') + 1)..]);

    [GeneratedRegex(@"^(System|Microsoft|Deserialized|Newtonsoft|Windows)\.[A-Z][\w`\[\]]*(\.[\w`\[\],]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeNameShape();

    public static bool IsTypeName(string s) => TypeNameShape().IsMatch(s);

    // ---------------------------------------------------------------- words and names

    /// <summary>A word of a name that is not vocabulary: a server's, a site's, the organisation's, a user's or just a name.</summary>
    public string Word(string word)
    {
        if (Servers.Contains(word))
        {
            return Label(word);
        }

        var norm = Norm(word);
        var prefix = SiteWords.Contains(word) ? "Site"
            : OrganizationWords.Contains(word) ? "Org"
            : UserWords.Contains(word) ? "user"
            : "Name";
        var pseudonym = Styled(map.Unique("word", norm, d => prefix + "-" + key.Hex("word", norm, d)), word);
        wordsSeen[word] = pseudonym;
        map.Record(PseudonymKind.Word, pseudonym, word);
        return pseudonym;
    }

    /// <summary>A whole text a person wrote (a Comment, a Banner): nothing of it is kept.</summary>
    public string Text(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        var norm = text.Trim();
        var pseudonym = map.Unique("text", norm, d => "Text-" + key.Hex("text", norm, d));
        map.Record(PseudonymKind.Text, pseudonym, text);
        return pseudonym;
    }

    // A token of a name or of free text: a structured value, or a word. Order matters: the first that matches wins.
    [GeneratedRegex(
        @"(?<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+)" +
        @"|(?<guid>\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\b)" +
        @"|(?<ip>(?<![\w.:])(\d{1,3}(\.\d{1,3}){3}(/\d{1,2}|-\d{1,3}(\.\d{1,3}){3})?)(?![\w.]))" +
        @"|(?<ip6>(?<![\w:.])([0-9A-Fa-f]{0,4}:){2,7}([0-9A-Fa-f]{1,4}|(\d{1,3}(\.\d{1,3}){3}))?(%\w+)?(/\d{1,3})?(?![\w:]))" +
        @"|(?<hex>\b[0-9A-Fa-f]{40}\b)" +
        @"|(?<host>(\*\.)?[\p{L}\p{N}_]([\p{L}\p{N}_\-]*[\p{L}\p{N}_])?(\.[\p{L}\p{N}_]([\p{L}\p{N}_\-]*[\p{L}\p{N}_])?)+)" +
        @"|(?<word>[\p{L}\p{N}]+)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Tokens();

    /// <summary>
    /// A name made of words ("Outbound to Fabrikam", "Contoso Issuing CA 01", "WMSvc-SHA2-EX01"): vocabulary words,
    /// numbers and one- or two-letter words stay, server names become their pseudonym, every other word is replaced.
    /// </summary>
    public string Names(string text) => Scan(text, allowList: true);

    /// <summary>
    /// Text the collector or a shell wrote ("The search LDAP://dc01.contoso.com/CN=EX01,… failed"): addresses, DNS
    /// names, GUIDs and thumbprints are replaced wherever they are, and so is every word this dump uses as a name.
    /// </summary>
    public string FreeText(string text) => Scan(text, allowList: false);

    private string Scan(string text, bool allowList)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        int last = 0;
        foreach (Match m in Tokens().Matches(text))
        {
            sb.Append(text, last, m.Index - last);
            sb.Append(Token(m, allowList));
            last = m.Index + m.Length;
        }

        sb.Append(text, last, text.Length - last);
        return sb.ToString();
    }

    private string Token(Match m, bool allowList)
    {
        var v = m.Value;
        if (m.Groups["email"].Success)
        {
            return Email(v);
        }

        if (m.Groups["guid"].Success)
        {
            return Guid(v);
        }

        if ((m.Groups["ip"].Success || m.Groups["ip6"].Success) && Ips.MapRangeText(v) is { } ip)
        {
            RecordIp(v, ip);
            return ip;
        }

        if (m.Groups["hex"].Success)
        {
            return Thumbprint(v);
        }

        if (m.Groups["host"].Success)
        {
            if (IsDnsName(v))
            {
                return DnsName(v);
            }

            // A dotted word that is not a host (a file name, a type name, a version): each part on its own.
            return Regex.Replace(v, @"[\p{L}\p{N}]+", w => WordToken(w.Value, allowList), RegexOptions.CultureInvariant);
        }

        if (m.Groups["ip6"].Success)
        {
            return v;
        }

        return WordToken(v, allowList);
    }

    private string WordToken(string word, bool allowList)
    {
        if (Servers.Contains(word))
        {
            return Label(word);
        }

        // A long hex word is an identifier (a serial number as a protocol log's "Sending certificate" row spells it):
        // the re-issued certificate's, or keyed hex.
        if (word.Length >= 16 && word.All(Uri.IsHexDigit) && word.Any(char.IsDigit))
        {
            return Serial(word);
        }

        if (word.All(char.IsDigit) || Vocabulary.Words.Contains(word))
        {
            return word;
        }

        if (allowList)
        {
            return word.Length <= 2 ? word : Word(word);
        }

        // Free text keeps its words unless the dump uses them as names.
        if (wordsSeen.TryGetValue(word, out var seen))
        {
            return Styled(seen, word);
        }

        if (labelsSeen.Contains(word))
        {
            return Label(word);
        }

        if (SiteWords.Contains(word) || OrganizationWords.Contains(word) || UserWords.Contains(word) || DomainWords.Contains(word))
        {
            return Word(word);
        }

        return word;
    }

    // ---------------------------------------------------------------- structured values

    public string Email(string email)
    {
        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return Names(email);
        }

        var local = email[..at];
        UserWords.Add(local);
        return Word(local) + "@" + DnsName(email[(at + 1)..]);
    }

    /// <summary>"CONTOSO\exadmin", "exadmin@contoso.com" or "exadmin".</summary>
    public string User(string user)
    {
        if (user.Contains('@', StringComparison.Ordinal))
        {
            return Email(user);
        }

        var slash = user.IndexOf('\\', StringComparison.Ordinal);
        return slash < 0 ? Word(user) : Word(user[..slash]) + "\\" + Word(user[(slash + 1)..]);
    }

    public string Guid(string text)
    {
        var braces = text.StartsWith('{') && text.EndsWith('}');
        var core = braces ? text[1..^1] : text;
        if (!System.Guid.TryParseExact(core, "D", out var real) || real == System.Guid.Empty)
        {
            return text;
        }

        var norm = real.ToString("D");
        var bytes = key.Hash("guid", norm)[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4, as a random GUID
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var pseudonym = new System.Guid(bytes).ToString("D");
        pseudonym = core.Any(char.IsAsciiLetterUpper) ? pseudonym.ToUpperInvariant() : pseudonym;
        map.Record(PseudonymKind.Guid, pseudonym, core);
        return braces ? "{" + pseudonym + "}" : pseudonym;
    }

    /// <summary>Upper-case hex digits only, as Exchange compares thumbprints (spaces, marks and case ignored).</summary>
    public static string NormalizeHex(string s) => new([.. s.Where(Uri.IsHexDigit).Select(char.ToUpperInvariant)]);

    public static bool IsThumbprint(string s) =>
        s.Length >= 40 && s.All(c => Uri.IsHexDigit(c) || c is ' ' or '\u200E' or '\u200F' or '\u202A' or '\u202C' or '\uFEFF' or ':')
        && NormalizeHex(s).Length == 40;

    /// <summary>The re-issued certificate's thumbprint, or a keyed one for a thumbprint of no certificate in the dump; written in the same layout (case, spaces, marks).</summary>
    public string Thumbprint(string text)
    {
        var norm = NormalizeHex(text);
        if (norm.Length == 0)
        {
            return text;
        }

        var pseudonym = Thumbprints.TryGetValue(norm, out var known) ? known : key.Hex("thumbprint", norm, 64)[..Math.Min(64, norm.Length)].ToUpperInvariant();
        if (pseudonym.Length < norm.Length)
        {
            pseudonym = Convert.ToHexString(key.Stream("thumbprint", norm, (norm.Length + 1) / 2))[..norm.Length];
        }

        var result = Relayout(pseudonym, text);
        map.Record(PseudonymKind.Thumbprint, NormalizeHex(result), norm);
        return result;
    }

    /// <summary>A serial number or key identifier: the re-issued certificate's, or keyed hex of the same length.</summary>
    public string Serial(string text)
    {
        var norm = NormalizeHex(text);
        if (norm.Length == 0)
        {
            return text;
        }

        var pseudonym = Serials.TryGetValue(norm, out var known) && known.Length > 0
            ? known
            : Convert.ToHexString(key.Stream("serial", norm, (norm.Length + 1) / 2))[..norm.Length];
        var result = pseudonym.Length == norm.Length ? Relayout(pseudonym, text) : pseudonym;
        map.Record(PseudonymKind.Serial, NormalizeHex(result), norm);
        return result;
    }

    /// <summary>The hex digits of <paramref name="hex"/> in the layout of <paramref name="like"/>: its case, its spaces and marks.</summary>
    private static string Relayout(string hex, string like)
    {
        var sb = new StringBuilder(like.Length);
        int i = 0;
        bool lower = like.Any(c => c is >= 'a' and <= 'f') && !like.Any(c => c is >= 'A' and <= 'F');
        foreach (var c in like)
        {
            if (Uri.IsHexDigit(c) && i < hex.Length)
            {
                var h = hex[i++];
                sb.Append(lower ? char.ToLowerInvariant(h) : char.ToUpperInvariant(h));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    public void RecordIp(string real, string pseudonym) => map.Record(PseudonymKind.Ip, pseudonym, real);

    /// <summary>A re-issued certificate: its thumbprint and serial number in both directions, whether or not the dump spells them anywhere.</summary>
    public void RecordCertificate(string realThumbprint, string newThumbprint, string realSerial, string newSerial)
    {
        Thumbprints[realThumbprint] = newThumbprint;
        Serials[realSerial] = newSerial;
        map.Record(PseudonymKind.Thumbprint, newThumbprint, realThumbprint);
        map.Record(PseudonymKind.Serial, newSerial, realSerial);
    }

    /// <summary>An address, block or range as text; null when the text is none.</summary>
    public string? Ip(string text)
    {
        if (Ips.MapRangeText(text) is not { } mapped)
        {
            return null;
        }

        RecordIp(text, mapped);
        return mapped;
    }

    /// <summary>A binding or endpoint: "0.0.0.0:25", "[::]:25", "10.0.0.5:52311"; null when not one.</summary>
    public string? Endpoint(string text)
    {
        if (text.StartsWith('[') && text.IndexOf("]:", StringComparison.Ordinal) is > 0 and var close
            && int.TryParse(text.AsSpan(close + 2), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return Ip(text[1..close]) is { } inner ? "[" + inner + text[close..] : null;
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0 && text.IndexOf(':', StringComparison.Ordinal) == colon
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return Ip(text[..colon]) is { } inner ? inner + text[colon..] : null;
        }

        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            return Ip(text[1..^1]) is { } inner ? "[" + inner + "]" : null;
        }

        return null;
    }

    // ---------------------------------------------------------------- distinguished names

    /// <summary>
    /// A distinguished name, X.500 or AD ("CN=mail.contoso.com, O=Contoso Ltd, C=US",
    /// "CN=EX01,CN=Servers,…,DC=contoso,DC=com"): each value by its attribute, the layout kept. Null when the text is
    /// not a distinguished name.
    /// </summary>
    public string? Dn(string dn)
    {
        var parts = DnParts(dn);
        if (parts is null)
        {
            return null;
        }

        var sb = new StringBuilder(dn.Length + 16);
        for (int i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            if (p.Type.Equals("DC", StringComparison.OrdinalIgnoreCase))
            {
                // A run of DC= values is one domain.
                int j = i;
                while (j + 1 < parts.Count && parts[j + 1].Type.Equals("DC", StringComparison.OrdinalIgnoreCase))
                {
                    j++;
                }

                var domain = string.Join('.', parts.Skip(i).Take(j - i + 1).Select(x => x.Value));
                var labels = (j > i ? DnsName(domain) : DcSingle(domain)).Split('.');
                var sep = j > i ? parts[i + 1].Separator : ",";
                sb.Append(p.Separator);
                for (int k = 0; k < labels.Length; k++)
                {
                    sb.Append(k == 0 ? string.Empty : sep).Append(p.TypeText).Append(Escape(labels[k], p.Quoted));
                }

                i = j;
                continue;
            }

            sb.Append(p.Separator).Append(p.TypeText).Append(Escape(Value(p.Type, p.Value), p.Quoted));
        }

        return sb.Append(parts[^1].Trailing).ToString();
    }

    /// <summary>A lone DC= (an ADObjectId's Rdn): a top-level label stays, any other is a name of the organisation.</summary>
    private string DcSingle(string label) =>
        label.Length <= 3 || label.Equals("local", StringComparison.OrdinalIgnoreCase) ? label : WordToken(label, allowList: true);

    private string Value(string type, string value) => type.ToUpperInvariant() switch
    {
        "CN" => CommonName(value),
        "C" => value,
        "E" or "EMAIL" or "EMAILADDRESS" or "1.2.840.113549.1.9.1" or "OID.1.2.840.113549.1.9.1" => value.Contains('@', StringComparison.Ordinal) ? Email(value) : Names(value),
        "SERIALNUMBER" => Serial(value) is var s && s != value ? s : Names(value),
        _ => Names(value),
    };

    /// <summary>A common name: a host, a server, an Exchange container, or a name of words.</summary>
    public string CommonName(string value)
    {
        if (Vocabulary.Containers.Contains(value))
        {
            return value;
        }

        if (IsDnsName(value) || (value.StartsWith("*.", StringComparison.Ordinal) && IsDnsName(value[2..])))
        {
            return DnsName(value);
        }

        if (Servers.Contains(value))
        {
            return Label(value);
        }

        return IsDnsLabel(value) && labelsSeen.Contains(value) ? Label(value) : Names(value);
    }

    private static bool IsDnsLabel(string s) => s.Length is > 0 and <= 63 && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static string Escape(string value, bool quoted)
    {
        if (quoted)
        {
            return "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        }

        var sb = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' || (c == '#' && i == 0))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private sealed record DnPart(string Separator, string TypeText, string Type, string Value, bool Quoted, string Trailing);

    [GeneratedRegex(@"^(?<sep>\s*[,;+]?\s*)(?<type>(?<name>[A-Za-z][A-Za-z0-9\-]*|(OID\.)?\d+(\.\d+)+)\s*=\s*)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex RdnStart();

    /// <summary>The attribute-value pairs with the text between them, or null when the text is not a distinguished name.</summary>
    private static List<DnPart>? DnParts(string dn)
    {
        var parts = new List<DnPart>();
        int pos = 0;
        while (pos < dn.Length)
        {
            var m = RdnStart().Match(dn[pos..]);
            if (!m.Success || (parts.Count == 0 && m.Groups["sep"].Value.Trim().Length > 0) || (parts.Count > 0 && m.Groups["sep"].Value.Trim().Length == 0))
            {
                return null;
            }

            pos += m.Length;
            var sb = new StringBuilder();
            bool quoted = pos < dn.Length && dn[pos] == '"';
            if (quoted)
            {
                pos++;
                while (pos < dn.Length && dn[pos] != '"')
                {
                    if (dn[pos] == '\\' && pos + 1 < dn.Length)
                    {
                        pos++;
                    }

                    sb.Append(dn[pos++]);
                }

                if (pos >= dn.Length)
                {
                    return null;
                }

                pos++;
            }
            else
            {
                while (pos < dn.Length && dn[pos] is not (',' or ';' or '+'))
                {
                    if (dn[pos] == '\\' && pos + 1 < dn.Length)
                    {
                        pos++;
                    }

                    sb.Append(dn[pos++]);
                }
            }

            var value = sb.ToString();
            var trailing = string.Empty;
            if (!quoted)
            {
                // Spaces before the next separator (or the end) are layout, not value: they stay where they were.
                int k = 0;
                while (k < value.Length && pos - k - 1 >= 0 && dn[pos - k - 1] == ' ' && value[^(k + 1)] == ' ' && (pos - k - 2 < 0 || dn[pos - k - 2] != '\\'))
                {
                    k++;
                }

                value = value[..^k];
                if (pos >= dn.Length)
                {
                    trailing = new string(' ', k);
                }
                else
                {
                    pos -= k;
                }
            }

            parts.Add(new DnPart(m.Groups["sep"].Value, m.Groups["type"].Value, m.Groups["name"].Value, value, quoted, trailing));
        }

        return parts.Count == 0 ? null : parts;
    }

    // ---------------------------------------------------------------- Exchange's composite values

    [GeneratedRegex(@"^<I>(?<i>.*)<S>(?<s>.*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.ExplicitCapture)]
    private static partial Regex TlsName();

    /// <summary>"&lt;I&gt;issuer&lt;S&gt;subject"; a malformed value keeps its malformation, with its names replaced.</summary>
    public string TlsCertificateName(string text)
    {
        var m = TlsName().Match(text);
        if (!m.Success)
        {
            // No <S> (or no <I>): whatever follows a tag is still a name; never back to Generic, which sent it here.
            if (text.StartsWith("<I>", StringComparison.OrdinalIgnoreCase))
            {
                return text[..3] + (Dn(text[3..]) ?? FreeText(text[3..]));
            }

            return DnStart().IsMatch(text) && Dn(text) is { } dn ? dn : FreeText(text);
        }

        var i = m.Groups["i"];
        var s = m.Groups["s"];
        return text[..i.Index] + (Dn(i.Value) ?? FreeText(i.Value)) + text[(i.Index + i.Length)..s.Index] + (Dn(s.Value) ?? FreeText(s.Value));
    }

    /// <summary>"SERVER\Name": the server and the connector's name.</summary>
    public string ConnectorIdentity(string text)
    {
        var slash = text.IndexOf('\\', StringComparison.Ordinal);
        return slash < 0 ? Names(text) : Label(text[..slash]) + "\\" + Names(text[(slash + 1)..]);
    }

    /// <summary>"SERVER\THUMBPRINT", an ExchangeCertificate's Identity.</summary>
    public string CertificateIdentity(string text)
    {
        var slash = text.IndexOf('\\', StringComparison.Ordinal);
        return slash < 0 ? Generic(text) : Label(text[..slash]) + "\\" + (IsThumbprint(text[(slash + 1)..]) ? Thumbprint(text[(slash + 1)..]) : Names(text[(slash + 1)..]));
    }

    /// <summary>A smart host: "--" (EdgeSync's placeholder), a host, an address or "[address]".</summary>
    public string SmartHost(string text) => text == "--" ? text : Endpoint(text) ?? Ip(text) ?? (IsDnsName(text) || !text.Contains(' ', StringComparison.Ordinal) ? DnsName(text) : FreeText(text));

    [GeneratedRegex(@"^(?<type>[A-Za-z0-9]+):(?<addr>.*?)(?<cost>;\d+)?$", RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.ExplicitCapture)]
    private static partial Regex AddressSpaceShape();

    /// <summary>An address space: "smtp:*.contoso.com;1", "SMTP:--;100", "X400:c=US;a= ;p=Contoso;o=Exchange;".</summary>
    public string AddressSpace(string text)
    {
        var m = AddressSpaceShape().Match(text);
        if (!m.Success)
        {
            return Generic(text);
        }

        var type = m.Groups["type"].Value;
        var addr = m.Groups["addr"].Value;
        string mapped;
        if (type.Equals("smtp", StringComparison.OrdinalIgnoreCase))
        {
            mapped = addr is "*" or "--" or "" ? addr : addr.StartsWith("*.", StringComparison.Ordinal) ? "*." + DnsName(addr[2..]) : DnsName(addr);
        }
        else
        {
            // X400 and others: "k=v;" pairs; the values are names.
            mapped = Regex.Replace(addr, @"(?<=(^|;)\s*[A-Za-z0-9]+=)[^;]*", v => v.Value.Trim().Length == 0 ? v.Value : Names(v.Value), RegexOptions.CultureInvariant);
        }

        return type + ":" + mapped + m.Groups["cost"].Value;
    }

    /// <summary>An AD canonical name ("contoso.com/Configuration/Sites/Tokyo"): the domain, then containers or names.</summary>
    public string CanonicalName(string text)
    {
        var segments = text.Split('/');
        return string.Join('/', segments.Select((s, i) =>
            i == 0 && IsDnsName(s) ? DnsName(s)
            : Vocabulary.Containers.Contains(s) ? s
            : Servers.Contains(s) ? Label(s)
            : CommonName(s)));
    }

    [GeneratedRegex(@"(?<=/(?<k>[A-Za-z]+)=)[^/]*", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex LegacyPart();

    /// <summary>An Exchange legacy DN: "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=…/cn=EX01".</summary>
    public string LegacyDn(string text) =>
        LegacyPart().Replace(text, m => m.Groups["k"].Value.Equals("o", StringComparison.OrdinalIgnoreCase) ? Names(m.Value) : CommonName(m.Value));

    [GeneratedRegex(@"^\{(?!\s*[0-9A-Fa-f]{8}-)(?<items>.*)\}$", RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.ExplicitCapture)]
    private static partial Regex FlatList();

    [GeneratedRegex(@"^\s*(CN|OU|DC|O|L|C|ST|S|E|SERIALNUMBER|OID\.[\d.]+)\s*=", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DnStart();

    /// <summary>
    /// A value whose property says nothing of its meaning: recognised by its shape (a list written as "{a, b}", a
    /// GUID, an address, a thumbprint, a distinguished name, a canonical name, an e-mail address, a DNS name, a
    /// name this dump declares) and mapped as such; any other text is free text.
    /// </summary>
    public string Generic(string s)
    {
        var t = s.Trim();
        if (t.Length == 0 || IsTypeName(t) || t == "--")
        {
            return s;
        }

        if (t.Length != s.Length)
        {
            return s[..s.IndexOf(t, StringComparison.Ordinal)] + Generic(t) + s[(s.IndexOf(t, StringComparison.Ordinal) + t.Length)..];
        }

        if (FlatList().Match(s) is { Success: true } list)
        {
            return "{" + string.Join(", ", list.Groups["items"].Value.Split(", ").Select(Generic)) + "}";
        }

        if (System.Guid.TryParseExact(s.Trim('{', '}'), "D", out _))
        {
            return Guid(s);
        }

        if ((Ip(s) ?? Endpoint(s)) is { } address)
        {
            return address;
        }

        if (IsThumbprint(s))
        {
            return Thumbprint(s);
        }

        if (s.StartsWith("<I>", StringComparison.OrdinalIgnoreCase))
        {
            return TlsCertificateName(s);
        }

        if (DnStart().IsMatch(s) && Dn(s) is { } dn)
        {
            return dn;
        }

        if (s.StartsWith("/o=", StringComparison.OrdinalIgnoreCase))
        {
            return LegacyDn(s);
        }

        if (!s.Contains(' ', StringComparison.Ordinal) && s.Contains('@', StringComparison.Ordinal) && s.IndexOf('@') > 0)
        {
            return Email(s);
        }

        if (s.Contains('/', StringComparison.Ordinal) && IsDnsName(s.Split('/')[0]))
        {
            return CanonicalName(s);
        }

        if (Regex.IsMatch(s, @"^(smtp|x400):", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
        {
            return AddressSpace(s);
        }

        if (IsDnsName(s) || (s.StartsWith("*.", StringComparison.Ordinal) && IsDnsName(s[2..])))
        {
            return DnsName(s);
        }

        if (!s.Contains(' ', StringComparison.Ordinal) && s.Contains('\\', StringComparison.Ordinal))
        {
            var slash = s.IndexOf('\\', StringComparison.Ordinal);
            return (Servers.Contains(s[..slash]) ? Label(s[..slash]) : WordToken(s[..slash], allowList: false)) + "\\" + Generic(s[(slash + 1)..]);
        }

        return FreeText(s);
    }
}
