using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS4006: several SMTP certificates on one server carry the same set of names (subject CN and
/// SAN DNS names). Exchange silently picks one of them; the others are dead weight that a renewal
/// or a TlsCertificateName may pick by surprise. One finding per server and name set.
/// </summary>
internal sealed class DuplicateSubjectCertificates : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<WinnerReason>("winnerReason")];

    public string RuleId => RuleIds.EXTLS4006;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        var groups = CertificateHygiene.SmtpCertificates(context)
            .GroupBy(x => new ServerNames(x.Server, NameSet(x.Certificate.Certificate)))
            .Where(g => g.Key.Names.Length > 0 && g.Count() > 1);

        foreach (var group in groups)
        {
            var certificates = group.Select(x => x.Certificate).ToList();
            var winner = Winner(context, group.Key.Server, certificates);
            yield return CertificateHygiene.Diagnostic(RuleId, group.Key.Server, winner,
                ("names", MessageArgument.List(group.Key.Names.Split(','), ListStyle.PowerShell)),
                ("count", MessageArgument.Number(certificates.Count)),
                ("certificates", MessageArgument.Records(certificates
                    .OrderByDescending(c => c.Certificate.NotBefore)
                    .ThenBy(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase)
                    .Select(c => Args.Of(
                        ("thumbprint", c.Thumbprint),
                        ("notBefore", MessageArgument.Instant(c.Certificate.NotBefore)),
                        ("notAfter", MessageArgument.Instant(c.Certificate.NotAfter)))))),
                ("winnerThumbprint", winner.Thumbprint),
                ("winnerReason", MessageArgument.Value(ChosenBySelection(context, group.Key.Server, certificates) is not null
                    ? WinnerReason.ChosenByReplay
                    : WinnerReason.NewestNotBefore)),
                ("removeThumbprints", MessageArgument.List(
                    certificates.Where(c => !ReferenceEquals(c, winner)).Select(c => c.Thumbprint).Order(StringComparer.OrdinalIgnoreCase),
                    ListStyle.PowerShell)));
        }
    }

    /// <summary>Lower-cased, sorted, comma-joined CN and SAN names: two certificates with the same string answer to the same names.</summary>
    internal static string NameSet(CertificateInfo certificate) =>
        string.Join(",", (certificate.DnsNames.IsDefault ? [] : certificate.DnsNames)
            .Append(certificate.SubjectCommonName ?? "")
            .Where(n => n.Length > 0)
            .Select(n => n.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));

    private static StoreCertificate? ChosenBySelection(AnalysisContext context, string server, List<StoreCertificate> certificates) =>
        certificates.FirstOrDefault(c => CertificateHygiene.ChosenOn(context, server, c.Thumbprint).Any());

    /// <summary>
    /// The certificate the replay chose, when it chose one of them; otherwise the ranking of process 3
    /// (A7: CA-issued before self-signed, then newest NotBefore), which is what a connector keyed on
    /// these names would get.
    /// </summary>
    private static StoreCertificate Winner(AnalysisContext context, string server, List<StoreCertificate> certificates) =>
        ChosenBySelection(context, server, certificates)
        ?? certificates
            .OrderBy(c => c.Certificate.IsSelfSigned == true ? 1 : 0)
            .ThenByDescending(c => c.Certificate.NotBefore)
            .ThenBy(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase)
            .First();
}

/// <summary>Why EXTLS4006 names the certificate it names as the one Exchange uses.</summary>
internal enum WinnerReason
{
    /// <summary>A replayed connector chose it.</summary>
    ChosenByReplay,

    /// <summary>No connector chose one of them; process 3's ranking (A7) would pick it.</summary>
    NewestNotBefore,
}

/// <summary>The names a server's certificates answer to (a class, not a value tuple: see <see cref="ServerConnector"/>).</summary>
internal sealed record ServerNames(string Server, string Names);
