using System.Text;
using Extls.Evidence;
using Extls.Generation.Logs;
using Extls.Model;
using Extls.TestKit;

namespace Extls.Rules.Tests.Support;

/// <summary>Evidence for rule tests: log files written the way Exchange writes them, read by the real reader.</summary>
internal static class EvidenceKit
{
    public static EvidenceSet Read(OrganizationSnapshot org, params (string Path, string Text)[] files)
    {
        var set = EvidenceReader.Read([.. files.Select(f => new EvidenceFile(f.Path, () => new MemoryStream(Encoding.UTF8.GetBytes(f.Text))))],
            [.. org.Servers.Select(s => new KnownServer(s.Name, s.Fqdn))]);
        Assert.Empty(set.Problems);
        return set;
    }

    public static AnalysisOptions With(EvidenceSet set) => RuleTestKit.Options() with { Evidence = set };

    public static PresentedCertificate Cert(string thumbprint, string subject = "CN=EX01") =>
        new(subject, subject, "01", thumbprint, ProtocolLogs.Day.AddYears(-1), ProtocolLogs.Day.AddYears(4), ["ex01.contoso.com"]);

    public static string Receive(string connector, int count, Func<SessionSpec, SessionSpec> shape) =>
        ProtocolLogs.Text(ProtocolLogKind.Receive, ProtocolLogs.Inbound(connector, count, shape));

    public static string Send(string connector, int count, Func<SessionSpec, SessionSpec> shape) =>
        ProtocolLogs.Text(ProtocolLogKind.Send, ProtocolLogs.Inbound(connector, count, shape));
}
