using Extls.TestKit;

namespace Extls.Reporting.Tests;

public sealed class GoldenTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("extls-golden-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Verified(string name = "x") => Path.Combine(dir, $"GoldenTests.{name}.verified.txt");

    [Fact]
    public void Missing_verified_file_fails_and_writes_received()
    {
        var failure = Golden.Compare("hello\n", Verified(), accept: false);
        Assert.NotNull(failure);
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(dir, "GoldenTests.x.received.txt")));
    }

    [Fact]
    public void Mismatch_fails_with_a_diff_excerpt_and_writes_received()
    {
        File.WriteAllText(Verified(), "a\nb\nc\n");
        var failure = Golden.Compare("a\nB\nc\n", Verified(), accept: false);
        Assert.NotNull(failure);
        Assert.Contains("- b\n+ B\n", failure, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "GoldenTests.x.received.txt")));
    }

    [Fact]
    public void Crlf_and_lf_compare_equal_and_a_match_removes_a_stale_received_file()
    {
        File.WriteAllText(Verified(), "a\r\nb\r\n");
        File.WriteAllText(Path.Combine(dir, "GoldenTests.x.received.txt"), "old");
        Assert.Null(Golden.Compare("a\nb\n", Verified(), accept: false));
        Assert.False(File.Exists(Path.Combine(dir, "GoldenTests.x.received.txt")));
    }

    [Fact]
    public void Accept_writes_the_verified_file_with_lf()
    {
        Assert.Null(Golden.Compare("a\r\nb\r\n", Verified(), accept: true));
        Assert.Equal("a\nb\n", File.ReadAllText(Verified()));
    }

    [Fact]
    public void Ci_mapped_source_paths_resolve_to_the_repository()
    {
        var mapped = Golden.SourcePath("/_/tests/Analyzer.Reporting.Tests/GoldenTests.cs");
        Assert.True(File.Exists(mapped), mapped);
        Assert.Equal("/real/path.cs", Golden.SourcePath("/real/path.cs"));
    }

    [Fact]
    public void Received_path_keeps_a_compound_extension() =>
        Assert.Equal("/t/C.n.received.sarif.json", Golden.ReceivedPathFor("/t/C.n.verified.sarif.json"));
}
