using System.Collections.Immutable;
using System.Globalization;
using System.Text;
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

public sealed record RenewalStep(RenewalStepKind Kind, string? Server, string Target, string? Detail = null);

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

/// <summary>A renewal worked out from the snapshot: the plan as PowerShell that whatif accepts, and what it changes.</summary>
/// <param name="Replaced">The thumbprint of the certificate the new one replaces.</param>
/// <param name="Notes">What the plan cannot do for the administrator (a send connector or hybrid configuration whose other servers do not get the certificate, a hybrid configuration that was not collected).</param>
public sealed record RenewalPlan(string Text, CertificateInfo New, string Replaced, ImmutableArray<string> Servers, ImmutableArray<RenewalStep> Steps, ImmutableArray<RenewalNote> Notes);

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
        var sb = new StringBuilder();
        var newName = $"<I>{renewed.Issuer}<S>{renewed.Subject}";
        var sameName = DistinguishedNames.AreEqual(old.Certificate.Issuer, renewed.Issuer) && DistinguishedNames.AreEqual(old.Certificate.Subject, renewed.Subject);

        sb.Append("# Renewal of ").Append(old.Thumbprint).Append(" (").Append(old.Certificate.Subject).Append(", expires ").Append(Day(old.Certificate.NotAfter)).Append(")\n");
        sb.Append("# by ").Append(renewed.Thumbprint).Append(" (").Append(renewed.Subject).Append(", issued by ").Append(renewed.Issuer).Append(", valid ")
          .Append(Day(renewed.NotBefore)).Append(" to ").Append(Day(renewed.NotAfter)).Append(")\n");
        sb.Append("# on ").Append(string.Join(", ", servers.Select(s => s.Name))).Append(". Written by extls renew from the dump as of ").Append(Day(asOf)).Append(".\n");
        sb.Append("# Rehearse it with extls whatif DUMP --change THIS-FILE; remove -WhatIf from a command to run it.\n\n");
        if (withPassword)
        {
            sb.Append("$password = Read-Host -AsSecureString -Prompt ").Append(Quote($"Password of {FileName(certificateFile)}")).Append("\n\n");
        }

        var edges = new List<ServerSnapshot>();
        foreach (var server in servers)
        {
            var oldHere = server.Certificates.Items.First(c => Thumbprints.AreEqual(c.Thumbprint, old.Thumbprint));
            var isInternal = Thumbprints.AreEqual(server.InternalCertificate.Thumbprint, old.Thumbprint);
            sb.Append("# ---- ").Append(server.Name).Append(" ----\n");
            if (!server.Certificates.Items.Any(c => Thumbprints.AreEqual(c.Thumbprint, renewed.Thumbprint)))
            {
                sb.Append("Import-ExchangeCertificate -Server ").Append(server.Name).Append(" -FileData ([System.IO.File]::ReadAllBytes(").Append(Quote(certificateFile)).Append("))")
                  .Append(withPassword ? " -Password $password" : "").Append(" -WhatIf\n");
                steps.Add(new RenewalStep(RenewalStepKind.Import, server.Name, renewed.Thumbprint));
            }

            var services = oldHere.Services is { } known && known != CertificateServices.None ? known : CertificateServices.SMTP;
            if (isInternal)
            {
                sb.Append("# ").Append(old.Thumbprint).Append(" is the internal transport certificate of ").Append(server.Name)
                  .Append(": -Force answers yes to \"overwrite the existing default SMTP certificate?\" (A10).\n");
            }
            else if (services.HasFlag(CertificateServices.SMTP))
            {
                sb.Append("# Exchange asks whether to overwrite the existing default SMTP certificate: answer No, so the internal transport\n")
                  .Append("# certificate of ").Append(server.Name).Append(" stays as it is (extls whatif rehearses both answers).\n");
            }

            sb.Append("Enable-ExchangeCertificate -Server ").Append(server.Name).Append(" -Thumbprint ").Append(renewed.Thumbprint)
              .Append(" -Services ").Append(ServiceList(services)).Append(isInternal ? " -Force" : "").Append(" -WhatIf\n");
            steps.Add(new RenewalStep(RenewalStepKind.Enable, server.Name, renewed.Thumbprint, ServiceList(services)));

            foreach (var connector in server.ReceiveConnectors.IsKnown ? server.ReceiveConnectors.Items : [])
            {
                if (Names(connector.TlsCertificateName, old.Certificate) && !sameName)
                {
                    sb.Append("Set-ReceiveConnector -Identity ").Append(Quote(connector.Identity)).Append(" -TlsCertificateName ").Append(Quote(newName)).Append(" -WhatIf\n");
                    steps.Add(new RenewalStep(RenewalStepKind.ReceiveConnector, server.Name, connector.Identity, newName));
                }
            }

            if (server.Role == TransportServerRole.Edge && isInternal)
            {
                edges.Add(server);
            }

            sb.Append('\n');
        }

        var planned = servers.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sendConnectors = snapshot.SendConnectors.IsKnown ? snapshot.SendConnectors.Items : [];
        var renamed = sendConnectors.Where(c => !sameName && Names(c.TlsCertificateName, old.Certificate)).ToList();
        if (renamed.Count > 0)
        {
            sb.Append("# ---- send connectors ----\n");
            foreach (var connector in renamed)
            {
                var sources = Sources(snapshot, connector);
                var missing = sources.Where(s => !planned.Contains(s) && snapshot.FindServer(s) is { } other
                    && !(other.Certificates.IsKnown && other.Certificates.Items.Any(c => Thumbprints.AreEqual(c.Thumbprint, renewed.Thumbprint)))).ToList();
                if (missing.Count > 0)
                {
                    sb.Append("# ").Append(connector.Identity).Append(" also sends from ").Append(string.Join(", ", missing))
                      .Append(", which do not get the new certificate in this plan: renew there too (--on) before changing it.\n");
                    notes.Add(new RenewalNote(RenewalNoteKind.SendConnectorOtherSources, connector.Identity) { Servers = [.. missing] });
                }

                sb.Append("Set-SendConnector -Identity ").Append(Quote(connector.Identity)).Append(" -TlsCertificateName ").Append(Quote(newName)).Append(" -WhatIf\n");
                steps.Add(new RenewalStep(RenewalStepKind.SendConnector, null, connector.Identity, newName));
            }

            sb.Append('\n');
        }

        Hybrid(snapshot, old.Certificate, renewed, newName, sameName, planned, renamed, sb, steps, notes);

        foreach (var edge in edges)
        {
            var subscription = snapshot.EdgeSubscriptions.IsKnown ? snapshot.EdgeSubscriptions.Items.FirstOrDefault(s => NameOrder.Same(s.Name, edge.Name)) : null;
            if (subscription is null && edge.SubscriptionCertificate is null)
            {
                continue;
            }

            var site = subscription?.Site ?? edge.Site ?? "Default-First-Site-Name";
            var file = $@"C:\Temp\{edge.Name}-EdgeSubscription.xml";
            sb.Append("# ---- Edge subscription of ").Append(edge.Name).Append(" ----\n")
              .Append("# Its internal transport certificate changes, so subscribe it again. On ").Append(edge.Name).Append(":\n")
              .Append("New-EdgeSubscription -FileName ").Append(Quote(file)).Append(" -Force -WhatIf\n")
              .Append("# Copy the file to a Mailbox server of site ").Append(site).Append(", then there:\n")
              .Append("New-EdgeSubscription -FileData ([System.IO.File]::ReadAllBytes(").Append(Quote(file)).Append(")) -Site ").Append(Quote(site)).Append(" -WhatIf\n")
              .Append("Start-EdgeSynchronization\n\n");
            steps.Add(new RenewalStep(RenewalStepKind.EdgeSubscription, edge.Name, edge.Name, site));
        }

        {
            sb.Append("# ---- once mail flows with the new certificate ----\n");
            foreach (var server in servers)
            {
                sb.Append("Remove-ExchangeCertificate -Server ").Append(server.Name).Append(" -Thumbprint ").Append(old.Thumbprint).Append(" -WhatIf\n");
                steps.Add(new RenewalStep(RenewalStepKind.Remove, server.Name, old.Thumbprint));
            }
        }

        return new RenewalPlan(sb.ToString(), renewed, old.Thumbprint, [.. servers.Select(s => s.Name)], steps.ToImmutable(), notes.ToImmutable());
    }

    /// <summary>
    /// The hybrid configuration: when it names the old certificate, Set-HybridConfiguration names the new one (the wizard
    /// would do the same, and it refuses to run while the configuration names a certificate that is gone). When the dump
    /// did not collect it and a renamed send connector goes to Exchange Online, the plan can only say what to check.
    /// </summary>
    private static void Hybrid(OrganizationSnapshot snapshot, CertificateInfo old, CertificateInfo renewed, string newName, bool sameName, HashSet<string> planned,
        List<SendConnector> renamed, StringBuilder sb, ImmutableArray<RenewalStep>.Builder steps, ImmutableArray<RenewalNote>.Builder notes)
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
                sb.Append("# The hybrid configuration was not collected, so this plan cannot change it: if Get-HybridConfiguration shows\n")
                  .Append("# TlsCertificateName <I>").Append(old.Issuer).Append("<S>").Append(old.Subject).Append(", run, outside this plan,\n")
                  .Append("#   Set-HybridConfiguration -TlsCertificateName ").Append(Quote(newName)).Append('\n')
                  .Append("# or the Hybrid Configuration Wizard again.\n\n");
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
        sb.Append("# ---- hybrid configuration ----\n");
        if (missing.Count > 0)
        {
            sb.Append("# ").Append(hybrid.Identity).Append(" also names ").Append(string.Join(", ", missing))
              .Append(" as hybrid transport servers, which do not get the new certificate in this plan: renew there too (--on).\n");
            notes.Add(new RenewalNote(RenewalNoteKind.HybridOtherServers, hybrid.Identity) { Servers = [.. missing] });
        }

        sb.Append("Set-HybridConfiguration -TlsCertificateName ").Append(Quote(newName)).Append(" -WhatIf\n\n");
        steps.Add(new RenewalStep(RenewalStepKind.HybridConfiguration, null, hybrid.Identity, newName));
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

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string FileName(string path) => path.Replace('\\', '/').Split('/').Last();

    private static string Day(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
}
