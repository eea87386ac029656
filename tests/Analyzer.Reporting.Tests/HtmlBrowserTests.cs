using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Extls.Rules;
using Xunit.Abstractions;

namespace Extls.Reporting.Tests;

/// <summary>Headless Chromium, as .ci/run installs it (Debian's chromium package).</summary>
internal static class Chromium
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>EXTLS_CHROMIUM, else /usr/bin/chromium, else chromium or chromium-browser on the PATH; null when there is none.</summary>
    public static string? Path => Found.Value;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find()
    {
        var given = Environment.GetEnvironmentVariable("EXTLS_CHROMIUM");
        if (!string.IsNullOrEmpty(given))
        {
            return File.Exists(given) ? given : null;
        }

        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Runs headless Chromium on a local file with the given mode arguments; returns its standard output.</summary>
    public static string Run(string page, params string[] mode)
    {
        var chromium = Path ?? throw new InvalidOperationException("Chromium is not installed: .ci/run installs it with apt-get install chromium.");
        var profile = Directory.CreateTempSubdirectory("extls-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars", $"--user-data-dir={profile.FullName}",
            }.Concat(mode))
            {
                start.ArgumentList.Add(a);
            }

            start.ArgumentList.Add(new Uri(page).AbsoluteUri);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish with {page} within two minutes.");
            }

            Assert.True(process.ExitCode == 0, $"Chromium exited {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}

/// <summary>
/// A test that needs Chromium. Outside CI it is skipped when Chromium is missing; in CI (CI=true) it runs and fails,
/// since .ci/run installs Chromium and a missing browser there is a broken pipeline, not a reason to skip.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.InCi)
        {
            Skip = "Chromium is not installed (apt-get install chromium); in CI this test fails instead.";
        }
    }
}

/// <summary>
/// The report in a real browser: the DOM Chromium builds from it (sections there, a connector named like a script
/// present as text and no element injected), and screenshots of the sample in both languages and of a thousand
/// servers, written to EXTLS_SCREENSHOTS (or a temporary folder) for a person to look at.
/// </summary>
public sealed class HtmlBrowserTests(ITestOutputHelper output)
{
    private static readonly string Folder = Environment.GetEnvironmentVariable("EXTLS_SCREENSHOTS") is { Length: > 0 } dir
        ? Directory.CreateDirectory(dir).FullName
        : Directory.CreateTempSubdirectory("extls-html-").FullName;

    [BrowserFact]
    public void Chromium_builds_the_page_with_the_hostile_names_as_text()
    {
        Assert.True(Chromium.Path is not null, "Chromium is not installed, and CI=true: .ci/run must install it (apt-get install chromium).");
        var result = Samples.HostileResult();
        var page = Write("hostile.html", HtmlReportWriterTests.Render(result));
        var dom = Chromium.Run(page, "--dump-dom");

        foreach (var id in new[] { "summary", "mailflow", "servers", "problems" }.Where(id => result.Problems.Length > 0 || id != "problems"))
        {
            Assert.Contains($"id=\"{id}\"", dom, StringComparison.Ordinal);
        }

        Assert.Equal(result.Snapshot.Servers.Length, Regex.Count(dom, "<details class=\"server\""));
        Assert.Equal(result.Findings.Length, Regex.Count(dom, "<article class=\"finding"));

        // Parsed by the browser, the names are text: serialised back they are escaped again, and no element came of them.
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", dom, StringComparison.Ordinal);
        Assert.Contains("O'Brien \"Relay\" &amp; Co $env:TEMP `n 𝔘𝔫𝔦 🚀", dom, StringComparison.Ordinal);
        Assert.Equal(Regex.Count(HtmlReportWriterTests.Render(result), "<article\\b"), Regex.Count(dom, "<article\\b"));
    }

    [BrowserFact]
    public void Chromium_builds_the_timeline_page_with_the_first_break_highlighted()
    {
        Assert.True(Chromium.Path is not null, "Chromium is not installed, and CI=true: .ci/run must install it (apt-get install chromium).");
        var dump = System.IO.Path.Combine(Extls.TestKit.Repository.Root, "snapshots", "scenarios", "010-p1-expires-soon", "dump");
        var asOf = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var options = new AnalysisOptions(asOf, 30);
        var engine = AnalysisEngine.CreateDefault();
        var start = engine.Analyze(Extls.Import.DumpLoader.Load([dump]).Snapshot!, [], options);
        var timeline = Planning.Timeline.Compute(engine, start, options, Planning.Timeline.DefaultUntil(asOf));
        foreach (var culture in new[] { "en", "ja" })
        {
            var page = Write($"timeline-{culture}.html", TimelineWriters.Create(ReportFormat.Html, RenderSettings.Plain with { Culture = culture }).Render(timeline));
            var dom = Chromium.Run(page, "--dump-dom");
            Assert.Contains("id=\"first-break\"", dom, StringComparison.Ordinal);
            Assert.Equal(timeline.Dates.Length, Regex.Count(dom, "<li class=\"tl-date"));
            Assert.Equal(1, Regex.Count(dom, "<li class=\"tl-date break\""));
            var png = System.IO.Path.Combine(Folder, $"timeline-{culture}.png");
            Chromium.Run(page, $"--screenshot={png}", "--window-size=1280,1000");
            AssertPng(png, 1280, 1000);
            output.WriteLine(png);
        }
    }

    [BrowserFact]
    public void Screenshots_of_the_sample_in_both_languages()
    {
        Assert.True(Chromium.Path is not null, "Chromium is not installed, and CI=true: .ci/run must install it (apt-get install chromium).");
        foreach (var culture in new[] { "en", "ja" })
        {
            var page = Write($"sample-{culture}.html", HtmlReportWriterTests.Render(Samples.Result(culture), culture));
            var png = System.IO.Path.Combine(Folder, $"sample-{culture}.png");
            Chromium.Run(page, $"--screenshot={png}", "--window-size=1280,2400");
            AssertPng(png, 1280, 2400);
            output.WriteLine(png);
        }
    }

    [BrowserFact]
    public void Screenshot_of_a_thousand_servers()
    {
        Assert.True(Chromium.Path is not null, "Chromium is not installed, and CI=true: .ci/run must install it (apt-get install chromium).");
        var page = Write("org1000.html", HtmlReportWriterTests.Render(HtmlReportWriterTests.Thousand.Value));
        var png = System.IO.Path.Combine(Folder, "org1000.png");
        var clock = Stopwatch.StartNew();
        Chromium.Run(page, $"--screenshot={png}", "--window-size=1280,2000");
        output.WriteLine($"{png}: {new FileInfo(page).Length:N0} bytes, loaded and drawn by Chromium in {clock.Elapsed.TotalSeconds:0.0} s");
        AssertPng(png, 1280, 2000);
    }

    private static string Write(string name, string html)
    {
        var path = System.IO.Path.Combine(Folder, name);
        File.WriteAllText(path, html);
        return path;
    }

    /// <summary>A PNG of the window's size, with more in it than a blank page compresses to.</summary>
    private static void AssertPng(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"no screenshot at {path}");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 24 && bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{path} is not a PNG");
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.True(bytes.Length > 50_000, $"{path} is {bytes.Length} bytes: the page looks blank");
    }
}
