using System.Collections.Immutable;
using System.Globalization;
using Extls.Import.Certificates;
using Extls.Model;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Mapping;

/// <summary>One Get-ExchangeServer entry.</summary>
internal sealed record ExchangeServerEntry(
    string Name,
    string? Fqdn,
    TransportServerRole Role,
    string? RoleText,
    string? AdminDisplayVersion,
    string? Site,
    SourceLocation Location)
{
    public ExchangeServerFlags Flags { get; init; } = ExchangeServerFlags.Unknown;

    public string? DistinguishedName { get; init; }

    public string? OriginatingServer { get; init; }
}

/// <summary>
/// Maps a section tree (JSON as written, or CSV / CliXml translated to the same shape) to the model.
/// Format-agnostic: every quirk is undone by <see cref="ValueReader"/>.
/// </summary>
internal static class SectionMapper
{
    public const string ExchangeServer = "ExchangeServer";
    public const string SendConnector = "SendConnector";
    public const string EdgeSubscription = "EdgeSubscription";
    public const string TransportService = "TransportService";
    public const string ReceiveConnector = "ReceiveConnector";
    public const string ExchangeCertificate = "ExchangeCertificate";
    public const string InternalTransportCertificate = "InternalTransportCertificate";

    public static ImmutableArray<ExchangeServerEntry> ExchangeServers(SectionSource source, ValueReader r)
    {
        var list = ImmutableArray.CreateBuilder<ExchangeServerEntry>();
        foreach (var o in source.Items(r))
        {
            var name = r.Text(o, "Name");
            if (string.IsNullOrEmpty(name))
            {
                r.Problem(o, ProblemKind.EntryUnnamed, new() { Entry = EntryKind.ExchangeServer, Names = ["Name"] });
                continue;
            }

            var (role, roleText) = ServerRole(o, r);
            var flags = new ExchangeServerFlags(
                r.Bool(o, "IsHubTransportServer"), r.Bool(o, "IsFrontendTransportServer"), r.Bool(o, "IsEdgeServer"),
                r.Bool(o, "IsMailboxServer"), r.Bool(o, "IsClientAccessServer"));
            list.Add(new ExchangeServerEntry(name, NullIfEmpty(r.Text(o, "Fqdn")), RoleFromFlags(flags) ?? role, roleText, NullIfEmpty(r.Text(o, "AdminDisplayVersion")), NullIfEmpty(r.Text(o, "Site")), r.Location(o))
            {
                Flags = flags,
                DistinguishedName = NullIfEmpty(r.Text(o, "DistinguishedName")),
                OriginatingServer = NullIfEmpty(r.Text(o, "OriginatingServer")),
            });
        }

        return list.ToImmutable();
    }

    // Exchange's ServerRole flags: Mailbox 2, ClientAccess 4, UnifiedMessaging 16, HubTransport 32, Edge 64.
    private static (TransportServerRole Role, string? Text) ServerRole(JObject o, ValueReader r)
    {
        var t = PowerShellValues.Get(o, "ServerRole");
        if (t is null || PowerShellValues.IsNull(PowerShellValues.Unwrap(t)))
        {
            return (TransportServerRole.Unknown, null);
        }

        var v = PowerShellValues.Unwrap(t);
        if (v is JValue { Type: JTokenType.Integer } n)
        {
            var bits = Convert.ToInt64(n.Value, CultureInfo.InvariantCulture);
            var names = new List<string>();
            foreach (var (bit, label) in new[] { (2L, "Mailbox"), (4L, "ClientAccess"), (16L, "UnifiedMessaging"), (32L, "HubTransport"), (64L, "Edge") })
            {
                if ((bits & bit) != 0)
                {
                    names.Add(label);
                }
            }

            var text = names.Count > 0 ? string.Join(", ", names) : bits.ToString(CultureInfo.InvariantCulture);
            return (RoleFromText(text), text);
        }

        var s = PowerShellValues.StringForm(v);
        if (s is null)
        {
            r.Problem(t, ProblemKind.UnexpectedValue, new() { Expected = ExpectedValue.Role, Name = "ServerRole", Found = PowerShellValues.Describe(t) });
            return (TransportServerRole.Unknown, null);
        }

        return (RoleFromText(s), s);
    }

    /// <summary>
    /// The transport role as Exchange records it in the Is*Server flags, which win over ServerRole's names: an
    /// Exchange 2010 Mailbox-only server says "Mailbox" but runs no transport, and a 2013 Client Access server
    /// runs only the Front End Transport service. Null when no transport flag is known.
    /// </summary>
    private static TransportServerRole? RoleFromFlags(ExchangeServerFlags flags)
    {
        if (flags.IsEdgeServer is null && flags.IsHubTransportServer is null)
        {
            return null;
        }

        return flags.IsEdgeServer == true ? TransportServerRole.Edge
            : flags.IsHubTransportServer == true ? TransportServerRole.Mailbox
            : flags.IsEdgeServer == false && flags.IsHubTransportServer == false ? TransportServerRole.Unknown
            : null;
    }

    private static TransportServerRole RoleFromText(string text)
    {
        var parts = text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p.Equals("Edge", StringComparison.OrdinalIgnoreCase)))
        {
            return TransportServerRole.Edge;
        }

        return parts.Any(p => p.Equals("Mailbox", StringComparison.OrdinalIgnoreCase) || p.Equals("HubTransport", StringComparison.OrdinalIgnoreCase))
            ? TransportServerRole.Mailbox
            : TransportServerRole.Unknown;
    }

    /// <summary>Get-TransportService for one server; when the file holds several, the one named like the server.</summary>
    public static ImmutableArray<TransportService> TransportServices(SectionSource source, ValueReader r, string server)
    {
        // One pass: the entries may be streamed.
        JObject? chosen = null;
        JObject? first = null;
        foreach (var o in source.Items(r))
        {
            first ??= o;
            if (chosen is null && string.Equals(r.Text(o, "Name"), server, StringComparison.OrdinalIgnoreCase))
            {
                chosen = o;
            }
        }

        chosen ??= first;
        if (chosen is null)
        {
            return ImmutableArray<TransportService>.Empty;
        }

        var thumbprint = r.Text(chosen, "InternalTransportCertificateThumbprint") is { } text ? Thumbprints.Normalize(text) : null;
        return [new TransportService
        {
            InternalTransportCertificateThumbprint = thumbprint,
            IntraOrgConnectorProtocolLoggingLevel = (ProtocolLoggingLevel?)r.EnumBits(chosen, "IntraOrgConnectorProtocolLoggingLevel", typeof(ProtocolLoggingLevel)),
            Location = r.Location(chosen),
        }];
    }

    public static ImmutableArray<ReceiveConnector> ReceiveConnectors(SectionSource source, ValueReader r, string server)
    {
        var list = ImmutableArray.CreateBuilder<ReceiveConnector>();
        foreach (var o in source.Items(r))
        {
            // Exchange writes a receive connector's Identity as SERVER\Name; an Identity expanded into an
            // ADObjectId object only names the connector.
            var identityText = r.Text(o, "Identity");
            var slash = identityText?.IndexOf('\\', StringComparison.Ordinal) ?? -1;
            var name = NullIfEmpty(r.Text(o, "Name")) ?? (slash >= 0 ? identityText![(slash + 1)..] : NullIfEmpty(identityText));
            var connectorServer = NullIfEmpty(r.Text(o, "Server")) ?? (slash >= 0 ? identityText![..slash] : null);
            if (name is null)
            {
                r.Problem(o, ProblemKind.EntryUnnamed, new() { Entry = EntryKind.ReceiveConnector, Names = ["Name", "Identity"] });
                continue;
            }

            connectorServer ??= server;
            var identity = slash >= 0 ? identityText! : $"{connectorServer}\\{name}";

            list.Add(new ReceiveConnector
            {
                Identity = identity,
                Name = name,
                Server = connectorServer,
                AuthMechanism = (ReceiveAuthMechanism?)r.EnumBits(o, "AuthMechanism", typeof(ReceiveAuthMechanism)),
                PermissionGroups = (PermissionGroups?)r.EnumBits(o, "PermissionGroups", typeof(PermissionGroups)),
                SuppressXAnonymousTls = r.Bool(o, "SuppressXAnonymousTls"),
                RequireTls = r.Bool(o, "RequireTLS"),
                Enabled = r.Bool(o, "Enabled"),
                Fqdn = r.Text(o, "Fqdn"),
                TlsCertificateName = r.Text(o, "TlsCertificateName"),
                TlsDomainCapabilities = ListText(r, o, "TlsDomainCapabilities"),
                ProtocolLoggingLevel = (ProtocolLoggingLevel?)r.EnumBits(o, "ProtocolLoggingLevel", typeof(ProtocolLoggingLevel)),
                TransportRole = (ConnectorTransportRole?)r.EnumBits(o, "TransportRole", typeof(ConnectorTransportRole)),
                Bindings = AddressValues.Bindings(o, "Bindings", r),
                RemoteIPRanges = AddressValues.Ranges(o, "RemoteIPRanges", r),
                DomainSecureEnabled = r.Bool(o, "DomainSecureEnabled"),
                Location = r.Location(o),
            });
        }

        return list.ToImmutable();
    }

    private static string? ListText(ValueReader r, JObject o, string name) =>
        PowerShellValues.Get(o, name) is null ? null : r.List(o, name) is { } l ? string.Join(", ", l) : null;

    public static ImmutableArray<SendConnector> SendConnectors(SectionSource source, ValueReader r, string? dumpServer)
    {
        var list = ImmutableArray.CreateBuilder<SendConnector>();
        foreach (var o in source.Items(r))
        {
            var name = NullIfEmpty(r.Text(o, "Name"));
            var identity = NullIfEmpty(r.Text(o, "Identity")) ?? name;
            name ??= identity;
            if (name is null || identity is null)
            {
                r.Problem(o, ProblemKind.EntryUnnamed, new() { Entry = EntryKind.SendConnector, Names = ["Name", "Identity"] });
                continue;
            }

            list.Add(new SendConnector
            {
                Identity = identity,
                Name = name,
                SourceTransportServers = r.List(o, "SourceTransportServers"),
                SmartHosts = r.List(o, "SmartHosts"),
                AddressSpaces = r.List(o, "AddressSpaces"),
                SmartHostAuthMechanism = (SmartHostAuthMechanism?)r.EnumBits(o, "SmartHostAuthMechanism", typeof(SmartHostAuthMechanism)),
                TlsCertificateName = r.Text(o, "TlsCertificateName"),
                Fqdn = r.Text(o, "Fqdn"),
                ProtocolLoggingLevel = (ProtocolLoggingLevel?)r.EnumBits(o, "ProtocolLoggingLevel", typeof(ProtocolLoggingLevel)),
                RequireTls = r.Bool(o, "RequireTLS"),
                TlsAuthLevel = (TlsAuthLevel?)r.EnumBits(o, "TlsAuthLevel", typeof(TlsAuthLevel)),
                TlsDomain = r.Text(o, "TlsDomain"),
                CloudServicesMailEnabled = r.Bool(o, "CloudServicesMailEnabled"),
                Enabled = r.Bool(o, "Enabled"),
                Port = r.Int(o, "Port"),
                DnsRoutingEnabled = r.Bool(o, "DNSRoutingEnabled"),
                IgnoreStartTls = r.Bool(o, "IgnoreSTARTTLS"),
                FrontendProxyEnabled = r.Bool(o, "FrontendProxyEnabled"),
                SourceIPAddress = AddressValues.Address(o, "SourceIPAddress", r),
                DomainSecureEnabled = r.Bool(o, "DomainSecureEnabled"),
                DumpServer = dumpServer,
                Location = r.Location(o),
            });
        }

        return list.ToImmutable();
    }

    public static ImmutableArray<EdgeSubscription> EdgeSubscriptions(SectionSource source, ValueReader r)
    {
        var list = ImmutableArray.CreateBuilder<EdgeSubscription>();
        foreach (var o in source.Items(r))
        {
            var name = NullIfEmpty(r.Text(o, "Name")) ?? NullIfEmpty(r.Text(o, "Identity"));
            if (name is null)
            {
                r.Problem(o, ProblemKind.EntryUnnamed, new() { Entry = EntryKind.EdgeSubscription, Names = ["Name"] });
                continue;
            }

            list.Add(new EdgeSubscription { Name = name, Site = NullIfEmpty(r.Text(o, "Site")), Location = r.Location(o) });
        }

        return list.ToImmutable();
    }

    /// <summary>The msExchServerInternalTLSCert value the collector read from the server object.</summary>
    public static AdInternalCertificate AdCertificate(JToken root, ValueReader r, CertificateCache certificates)
    {
        var items = r.Items(root);
        var o = items.Count == 0 ? null : items[0];
        if (o is null)
        {
            r.Problem(root, ProblemKind.NoInternalCertificateEntry);
            return new AdInternalCertificate { State = AdCertificateState.NotCollected, Location = r.Location(root) };
        }

        var location = r.Location(o);
        var dn = NullIfEmpty(r.Text(o, "distinguishedName"));
        var readError = NullIfEmpty(r.Text(o, "readError"));
        if (readError is not null)
        {
            return new AdInternalCertificate { State = AdCertificateState.Unreadable, ReadError = readError, DistinguishedName = dn, Location = location };
        }

        var value = PowerShellValues.Get(o, "msExchServerInternalTLSCert");
        if (value is null)
        {
            r.Problem(o, ProblemKind.InternalCertificateValueMissing, new() { Name = "msExchServerInternalTLSCert" });
            return new AdInternalCertificate { State = AdCertificateState.NotCollected, DistinguishedName = dn, Location = location };
        }

        // From here on the finding is about the attribute itself: point at it, not at the object holding it.
        location = r.Location(value);
        value = PowerShellValues.Unwrap(value);

        // ADSI can hand back a multi-valued attribute as an array of values; Exchange reads the first.
        if (value is JArray { Count: > 0 } multi && multi[0] is JArray or JValue { Type: JTokenType.String or JTokenType.Bytes })
        {
            value = multi[0];
        }

        if (PowerShellValues.IsNull(value) || value is JArray { Count: 0 } || value is JValue { Type: JTokenType.String } s && string.IsNullOrWhiteSpace((string?)s.Value))
        {
            return new AdInternalCertificate { State = AdCertificateState.Empty, DistinguishedName = dn, Location = location };
        }

        var bytes = ValueReader.Bytes(value, "msExchServerInternalTLSCert", out var error);
        if (bytes is null)
        {
            return new AdInternalCertificate { State = AdCertificateState.Corrupt, CorruptReason = error ?? "The value is not certificate bytes.", DistinguishedName = dn, Location = location };
        }

        var cert = certificates.TryParse(bytes, out var parseError);
        return cert is null
            ? new AdInternalCertificate { State = AdCertificateState.Corrupt, CorruptReason = parseError, DistinguishedName = dn, Location = location }
            : new AdInternalCertificate { State = AdCertificateState.Present, Certificate = cert, DistinguishedName = dn, Location = location };
    }

    /// <summary>
    /// Get-ExchangeCertificate for one server. The DER wins over the dump's own properties; a
    /// disagreement and a repeated thumbprint are recorded as inconsistencies.
    /// </summary>
    public static ImmutableArray<StoreCertificate> Certificates(SectionSource source, ValueReader r, string server, List<SnapshotInconsistency> inconsistencies, CertificateCache certificates)
    {
        var list = ImmutableArray.CreateBuilder<StoreCertificate>();
        var consistency = new CertificateConsistency(server, inconsistencies);
        foreach (var o in source.Items(r))
        {
            var info = CertificateInfoOf(o, r, consistency, certificates);
            if (info is null)
            {
                continue;
            }

            var location = r.Location(o);
            if (consistency.IsRepeat(info, location))
            {
                continue;
            }

            bool servicesAbsent = !PowerShellValues.Has(o, "Services");
            bool statusAbsent = !PowerShellValues.Has(o, "Status");
            var origin = (CertificateOrigin?)r.EnumBits(o, "Origin", typeof(CertificateOrigin));

            // What the collector says it left out on purpose (their values describe a rebuilt copy, not the server).
            var leftOut = new HashSet<string>(r.List(o, "UnknownProperties") ?? [], StringComparer.OrdinalIgnoreCase);

            // A remote session keeps little more than RawData; the HasPrivateKey of the rebuilt object says nothing.
            // A collector that records the origin says so outright; without it, a row lacking both Services and
            // Status is taken for such a copy.
            bool remote = origin == CertificateOrigin.Rebuilt || (origin is null && servicesAbsent && statusAbsent);
            var unknown = new SortedSet<string>(StringComparer.Ordinal);
            var services = servicesAbsent || leftOut.Contains("Services") ? null : (CertificateServices?)r.EnumBits(o, "Services", typeof(CertificateServices));
            var status = statusAbsent || leftOut.Contains("Status") ? null : (CertificateStatus?)r.EnumBits(o, "Status", typeof(CertificateStatus));
            var hasKey = remote || leftOut.Contains("HasPrivateKey") ? null : r.Bool(o, "HasPrivateKey");
            if (services is null)
            {
                unknown.Add("Services");
            }

            if (status is null)
            {
                unknown.Add("Status");
            }

            if (hasKey is null)
            {
                unknown.Add("HasPrivateKey");
            }

            list.Add(new StoreCertificate
            {
                Certificate = info,
                HasPrivateKey = hasKey,
                Services = services,
                Status = status,
                FriendlyName = origin == CertificateOrigin.Rebuilt || leftOut.Contains("FriendlyName") ? null : NullIfEmpty(r.Text(o, "FriendlyName")),
                Origin = origin,
                UnknownProperties = [.. unknown],
                Location = location,
            });
        }

        return list.ToImmutable();
    }

    private static CertificateInfo? CertificateInfoOf(JObject o, ValueReader r, CertificateConsistency consistency, CertificateCache certificates)
    {
        var thumbprint = r.Text(o, "Thumbprint") is { Length: > 0 } t ? Thumbprints.Normalize(t) : null;
        var subject = NullIfEmpty(r.Text(o, "Subject"));
        var issuer = NullIfEmpty(r.Text(o, "Issuer"));
        var notBefore = r.Date(o, "NotBefore");
        var notAfter = r.Date(o, "NotAfter");

        if (PowerShellValues.Get(o, "RawData") is { } rawToken && !PowerShellValues.IsNull(PowerShellValues.Unwrap(rawToken)))
        {
            var bytes = ValueReader.Bytes(rawToken, "RawData", out var error);
            CertificateInfo? parsed = null;
            if (bytes is not null)
            {
                parsed = certificates.TryParse(bytes, out error);
            }

            if (parsed is not null)
            {
                consistency.CompareWithDer(new DumpedCertificateProperties(thumbprint, subject, issuer, notBefore, notAfter), parsed, r.Location(o));
                return parsed;
            }

            // A type name ("System.Byte[]", CSV export) means the bytes were lost, not broken: say nothing, use the properties.
            if (error is not null)
            {
                r.Problem(rawToken, ProblemKind.RawDataUnreadable, new() { Name = "RawData", Detail = error });
            }
        }

        var missing = new List<string>();
        if (thumbprint is null)
        {
            missing.Add("Thumbprint");
        }

        if (subject is null)
        {
            missing.Add("Subject");
        }

        if (notBefore is null)
        {
            missing.Add("NotBefore");
        }

        if (notAfter is null)
        {
            missing.Add("NotAfter");
        }

        if (missing.Count > 0)
        {
            r.Problem(o, ProblemKind.CertificateIncomplete, new() { Names = [.. missing] });
            return null;
        }

        var dnsNames = r.List(o, "DnsNameList") ?? r.List(o, "CertificateDomains") ?? ImmutableArray<string>.Empty;
        return new CertificateInfo
        {
            Thumbprint = thumbprint!,
            Subject = subject!,
            Issuer = issuer ?? string.Empty,
            NotBefore = notBefore!.Value.Value,
            NotAfter = notAfter!.Value.Value,
            SubjectCommonName = DistinguishedNames.CommonNameOf(subject),
            DnsNames = dnsNames,
            Version = r.Int(o, "Version"),
            KeyAlgorithm = NullIfEmpty(KeyAlgorithmOf(o)),
            KeySize = r.Int(o, "PublicKeySize"),
            SignatureAlgorithm = SignatureName(o),
            SignatureAlgorithmOid = PowerShellValues.Get(o, "SignatureAlgorithm") is JObject sig && PowerShellValues.Get(sig, "Value") is { } oid ? PowerShellValues.StringForm(oid) : null,
            IsSelfSigned = r.Bool(o, "IsSelfSigned"),
            FromDer = false,
        };
    }

    private static string? KeyAlgorithmOf(JObject o)
    {
        if (PowerShellValues.Get(o, "PublicKey") is JObject pk && PowerShellValues.Get(pk, "Oid") is JObject oid && PowerShellValues.Get(oid, "FriendlyName") is { } fn)
        {
            var name = PowerShellValues.StringForm(fn);
            return name is "RSA" ? "RSA" : name is "ECC" or "ECDSA" ? "ECDSA" : name;
        }

        return null;
    }

    private static string? SignatureName(JObject o)
    {
        var t = PowerShellValues.Get(o, "SignatureAlgorithm");
        if (t is JObject sig)
        {
            return PowerShellValues.Get(sig, "FriendlyName") is { } fn ? NullIfEmpty(PowerShellValues.StringForm(fn)) : null;
        }

        return t is null ? null : NullIfEmpty(PowerShellValues.StringForm(t)) is { } s && !PowerShellValues.IsTypeName(s) ? s : null;
    }

    internal static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
