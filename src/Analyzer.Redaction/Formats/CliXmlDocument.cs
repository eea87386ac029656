using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Extls.Redaction.Formats;

/// <summary>
/// An Export-Clixml file, read with whitespace kept and DTDs refused, rewritten element by element: the text of
/// &lt;S&gt;, &lt;ToString&gt; and the other value elements, and the base64 of &lt;BA&gt;. Each object's properties
/// are named by their N attribute, so redaction sees the same property names as in JSON; type names (&lt;T&gt;) and
/// property names stay.
/// </summary>
internal sealed class CliXmlDocument : IDocument
{
    private readonly TextCodec codec;
    private readonly XDocument xml;
    private readonly string text;
    private readonly List<(XElement Element, Func<string?> Replacement)> edits = [];

    private CliXmlDocument(TextCodec codec, XDocument xml, string text)
    {
        this.codec = codec;
        this.xml = xml;
        this.text = text;
    }

    public Node Root { get; private set; } = new ArrayNode();

    public static CliXmlDocument Parse(byte[] bytes, string file)
    {
        var (codec, text) = TextCodec.Decode(bytes);
        XDocument xml;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            xml = XDocument.Load(reader, LoadOptions.PreserveWhitespace | LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new RewriteException(file, ex.LineNumber, "$", RedactionProblemKind.CliXmlMalformed, new RedactionArguments { Detail = ex.Message });
        }

        var doc = new CliXmlDocument(codec, xml, text);
        var root = new ArrayNode();
        if (xml.Root is { } objs)
        {
            foreach (var child in objs.Elements())
            {
                root.Items.Add(doc.Convert(child));
            }
        }

        doc.Root = root;
        return doc;
    }

    private static readonly HashSet<string> Containers = ["Obj", "Props", "MS", "LST", "IE", "STK", "QUE", "DCT", "En"];

    private Node Convert(XElement e)
    {
        var name = e.Name.LocalName;
        if (name == "BA")
        {
            byte[]? bytes;
            try
            {
                bytes = System.Convert.FromBase64String(e.Value);
            }
            catch (System.FormatException)
            {
                bytes = null;
            }

            var node = new BytesNode(bytes, e.Value);
            edits.Add((e, () => node.Replacement));
            return node;
        }

        if (!Containers.Contains(name))
        {
            if (name is "T" or "TN" or "TNRef" or "Ref" or "Nil" or "B" or "DT" or "TS" or "I16" or "I32" or "I64" or "U8" or "U16" or "U32" or "U64" or "Db" or "Sg" or "D" or "By" or "SB" or "G" or "Version")
            {
                // Types, references, numbers, booleans, dates and GUID-less values name no one; a GUID element (G) is mapped as text below.
                if (name != "G")
                {
                    return new OtherNode(e.Value);
                }
            }

            var text = new TextNode(e.Value);
            edits.Add((e, () => text.Replacement is { } r && r != text.Value ? r : null));
            return text;
        }

        if (name is "LST" or "IE" or "STK" or "QUE")
        {
            var list = new ArrayNode();
            foreach (var item in e.Elements())
            {
                list.Items.Add(Convert(item));
            }

            return list;
        }

        // An object: its ToString, its properties (adapted and extended), and the items of a list it wraps.
        var obj = new ObjectNode();
        foreach (var child in e.Elements())
        {
            var childName = child.Name.LocalName;
            if (childName is "Props" or "MS")
            {
                foreach (var p in child.Elements())
                {
                    obj.Properties.Add((p.Attribute("N")?.Value ?? p.Name.LocalName, Convert(p)));
                }
            }
            else if (childName is "TN" or "TNRef")
            {
                continue;
            }
            else if (childName == "DCT")
            {
                foreach (var entry in child.Elements())
                {
                    obj.Properties.Add(("DictionaryEntry", Convert(entry)));
                }
            }
            else
            {
                obj.Properties.Add((child.Attribute("N")?.Value ?? (childName == "ToString" ? "ToString" : childName), Convert(child)));
            }
        }

        return obj;
    }

    public byte[] Write()
    {
        bool changed = false;
        foreach (var (element, replacement) in edits)
        {
            if (replacement() is { } r)
            {
                element.Value = r;
                changed = true;
            }
        }

        if (!changed)
        {
            return codec.Encode(text);
        }

        var sb = new StringBuilder(text.Length);
        var settings = new XmlWriterSettings { OmitXmlDeclaration = xml.Declaration is null, Indent = false, NewLineHandling = NewLineHandling.None, Encoding = codec.Encoding };
        using (var writer = XmlWriter.Create(new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture), settings))
        {
            xml.Save(writer);
        }

        var output = sb.ToString();
        if (xml.Declaration is { } declaration)
        {
            // XmlWriter writes the declaration of the StringWriter's encoding; put back the file's own.
            var end = output.IndexOf("?>", StringComparison.Ordinal);
            if (output.StartsWith("<?xml", StringComparison.Ordinal) && end > 0)
            {
                output = declaration.ToString() + output[(end + 2)..];
            }
        }

        return codec.Encode(output);
    }
}
