using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Robustness.Tests;

/// <summary>The ways a dump file arrives broken, cut short, edited by hand or hostile.</summary>
public enum MutationKind
{
    Truncated,
    EmptyDocument,
    NullDocument,
    BinaryGarbage,
    StrayBom,
    ContradictingBom,
    WrongType,
    NullValue,
    DuplicatedKey,
    InvalidBase64,
    NonDerBytes,
    HugeString,
    NotANumber,
    MissingManifest,
    SectionMissing,
    FiledUnderAnotherServer,
}

/// <summary>One mutation: which fixture, which file, how, and the numbers that pick where.</summary>
/// <param name="Fixture">Index into the fixtures.</param>
/// <param name="File">Index into the fixture's files (modulo their count).</param>
/// <param name="Pick">Picks a position, a value or another server.</param>
public sealed record Mutation(int Fixture, MutationKind Kind, int File, int Pick)
{
    public override string ToString() => $"{Kind} fixture={Fixture} file={File} pick={Pick}";
}

/// <summary>What a mutation did: the files after it, the file it changed and the server whose file that is.</summary>
internal sealed record Mutated(SortedDictionary<string, byte[]> Files, string Path, string? Server, string? Section, string Description);

/// <summary>Applies a <see cref="Mutation"/> to a dump held in memory. Pure: the same mutation gives the same bytes.</summary>
internal static class Mutator
{
    private static readonly string[] Sections = ["TransportService", "ReceiveConnector", "ExchangeCertificate", "InternalTransportCertificate"];

    public static Mutated Apply(SortedDictionary<string, byte[]> original, Mutation m)
    {
        var files = new SortedDictionary<string, byte[]>(original, StringComparer.Ordinal);
        var sectionFiles = files.Keys.Where(k => ServerOf(k) is not null && Sections.Contains(SectionOf(k))).ToList();
        var jsonFiles = files.Keys.Where(k => k.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).ToList();
        var all = files.Keys.ToList();
        var random = new Random(m.Pick);

        string path;
        switch (m.Kind)
        {
            case MutationKind.MissingManifest:
                files.Remove("manifest.json");
                return new Mutated(files, "manifest.json", null, null, "manifest.json removed");

            case MutationKind.SectionMissing:
                path = sectionFiles[m.File % sectionFiles.Count];
                files.Remove(path);
                return Result(files, path, "removed");

            case MutationKind.FiledUnderAnotherServer:
            {
                path = sectionFiles[m.File % sectionFiles.Count];
                var section = SectionOf(path);
                var others = sectionFiles.Where(p => SectionOf(p) == section && ServerOf(p) != ServerOf(path) && System.IO.Path.GetExtension(p) == System.IO.Path.GetExtension(path)).ToList();
                if (others.Count == 0)
                {
                    files.Remove(path);
                    return Result(files, path, "removed (no other server to take it from)");
                }

                var from = others[random.Next(others.Count)];
                files[path] = files[from];
                return Result(files, path, "replaced by " + from);
            }

            case MutationKind.Truncated:
                path = all[m.File % all.Count];
                files[path] = files[path][..(files[path].Length == 0 ? 0 : random.Next(files[path].Length))];
                return Result(files, path, "cut short");

            case MutationKind.EmptyDocument:
                path = all[m.File % all.Count];
                files[path] = [];
                return Result(files, path, "emptied");

            case MutationKind.NullDocument:
                path = jsonFiles[m.File % jsonFiles.Count];
                files[path] = Encode(files[path], "null");
                return Result(files, path, "null");

            case MutationKind.BinaryGarbage:
            {
                path = all[m.File % all.Count];
                var garbage = new byte[1 + random.Next(4096)];
                random.NextBytes(garbage);
                files[path] = garbage;
                return Result(files, path, "binary garbage");
            }

            case MutationKind.StrayBom:
            {
                path = all[m.File % all.Count];
                var bytes = files[path];
                var at = random.Next(bytes.Length + 1);
                files[path] = [.. bytes[..at], 0xEF, 0xBB, 0xBF, .. bytes[at..]];
                return Result(files, path, "a UTF-8 byte order mark at byte " + at);
            }

            case MutationKind.ContradictingBom:
            {
                path = all[m.File % all.Count];
                var bytes = files[path];
                files[path] = bytes is [0xFF, 0xFE, ..] ? [0xEF, 0xBB, 0xBF, .. bytes[2..]]
                    : bytes is [0xEF, 0xBB, 0xBF, ..] ? [0xFF, 0xFE, .. bytes[3..]]
                    : [0xFF, 0xFE, .. bytes];
                return Result(files, path, "a byte order mark of another encoding");
            }

            default:
                return Json(files, jsonFiles[m.File % jsonFiles.Count], m.Kind, random);
        }
    }

    /// <summary>The mutations that edit a value inside a JSON file; a file that is no JSON is cut short instead.</summary>
    private static Mutated Json(SortedDictionary<string, byte[]> files, string path, MutationKind kind, Random random)
    {
        var (text, encoding) = Decode(files[path]);
        JToken root;
        try
        {
            root = JToken.Parse(text);
        }
        catch (JsonReaderException)
        {
            files[path] = files[path][..(files[path].Length / 2)];
            return Result(files, path, "cut short (not JSON)");
        }

        var values = root.SelectTokens("$..*").OfType<JValue>().ToList();
        var strings = values.Where(v => v.Type == JTokenType.String).ToList();
        string description;
        switch (kind)
        {
            case MutationKind.InvalidBase64 or MutationKind.NonDerBytes:
            {
                var targets = strings.Where(v => v.Path.EndsWith("RawData", StringComparison.Ordinal) || v.Path.EndsWith("msExchServerInternalTLSCert", StringComparison.Ordinal)).ToList();
                var arrays = root.SelectTokens("$..*").OfType<JArray>().Where(a => a.Path.EndsWith("RawData", StringComparison.Ordinal) || a.Path.EndsWith("msExchServerInternalTLSCert", StringComparison.Ordinal)).ToList();
                JToken? target = targets.Count > 0 ? targets[random.Next(targets.Count)] : arrays.Count > 0 ? arrays[random.Next(arrays.Count)] : null;
                if (target is null)
                {
                    return Json(files, path, MutationKind.WrongType, random);
                }

                var junk = new byte[16 + random.Next(256)];
                random.NextBytes(junk);
                description = $"{target.Path} {(kind == MutationKind.InvalidBase64 ? "not base64" : "base64 of bytes that are no DER")}";
                Replace(ref root, target, kind == MutationKind.InvalidBase64 ? "MIIB!!not*base64=" + random.Next() : Convert.ToBase64String(junk));
                break;
            }

            case MutationKind.HugeString:
            {
                // Past the bound a file is refused; below it the value is read as the string it is.
                var target = values.Count > 0 ? values[random.Next(values.Count)] : null;
                if (target is null)
                {
                    return Json(files, path, MutationKind.WrongType, random);
                }

                var length = random.Next(2) == 0 ? 100_000 : 2_000_000;
                description = $"{target.Path} a string of {length} characters";
                Replace(ref root, target, new string('x', length));
                break;
            }

            case MutationKind.NotANumber:
            {
                var target = values.Count > 0 ? values[random.Next(values.Count)] : null;
                var literal = new[] { "NaN", "Infinity", "-Infinity", "1e999" }[random.Next(4)];
                if (target is null)
                {
                    files[path] = Encode(files[path], literal);
                    return Result(files, path, literal);
                }

                const string Marker = "\u0001extls-mutation\u0001";
                var at = target.Path;
                Replace(ref root, target, Marker);
                var edited = root.ToString(Formatting.Indented).Replace("\"" + Marker + "\"", literal, StringComparison.Ordinal);
                files[path] = Encode(files[path], edited);
                return Result(files, path, $"{at} {literal}");
            }

            case MutationKind.DuplicatedKey:
            {
                var objects = root.SelectTokens("$..*").OfType<JObject>().Prepend(root as JObject).OfType<JObject>().Where(o => o.HasValues).ToList();
                if (objects.Count == 0)
                {
                    return Json(files, path, MutationKind.WrongType, random);
                }

                var o = objects[random.Next(objects.Count)];
                var property = o.Properties().ElementAt(random.Next(o.Properties().Count()));
                const string Marker = "extls-duplicate-marker";
                property.AddBeforeSelf(new JProperty(Marker, random.Next(2) == 0 ? 12345 : "a different value"));
                var edited = root.ToString(Formatting.Indented).Replace("\"" + Marker + "\"", JsonConvert.ToString(property.Name), StringComparison.Ordinal);
                files[path] = Encode(files[path], edited);
                return Result(files, path, $"{property.Path} duplicated");
            }

            case MutationKind.NullValue:
            {
                var tokens = root.SelectTokens("$..*").ToList();
                if (tokens.Count == 0)
                {
                    root = JValue.CreateNull();
                    description = "null";
                    break;
                }

                var target = tokens[random.Next(tokens.Count)];
                description = target.Path + " null";
                Replace(ref root, target, JValue.CreateNull());
                break;
            }

            default:
            {
                var tokens = root.SelectTokens("$..*").ToList();
                JToken[] others = [new JValue(42), new JValue("text"), new JValue(true), new JArray(1, "a"), new JObject { ["x"] = 1 }, new JValue(-1.5m)];
                var replacement = others[random.Next(others.Length)];
                if (tokens.Count == 0)
                {
                    root = replacement;
                    description = "the whole document " + replacement.Type;
                    break;
                }

                var target = tokens[random.Next(tokens.Count)];
                description = $"{target.Path} {target.Type} -> {replacement.Type}";
                Replace(ref root, target, replacement);
                break;
            }
        }

        files[path] = Encode(files[path], root.ToString(Formatting.Indented));
        return Result(files, path, description);
    }

    // A token is replaced where it stands; the document itself has nothing around it to stand in.
    private static void Replace(ref JToken root, JToken target, JToken replacement)
    {
        if (ReferenceEquals(target, root) || target.Parent is null)
        {
            root = replacement;
        }
        else
        {
            target.Replace(replacement);
        }
    }

    private static Mutated Result(SortedDictionary<string, byte[]> files, string path, string description) =>
        new(files, path, ServerOf(path), ServerOf(path) is null ? null : SectionOf(path), $"{path}: {description}");

    public static string? ServerOf(string path)
    {
        var parts = path.Split('/');
        return parts.Length >= 3 && parts[0] == "servers" ? parts[1] : null;
    }

    public static string SectionOf(string path) => System.IO.Path.GetFileNameWithoutExtension(path.Split('/')[^1]);

    private static (string Text, Encoding Encoding) Decode(byte[] bytes) => bytes switch
    {
        [0xFF, 0xFE, ..] => (Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), Encoding.Unicode),
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), new UTF8Encoding(true)),
        _ => (Encoding.UTF8.GetString(bytes), new UTF8Encoding(false)),
    };

    /// <summary>The text in the encoding (and with the byte order mark) the file had.</summary>
    private static byte[] Encode(byte[] original, string text)
    {
        var (_, encoding) = Decode(original);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
    }
}
