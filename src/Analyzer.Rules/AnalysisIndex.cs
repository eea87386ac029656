using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules;

/// <summary>
/// The lookups evaluators share, built once per analysis in one pass over the replay, so that no rule
/// scans every selection for every server (which made a 1,000-server organisation quadratic).
/// </summary>
public sealed class AnalysisIndex
{
    private static readonly IReadOnlyList<SelectionResult> None = [];

    private readonly Dictionary<string, List<SelectionResult>> anonymousTlsByServer = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<SelectionResult>> inboundAnonymousByConnector = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Server, string Thumbprint), List<SelectionResult>> byCertificate = new(PairComparer.Instance);
    private readonly Lazy<SessionAnswers> answers;
    private readonly Lazy<MailFlowMatrix> mailFlow;

    internal AnalysisIndex(OrganizationSnapshot snapshot, ImmutableArray<SelectionResult> selections)
    {
        Snapshot = snapshot;
        Selections = selections.IsDefault ? ImmutableArray<SelectionResult>.Empty : selections;
        foreach (var s in Selections)
        {
            if (s is null)
            {
                continue;
            }

            if (s.Scenario is Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls)
            {
                Add(anonymousTlsByServer, s.Server, s);
            }

            if (s.Scenario == Scenario.InboundAnonymousTls && s.Connector is not null)
            {
                Add(inboundAnonymousByConnector, s.Connector, s);
            }

            if (s.Certificate is not null)
            {
                Add(byCertificate, (s.Server, Thumbprints.Normalize(s.Certificate)), s);
            }
        }

        answers = new Lazy<SessionAnswers>(() => SessionAnswers.Of(Snapshot));
        mailFlow = new Lazy<MailFlowMatrix>(() => MailFlowMatrix.Build(Snapshot, Selections, Answers));
    }

    public OrganizationSnapshot Snapshot { get; }

    public ImmutableArray<SelectionResult> Selections { get; }

    /// <summary>
    /// Which receive connector answers each session between the servers: each receiver's connectors indexed once, for
    /// EXTLS2013 and the mail-flow matrix alike (either may be first, on any core; the matrix keeps answers of its own);
    /// made on first use.
    /// </summary>
    public SessionAnswers Answers => answers.Value;

    /// <summary>The mail-flow matrix, from each server's halves; built on first use.</summary>
    public MailFlowMatrix MailFlow => mailFlow.Value;

    /// <summary>Anonymous-TLS selections (processes 1 and 2) of one server, in replay order.</summary>
    public IReadOnlyList<SelectionResult> AnonymousTlsOf(string server) =>
        anonymousTlsByServer.TryGetValue(server, out var list) ? list : None;

    /// <summary>Process 1 selections on a receive connector, by its identity.</summary>
    public IReadOnlyList<SelectionResult> InboundAnonymousOn(string connectorIdentity) =>
        inboundAnonymousByConnector.TryGetValue(connectorIdentity, out var list) ? list : None;

    /// <summary>Selections on <paramref name="server"/> that chose the certificate <paramref name="thumbprint"/>.</summary>
    public IReadOnlyList<SelectionResult> ChosenOn(string server, string thumbprint) =>
        byCertificate.TryGetValue((server, Thumbprints.Normalize(thumbprint)), out var list) ? list : None;

    private static void Add<TKey>(Dictionary<TKey, List<SelectionResult>> index, TKey key, SelectionResult s)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        list.Add(s);
    }

    /// <summary>Two names compared as Exchange compares them: ignoring case.</summary>
    private sealed class PairComparer : IEqualityComparer<(string, string)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((string, string) x, (string, string) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Item1, y.Item1) && StringComparer.OrdinalIgnoreCase.Equals(x.Item2, y.Item2);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item1), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }
}
