using System.Text;
using System.Text.RegularExpressions;
using Extls.Model;
using Extls.Redaction.Formats;

namespace Extls.Redaction.Tests;

/// <summary>
/// After redaction no original name is anywhere in the output: not in a file's text (searched case-insensitively,
/// whatever its encoding, and as raw UTF-8, UTF-16 LE and UTF-16 BE bytes), not in a file's path, and not inside the
/// certificates (base64 text, byte arrays and CliXml byte arrays are decoded and the DER searched, as ASCII and as
/// the UTF-16 BE of BMPString).
/// </summary>
public sealed partial class LeakTests
{
    [GeneratedRegex(@"[A-Za-z0-9+/]{40,}={0,2}", RegexOptions.CultureInvariant)]
    private static partial Regex Base64Run();

    [GeneratedRegex(@"\[\s*(\d{1,3}\s*,\s*){15,}\d{1,3}\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex ByteArray();

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordOf();

    /// <summary>
    /// The names of the original, taken from what the importer reads (not from the redactor's own mapping): servers,
    /// FQDNs and their labels, the organisation, the collector's host and user, connectors, certificate names and
    /// SANs; each split into its words, less the words any Exchange organisation has ("Default", "Frontend", "CA").
    /// </summary>
    internal static IReadOnlySet<string> NamesOf(OrganizationSnapshot s)
    {
        var texts = new List<string?> { s.Organization, s.Collector?.Host, s.Collector?.User };
        texts.AddRange(s.Servers.Select(x => x.InternalCertificate.DistinguishedName));
        foreach (var server in s.Servers)
        {
            texts.Add(server.Name);
            texts.Add(server.Fqdn);
            texts.Add(server.Site);
            foreach (var c in server.ReceiveConnectors.Items)
            {
                texts.AddRange([c.Identity, c.Name, c.Fqdn, c.TlsCertificateName]);
            }

            foreach (var cert in server.Certificates.Items.Select(x => x.Certificate).Concat(server.InternalCertificate.Certificate is { } ad ? [ad] : []))
            {
                texts.AddRange([cert.Subject, cert.Issuer, cert.Thumbprint]);
                texts.AddRange(cert.DnsNames.IsDefault ? [] : cert.DnsNames);
            }
        }

        foreach (var c in s.SendConnectors.Items)
        {
            texts.AddRange([c.Identity, c.Name, c.Fqdn, c.TlsCertificateName]);
            texts.AddRange(c.AddressSpaces is { IsDefault: false } spaces ? spaces : []);
            texts.AddRange(c.SmartHosts is { IsDefault: false } hosts ? hosts : []);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in texts.Where(t => !string.IsNullOrEmpty(t)))
        {
            foreach (Match m in WordOf().Matches(text!))
            {
                var w = m.Value;
                if (w.Length >= 3 && !w.All(char.IsDigit) && !Vocabulary.Words.Contains(w) && !Public.Contains(w)
                    && !(w.Length == 40 && w.All(Uri.IsHexDigit)))
                {
                    names.Add(w);
                }
            }

            // A thumbprint is a name too: it finds the certificate in public logs.
            foreach (Match m in Regex.Matches(text!, "[0-9A-Fa-f]{40}"))
            {
                names.Add(m.Value);
            }
        }

        return names;
    }

    /// <summary>Labels of public suffixes and public domains, which are no one's name.</summary>
    private static readonly HashSet<string> Public = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "local", "outlook", "onmicrosoft", "protection", "office365", "smtp", "test", "uk", "jp", "lan", "corp",
    };

    [Theory]
    [MemberData(nameof(Dumps.Ids), MemberType = typeof(Dumps))]
    public void No_original_name_is_left_in_the_redacted_dump(string id)
    {
        var c = Dumps.Get(id);
        var names = NamesOf(Dumps.Load(c.Inputs));
        Assert.NotEmpty(names);
        Assert.Contains(names, n => n.StartsWith("EX", StringComparison.OrdinalIgnoreCase) || n.StartsWith("EDGE", StringComparison.OrdinalIgnoreCase));
        var redacted = Dumps.Redact(id);
        var leaks = new List<string>();
        foreach (var result in redacted.Results)
        {
            foreach (var file in result.Files)
            {
                leaks.AddRange(Search(file, names));
            }
        }

        Assert.Empty(leaks);
    }

    internal static IEnumerable<string> Search(DumpFile file, IReadOnlySet<string> names)
    {
        foreach (var name in names.Where(n => file.Path.Contains(n, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"{file.Path}: the path holds '{name}'";
        }

        var (_, text) = TextCodec.Decode(file.Content);
        var blobs = new List<byte[]>();
        foreach (Match m in Base64Run().Matches(text))
        {
            if (TryBase64(m.Value) is { } bytes)
            {
                blobs.Add(bytes);
            }
        }

        foreach (Match m in ByteArray().Matches(text))
        {
            blobs.Add([.. Regex.Matches(m.Value, @"\d+").Select(d => (byte)Math.Min(255, int.Parse(d.Value, System.Globalization.CultureInfo.InvariantCulture)))]);
        }

        // Text outside the blobs, whose random letters could spell a short name by chance.
        var masked = ByteArray().Replace(Base64Run().Replace(text, " "), " ");
        foreach (var name in names.Where(n => masked.Contains(n, StringComparison.OrdinalIgnoreCase)))
        {
            var at = masked.IndexOf(name, StringComparison.OrdinalIgnoreCase);
            yield return $"{file.Path}: '{name}' in the text: …{masked.Substring(Math.Max(0, at - 40), Math.Min(80 + name.Length, masked.Length - Math.Max(0, at - 40)))}…";
        }

        // The raw bytes, in the three encodings a name could be written in; long names only, since base64 text is random letters.
        foreach (var name in names.Where(n => n.Length >= 6))
        {
            foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
            {
                foreach (var spelling in new[] { name, name.ToUpperInvariant(), name.ToLowerInvariant() })
                {
                    if (file.Content.AsSpan().IndexOf(encoding.GetBytes(spelling)) >= 0)
                    {
                        yield return $"{file.Path}: '{spelling}' in its bytes ({encoding.WebName})";
                    }
                }
            }
        }

        foreach (var der in blobs)
        {
            foreach (var name in names)
            {
                foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.BigEndianUnicode })
                {
                    foreach (var spelling in new[] { name, name.ToUpperInvariant(), name.ToLowerInvariant() })
                    {
                        if (der.AsSpan().IndexOf(encoding.GetBytes(spelling)) >= 0)
                        {
                            yield return $"{file.Path}: '{spelling}' inside a certificate or byte array ({encoding.WebName})";
                        }
                    }
                }
            }
        }
    }

    private static byte[]? TryBase64(string s)
    {
        try
        {
            return Convert.FromBase64String(s.Length % 4 == 0 ? s : s[..(s.Length / 4 * 4)]);
        }
        catch (System.FormatException)
        {
            return null;
        }
    }

    [Fact]
    public void The_search_finds_a_name_in_every_place_it_looks()
    {
        // The test above is only as good as its search: each hiding place is tried here with a real name.
        string[] names = ["contoso"];
        var der = Encoding.ASCII.GetBytes("0\u0082xxCN=mail.contoso.com");
        var cases = new (string Path, byte[] Content)[]
        {
            ("servers/contoso/x.json", Encoding.UTF8.GetBytes("{}")),
            ("a.json", Encoding.UTF8.GetBytes("{\"Fqdn\": \"mail.CONTOSO.com\"}")),
            ("b.json", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("{\"Fqdn\": \"contoso\"}")]),
            ("c.json", Encoding.UTF8.GetBytes("{\"RawData\": \"" + Convert.ToBase64String([.. der, .. new byte[40]]) + "\"}")),
            ("d.json", Encoding.UTF8.GetBytes("{\"RawData\": [" + string.Join(", ", der.Concat(new byte[20]).Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]}")),
        };
        foreach (var (path, content) in cases)
        {
            Assert.NotEmpty(Search(new DumpFile(path, content), new HashSet<string>(names, StringComparer.OrdinalIgnoreCase)));
        }
    }
}
