using System.Security.Cryptography;
using System.Xml;
using System.Xml.Schema;

namespace Extls.TestKit;

/// <summary>
/// The JUnit XML schema the test tabs of CI servers follow, kept in the repository as test data
/// (TestData/README.md says where from), and validation against it with System.Xml.Schema.
/// </summary>
public static class Junit
{
    /// <summary>SHA-256 of the schema as its project publishes it.</summary>
    public const string SchemaSha256 = "feb190c00a51272bebd8ddbbdd5ba06fcbc65d913fffbca660d8815439527042";

    public static string SchemaPath => Path.Combine(Repository.Root, "tests", "Analyzer.TestKit", "TestData", "junit-10.xsd");

    public static string SchemaHash() => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SchemaPath)));

    /// <summary>Every schema error and warning of <paramref name="xml"/>, each with its line; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        using (var schema = XmlReader.Create(SchemaPath))
        {
            settings.Schemas.Add(null, schema);
        }

        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (XmlException e)
        {
            errors.Add($"not well-formed: {e.Message}");
        }

        return errors;
    }
}
