using System.Security.Cryptography;
using Extls.Redaction.Formats;

namespace Extls.Redaction;

/// <summary>A file of a dump: its path relative to the dump root ("servers/EX01/ReceiveConnector.json") and its bytes.</summary>
public sealed record DumpFile(string Path, byte[] Content);

/// <summary>Input that cannot be redacted: nothing is written.</summary>
public sealed class RedactionException(IReadOnlyList<RedactionProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems.Select(p => p.ToString())))
{
    public IReadOnlyList<RedactionProblem> Problems { get; } = problems;
}

/// <summary>What a redaction made.</summary>
/// <param name="Files">The redacted dump, same layout (server folders renamed), sorted by path.</param>
/// <param name="Mapping">Every pseudonym and the real value it stands for.</param>
/// <param name="Dropped">Files that are not part of a dump and were left out, since nothing says what they hold.</param>
/// <param name="Warnings">What could not be kept exactly, as kinds with their facts (the writers word them).</param>
public sealed record RedactionResult(
    IReadOnlyList<DumpFile> Files,
    IReadOnlyList<MappingEntry> Mapping,
    IReadOnlyList<string> Dropped,
    IReadOnlyList<RedactionNote> Warnings,
    int Certificates);

/// <summary>
/// Redacts a raw dump: every file the dump format has is parsed in its own format, every value is replaced by its
/// pseudonym according to what it is (its property, its file, its shape), every certificate is re-issued under the
/// pseudonymous names, and each file is written back in its own format and encoding.
/// </summary>
/// <remarks>
/// The files are walked three times, so that no pseudonym depends on the order of files: first to learn what the
/// dump declares (servers, sites, the organisation, users) and to collect the certificates; then to map every
/// structured value, which hands out every word the dump uses as a name; then once more for real, when free text
/// (collector messages) can find every one of those words.
/// </remarks>
public static partial class Redactor
{
    private static readonly HashSet<string> Inherit = new(StringComparer.OrdinalIgnoreCase) { "value", "LST", "IE", "STK", "QUE", "ToString", "DictionaryEntry" };
    private static readonly HashSet<string> WrapperExtras = new(StringComparer.OrdinalIgnoreCase) { "Count", "DisplayHint", "DateTime", "ToString" };

    public static RedactionResult Redact(IReadOnlyList<DumpFile> files, RedactionKey key)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(key);
        var map = new RedactionMap();
        var names = new Pseudonyms(key, map);
        var certificates = new CertificateReissuer(key, names);
        var run = new Run(names, certificates);

        var problems = new List<RedactionProblem>();
        var documents = new List<(DumpFile File, FileKind Kind, IDocument Doc)>();
        var dropped = new List<string>();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (FileKinds.Classify(file.Path) is not { } kind)
            {
                dropped.Add(file.Path);
                continue;
            }

            try
            {
                IDocument doc = FileKinds.FormatOf(kind, file.Path) switch
                {
                    FileFormat.Csv => CsvDocument.Parse(file.Content, file.Path),
                    FileFormat.CliXml => CliXmlDocument.Parse(file.Content, file.Path),
                    FileFormat.ProtocolLog => ProtocolLogDocument.Parse(file.Content, file.Path),
                    _ => JsonDocument.Parse(file.Content, file.Path),
                };
                documents.Add((file, kind, doc));
            }
            catch (RewriteException ex)
            {
                problems.Add(new RedactionProblem(ex.File, ex.Line, ex.JsonPath, ex.Kind, ex.Arguments));
            }
        }

        if (problems.Count > 0)
        {
            throw new RedactionException(problems);
        }

        // 1. What the dump declares, and its certificates.
        foreach (var (file, _, _) in documents)
        {
            if (ServerFolder(file.Path) is { } server)
            {
                names.Servers.Add(server);
            }
        }

        foreach (var (_, kind, doc) in documents)
        {
            run.Walk(doc.Root, null, kind, 0, Pass.Collect);
        }

        foreach (var der in run.Collected.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            certificates.Reissue(der.Value);
        }

        // 2. Every structured value, which hands out the words free text is searched for; 3. for real.
        foreach (var pass in new[] { Pass.Map, Pass.Map })
        {
            foreach (var (_, kind, doc) in documents)
            {
                run.Walk(doc.Root, null, kind, 0, pass);
            }
        }

        var output = documents
            .Select(d => new DumpFile(OutputPath(d.File.Path, names), d.Doc.Write()))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var warnings = certificates.Warnings.ToList();
        if (names.Ips.ApproximateRanges > 0)
        {
            warnings.Add(new RedactionNote(RedactionNoteKind.IpRangesApproximate, Number: names.Ips.ApproximateRanges));
        }

        return new RedactionResult(output, map.Entries, dropped, warnings, certificates.Count);
    }

    private static string? ServerFolder(string path)
    {
        var parts = path.Split('/');
        return parts.Length >= 3 && parts[0].Equals("servers", StringComparison.OrdinalIgnoreCase) ? parts[1] : null;
    }

    private static string OutputPath(string path, Pseudonyms names)
    {
        var parts = path.Split('/');
        if (parts.Length >= 3 && parts[0].Equals("servers", StringComparison.OrdinalIgnoreCase))
        {
            parts[1] = names.Label(parts[1]);
        }

        return string.Join('/', parts);
    }

    private enum Pass
    {
        Collect,
        Map,
    }

    private sealed partial class Run(Pseudonyms names, CertificateReissuer certificates)
    {
        public Dictionary<string, byte[]> Collected { get; } = new(StringComparer.Ordinal);

        public void Walk(Node node, string? property, FileKind kind, int depth, Pass pass)
        {
            switch (node)
            {
                case ObjectNode obj:
                    {
                        if (kind.Format == FileFormat.ProtocolLog && CertificateRow(obj, pass))
                        {
                            break;
                        }

                        bool wrapper = IsWrapper(obj);
                        int childDepth = wrapper ? depth : depth + 1;
                        foreach (var (name, value) in obj.Properties)
                        {
                            var effective = Inherit.Contains(name) && (wrapper || property is not null) ? property : name;
                            Walk(value, effective, kind, childDepth, pass);
                        }

                        break;
                    }

                case ArrayNode array:
                    if (KindOf(property, kind, depth) == ValueKind.Certificate && Bytes(array) is { } der)
                    {
                        if (pass == Pass.Collect)
                        {
                            Collect(der);
                        }
                        else
                        {
                            array.BytesReplacement = certificates.Reissue(der) ?? certificates.Garble(der);
                        }

                        break;
                    }

                    foreach (var item in array.Items)
                    {
                        Walk(item, property, kind, depth, pass);
                    }

                    break;

                case BytesNode bytes:
                    if (bytes.Value is null)
                    {
                        bytes.Replacement = pass == Pass.Map ? certificates.GarbleText(bytes.Text) : null;
                    }
                    else if (pass == Pass.Collect)
                    {
                        Collect(bytes.Value);
                    }
                    else
                    {
                        bytes.Replacement = Convert.ToBase64String(certificates.Reissue(bytes.Value) ?? certificates.Garble(bytes.Value));
                    }

                    break;

                case TextNode text:
                    var valueKind = KindOf(property, kind, depth);
                    if (pass == Pass.Collect)
                    {
                        Declare(valueKind, text.Value);
                    }
                    else
                    {
                        text.Replacement = Map(valueKind, text.Value);
                    }

                    break;
            }
        }

        /// <summary>{"value": …, "Count": n} and the like, and a CliXml object that only wraps a list: not a level of their own.</summary>
        private static bool IsWrapper(ObjectNode obj) =>
            obj.Properties.Count > 0
            && obj.Properties.Any(p => p.Name is "value" or "LST" or "IE")
            && obj.Properties.All(p => p.Name is "value" or "LST" or "IE" || WrapperExtras.Contains(p.Name));

        private static ValueKind KindOf(string? property, FileKind kind, int depth)
        {
            if (property is null)
            {
                return ValueKind.Generic;
            }

            if (depth == 1 && kind.Rows.TryGetValue(property, out var row))
            {
                return row;
            }

            return FileKinds.Common.TryGetValue(property, out var common) ? common : ValueKind.Generic;
        }

        private static byte[]? Bytes(ArrayNode array)
        {
            if (array.Items.Count == 0 || !array.Items.All(i => i is OtherNode { AsByte: not null }))
            {
                return null;
            }

            return [.. array.Items.Select(i => (byte)((OtherNode)i).AsByte!.Value)];
        }

        private void Collect(byte[] der) => Collected.TryAdd(Convert.ToHexString(SHA1.HashData(der)), der);

        private void Declare(ValueKind kind, string value)
        {
            var v = value.Trim();
            if (v.Length == 0 || Pseudonyms.IsTypeName(v))
            {
                return;
            }

            switch (kind)
            {
                case ValueKind.Server:
                    foreach (var item in Items(v))
                    {
                        var last = item.Split('/')[^1];
                        if (IsLabel(last))
                        {
                            names.Servers.Add(last);
                        }
                    }

                    break;
                case ValueKind.Site:
                    foreach (var word in Words(v.Split('/')[^1]))
                    {
                        names.SiteWords.Add(word);
                    }

                    break;
                case ValueKind.Organization:
                    foreach (var word in Words(v))
                    {
                        names.OrganizationWords.Add(word);
                    }

                    break;
                case ValueKind.User:
                    if (v.Contains('@', StringComparison.Ordinal))
                    {
                        names.UserWords.Add(v[..v.LastIndexOf('@')]);
                    }
                    else if (v.IndexOf('\\', StringComparison.Ordinal) is var slash and > 0)
                    {
                        names.DomainWords.Add(v[..slash]);
                        names.UserWords.Add(v[(slash + 1)..]);
                    }
                    else
                    {
                        names.UserWords.Add(v);
                    }

                    break;
                case ValueKind.Certificate:
                    if (TryBase64(v, out var der))
                    {
                        Collect(der);
                    }

                    break;
            }
        }

        private static IEnumerable<string> Items(string v) =>
            v.StartsWith('{') && v.EndsWith('}') ? v[1..^1].Split(", ") : [v];

        private static IEnumerable<string> Words(string v) =>
            System.Text.RegularExpressions.Regex.Matches(v, @"[\p{L}\p{N}]+").Select(m => m.Value)
                .Where(w => !Vocabulary.Words.Contains(w) && !w.All(char.IsDigit) && w.Length > 2);

        private static bool IsLabel(string s) => s.Length is > 0 and <= 63 && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

        private static bool TryBase64(string s, out byte[] bytes)
        {
            bytes = [];
            if (s.Length < 4)
            {
                return false;
            }

            try
            {
                bytes = Convert.FromBase64String(s);
                return bytes.Length > 0;
            }
            catch (System.FormatException)
            {
                return false;
            }
        }

        private string? Map(ValueKind kind, string v)
        {
            if (kind is ValueKind.Keep || v.Length == 0)
            {
                return null;
            }

            var t = v.Trim();
            if (t.Length == 0 || (Pseudonyms.IsTypeName(t) && kind != ValueKind.Certificate) || t == "--")
            {
                return null;
            }

            // A multi-valued property flattened to its text past the depth limit: "{EX01, EX02}".
            if (kind is not (ValueKind.FreeText or ValueKind.HumanText or ValueKind.Certificate or ValueKind.Generic)
                && t.StartsWith('{') && t.EndsWith('}') && !System.Guid.TryParseExact(t[1..^1], "D", out _))
            {
                return "{" + string.Join(", ", t[1..^1].Split(", ").Select(item => Map(kind, item) ?? item)) + "}";
            }

            return kind switch
            {
                ValueKind.Host or ValueKind.Server => Host(v),
                ValueKind.Site => v.Contains('/', StringComparison.Ordinal) ? names.CanonicalName(v) : names.Names(v),
                ValueKind.Organization or ValueKind.ConnectorName or ValueKind.Names => names.Names(v),
                ValueKind.User => names.User(v),
                ValueKind.ConnectorIdentity => names.ConnectorIdentity(v),
                ValueKind.CertificateIdentity => names.CertificateIdentity(v),
                ValueKind.DistinguishedName => names.Dn(v) ?? names.Generic(v),
                ValueKind.TlsCertificateName => names.TlsCertificateName(v),
                ValueKind.Thumbprint => Pseudonyms.IsThumbprint(v) ? names.Thumbprint(v) : names.Generic(v),
                ValueKind.Serial => v.All(c => Uri.IsHexDigit(c) || c == ' ') ? names.Serial(v) : names.Generic(v),
                ValueKind.Certificate => CertificateText(v),
                ValueKind.Guid => names.Guid(v) is var g && g != v ? g : names.Generic(v),
                ValueKind.IpRange => names.Ip(v) ?? names.Generic(v),
                ValueKind.Endpoint => names.Endpoint(v) ?? names.Ip(v) ?? names.Generic(v),
                ValueKind.SmartHost => names.SmartHost(v),
                ValueKind.AddressSpace => names.AddressSpace(v),
                ValueKind.DomainCapability => v.LastIndexOf(':') is var colon and > 0 ? Host(v[..colon]) + v[colon..] : Host(v),
                ValueKind.FreeText => names.FreeText(v),
                ValueKind.HumanText => names.Text(v),
                _ => names.Generic(v),
            };
        }

        /// <summary>
        /// A protocol-log row that describes a certificate: its data is the certificate's subject, issuer, serial, thumbprint
        /// and names (one row in Exchange 2016/2019, one row per fact in older builds), redacted as they are everywhere
        /// else in the dump (the subject and issuer as distinguished names, the thumbprint as the re-issued certificate's),
        /// not as free text, whose words would keep a locality or a department.
        /// </summary>
        /// <returns>True when the row was such a row and is done.</returns>
        private bool CertificateRow(ObjectNode row, Pass pass)
        {
            var context = row.Properties.FirstOrDefault(p => p.Name.Equals("context", StringComparison.OrdinalIgnoreCase)).Value as TextNode;
            var data = row.Properties.FirstOrDefault(p => p.Name.Equals("data", StringComparison.OrdinalIgnoreCase)).Value as TextNode;
            if (context is null || data is null || data.Value.Trim().Length == 0)
            {
                return false;
            }

            var label = context.Value.Trim();
            Func<string, string>? map = label switch
            {
                _ when label.StartsWith("Sending certificate", StringComparison.OrdinalIgnoreCase) && CertificateRowShape().IsMatch(data.Value) => OneRowCertificate,
                "Certificate subject" or "Certificate issuer name" or "Remote certificate" or "Received certificate" => v => names.Dn(v) ?? names.Generic(v),
                "Certificate serial number" => names.Serial,
                "Certificate thumbprint" => v => Pseudonyms.IsThumbprint(v.Trim()) ? names.Thumbprint(v.Trim()) : names.Generic(v),
                "Certificate alternate names" => v => string.Join(";", v.Split(';').Select(n => n.Length == 0 ? n : Host(n))),
                _ => null,
            };
            if (map is null)
            {
                return false;
            }

            foreach (var (name, value) in row.Properties.Where(p => !ReferenceEquals(p.Value, data) && !ReferenceEquals(p.Value, context)))
            {
                Walk(value, name, FileKinds.All.Single(k => k.Format == FileFormat.ProtocolLog), 1, pass);
            }

            if (pass == Pass.Map)
            {
                data.Replacement = map(data.Value);
            }

            return true;
        }

        [System.Text.RegularExpressions.GeneratedRegex(@"^(?<dns>.*?)\s(?<serial>[0-9A-Fa-f]+)\s+(?<thumbprint>[0-9A-Fa-f]{40})\s+(?<dates>\d{4}-\d{2}-\d{2}T[\d:.]+Z\s+\d{4}-\d{2}-\d{2}T[\d:.]+Z)(?:\s+(?<names>\S.*?))?\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        private static partial System.Text.RegularExpressions.Regex CertificateRowShape();

        // The subject ends where a space that follows no comma starts the issuer's first attribute ("…, C=JP CN=Issuing CA").
        [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[^,\s])\s+(?=(CN|OU|O|L|S|ST|C|DC|E|SERIALNUMBER)=)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        private static partial System.Text.RegularExpressions.Regex IssuerStart();

        private string OneRowCertificate(string data)
        {
            var m = CertificateRowShape().Match(data);
            var dns = m.Groups["dns"].Value;
            var lead = dns.Length - dns.TrimStart().Length;
            var parts = IssuerStart().Split(dns.Trim(), 2);
            var subjectAndIssuer = string.Join(" ", parts.Where((_, i) => i % 2 == 0).Select(d => names.Dn(d) ?? names.Generic(d)));
            var sans = m.Groups["names"].Success ? " " + string.Join(";", m.Groups["names"].Value.Split(';').Select(n => n.Length == 0 ? n : Host(n))) : "";
            return new string(' ', lead) + subjectAndIssuer + " " + names.Serial(m.Groups["serial"].Value) + " " + names.Thumbprint(m.Groups["thumbprint"].Value)
                + " " + m.Groups["dates"].Value + sans;
        }

        private string Host(string v)
        {
            var t = v.Trim();
            if ((names.Ip(t) ?? names.Endpoint(t)) is { } address)
            {
                return address;
            }

            if (t.Contains('/', StringComparison.Ordinal) || t.Contains('=', StringComparison.Ordinal))
            {
                return names.Generic(v);
            }

            if (Pseudonyms.IsDnsName(t) || (t.StartsWith("*.", StringComparison.Ordinal) && Pseudonyms.IsDnsName(t[2..])))
            {
                return names.DnsName(t);
            }

            return IsLabel(t) ? names.Label(t) : names.Generic(v);
        }

        private string CertificateText(string v)
        {
            var t = v.Trim();
            if (Pseudonyms.IsTypeName(t))
            {
                return v;
            }

            if (TryBase64(t, out var der))
            {
                return Convert.ToBase64String(certificates.Reissue(der) ?? certificates.Garble(der));
            }

            return certificates.GarbleText(v);
        }
    }
}
