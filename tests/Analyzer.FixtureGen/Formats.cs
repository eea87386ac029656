using static Extls.FixtureGen.Baseline;
using static Extls.FixtureGen.Expect;

namespace Extls.FixtureGen;

/// <summary>One organisation exported in each file format PowerShell can produce; all must analyse alike.</summary>
internal static class Formats
{
    public static Org Organisation(Style style) => TwoMailbox(style)
        .WithServer("EX02", s => s with { Store = s.Store.RemoveAll(c => c.Cert.Thumbprint == SelfSigned("EX02").Thumbprint) });

    public static void Emit(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }

        var org = Organisation(Style.Collector);
        var e = new Expect
        {
            Description = "The same organisation (EX02's internal transport certificate deleted from its store) in every format: PS 5.1 JSON, PS 7 JSON, CSV and CliXml.",
            Branch = "formats",
        }.Healthy(org);
        e.Inputs.Clear();
        e.Inputs.AddRange(["ps51-json", "ps7-json", "csv", "clixml"]);
        e.Set(P1, "EX02", "EX02\\Default EX02", false, null, 4, 12013)
            .Set(P1, "EX02", "EX02\\Default Frontend EX02", false, null, 4, 12013)
            .Set(P2, "EX02", null, false, null, 3, 12013)
            .F("EXTLS1004", "EX02", "server", "EX02", 12013).MailFlow("EXTLS1004", "EX02", "EX02")
            .Note("Each input folder is analysed on its own and must give exactly these selections and findings. CSV loses RawData (System.Byte[]) and nested values (SignatureAlgorithm becomes System.Security.Cryptography.Oid): certificates are known from their Thumbprint, Subject, Issuer, NotBefore/NotAfter (en-US text), CertificateDomains (\"{a, b}\"), Version and PublicKeySize columns, so only the signature algorithm is unknown there; the organisation is designed so that no rule depends on it (every certificate is RSA 2048 SHA-256 in the other forms, so 4004 cannot fire in any). 9002 is not expected for CSV because the Exchange properties (Services, Status, HasPrivateKey) are present as columns. In the CSV and CliXml folders manifest.json and InternalTransportCertificate.json stay JSON: they are the collector's own files, not cmdlet output. CliXml keeps everything (RawData as <BA>, dates as <DT>, enums as <I32> with <ToString>).");
        e.Styles["ps51-json"] = DumpWriter.Write(Organisation(Style.Ps51), Path.Combine(dir, "ps51-json"));
        e.Styles["ps7-json"] = DumpWriter.Write(Organisation(Style.Ps7), Path.Combine(dir, "ps7-json"));
        e.Styles["csv"] = OtherFormats.WriteCsv(Organisation(Style.Ps7), Path.Combine(dir, "csv"));
        e.Styles["clixml"] = OtherFormats.WriteCliXml(Organisation(Style.Collector), Path.Combine(dir, "clixml"));
        Program.WriteJson(Path.Combine(dir, "expected.json"), e.ToJson());
    }
}
