using Extls.TestKit;

namespace Extls.Model.Tests;

public sealed class ModelTests
{
    [Fact]
    public void Location_text_names_file_line_and_path()
    {
        Assert.Equal("servers/EX01/ReceiveConnector.json:12 ($[2].AuthMechanism)",
            new SourceLocation("servers/EX01/ReceiveConnector.json", 12, "$[2].AuthMechanism").ToString());
        Assert.Equal("manifest.json ($)", new SourceLocation("manifest.json", 0, "$").ToString());
    }

    [Fact]
    public void Import_problem_text_names_file_line_and_path()
    {
        Assert.Equal("a.json:3: $.x: malformedJson", new ImportProblem("a.json", 3, "$.x", ProblemKind.MalformedJson).ToString());
        Assert.Equal("a.json: $: pathNotFound", new ImportProblem("a.json", 0, "$", ProblemKind.PathNotFound).ToString());
    }

    [Fact]
    public void Only_a_collected_section_is_known()
    {
        Assert.True(Section<int>.Collected([1], null).IsKnown);
        foreach (var state in new[] { SectionState.Failed, SectionState.Absent, SectionState.Unreadable })
        {
            var s = Section<int>.Missing(state, "why", null);
            Assert.False(s.IsKnown);
            Assert.Empty(s.Items);
        }
    }

    [Fact]
    public void Servers_are_found_by_name_ignoring_case()
    {
        var org = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02"));
        Assert.Equal("EX02", org.FindServer("ex02")?.Name);
        Assert.Null(org.FindServer("EX03"));
    }

    [Fact]
    public void Transport_service_item_is_null_when_the_section_was_not_collected()
    {
        var server = Build.Mailbox("EX01") with
        {
            TransportService = Section<TransportService>.Missing(SectionState.Failed, "access denied", null),
        };
        Assert.Null(server.TransportServiceItem);
        Assert.NotNull(Build.Mailbox("EX01").TransportServiceItem);
    }

    [Fact]
    public void Enum_values_are_Exchange_own_numbers()
    {
        // Windows PowerShell 5.1 writes these numbers; a wrong value would misread every dump.
        Assert.Equal(16, (int)ReceiveAuthMechanism.ExchangeServer);
        Assert.Equal(8, (int)SmartHostAuthMechanism.ExchangeServer);
        Assert.Equal(4, (int)PermissionGroups.ExchangeServers);
        Assert.Equal(16, (int)CertificateServices.SMTP);
        Assert.Equal(16384, (int)ConnectorTransportRole.FrontendTransport);
        Assert.Equal(6, (int)CertificateStatus.RevocationCheckFailure);
    }

    [Fact]
    public void Thumbprints_compare_on_hex_digits_ignoring_case_spaces_and_marks()
    {
        Assert.True(Thumbprints.AreEqual("\u200eab cd ef", "ABCDEF"));
        Assert.False(Thumbprints.AreEqual("ABCDEF", "ABCDE0"));
        Assert.False(Thumbprints.AreEqual("", ""));
    }

    [Fact]
    public void Thumbprints_are_written_as_upper_case_hex_only()
    {
        // Copied from the certificate MMC: spaces and an invisible left-to-right mark.
        Assert.Equal("ABCDEF0123", Thumbprints.Normalize("\u200eab cd ef 01 23"));
        Assert.Equal(string.Empty, Thumbprints.Normalize(null));
    }
}
