using System.Collections;
using System.Globalization;
using Extls.Generation.Organizations;
using Extls.Import.Certificates;
using Extls.Model;
using Extls.TestKit;

namespace Extls.Import.Tests;

/// <summary>
/// The managed DER reader against the platform's X.509 loader, the reference: over every certificate of every committed
/// dump, of generated dumps in both styles, and of mangled copies, the import must read each certificate (or refuse it,
/// with its reason) exactly as the platform's reader alone would.
/// </summary>
public sealed class DerCertificateReaderTests
{
    private static readonly string Snapshots = Path.Combine(RepoRoot(), "snapshots");

    [Fact]
    public void Every_certificate_of_every_committed_dump_reads_as_the_platform_reads_it()
    {
        var dumps = CommittedDumps();
        Assert.True(dumps.Count >= 40, $"only {dumps.Count} dumps found under {Snapshots}");
        var certificates = dumps.SelectMany(d => CertificatesOf(DumpLoader.Load([d]))).DistinctBy(Convert.ToHexString).ToList();
        Assert.True(certificates.Count >= 30, $"only {certificates.Count} certificates");

        AssertReadAlike(certificates, mustReadAll: true);
    }

    [Theory]
    [InlineData(DumpStyle.Ps7)]
    [InlineData(DumpStyle.Ps51)]
    public void Every_certificate_of_a_generated_dump_reads_as_the_platform_reads_it(DumpStyle style)
    {
        var folder = Directory.CreateTempSubdirectory("extls-der-");
        try
        {
            var organization = OrganizationGenerator.Write(new GenerationOptions { Servers = 40, BrokenShare = 0.5, Style = style, EdgeServers = 2 }, Path.Combine(folder.FullName, "dump"));
            var certificates = CertificatesOf(DumpLoader.Load(organization.Dumps)).DistinctBy(Convert.ToHexString).ToList();
            Assert.True(certificates.Count >= 80, $"only {certificates.Count} certificates");

            AssertReadAlike(certificates, mustReadAll: true);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_test_kit_s_certificates_of_every_kind_read_as_the_platform_reads_them()
    {
        var (leaf, ca) = TestCertificates.CaIssued(dnsNames: ["mail.contoso.com", "autodiscover.contoso.com"]);
        var (sameNames, _) = TestCertificates.CaIssued(subject: "CN=Same", issuer: "CN=Same");
        var certificates = Enum.GetValues<TestCertificates.KeyKind>()
            .Select(k => TestCertificates.SelfSigned("CN=EX01, O=Contoso, C=US", ["ex01.contoso.com", "EX01"], kind: k))
            .Concat([leaf, ca, sameNames, TestCertificates.SelfSigned("CN=\"Contoso, Inc\", OU=Mail+CN=Second, C=JP")])
            // UTCTime before 2000, GeneralizedTime from 2050 on.
            .Append(TestCertificates.SelfSigned("CN=EX09", notBefore: new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero), notAfter: new DateTimeOffset(2061, 1, 1, 0, 0, 0, TimeSpan.Zero)))
            .ToList();

        AssertReadAlike(certificates, mustReadAll: true);
    }

    /// <summary>
    /// Truncated, extended and altered bytes: whatever the managed reader accepts must read as the platform reads it,
    /// and whatever is not a certificate must be refused with the platform's reason (the import passes those on).
    /// </summary>
    [Fact]
    public void Mangled_certificates_read_or_fail_as_the_platform_reads_them()
    {
        var dumps = CommittedDumps();
        var originals = new[] { "001-healthy-baseline", "026-p3-self-signed-on-external", "038-hygiene-sha1-internal" }
            .SelectMany(name => CertificatesOf(DumpLoader.Load([dumps.Single(d => d.Contains(name, StringComparison.Ordinal))])).Take(2))
            .Append(TestCertificates.SelfSigned(kind: TestCertificates.KeyKind.EcdsaP256Sha256))
            .ToList();
        var mangled = new List<(string How, byte[] Der)>();
        foreach (var der in originals)
        {
            // Every byte changed (tags, lengths, OIDs, strings, times, the key, the signature), every third cut off or zeroed.
            for (var i = 0; i < der.Length; i++)
            {
                var flipped = (byte[])der.Clone();
                flipped[i] ^= 0x5A;
                mangled.Add(($"byte {i} flipped", flipped));
                var incremented = (byte[])der.Clone();
                incremented[i]++;
                mangled.Add(($"byte {i} incremented", incremented));
                if (i % 3 == 0)
                {
                    mangled.Add(($"the first {i} bytes", der[..i]));
                    var zeroed = (byte[])der.Clone();
                    zeroed[i] = 0;
                    mangled.Add(($"byte {i} zeroed", zeroed));
                }
            }

            mangled.Add(("a trailing zero", [.. der, 0]));
            mangled.Add(("twice", [.. der, .. der]));
        }

        var refused = 0;
        foreach (var (how, der) in mangled)
        {
            var reference = PlatformCertificateParser.TryParse((byte[])der.Clone(), out var referenceError);
            var actual = CertificateParser.TryParse((byte[])der.Clone(), out var actualError);
            Assert.True(Describe(reference) == Describe(actual), $"{how} of {Convert.ToHexString(der)}:\n{Describe(reference)}\n{referenceError}\n--- read as\n{Describe(actual)}");
            Assert.Equal(referenceError, actualError);
            refused += reference is null ? 1 : 0;
        }

        // The mangling must exercise both sides: refusals with reasons, and certificates still read (an altered signature).
        Assert.True(refused > mangled.Count / 4 && refused < mangled.Count, $"{refused} of {mangled.Count} refused");
    }

    [Fact]
    public void The_parsed_certificate_keeps_the_dumped_bytes_without_a_copy()
    {
        var der = TestCertificates.SelfSigned("CN=EX07");
        var info = CertificateParser.TryParse(der, out _)!;

        Assert.Same(der, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(info.RawData));
    }

    private static void AssertReadAlike(IReadOnlyList<byte[]> certificates, bool mustReadAll)
    {
        var declined = new List<string>();
        foreach (var der in certificates)
        {
            var reference = PlatformCertificateParser.TryParse((byte[])der.Clone(), out var referenceError);
            Assert.True(reference is not null, referenceError);
            if (!DerCertificateReader.TryRead((byte[])der.Clone(), out var managed))
            {
                declined.Add(reference.Subject);
                continue;
            }

            Assert.Equal(Describe(reference), Describe(managed));
        }

        // A reader that declined everything would pass the comparison above; these certificates are all of kinds it reads.
        if (mustReadAll)
        {
            Assert.True(declined.Count == 0, $"{declined.Count} of {certificates.Count} left to the platform: {string.Join("; ", declined.Take(5))}");
        }
    }

    /// <summary>Every property of the record, whatever it grows, with arrays by their items.</summary>
    private static string Describe(CertificateInfo? info) =>
        info is null
            ? "(none)"
            : string.Join("\n", typeof(CertificateInfo).GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name} = {Text(p.GetValue(info))}"));

    private static string Text(object? value) => value switch
    {
        null => "null",
        string s => '"' + s + '"',
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Text)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static IEnumerable<byte[]> CertificatesOf(LoadResult loaded)
    {
        Assert.NotNull(loaded.Snapshot);
        foreach (var server in loaded.Snapshot.Servers)
        {
            var infos = server.Certificates.Items.Select(c => c.Certificate)
                .Append(server.InternalCertificate.Certificate)
                .Append(server.SubscriptionCertificate?.Certificate);
            foreach (var info in infos)
            {
                if (info is { FromDer: true, RawData.IsDefaultOrEmpty: false })
                {
                    yield return info.RawData.ToArray();
                }
            }
        }
    }

    /// <summary>Every folder under snapshots/ that is a dump: it has a manifest, or org/ or servers/.</summary>
    private static List<string> CommittedDumps() =>
        [.. Directory.EnumerateDirectories(Snapshots, "*", SearchOption.AllDirectories)
            .Where(d => File.Exists(Path.Combine(d, "manifest.json")) || Directory.Exists(Path.Combine(d, "servers")) || Directory.Exists(Path.Combine(d, "org")))
            .Order(StringComparer.Ordinal)];

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analyzer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Analyzer.sln not found above " + AppContext.BaseDirectory);
    }
}
