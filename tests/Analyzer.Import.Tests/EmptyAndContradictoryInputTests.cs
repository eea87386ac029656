using System.Text;
using Extls.Model;
using static Extls.Import.Tests.Fixture;
using Extls.TestKit;

namespace Extls.Import.Tests;

/// <summary>
/// Inputs that once read as "nothing there": an empty or null document where Exchange always has objects,
/// a value far past anything Exchange writes, a byte order mark the bytes contradict. Each is now a problem
/// with its file, line and path, and costs its own section only.
/// </summary>
public sealed class EmptyAndContradictoryInputTests
{
    public static TheoryData<string, string> EmptyDocuments() => new()
    {
        { "TransportService", "" },
        { "TransportService", "null" },
        { "TransportService", "[]" },
        { "ReceiveConnector", "" },
        { "ReceiveConnector", "  null  " },
        { "ReceiveConnector", "{\"value\":[],\"Count\":0}" },
        { "ExchangeCertificate", "" },
        { "ExchangeCertificate", "[]" },
    };

    [Theory]
    [MemberData(nameof(EmptyDocuments))]
    public void An_empty_section_of_a_transport_server_is_a_problem_and_the_section_unreadable(string section, string content)
    {
        var files = HealthyDump();
        files[$"servers/EX01/{section}.json"] = Utf8(content);
        var r = Load(files);

        var problem = Assert.Single(r.Problems);
        Assert.Equal($"dump/servers/EX01/{section}.json", problem.File);
        Assert.Equal(content.Length > 0 ? 1 : 0, problem.Line);
        Assert.Equal("$", problem.JsonPath);
        Assert.Contains("collection of this section is incomplete", problem.Message(), StringComparison.Ordinal);

        var ex01 = Server(r);
        var states = new Dictionary<string, SectionState>
        {
            ["TransportService"] = ex01.TransportService.State,
            ["ReceiveConnector"] = ex01.ReceiveConnectors.State,
            ["ExchangeCertificate"] = ex01.Certificates.State,
        };

        // The broken section is unreadable; the server's other sections are read as before.
        Assert.Equal(SectionState.Unreadable, states[section]);
        Assert.All(states.Where(s => s.Key != section), s => Assert.Equal(SectionState.Collected, s.Value));
        Assert.Equal(AdCertificateState.Present, ex01.InternalCertificate.State);
    }

    [Fact]
    public void An_empty_section_of_a_server_whose_role_is_unknown_stays_an_empty_section()
    {
        // A Client Access server of Exchange 2013 has no Transport service: without a known transport role, empty is a fact.
        var files = HealthyDump();
        files["org/ExchangeServer.json"] = Utf8("""[{"Name":"EX01","ServerRole":"ClientAccess"}]""");
        files["servers/EX01/TransportService.json"] = Utf8("[]");
        var r = Load(files);
        Assert.Empty(r.Problems);
        Assert.Equal(SectionState.Collected, Server(r).TransportService.State);
    }

    [Fact]
    public void A_twenty_megabyte_connector_name_refuses_the_file_with_its_line_and_path()
    {
        var files = HealthyDump();
        var name = new string('A', 20 * 1024 * 1024);
        files["servers/EX01/ReceiveConnector.json"] = Utf8($$"""
            [
              {"Identity":"EX01\\Default EX01","Name":"{{name}}","Server":"EX01"}
            ]
            """);
        var r = Load(files);
        var problem = Assert.Single(r.Problems);
        Assert.Equal("dump/servers/EX01/ReceiveConnector.json", problem.File);
        Assert.Equal(2, problem.Line);
        Assert.Equal("$[0].Name", problem.JsonPath);
        Assert.Contains("longer than 1,048,576 characters", problem.Message(), StringComparison.Ordinal);
        Assert.Equal(SectionState.Unreadable, Server(r).ReceiveConnectors.State);
        Assert.Equal(SectionState.Collected, Server(r).Certificates.State);
    }

    public static TheoryData<string, byte[]> ContradictingMarks() => new()
    {
        // UTF-16 LE text behind a UTF-8 mark.
        { "UTF-8", [0xEF, 0xBB, 0xBF, .. Encoding.Unicode.GetBytes("[{\"Name\":\"EX01\"}]")] },
        // UTF-8 text behind a UTF-16 LE mark.
        { "UTF-16 LE", [0xFF, 0xFE, .. Encoding.UTF8.GetBytes("[{\"Name\":\"EX01\"}]")] },
        // UTF-16 LE text behind a UTF-16 BE mark (bytes swapped).
        { "UTF-16 BE", [0xFE, 0xFF, .. Encoding.Unicode.GetBytes("[{\"Name\":\"EX01\"}]")] },
        // Bytes that are no UTF-8 behind a UTF-8 mark.
        { "UTF-8", [0xEF, 0xBB, 0xBF, .. "[{\"Name\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}]"u8.ToArray()] },
        // An odd number of bytes behind a UTF-16 mark: cut short, or not UTF-16.
        { "UTF-16 LE", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("[{\"Name\":\"EX01\"}]"), 0x20] },
    };

    [Theory]
    [MemberData(nameof(ContradictingMarks))]
    public void A_byte_order_mark_the_bytes_contradict_is_a_problem(string mark, byte[] content)
    {
        foreach (var section in new[] { "TransportService", "InternalTransportCertificate" })
        {
            var files = HealthyDump();
            files[$"servers/EX01/{section}.json"] = content;
            var r = Load(files);
            var problem = Assert.Single(r.Problems, p => p.File.EndsWith($"{section}.json", StringComparison.Ordinal));
            Assert.Contains(mark, problem.Message(), StringComparison.Ordinal);
            Assert.Contains("byte order mark", problem.Message(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_file_with_a_million_wrong_entries_lists_a_thousand_problems_and_counts_the_rest()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Utf8("[" + string.Join(",", Enumerable.Repeat("1", 150_000)) + "]");
        var r = Load(files);
        // A thousand listed, one counting the rest, and the section that is left with nothing.
        Assert.Equal(1002, r.Problems.Length);
        Assert.Contains(r.Problems, p => p.Message().StartsWith("149,000 more problems in this file", StringComparison.Ordinal));
        Assert.Contains(r.Problems, p => p.Message().Contains("holds no receive connector", StringComparison.Ordinal));
    }

    [Fact]
    public void An_array_past_the_element_limit_refuses_the_file()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Utf8("[" + string.Join(",", Enumerable.Repeat("{}", 1_000_000)) + "]");
        var r = Load(files);
        var problem = Assert.Single(r.Problems);
        Assert.Contains("more than 200,000 elements", problem.Message(), StringComparison.Ordinal);
        Assert.Equal(1, problem.Line);
        Assert.Equal(SectionState.Unreadable, Server(r).ReceiveConnectors.State);
    }
}
