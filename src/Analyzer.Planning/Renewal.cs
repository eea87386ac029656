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

/// <summary>A renewal worked out from the snapshot: the plan as PowerShell that whatif accepts, and what it changes.</summary>
/// <param name="Replaced">The thumbprint of the certificate the new one replaces.</param>
/// <param name="Notes">What the plan cannot do for the administrator (a send connector or hybrid configuration whose other servers do not get the certificate, a hybrid configuration that was not collected).</param>
public sealed record RenewalPlan(string Text, CertificateInfo New, string Replaced, ImmutableArray<string> Servers, ImmutableArray<RenewalStep> Steps, ImmutableArray<string> Notes);

/// <summary>Why a renewal cannot be worked out: the user's to fix (which certificate, which servers).</summary>
public sealed class RenewalException : Exception
{
    public RenewalException(string message)
        : base(message)
    {
    }

    public RenewalException()
    {
    }

    public RenewalException(string message, Exception inner)
        : base(message, inner)
    {
    }
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
            throw new RenewalException($"The new certificate {renewed.Thumbprint} is the one --replaces names: give the certificate that replaces it.");
        }

        var servers = Servers(snapshot, old.Thumbprint, on);
        var steps = ImmutableArray.CreateBuilder<RenewalStep>();
        var notes = ImmutableArray.CreateBuilder<string>();
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
                    notes.Add($"{connector.Identity} also sends from {string.Join(", ", missing)}, which this plan does not give the new certificate.");
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
        List<SendConnector> renamed, StringBuilder sb, ImmutableArray<RenewalStep>.Builder steps, ImmutableArray<string>.Builder notes)
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
                notes.Add("The hybrid configuration was not collected: check Get-HybridConfiguration's TlsCertificateName and set it to the new certificate with Set-HybridConfiguration.");
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
            notes.Add($"{hybrid.Identity} also names {string.Join(", ", missing)} as hybrid transport servers, which this plan does not give the new certificate.");
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
                ?? throw new RenewalException($"No server's store holds the certificate {t} that --replaces names.");
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
            0 => throw new RenewalException($"No certificate in the dump has the subject {renewed.Subject} or the same names as the new certificate: say which one it replaces with --replaces THUMBPRINT."),
            _ => throw new RenewalException($"Several certificates could be the one the new certificate replaces ({string.Join(", ", distinct.Select(c => $"{Thumbprints.Normalize(c.Thumbprint)} expires {Day(c.Certificate.NotAfter)}"))}): say which with --replaces THUMBPRINT."),
        };
    }

    private static List<ServerSnapshot> Servers(OrganizationSnapshot snapshot, string old, IReadOnlyList<string> on)
    {
        if (on.Count > 0)
        {
            var chosen = new List<ServerSnapshot>();
            foreach (var name in on)
            {
                var server = snapshot.FindServer(name) ?? throw new RenewalException($"There is no server '{name}' in the dump.");
                if (!server.Certificates.IsKnown || !server.Certificates.Items.Any(c => Thumbprints.AreEqual(c.Thumbprint, old)))
                {
                    throw new RenewalException($"{server.Name}'s store does not hold the certificate {Thumbprints.Normalize(old)} being replaced.");
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
