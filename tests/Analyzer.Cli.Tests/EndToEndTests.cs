using Newtonsoft.Json.Linq;

namespace Extls.Cli.Tests;

/// <summary>
/// The real libraries behind the CLI. These need the import, replay and rules work merged: until
/// then they fail on the libraries' placeholders, which is expected.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndTests
{
    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var host = new CliHost(output, error, true, 120, _ => null, Directory.GetCurrentDirectory(), new LibraryServices());
        var code = CliApp.Run(args, host);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Sample_analysis_exits_1_and_prints_findings()
    {
        var (code, output, error) = Run("analyze");
        Assert.True(code == ExitCodes.Findings, error);
        Assert.Matches(@"EXTLS\d{4}", output);
        Assert.Matches(@"\d+ errors?, \d+ warnings?, \d+ notes?, \d+ suppressed\n$", output);
    }

    [Fact]
    public void Sample_analysis_as_json_parses()
    {
        var (_, output, error) = Run("analyze", "--format", "json");
        var json = JObject.Parse(output);
        Assert.True(json["findings"] is JArray { Count: > 0 }, error);
        Assert.True(json["selections"] is JArray { Count: > 0 }, error);
    }

    [Fact]
    public void Rules_list_shows_the_catalogue()
    {
        var (code, output, error) = Run("rules", "list");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("EXTLS1004", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_path_exits_3()
    {
        var (code, _, error) = Run("analyze", Path.Combine(Path.GetTempPath(), "extls-no-such-dump-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains("No such file or folder", error, StringComparison.Ordinal);
    }
}
