using System.Text;
using Newtonsoft.Json.Linq;

namespace Extls.Scenarios.Tests;

/// <summary>
/// Each dump file is written in the style its expected.json claims (UTF-16 for Windows PowerShell, numbers
/// for enums, RawData only for remote exports, …), so that the import quirks stay exercised end to end.
/// </summary>
public sealed class DumpStyleTests
{
    public static TheoryData<string> Cases => ScenarioCatalog.Ids();

    private static readonly byte[] Utf16LeBom = [0xFF, 0xFE];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_file_has_the_claimed_encoding_and_style(string id)
    {
        var sc = ScenarioCatalog.Get(id);
        var styles = (JObject)sc.Expected["styles"]!;
        var problems = new List<string>();
        foreach (var input in sc.InputPaths)
        {
            var name = Path.GetFileName(input);
            var claimed = (JObject?)styles[name];
            if (claimed is null)
            {
                problems.Add($"{name}: no styles listed");
                continue;
            }

            var onDisk = Directory.GetFiles(input, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(input, f).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(onDisk.Where(f => claimed[f] is null).Select(f => $"{name}/{f}: file not listed in styles"));
            foreach (var (file, style) in claimed)
            {
                var path = Path.Combine(input, file);
                if (!File.Exists(path))
                {
                    problems.Add($"{name}/{file}: listed but missing");
                    continue;
                }

                problems.AddRange(Check(File.ReadAllBytes(path), file, (string)style!).Select(p => $"{name}/{file} ({style}): {p}"));
            }
        }

        Assert.True(problems.Count == 0, id + ":\n  " + string.Join("\n  ", problems));
    }

    private static IEnumerable<string> Check(byte[] bytes, string file, string style)
    {
        var section = Path.GetFileNameWithoutExtension(file);
        switch (style)
        {
            case "ps51":
            {
                if (!bytes.AsSpan().StartsWith(Utf16LeBom))
                {
                    yield return "does not begin with the UTF-16 LE BOM";
                    yield break;
                }

                var text = Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
                if (text.Replace("\r\n", "", StringComparison.Ordinal).Contains('\n', StringComparison.Ordinal))
                {
                    yield return "has bare LF line ends (Windows PowerShell writes CRLF)";
                }

                var json = JToken.Parse(text);
                if (section == "ExchangeCertificate" && !text.Contains("\\/Date(", StringComparison.Ordinal))
                {
                    yield return "dates are not \\/Date(ms)\\/";
                }

                if (section == "ExchangeCertificate" && !Items(json).All(c => c["RawData"] is JArray))
                {
                    yield return "RawData is not an array of byte numbers";
                }

                if (section == "ReceiveConnector" && !Items(json).All(c => c["AuthMechanism"]?.Type == JTokenType.Integer))
                {
                    yield return "AuthMechanism is not a number";
                }

                break;
            }

            case "ps7":
            case "remote":
            case "collector":
            {
                if (bytes.AsSpan().StartsWith(Utf8Bom) || bytes.AsSpan().StartsWith(Utf16LeBom))
                {
                    yield return "has a BOM (expected UTF-8 without BOM)";
                    yield break;
                }

                var text = new UTF8Encoding(false, true).GetString(bytes);
                var json = JToken.Parse(text);
                if (style == "collector" && json.Type != JTokenType.Array && file != "manifest.json" && section != "InternalTransportCertificate")
                {
                    yield return "the collector always writes arrays";
                }

                if (style == "collector" && section == "ReceiveConnector" && !Items(json).All(c => c["AuthMechanism"]?.Type == JTokenType.String && c["AuthMechanismValue"]?.Type == JTokenType.Integer))
                {
                    yield return "AuthMechanism not written as name plus AuthMechanismValue";
                }

                if (style == "ps7" && section == "ReceiveConnector" && !Items(json).All(c => c["AuthMechanism"]?.Type == JTokenType.String))
                {
                    yield return "AuthMechanism not written as a name";
                }

                if (section == "ExchangeCertificate" && !Items(json).All(c => c["RawData"]?.Type == JTokenType.String))
                {
                    yield return "RawData not base64";
                }

                if (style == "remote" && Items(json).Any(c => c["Services"] is not null || c["Status"] is not null || c["IsSelfSigned"] is not null))
                {
                    yield return "a remote export keeps only RawData, Thumbprint and Subject";
                }

                break;
            }

            case "csv":
            {
                var text = new UTF8Encoding(false, true).GetString(bytes);
                if (!text.StartsWith('"') || !text.Contains("\r\n", StringComparison.Ordinal))
                {
                    yield return "not Export-Csv -NoTypeInformation output (quoted header, CRLF)";
                }

                if (section == "ExchangeCertificate" && (!text.Contains("\"System.Byte[]\"", StringComparison.Ordinal) || !text.Contains("\"Thumbprint\"", StringComparison.Ordinal)))
                {
                    yield return "certificates must show RawData as System.Byte[] and carry a Thumbprint column";
                }

                break;
            }

            case "clixml":
            {
                if (!bytes.AsSpan().StartsWith(Utf16LeBom))
                {
                    yield return "Export-Clixml writes UTF-16 LE with BOM";
                    yield break;
                }

                var text = Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
                if (!text.StartsWith("<Objs Version=\"1.1.0.1\"", StringComparison.Ordinal))
                {
                    yield return "does not begin with <Objs Version=\"1.1.0.1\"";
                }

                if (section == "ExchangeCertificate" && !text.Contains("<BA N=\"RawData\">", StringComparison.Ordinal))
                {
                    yield return "RawData not a <BA>";
                }

                if (section == "ReceiveConnector" && !text.Contains("<I32>", StringComparison.Ordinal))
                {
                    yield return "enums not <I32> with <ToString>";
                }

                break;
            }

            case "protocol-log":
            {
                // Exchange's own protocol logs: '#' header lines, the #Fields: line, CSV rows, CRLF, no BOM.
                var text = new UTF8Encoding(false, true).GetString(bytes);
                if (!text.StartsWith("#Software: Microsoft Exchange Server\r\n", StringComparison.Ordinal) || !text.Contains("\r\n#Fields: date-time,", StringComparison.Ordinal))
                {
                    yield return "not an Exchange protocol log (#Software: and #Fields: header lines)";
                }

                if (text.Replace("\r\n", "", StringComparison.Ordinal).Contains('\n', StringComparison.Ordinal))
                {
                    yield return "has bare LF line ends (Exchange writes CRLF)";
                }

                break;
            }

            default:
                yield return "unknown style " + style;
                break;
        }
    }

    private static IEnumerable<JToken> Items(JToken json) => json switch
    {
        JArray a => a,
        JObject o when o["value"] is JArray v && o["Count"] is not null => v,
        _ => [json],
    };

    [Fact]
    public void Every_style_is_exercised_somewhere()
    {
        var used = ScenarioCatalog.All()
            .SelectMany(c => ((JObject)c.Expected["styles"]!).Properties().SelectMany(p => ((JObject)p.Value).Properties().Select(f => (string)f.Value!)))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var style in new[] { "ps51", "ps7", "collector", "remote", "csv", "clixml" })
        {
            Assert.Contains(style, used);
        }
    }

    [Fact]
    public void Windows_PowerShell_quirks_are_all_present()
    {
        var all = ScenarioCatalog.All().SelectMany(c => c.InputPaths).Distinct()
            .SelectMany(p => Directory.GetFiles(p, "*.json", SearchOption.AllDirectories))
            .Select(File.ReadAllBytes)
            .Where(b => b.AsSpan().StartsWith(Utf16LeBom))
            .Select(b => Encoding.Unicode.GetString(b, 2, b.Length - 2))
            .ToList();
        Assert.Contains(all, t => t.Contains("\"DisplayHint\"", StringComparison.Ordinal));
        Assert.Contains(all, t => t.Contains("\"Count\"", StringComparison.Ordinal) && t.TrimStart().StartsWith("{\r\n    \"value\"", StringComparison.Ordinal));
        Assert.Contains(all, t => t.TrimStart().StartsWith('{') && t.Contains("\"InternalTransportCertificateThumbprint\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_utf16_fixture_and_only_those_get_the_utf16_diff_driver()
    {
        // snapshots/.gitattributes lets git diff show UTF-16 files as text; a file missing from it shows as binary.
        var snapshots = ScenarioCatalog.Snapshots;
        var listed = File.ReadAllLines(Path.Combine(snapshots, ".gitattributes"))
            .Where(l => l.EndsWith(" diff=utf16", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(' ', StringComparison.Ordinal)].TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);
        var utf16 = Directory.GetFiles(snapshots, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f).AsSpan().StartsWith(Utf16LeBom))
            .Select(f => Path.GetRelativePath(snapshots, f).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(utf16);
        Assert.Empty(utf16.Except(listed));
        Assert.Empty(listed.Except(utf16));
    }
}
