using System.Globalization;
using System.Text;
using System.Xml;
using Newtonsoft.Json.Linq;

namespace Extls.FixtureGen;

/// <summary>Export-Csv and Export-Clixml renderings of the same section items the JSON writer produces.</summary>
internal static class OtherFormats
{
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    private static readonly Dictionary<string, string> TypeNames = new(StringComparer.Ordinal)
    {
        ["org/ExchangeServer"] = "Microsoft.Exchange.Data.Directory.Management.ExchangeServer",
        ["org/SendConnector"] = "Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig",
        ["org/EdgeSubscription"] = "Microsoft.Exchange.Data.Directory.SystemConfiguration.Server",
        ["TransportService"] = "Microsoft.Exchange.Data.Directory.SystemConfiguration.TransportServer",
        ["ReceiveConnector"] = "Microsoft.Exchange.Data.Directory.SystemConfiguration.ReceiveConnector",
        ["ExchangeCertificate"] = "Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate",
    };

    private static readonly Dictionary<string, string> EnumTypes = new(StringComparer.Ordinal)
    {
        ["AuthMechanism"] = "Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthMechanisms",
        ["PermissionGroups"] = "Microsoft.Exchange.Data.Directory.SystemConfiguration.PermissionGroups",
        ["TransportRole"] = "Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole",
        ["Services"] = "Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices",
        ["Status"] = "Microsoft.Exchange.Management.SystemConfigurationTasks.CertificateStatus",
        ["SmartHostAuthMechanism"] = "Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig+AuthMechanisms",
        ["TlsAuthLevel"] = "Microsoft.Exchange.Data.Directory.SystemConfiguration.RequiredTlsAuthLevel",
    };

    private static string TypeName(string rel) =>
        TypeNames.TryGetValue(rel, out var t) ? t : TypeNames[rel[(rel.LastIndexOf('/') + 1)..]];

    /// <summary>Export-Csv -NoTypeInformation: every cell quoted, multi-valued cells as "{a, b}", dates as en-US text.</summary>
    public static SortedDictionary<string, string> WriteCsv(Org org, string dir) =>
        DumpWriter.Write(org, dir, (rel, items) =>
        {
            var columns = items.OfType<JObject>().SelectMany(o => o.Properties().Select(p => p.Name)).Distinct().ToList();
            if (columns.Count == 0)
            {
                columns = ["Identity", "Name"];
            }

            var sb = new StringBuilder();
            sb.Append(string.Join(",", columns.Select(Quote))).Append("\r\n");
            foreach (var o in items.OfType<JObject>())
            {
                sb.Append(string.Join(",", columns.Select(c => Quote(Cell(c, o[c]))))).Append("\r\n");
            }

            var path = Path.Combine(dir, rel + ".csv");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(sb.ToString()));
            return ".csv";
        });

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Cell(string column, JToken? value)
    {
        if (value is null || value.Type == JTokenType.Null)
        {
            return "";
        }

        if (column == "RawData")
        {
            return "System.Byte[]";
        }

        if (value is JArray a)
        {
            return column == "Bindings" ? "System.Object[]" : "{" + string.Join(", ", a.Select(x => x.ToString())) + "}";
        }

        if (value.Type == JTokenType.Boolean)
        {
            return (bool)value! ? "True" : "False";
        }

        if (value is JObject)
        {
            // Export-Csv writes a nested object as its type name: the value is lost.
            return column == "SignatureAlgorithm" ? "System.Security.Cryptography.Oid" : "System.Object";
        }

        if (column is "NotBefore" or "NotAfter")
        {
            var d = DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture);
            return d.UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", EnUs);
        }

        return Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Export-Clixml: &lt;Objs&gt; of deserialised objects, enums as &lt;I32&gt; with &lt;ToString&gt;, byte arrays as &lt;BA&gt;.</summary>
    public static SortedDictionary<string, string> WriteCliXml(Org org, string dir) =>
        DumpWriter.Write(org, dir, (rel, items) =>
        {
            var path = Path.Combine(dir, rel + ".xml");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, IndentChars = "  ", Encoding = new UnicodeEncoding(false, true), NewLineChars = "\r\n" };
            using (var stream = File.Create(path))
            using (var w = XmlWriter.Create(stream, settings))
            {
                new CliXml(w).Objects(TypeName(rel), items);
            }

            return ".xml";
        });

    private sealed class CliXml(XmlWriter w)
    {
        private const string Ns = "http://schemas.microsoft.com/powershell/2004/04";
        private readonly Dictionary<string, int> typeRefs = new(StringComparer.Ordinal);
        private int nextObj;

        private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);

        public void Objects(string typeName, JArray items)
        {
            w.WriteStartElement("Objs", Ns);
            w.WriteAttributeString("Version", "1.1.0.1");
            foreach (var o in items.OfType<JObject>())
            {
                w.WriteStartElement("Obj", Ns);
                w.WriteAttributeString("RefId", I(nextObj++));
                TypeNames(["Deserialized." + typeName, "Deserialized.System.Object"]);
                w.WriteElementString("ToString", Ns, (string?)o["Identity"] ?? (string?)o["Thumbprint"] ?? (string?)o["Name"] ?? typeName);
                w.WriteStartElement("Props", Ns);
                foreach (var p in o.Properties())
                {
                    if (p.Name.EndsWith("Value", StringComparison.Ordinal) && o[p.Name[..^5]] is not null)
                    {
                        continue;
                    }

                    Property(p.Name, p.Value, o[p.Name + "Value"]);
                }

                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        private void TypeNames(string[] names)
        {
            var key = string.Join("|", names);
            if (typeRefs.TryGetValue(key, out var id))
            {
                w.WriteStartElement("TNRef", Ns);
                w.WriteAttributeString("RefId", I(id));
                w.WriteEndElement();
                return;
            }

            id = typeRefs.Count;
            typeRefs[key] = id;
            w.WriteStartElement("TN", Ns);
            w.WriteAttributeString("RefId", I(id));
            foreach (var n in names)
            {
                w.WriteElementString("T", Ns, n);
            }

            w.WriteEndElement();
        }

        private void Property(string name, JToken value, JToken? enumValue)
        {
            if (value.Type == JTokenType.Null)
            {
                w.WriteStartElement("Nil", Ns);
                w.WriteAttributeString("N", name);
                w.WriteEndElement();
                return;
            }

            if (enumValue is not null && EnumTypes.TryGetValue(name, out var enumType))
            {
                w.WriteStartElement("Obj", Ns);
                w.WriteAttributeString("N", name);
                w.WriteAttributeString("RefId", I(nextObj++));
                TypeNames([enumType, "System.Enum", "System.ValueType", "System.Object"]);
                w.WriteElementString("ToString", Ns, (string?)value);
                w.WriteElementString("I32", Ns, I((int)enumValue));
                w.WriteEndElement();
                return;
            }

            if (value is JObject nested)
            {
                w.WriteStartElement("Obj", Ns);
                w.WriteAttributeString("N", name);
                w.WriteAttributeString("RefId", I(nextObj++));
                TypeNames(["Deserialized.System.Security.Cryptography.Oid", "Deserialized.System.Object"]);
                w.WriteElementString("ToString", Ns, (string?)nested["FriendlyName"] ?? (string?)nested["Value"] ?? "");
                w.WriteStartElement("Props", Ns);
                foreach (var p in nested.Properties())
                {
                    Property(p.Name, p.Value, null);
                }

                w.WriteEndElement();
                w.WriteEndElement();
                return;
            }

            if (value is JArray a)
            {
                w.WriteStartElement("Obj", Ns);
                w.WriteAttributeString("N", name);
                w.WriteAttributeString("RefId", I(nextObj++));
                TypeNames(["Deserialized.Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String]]", "Deserialized.System.Collections.ObjectModel.Collection`1[[System.Object]]", "Deserialized.System.Object"]);
                w.WriteStartElement("LST", Ns);
                foreach (var x in a)
                {
                    w.WriteElementString("S", Ns, x.ToString());
                }

                w.WriteEndElement();
                w.WriteEndElement();
                return;
            }

            var (tag, text) = name switch
            {
                "RawData" => ("BA", (string)value!),
                "NotBefore" or "NotAfter" => ("DT", DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture)),
                _ => value.Type switch
                {
                    JTokenType.Boolean => ("B", (bool)value ? "true" : "false"),
                    JTokenType.Integer => ("I32", Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture)!),
                    _ => ("S", (string)value!),
                },
            };
            w.WriteStartElement(tag, Ns);
            w.WriteAttributeString("N", name);
            w.WriteString(text);
            w.WriteEndElement();
        }
    }
}
