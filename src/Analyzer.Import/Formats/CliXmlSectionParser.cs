using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Extls.Model;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Formats;

/// <summary>
/// Reads a section written by <c>Export-Clixml</c> (MS-PSRP 2.2.5 serialization) into the tree
/// <c>ConvertTo-Json</c> would have given for the same objects: an array of objects keyed by property
/// name. Enums become their names, dates ISO 8601 text with their offset, byte arrays base64 text, and
/// values serialized only as their ToString() the text, so the mapper sees the quirks it already knows.
/// </summary>
internal sealed class CliXmlSectionParser : ISectionParser
{
    public string Extension => ".xml";

    public ParsedSection Parse(ReadOnlyMemory<byte> content, string file)
    {
        string text = TextDecoding.Decode(content.Span);
        return new CliXmlReader(file).Read(text);
    }
}

/// <summary>One file's conversion: the state that RefIds and type-name references share across the file.</summary>
internal sealed class CliXmlReader(string file)
{
    private const string PowerShellNamespace = "http://schemas.microsoft.com/powershell/2004/04";

    // Export-Clixml stops at -Depth (2 by default, at most a few dozen in practice); only a crafted file
    // nests deeper, and following it would exhaust the stack.
    private const int MaxDepth = 100;

    // Each level of value nesting takes two elements (<Obj><LST>, <Props><S>), so this lets MaxDepth act first.
    private const int MaxXmlDepth = 2 * MaxDepth + 50;

    // References to objects that hold references can multiply the tree exponentially; real exports stay far below.
    private const long MaxCopiedTokens = 100_000;

    private static readonly FrozenSet<string> Containers = FrozenSet.Create(StringComparer.Ordinal, "LST", "IE", "STK", "QUE", "DCT");

    private static readonly FrozenSet<string> Primitives = FrozenSet.Create(
        StringComparer.Ordinal,
        "S", "I32", "I64", "I16", "U16", "U32", "U64", "By", "SB", "U8", "Db", "Sg", "D", "B", "DT", "TS", "G",
        "URI", "Version", "C", "BA", "Nil", "XD", "SBK", "SS", "Ref");

    // The characters for which Newtonsoft writes a property into a path as ['name'] rather than .name.
    private static readonly SearchValues<char> PathSpecialCharacters =
        SearchValues.Create(".'/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029 ");

    private readonly ImmutableArray<ImportProblem>.Builder problems = ImmutableArray.CreateBuilder<ImportProblem>();
    private readonly Dictionary<string, JToken> objectsByRefId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> toStringByRefId = new(StringComparer.Ordinal);
    private readonly HashSet<string> objectsUnderConstruction = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<string>> typeNamesByRefId = new(StringComparer.Ordinal);
    private readonly Dictionary<JToken, long> sizes = new(ReferenceEqualityComparer.Instance);
    private int depth;
    private long copiedTokens;

    public ParsedSection Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            // Export-Clixml given nothing still writes an empty <Objs/>; an empty file was cut short.
            Problem(1, "$", ProblemKind.CliXmlEmpty);
            return Result(null);
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };

        var items = new JArray();
        items.AddAnnotation(new SourceLineAnnotation(1));
        int rootLine = 0;
        using var reader = XmlReader.Create(new StringReader(text), settings);
        var lineInfo = (IXmlLineInfo)reader;
        try
        {
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                Problem(lineInfo.LineNumber, "$", ProblemKind.CliXmlNoElement);
                return Result(null);
            }

            rootLine = lineInfo.LineNumber;
            if (reader.LocalName != "Objs")
            {
                Problem(rootLine, "$", ProblemKind.CliXmlWrongRoot, new() { Name = reader.Name });
                return Result(null);
            }

            if (reader.NamespaceURI != PowerShellNamespace)
            {
                Problem(rootLine, "$", ProblemKind.CliXmlWrongNamespace, new() { Name = PowerShellNamespace });
            }

            items.RemoveAnnotations<SourceLineAnnotation>();
            items.AddAnnotation(new SourceLineAnnotation(rootLine));
            if (reader.IsEmptyElement)
            {
                return Result(items);
            }

            var tooDeep = FindTooDeepObjects(text, settings);
            int topIndex = -1;
            reader.Read();
            while (reader.MoveToContent() is not (XmlNodeType.EndElement or XmlNodeType.None))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    Problem(lineInfo.LineNumber, "$", ProblemKind.CliXmlTextInRoot);
                    reader.Skip();
                    continue;
                }

                if (tooDeep.TryGetValue(++topIndex, out int deepLine))
                {
                    Problem(
                        deepLine,
                        "$[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]",
                        ProblemKind.XmlNestedTooDeep, new() { Limit = MaxXmlDepth });
                    reader.Skip();
                    continue;
                }

                // One top-level object at a time, so that everything before a break in the XML is kept.
                XElement element;
                using (var subtree = reader.ReadSubtree())
                {
                    element = XElement.Load(subtree, LoadOptions.SetLineInfo);
                }

                reader.Read();
                string path = "$[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]";
                items.Add(Convert(element, path));
            }
        }
        catch (XmlException ex)
        {
            // The refusal of a DTD carries no position, and the failed reader forgets its own.
            int line = ex.LineNumber > 0 ? ex.LineNumber : LineOfDocumentType(text);
            string path = rootLine > 0 ? "$[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]" : "$";
            Problem(line, path, ProblemKind.MalformedXml, new() { Detail = ex.Message });
            if (rootLine == 0)
            {
                // Without the root there is no telling an empty section from an unreadable one.
                return Result(null);
            }
        }

        // Export-Clixml -InputObject $list writes the whole list as one object holding it.
        if (items.Count == 1 && items[0] is JArray only && only.All(t => t is JObject))
        {
            only.Remove();
            RebaseProblemPaths("$[0]");
            return Result(only);
        }

        return Result(items);
    }

    /// <summary>
    /// Top-level objects (by position among the elements of the root) that nest deeper than any export,
    /// with the line where they do. LINQ to XML resolves namespaces through every ancestor, so loading
    /// such an object would take time growing with the square of its depth.
    /// </summary>
    private static Dictionary<int, int> FindTooDeepObjects(string text, XmlReaderSettings settings)
    {
        var found = new Dictionary<int, int>();
        using var reader = XmlReader.Create(new StringReader(text), settings);
        var lineInfo = (IXmlLineInfo)reader;
        int topIndex = -1;
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.Depth == 1)
                {
                    topIndex++;
                }
                else if (reader.Depth > MaxXmlDepth && topIndex >= 0)
                {
                    found.TryAdd(topIndex, lineInfo.LineNumber);
                }
            }
        }
        catch (XmlException)
        {
            // Reported with its line by the reading proper.
        }

        return found;
    }

    private static int LineOfDocumentType(string text)
    {
        int at = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        return at < 0 ? 0 : text.AsSpan(0, at).Count('\n') + 1;
    }

    private ParsedSection Result(JToken? root) => new(root, problems.ToImmutable());

    private void RebaseProblemPaths(string prefix)
    {
        for (int i = 0; i < problems.Count; i++)
        {
            var p = problems[i];
            if (p.JsonPath.StartsWith(prefix, StringComparison.Ordinal))
            {
                problems[i] = p with { JsonPath = "$" + p.JsonPath[prefix.Length..] };
            }
        }
    }

    private void Problem(int line, string path, ProblemKind kind, ProblemArguments? arguments = null) => problems.Add(new ImportProblem(file, line, path, kind, arguments ?? ProblemArguments.None));

    private static int LineOf(XElement e) => ((IXmlLineInfo)e).HasLineInfo() ? ((IXmlLineInfo)e).LineNumber : 0;

    private static T Annotated<T>(T token, XElement source)
        where T : JToken
    {
        token.RemoveAnnotations<SourceLineAnnotation>();
        token.AddAnnotation(new SourceLineAnnotation(LineOf(source)));
        return token;
    }

    private JToken Convert(XElement e, string path)
    {
        depth++;
        try
        {
            if (depth > MaxDepth)
            {
                Problem(LineOf(e), path, ProblemKind.CliXmlValuesTooDeep, new() { Limit = MaxDepth });
                return Annotated(JValue.CreateNull(), e);
            }

            return ConvertElement(e, path);
        }
        finally
        {
            depth--;
        }
    }

    private JToken ConvertElement(XElement e, string path)
    {
        string name = e.Name.LocalName;
        if (name == "Obj")
        {
            return ConvertObject(e, path);
        }

        if (name == "Ref")
        {
            return ResolveReference(e, path);
        }

        if (Containers.Contains(name))
        {
            return ConvertContainer(e, path);
        }

        if (Primitives.Contains(name))
        {
            return Annotated(ConvertPrimitive(e, path), e);
        }

        Problem(LineOf(e), path, ProblemKind.CliXmlUnknownElement, new() { Name = name });
        return Annotated(JValue.CreateNull(), e);
    }

    private JToken ConvertObject(XElement e, string path)
    {
        string? refId = (string?)e.Attribute("RefId");
        if (refId is not null)
        {
            objectsUnderConstruction.Add(refId);
        }

        var typeNames = TypeNames(e, path);
        string? toString = e.Elements().FirstOrDefault(c => c.Name.LocalName == "ToString") is { } ts ? DecodeString(ts.Value) : null;
        if (refId is not null)
        {
            toStringByRefId[refId] = toString;
        }

        JToken result = ConvertObjectContent(e, path, typeNames, toString);
        Annotated(result, e);
        if (refId is not null)
        {
            objectsUnderConstruction.Remove(refId);
            if (!objectsByRefId.TryAdd(refId, result))
            {
                Problem(LineOf(e), path, ProblemKind.CliXmlRefIdRepeated, new() { Value = refId });
            }
        }

        return result;
    }

    private JToken ConvertObjectContent(XElement e, string path, ImmutableArray<string> typeNames, string? toString)
    {
        var children = e.Elements().ToList();
        if (children.Find(c => Containers.Contains(c.Name.LocalName)) is { } container)
        {
            return ConvertContainer(container, path);
        }

        if (children.Find(c => Primitives.Contains(c.Name.LocalName)) is { } primitive)
        {
            // An enum is its underlying number plus its name; the mapper reads names, which also
            // survive flags ("Tls, ExchangeServer") and values unknown to this version of the analyzer.
            bool isEnum = typeNames.Any(t => t is "System.Enum" or "Deserialized.System.Enum");
            return isEnum && toString is not null ? new JValue(toString) : Convert(primitive, path);
        }

        var blocks = children.Where(c => c.Name.LocalName is "Props" or "MS").ToList();
        if (!blocks.Any(b => b.HasElements))
        {
            // A value past the serialization depth (an SmtpDomain, an ADObjectId, a binding) is kept as its text.
            return toString is not null ? new JValue(toString) : new JObject();
        }

        var result = new JObject();
        foreach (var block in blocks)
        {
            var namesInBlock = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in block.Elements())
            {
                string? rawName = (string?)member.Attribute("N");
                if (rawName is null)
                {
                    Problem(LineOf(member), path, ProblemKind.CliXmlPropertyUnnamed, new() { Name = member.Name.LocalName });
                    continue;
                }

                string name = DecodeString(rawName);
                if (!namesInBlock.Add(name))
                {
                    continue;
                }

                var value = Convert(member, PropertyPath(path, name));

                // PowerShell names ignore case, and an extended member (<MS>) hides the adapted property
                // (<Props>) of the same name, as it does for ConvertTo-Json.
                if (result.Property(name, StringComparison.OrdinalIgnoreCase) is { } existing)
                {
                    if (block.Name.LocalName == "MS")
                    {
                        existing.Value = value;
                    }

                    continue;
                }

                result.Add(name, value);
            }
        }

        return result;
    }

    private JToken ConvertContainer(XElement container, string path)
    {
        if (container.Name.LocalName == "DCT")
        {
            var dictionary = new JObject();
            foreach (var entry in container.Elements())
            {
                var key = entry.Elements().FirstOrDefault(c => (string?)c.Attribute("N") == "Key");
                var value = entry.Elements().FirstOrDefault(c => (string?)c.Attribute("N") == "Value");
                if (entry.Name.LocalName != "En" || key is null)
                {
                    Problem(LineOf(entry), path, ProblemKind.CliXmlDictionaryEntryWithoutKey);
                    continue;
                }

                string keyText = KeyText(Convert(key, path));
                string entryPath = PropertyPath(path, keyText);
                var token = value is null ? Annotated(JValue.CreateNull(), entry) : Convert(value, entryPath);
                if (!dictionary.TryAdd(keyText, token))
                {
                    Problem(LineOf(entry), entryPath, ProblemKind.CliXmlDictionaryKeyRepeated, new() { Value = keyText });
                }
            }

            return Annotated(dictionary, container);
        }

        var array = new JArray();
        foreach (var item in container.Elements())
        {
            array.Add(Convert(item, path + "[" + array.Count.ToString(CultureInfo.InvariantCulture) + "]"));
        }

        return Annotated(array, container);
    }

    private JToken ResolveReference(XElement e, string path)
    {
        string? refId = (string?)e.Attribute("RefId");
        if (refId is null)
        {
            Problem(LineOf(e), path, ProblemKind.CliXmlRefWithoutId);
            return Annotated(JValue.CreateNull(), e);
        }

        if (objectsByRefId.TryGetValue(refId, out var target))
        {
            copiedTokens += SizeOf(target);
            if (copiedTokens > MaxCopiedTokens)
            {
                Problem(LineOf(e), path, ProblemKind.CliXmlReferencesTooMany, new() { Limit = MaxCopiedTokens });
                return Annotated(JValue.CreateNull(), e);
            }

            // A copy, because a token has one parent; its root carries the line of the reference.
            return Annotated(target.DeepClone(), e);
        }

        if (objectsUnderConstruction.Contains(refId))
        {
            // An object that contains itself cannot be copied into itself; its text is the best that remains.
            return Annotated(toStringByRefId.GetValueOrDefault(refId) is { } text ? new JValue(text) : JValue.CreateNull(), e);
        }

        Problem(LineOf(e), path, ProblemKind.CliXmlRefUndefined, new() { Value = refId });
        return Annotated(JValue.CreateNull(), e);
    }

    private long SizeOf(JToken token)
    {
        if (!sizes.TryGetValue(token, out long size))
        {
            size = token is JContainer container ? container.DescendantsAndSelf().LongCount() : 1;
            sizes[token] = size;
        }

        return size;
    }

    private ImmutableArray<string> TypeNames(XElement obj, string path)
    {
        foreach (var child in obj.Elements())
        {
            if (child.Name.LocalName == "TN")
            {
                var names = child.Elements().Where(t => t.Name.LocalName == "T").Select(t => DecodeString(t.Value)).ToImmutableArray();
                if ((string?)child.Attribute("RefId") is { } id)
                {
                    typeNamesByRefId.TryAdd(id, names);
                }

                return names;
            }

            if (child.Name.LocalName == "TNRef")
            {
                string? id = (string?)child.Attribute("RefId");
                if (id is not null && typeNamesByRefId.TryGetValue(id, out var names))
                {
                    return names;
                }

                Problem(LineOf(child), path, ProblemKind.CliXmlTypeNamesUndefined, new() { Value = id });
                return [];
            }
        }

        return [];
    }

    private JValue ConvertPrimitive(XElement e, string path)
    {
        string name = e.Name.LocalName;
        string text = e.Value;
        switch (name)
        {
            case "Nil":
            case "SS":
                // A SecureString cannot be read outside the session that encrypted it.
                return JValue.CreateNull();
            case "S":
            case "XD":
            case "SBK":
            case "URI":
            case "Version":
                return new JValue(DecodeString(text));
            case "I32":
            case "I64":
            case "I16":
            case "U16":
            case "U32":
            case "SB":
            case "By":
            case "U8":
                return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)
                    ? new JValue(l)
                    : Invalid(e, path, ExpectedValue.Integer);
            case "U64":
                return ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong u)
                    ? new JValue(u)
                    : Invalid(e, path, ExpectedValue.UnsignedInteger);
            case "Db":
            case "Sg":
                return double.TryParse(
                    text.Trim() switch { "INF" => "Infinity", "-INF" => "-Infinity", var t => t },
                    NumberStyles.Float,
                    CultureInfo.InvariantCulture,
                    out double d)
                    ? new JValue(d)
                    : Invalid(e, path, ExpectedValue.FloatingPoint);
            case "D":
                return decimal.TryParse(text.Trim(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out decimal m)
                    ? new JValue(m)
                    : Invalid(e, path, ExpectedValue.Decimal);
            case "B":
                return text.Trim() switch
                {
                    "true" or "1" => new JValue(true),
                    "false" or "0" => new JValue(false),
                    _ => Invalid(e, path, ExpectedValue.Boolean),
                };
            case "DT":
                // Kept as written (xs:dateTime, ISO 8601) so that its offset, or its absence, reaches the mapper.
                return IsIsoDateTime(text.Trim()) ? new JValue(text.Trim()) : Invalid(e, path, ExpectedValue.IsoDateTime);
            case "TS":
                return TryParseDuration(text.Trim(), out var span)
                    ? new JValue(span.ToString("c", CultureInfo.InvariantCulture))
                    : Invalid(e, path, ExpectedValue.Duration);
            case "G":
                return Guid.TryParse(text.Trim(), out var g) ? new JValue(g.ToString("D")) : Invalid(e, path, ExpectedValue.Guid);
            case "C":
                return ushort.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ushort c)
                    ? new JValue(((char)c).ToString())
                    : Invalid(e, path, ExpectedValue.CharacterCode);
            case "BA":
                string base64 = string.Concat(text.Where(ch => !char.IsWhiteSpace(ch)));
                return IsBase64(base64) ? new JValue(base64) : Invalid(e, path, ExpectedValue.Base64);
            default:
                return Invalid(e, path, ExpectedValue.Value);
        }
    }

    private JValue Invalid(XElement e, string path, ExpectedValue expected)
    {
        Problem(LineOf(e), path, ProblemKind.CliXmlValueInvalid, new() { Name = e.Name.LocalName, Value = e.Value, Expected = expected });
        return JValue.CreateNull();
    }

    private static bool IsIsoDateTime(string text) =>
        text.Contains('T', StringComparison.Ordinal)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static bool TryParseDuration(string text, out TimeSpan span)
    {
        try
        {
            span = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            span = default;
            return false;
        }
        catch (OverflowException)
        {
            span = default;
            return false;
        }
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return System.Convert.TryFromBase64String(text, buffer, out _);
    }

    /// <summary>CliXml escapes characters XML cannot hold (and '_' before 'x') as _xHHHH_.</summary>
    private static string DecodeString(string text) =>
        text.Contains("_x", StringComparison.Ordinal) ? XmlConvert.DecodeName(text) : text;

    private static string KeyText(JToken key) => key switch
    {
        JValue { Value: null } => string.Empty,
        JValue { Value: IFormattable f } => f.ToString(null, CultureInfo.InvariantCulture),
        JValue v => v.Value?.ToString() ?? string.Empty,
        _ => key.ToString(Newtonsoft.Json.Formatting.None),
    };

    /// <summary>The path as Newtonsoft writes <see cref="JToken.Path"/>, so problems and tokens name a property alike.</summary>
    private static string PropertyPath(string path, string name) =>
        name.AsSpan().IndexOfAny(PathSpecialCharacters) < 0
            ? path + "." + name
            : path + "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";
}
