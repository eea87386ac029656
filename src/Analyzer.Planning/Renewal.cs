using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;

namespace Extls.Planning;

/// <summary>What a renewal has to change, one object at a time. Data only: the plan's text and the writers word it.</summary>
public enum RenewalStepKind
{
    /// <summary>Import the new certificate on a server.</summary>
    Import,

    /// <summary>Enable the new certificate for the services the old one had there.</summary>
    Enable,

    /// <summary>A receive connector's TlsCertificateName names the old certificate.</summary>
    ReceiveConnector,

    /// <summary>A send connector's TlsCertificateName names the old certificate.</summary>
    SendConnector,

    /// <summary>The hybrid configuration's TlsCertificateName names the old certificate.</summary>
    HybridConfiguration,

    /// <summary>The Edge's certificate changes, so its subscription must be made again from a new subscription file.</summary>
    EdgeSubscription,

    /// <summary>The old certificate is removed once nothing names it.</summary>
    Remove,
}

/// <summary>What Enable-ExchangeCertificate's overwrite prompt means for an Enable step (A10).</summary>
public enum RenewalPrompt
{
    /// <summary>The certificate gets no SMTP service, so Exchange does not ask.</summary>
    None,

    /// <summary>The old certificate is the internal transport certificate: -Force answers yes, and the new one takes its place.</summary>
    Overwrite,

    /// <summary>The old certificate is not the internal transport certificate: the administrator answers no, so it stays as it is.</summary>
    AnswerNo,
}

/// <summary>
/// One change of a renewal: the cmdlet its kind stands for, the server it runs against, the object it changes and the
/// values it writes. Data only: <c>RenewalScriptWriter</c> (Analyzer.Reporting) writes the command and its comment.
/// </summary>
/// <param name="Server">The server the cmdlet runs against (-Server), or the server it runs on (an Edge subscription); null for an organisation-wide object.</param>
/// <param name="Target">The object changed: the certificate's thumbprint (Import, Enable, Remove), the connector's or hybrid configuration's identity, the Edge server's name.</param>
/// <param name="Detail">The value written: the services (Enable, as Exchange spells them), the new TlsCertificateName, the Active Directory site (EdgeSubscription).</param>
public sealed record RenewalStep(RenewalStepKind Kind, string? Server, string Target, string? Detail = null)
{
    /// <summary>What the step replaces: the old certificate's thumbprint (Enable, Remove) or the TlsCertificateName it overwrites.</summary>
    public string? Replaces { get; init; }

    /// <summary>The services to enable (Enable).</summary>
    public CertificateServices Services { get; init; }

    /// <summary>How the overwrite prompt is answered (Enable).</summary>
    public RenewalPrompt Prompt { get; init; }

    /// <summary>The subscription file the Edge writes and the Mailbox server reads (EdgeSubscription).</summary>
    public string? File { get; init; }
}

/// <summary>What a renewal plan cannot do for the administrator. Data only: the writers word it.</summary>
public enum RenewalNoteKind
{
    /// <summary>A send connector the plan changes also sends from servers that do not get the new certificate (Target: the connector; Servers).</summary>
    SendConnectorOtherSources,

    /// <summary>The hybrid configuration was not collected, and a send connector the plan changes goes to Exchange Online.</summary>
    HybridConfigurationNotCollected,

    /// <summary>The hybrid configuration names transport servers that do not get the new certificate (Target: its identity; Servers).</summary>
    HybridOtherServers,
}

public sealed record RenewalNote(RenewalNoteKind Kind, string? Target = null)
{
    public ImmutableArray<string> Servers { get; init; } = [];
}

/// <summary>Why a renewal cannot be worked out. Data only: the writers word it.</summary>
public enum RenewalRefusalKind
{
    /// <summary>The new certificate is the one --replaces names (Thumbprint).</summary>
    SameCertificate,

    /// <summary>No store holds the certificate --replaces names (Thumbprint).</summary>
    ReplacedNotFound,

    /// <summary>No certificate has the new one's subject or names (Subject).</summary>
    NothingToReplace,

    /// <summary>Several certificates could be the one replaced (Candidates).</summary>
    SeveralToReplace,

    /// <summary>--on names a server the dump does not have (Server).</summary>
    UnknownServer,

    /// <summary>--on names a server whose store does not hold the certificate replaced (Server, Thumbprint).</summary>
    ServerLacksCertificate,
}

/// <summary>A certificate the new one could replace: its thumbprint and expiry.</summary>
public sealed record RenewalCandidate(string Thumbprint, DateTimeOffset NotAfter);

/// <summary>Why a renewal cannot be worked out, with its facts.</summary>
public sealed record RenewalRefusal(RenewalRefusalKind Kind)
{
    public string? Thumbprint { get; init; }

    public string? Subject { get; init; }

    public string? Server { get; init; }

    public ImmutableArray<RenewalCandidate> Candidates { get; init; } = [];
}

/// <summary>
/// A renewal worked out from the snapshot, as facts: the certificates, the servers, and the changes in the order they are
/// to be made (per server: import, enable, receive connectors; then send connectors, the hybrid configuration, Edge
/// subscriptions, and last the removals). <c>RenewalScriptWriter</c> (Analyzer.Reporting) writes it as the PowerShell plan
/// whatif accepts, with -WhatIf on every cmdlet that takes it.
/// </summary>
/// <param name="Old">The certificate the new one replaces, as the dump holds it.</param>
/// <param name="Replaced">The thumbprint of the certificate the new one replaces.</param>
/// <param name="CertificateFile">The new certificate's file as the plan names it, relative to the plan's folder.</param>
/// <param name="WithPassword">Whether the file needs a password (a .pfx): the plan asks for it with Read-Host -AsSecureString.</param>
/// <param name="AsOf">The as-of of the dump the plan was worked out from.</param>
/// <param name="Notes">What the plan cannot do for the administrator (a send connector or hybrid configuration whose other servers do not get the certificate, a hybrid configuration that was not collected).</param>
public sealed record RenewalPlan(CertificateInfo New, CertificateInfo Old, string Replaced, string CertificateFile, bool WithPassword, DateTimeOffset AsOf,
    ImmutableArray<string> Servers, ImmutableArray<RenewalStep> Steps, ImmutableArray<RenewalNote> Notes)
{
    /// <summary>The TlsCertificateName that names the new certificate: &lt;I&gt;issuer&lt;S&gt;subject.</summary>
    public string NewName => TlsName(New);

    /// <summary>The TlsCertificateName that names the old certificate.</summary>
    public string OldName => TlsName(Old);

    internal static string TlsName(CertificateInfo certificate) => $"<I>{certificate.Issuer}<S>{certificate.Subject}";
}

/// <summary>Why a renewal cannot be worked out: the user's to fix (which certificate, which servers).</summary>
public sealed class RenewalException : Exception
{
    public RenewalException(RenewalRefusal refusal)
        : base(refusal?.Kind.ToString())
    {
        ArgumentNullException.ThrowIfNull(refusal);
        Refusal = refusal;
    }

    public RenewalException(string message)
        : base(message)
    {
        Refusal = new RenewalRefusal(RenewalRefusalKind.NothingToReplace);
    }

    public RenewalException()
        : this(new RenewalRefusal(RenewalRefusalKind.NothingToReplace))
    {
    }

    public RenewalException(string message, Exception inner)
        : base(message, inner)
    {
        Refusal = new RenewalRefusal(RenewalRefusalKind.NothingToReplace);
    }

    public RenewalRefusal Refusal { get; }
}

/// <summary>
/// Works out a certificate renewal from the snapshot: where to import the new certificate, which services to enable,
/// every receive and send connector whose TlsCertificateName names the old certificate, the hybrid configuration when it
/// names it too, the Edge subscriptions to make again, and the removal of the old certificate, written as a plan with -WhatIf on every cmdlet that takes it.
/// </summary>
public static class RenewalPlanner
{
    /// <param name="certificateFile">The new certificate's file as the plan names it, relative to the plan's folder.</param>
    /// <param name="replaces">The old certificate's thumbprint; null to find it by the new one's subject.</param>
    /// <param name="on">The servers to renew on; empty for every server whose store holds the old certificate.</param>
    /// <param name="withPassword">Whether the file needs a password (a .pfx): the plan asks for it with Read-Host -AsSecureString.</param>
    public static RenewalPlan Plan(OrganizationSnapshot snapshot, CertificateInfo renewed, string certificateFile, bool withPassword, string? replaces,
        IReadOnlyList<string> on, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(renewed);
        ArgumentNullException.ThrowIfNull(on);
        var old = Old(snapshot, renewed, replaces);
        if (Thumbprints.AreEqual(old.Thumbprint, renewed.Thumbprint))
        {
            throw new RenewalException(new RenewalRefusal(RenewalRefusalKind.SameCertificate) { Thumbprint = renewed.Thumbprint });
        }

        var servers = Servers(snapshot, old.Thumbprint, on);
        var steps = ImmutableArray.CreateBuilder<RenewalStep>();
        var notes = ImmutableArray.CreateBuilder<RenewalNote>();
        var newName = RenewalPlan.TlsName(renewed);
        var sameName = DistinguishedNames.AreEqual(old.Certificate.Issuer, renewed.Issuer) && DistinguishedNames.AreEqual(old.Certificate.Subject, renewed.Subject);

        var edges = new List<ServerSnapshot>();
        foreach (var server in servers)
        {
            var oldHere = server.Certificates.Items.First(c => Thumbprints.AreEqual(c.Thumbprint, old.Thumbprint));
            var isInternal = Thumbprints.AreEqual(server.InternalCertificate.Thumbprint, old.Thumbprint);
            if (!server.Certificates.Items.Any(c => Thumbprints.AreEqual(c.Thumbprint, renewed.Thumbprint)))
            {
                steps.Add(new RenewalStep(RenewalStepKind.Import, server.Name, renewed.Thumbprint));
            }

            // The services the old certificate had here; one with none the dump knows of was there for SMTP.
            var services = oldHere.Services is { } known && known != CertificateServices.None ? known : CertificateServices.SMTP;
            var prompt = isInternal ? RenewalPrompt.Overwrite : services.HasFlag(CertificateServices.SMTP) ? RenewalPrompt.AnswerNo : RenewalPrompt.None;
            steps.Add(new RenewalStep(RenewalStepKind.Enable, server.Name, renewed.Thumbprint, ServiceList(services))
            {
                Replaces = old.Thumbprint, Services = services, Prompt = prompt,
            });

            foreach (var connector in server.ReceiveConnectors.IsKnown ? server.ReceiveConnectors.Items : [])
            {
                if (Names(connector.TlsCertificateName, old.Certificate) && !sameName)
                {
                    steps.Add(new RenewalStep(RenewalStepKind.ReceiveConnector, server.Name, connector.Identity, newName) { Replaces = connector.TlsCertificateName });
                }
            }

            if (server.Role == TransportServerRole.Edge && isInternal)
            {
                edges.Add(server);
            }
        }

        var planned = servers.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sendConnectors = snapshot.SendConnectors.IsKnown ? snapshot.SendConnectors.Items : [];
        var renamed = sendConnectors.Where(c => !sameName && Names(c.TlsCertificateName, old.Certificate)).ToList();
        foreach (var connector in renamed)
        {
            var sources = Sources(snapshot, connector);
            var missing = sources.Where(s => !planned.Contains(s) && snapshot.FindServer(s) is { } other
                && !(other.Certificates.IsKnown && other.Certificates.Items.Any(c => Thumbprints.AreEqual(c.Thumbprint, renewed.Thumbprint)))).ToList();
            if (missing.Count > 0)
            {
                notes.Add(new RenewalNote(RenewalNoteKind.SendConnectorOtherSources, connector.Identity) { Servers = [.. missing] });
            }

            steps.Add(new RenewalStep(RenewalStepKind.SendConnector, null, connector.Identity, newName) { Replaces = connector.TlsCertificateName });
        }

        Hybrid(snapshot, old.Certificate, renewed, newName, sameName, planned, renamed, steps, notes);

        foreach (var edge in edges)
        {
            var subscription = snapshot.EdgeSubscriptions.IsKnown ? snapshot.EdgeSubscriptions.Items.FirstOrDefault(s => NameOrder.Same(s.Name, edge.Name)) : null;
            if (subscription is null && edge.SubscriptionCertificate is null)
            {
                continue;
            }

            var site = subscription?.Site ?? edge.Site ?? "Default-First-Site-Name";
            steps.Add(new RenewalStep(RenewalStepKind.EdgeSubscription, edge.Name, edge.Name, site) { File = $@"C:\Temp\{edge.Name}-EdgeSubscription.xml" });
        }

        // Last, once mail flows with the new certificate: nothing names the old one any more.
        foreach (var server in servers)
        {
            steps.Add(new RenewalStep(RenewalStepKind.Remove, server.Name, old.Thumbprint) { Replaces = old.Thumbprint });
        }

        return new RenewalPlan(renewed, old.Certificate, old.Thumbprint, certificateFile, withPassword, asOf, [.. servers.Select(s => s.Name)], steps.ToImmutable(), notes.ToImmutable());
    }

    /// <summary>
    /// The hybrid configuration: when it names the old certificate, Set-HybridConfiguration names the new one (the wizard
    /// would do the same, and it refuses to run while the configuration names a certificate that is gone). When the dump
    /// did not collect it and a renamed send connector goes to Exchange Online, the plan can only say what to check.
    /// </summary>
    private static void Hybrid(OrganizationSnapshot snapshot, CertificateInfo old, CertificateInfo renewed, string newName, bool sameName, HashSet<string> planned,
        List<SendConnector> renamed, ImmutableArray<RenewalStep>.Builder steps, ImmutableArray<RenewalNote>.Builder notes)
    {
        if (sameName)
        {
            return;
        }

        var section = snapshot.HybridConfigurations;
        if (!section.IsKnown)
        {
            if (renamed.Any(c => c.CloudServicesMailEnabled == true || (c.SmartHosts ?? []).Any(h => h.EndsWith("mail.protection.outlook.com", StringComparison.OrdinalIgnoreCase))))
            {
                notes.Add(new RenewalNote(RenewalNoteKind.HybridConfigurationNotCollected));
            }

            return;
        }

        // An organisation has at most one hybrid configuration; Set-HybridConfiguration takes no identity.
        var hybrid = (section.Items.IsDefault ? [] : section.Items).FirstOrDefault(h => Names(h.TlsCertificateName, old));
        if (hybrid is null)
        {
            return;
        }

        var servers = (hybrid.SendingTransportServers ?? []).Concat(hybrid.ReceivingTransportServers ?? []).Concat(hybrid.EdgeTransportServers ?? [])
            .Select(s => snapshot.FindServer(s)?.Name ?? s).Distinct(StringComparer.OrdinalIgnoreCase).Order(NameOrder.Instance).ToList();
        var missing = servers.Where(s => !planned.Contains(s) && !(snapshot.FindServer(s) is { Certificates.IsKnown: true } other
            && other.Certificates.Items.Any(c => Thumbprints.AreEqual(c.Thumbprint, renewed.Thumbprint)))).ToList();
        if (missing.Count > 0)
        {
            notes.Add(new RenewalNote(RenewalNoteKind.HybridOtherServers, hybrid.Identity) { Servers = [.. missing] });
        }

        steps.Add(new RenewalStep(RenewalStepKind.HybridConfiguration, null, hybrid.Identity, newName) { Replaces = hybrid.TlsCertificateName });
    }

    private static StoreCertificate Old(OrganizationSnapshot snapshot, CertificateInfo renewed, string? replaces)
    {
        var all = snapshot.Servers.Where(s => s.Certificates.IsKnown).SelectMany(s => s.Certificates.Items).ToList();
        if (replaces is not null)
        {
            var t = Thumbprints.Normalize(replaces);
            return all.FirstOrDefault(c => Thumbprints.AreEqual(c.Thumbprint, t))
                ?? throw new RenewalException(new RenewalRefusal(RenewalRefusalKind.ReplacedNotFound) { Thumbprint = t });
        }

        // The certificate it renews: the same subject, or failing that the same names, and not the new one itself.
        var others = all.Where(c => !Thumbprints.AreEqual(c.Thumbprint, renewed.Thumbprint)).ToList();
        var candidates = others.Where(c => DistinguishedNames.AreEqual(c.Certificate.Subject, renewed.Subject)).ToList();
        if (candidates.Count == 0)
        {
            var names = renewed.DnsNames.IsDefault ? [] : renewed.DnsNames;
            candidates = [.. others.Where(c => !c.Certificate.DnsNames.IsDefaultOrEmpty && names.Length > 0 && c.Certificate.DnsNames.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(names))];
        }

        var distinct = candidates.DistinctBy(c => Thumbprints.Normalize(c.Thumbprint)).ToList();
        return distinct.Count switch
        {
            1 => distinct[0],
            0 => throw new RenewalException(new RenewalRefusal(RenewalRefusalKind.NothingToReplace) { Subject = renewed.Subject }),
            _ => throw new RenewalException(new RenewalRefusal(RenewalRefusalKind.SeveralToReplace)
            {
                Candidates = [.. distinct.Select(c => new RenewalCandidate(Thumbprints.Normalize(c.Thumbprint), c.Certificate.NotAfter))],
            }),
        };
    }

    private static List<ServerSnapshot> Servers(OrganizationSnapshot snapshot, string old, IReadOnlyList<string> on)
    {
        if (on.Count > 0)
        {
            var chosen = new List<ServerSnapshot>();
            foreach (var name in on)
            {
                var server = snapshot.FindServer(name) ?? throw new RenewalException(new RenewalRefusal(RenewalRefusalKind.UnknownServer) { Server = name });
                if (!server.Certificates.IsKnown || !server.Certificates.Items.Any(c => Thumbprints.AreEqual(c.Thumbprint, old)))
                {
                    throw new RenewalException(new RenewalRefusal(RenewalRefusalKind.ServerLacksCertificate) { Server = server.Name, Thumbprint = Thumbprints.Normalize(old) });
                }

                chosen.Add(server);
            }

            return [.. chosen.DistinctBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
        }

        return [.. snapshot.Servers.Where(s => s.Certificates.IsKnown && s.Certificates.Items.Any(c => Thumbprints.AreEqual(c.Thumbprint, old)))];
    }

    private static IEnumerable<string> Sources(OrganizationSnapshot snapshot, SendConnector connector)
    {
        var sources = (connector.SourceTransportServers ?? []).Select(s => snapshot.FindServer(s)?.Name ?? s).ToList();
        if (connector.DumpServer is { } own)
        {
            sources.Add(own);
        }

        return sources.Distinct(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether a TlsCertificateName names the certificate (A4: issuer and subject compared as the replay compares them).</summary>
    private static bool Names(string? tlsCertificateName, CertificateInfo certificate) =>
        !string.IsNullOrWhiteSpace(tlsCertificateName) && TlsCertificateNames.Parse(tlsCertificateName) is { } key
        && DistinguishedNames.AreEqual(key.Issuer, certificate.Issuer) && DistinguishedNames.AreEqual(key.Subject, certificate.Subject);

    private static string ServiceList(CertificateServices services) =>
        string.Join(",", Enum.GetValues<CertificateServices>().Where(s => s != CertificateServices.None && services.HasFlag(s)));
}
