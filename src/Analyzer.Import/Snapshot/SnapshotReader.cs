using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Snapshots;

/// <summary>Maps a schema-valid snapshot tree back to the model (the inverse of <see cref="SnapshotFile.Write"/>).</summary>
internal static class SnapshotReader
{
    public static OrganizationSnapshot Read(JObject o) => new()
    {
        CollectedAt = NDate(o["collectedAt"]),
        Organization = Str(o["organization"]),
        Collector = o["collector"] is JObject c
            ? new CollectorInfo(Str(c["name"]), Str(c["version"]), Str(c["host"]), Str(c["user"]), Str(c["powershellVersion"]))
            : null,
        Sources = Strings(o["sources"]),
        Servers = [.. Arr(o["servers"]).Select(Server)],
        SendConnectors = Section(o["sendConnectors"]!, SendConnector),
        EdgeSubscriptions = Section(o["edgeSubscriptions"]!, e => new EdgeSubscription { Name = Req(e["name"]), Site = Str(e["site"]), Location = Loc(e["location"])! }),
        HybridConfigurations = Optional(o["hybridConfigurations"], h => new HybridConfiguration
        {
            Identity = Req(h["identity"]),
            Name = Str(h["name"]),
            TlsCertificateName = Str(h["tlsCertificateName"]),
            SendingTransportServers = NStrings(h["sendingTransportServers"]),
            ReceivingTransportServers = NStrings(h["receivingTransportServers"]),
            EdgeTransportServers = NStrings(h["edgeTransportServers"]),
            Domains = NStrings(h["domains"]),
            Features = NStrings(h["features"]),
            OnPremisesSmartHost = Str(h["onPremisesSmartHost"]),
            Location = Loc(h["location"])!,
        }),
        TransportConfig = Optional(o["transportConfig"], t => new TransportConfig
        {
            Identity = Req(t["identity"]),
            TlsSendDomainSecureList = NStrings(t["tlsSendDomainSecureList"]),
            TlsReceiveDomainSecureList = NStrings(t["tlsReceiveDomainSecureList"]),
            InternalSmtpServers = NParsed<IPRange>(t["internalSmtpServers"], Range),
            Location = Loc(t["location"])!,
        }),
        AcceptedDomains = Optional(o["acceptedDomains"], d => new AcceptedDomain
        {
            Identity = Req(d["identity"]),
            Name = Str(d["name"]),
            DomainName = Str(d["domainName"]),
            DomainType = NEnum<AcceptedDomainType>(d["domainType"]),
            Default = NBool(d["default"]),
            Location = Loc(d["location"])!,
        }),
        Run = o["run"] is JObject run ? Run(run) : CollectionRun.Unknown,
        CollectionErrors = [.. Arr(o["collectionErrors"]).Select(e => new CollectionError(Str(e["server"]), Str(e["section"]), Req(e["message"])))],
        Inconsistencies = [.. Arr(o["inconsistencies"]).Select(i => new SnapshotInconsistency(
            InconsistencyKindOf(Req(i["kind"])), Str(i["server"]), Req(i["subject"]), Str(i["property"]), Str(i["dumpValue"]), Str(i["actualValue"]), Loc(i["location"])))],
    };

    private static CollectionRun Run(JObject r) => new()
    {
        FinishedAt = NDate(r["finishedAt"]),
        Complete = NBool(r["complete"]),
        Interruption = Str(r["interruption"]),
        EdgeTransport = NBool(r["edgeTransport"]),
        TimeoutSeconds = NInt(r["timeoutSeconds"]),
        SkippedServers = [.. Arr(r["skippedServers"]).Select(x => new SkippedServer(Req(x["server"]), Req(x["reason"])))],
        ServerTimings = [.. Arr(r["serverTimings"]).Select(x => new ServerTiming(Req(x["server"]), (double)x["seconds"]!, (bool)x["completed"]!))],
        SectionTimings = [.. Arr(r["sectionTimings"]).Select(x => new SectionTiming(Str(x["server"]), Req(x["section"]), (double)x["seconds"]!))],
        Location = Loc(r["location"]),
    };

    private static ServerSnapshot Server(JObject s) => new()
    {
        Name = Req(s["name"]),
        Fqdn = Str(s["fqdn"]),
        Role = Enum.Parse<TransportServerRole>(Req(s["role"])),
        ServerRoleText = Str(s["serverRoleText"]),
        AdminDisplayVersion = Str(s["adminDisplayVersion"]),
        Site = Str(s["site"]),
        Location = Loc(s["location"]),
        Flags = s["flags"] is JObject f
            ? new ExchangeServerFlags(NBool(f["isHubTransportServer"]), NBool(f["isFrontendTransportServer"]), NBool(f["isEdgeServer"]), NBool(f["isMailboxServer"]), NBool(f["isClientAccessServer"]))
            : ExchangeServerFlags.Unknown,
        DistinguishedName = Str(s["distinguishedName"]),
        OriginatingServer = Str(s["originatingServer"]),
        DumpName = Str(s["dumpName"]),
        HostAddresses = Optional(s["hostAddresses"], a => new HostAddress { HostName = Str(a["hostName"]), Address = Address(Req(a["address"])), Location = Loc(a["location"])! }),
        TransportService = Section(s["transportService"]!, t => new TransportService { InternalTransportCertificateThumbprint = Str(t["internalTransportCertificateThumbprint"]), Location = Loc(t["location"])! }),
        ReceiveConnectors = Section(s["receiveConnectors"]!, ReceiveConnector),
        Certificates = Section(s["certificates"]!, StoreCertificate),
        InternalCertificate = Ad((JObject)s["internalCertificate"]!),
        SubscriptionCertificate = s["subscriptionCertificate"] is JObject sub ? Ad(sub) : null,
    };

    private static ReceiveConnector ReceiveConnector(JObject c) => new()
    {
        Identity = Req(c["identity"]),
        Name = Req(c["name"]),
        Server = Req(c["server"]),
        AuthMechanism = NEnum<ReceiveAuthMechanism>(c["authMechanism"]),
        PermissionGroups = NEnum<PermissionGroups>(c["permissionGroups"]),
        SuppressXAnonymousTls = NBool(c["suppressXAnonymousTls"]),
        RequireTls = NBool(c["requireTls"]),
        Enabled = NBool(c["enabled"]),
        Fqdn = Str(c["fqdn"]),
        TlsCertificateName = Str(c["tlsCertificateName"]),
        TlsDomainCapabilities = Str(c["tlsDomainCapabilities"]),
        TransportRole = NEnum<ConnectorTransportRole>(c["transportRole"]),
        Bindings = NParsed<IPBinding>(c["bindings"], Binding),
        RemoteIPRanges = NParsed<IPRange>(c["remoteIPRanges"], Range),
        DomainSecureEnabled = NBool(c["domainSecureEnabled"]),
        Location = Loc(c["location"])!,
    };

    private static SendConnector SendConnector(JObject c) => new()
    {
        Identity = Req(c["identity"]),
        Name = Req(c["name"]),
        SourceTransportServers = NStrings(c["sourceTransportServers"]),
        SmartHosts = NStrings(c["smartHosts"]),
        AddressSpaces = NStrings(c["addressSpaces"]),
        SmartHostAuthMechanism = NEnum<SmartHostAuthMechanism>(c["smartHostAuthMechanism"]),
        TlsCertificateName = Str(c["tlsCertificateName"]),
        Fqdn = Str(c["fqdn"]),
        RequireTls = NBool(c["requireTls"]),
        TlsAuthLevel = NEnum<TlsAuthLevel>(c["tlsAuthLevel"]),
        TlsDomain = Str(c["tlsDomain"]),
        CloudServicesMailEnabled = NBool(c["cloudServicesMailEnabled"]),
        Enabled = NBool(c["enabled"]),
        Port = NInt(c["port"]),
        DnsRoutingEnabled = NBool(c["dnsRoutingEnabled"]),
        IgnoreStartTls = NBool(c["ignoreStartTls"]),
        FrontendProxyEnabled = NBool(c["frontendProxyEnabled"]),
        SourceIPAddress = Str(c["sourceIPAddress"]) is { } source ? Address(source) : null,
        DomainSecureEnabled = NBool(c["domainSecureEnabled"]),
        DumpServer = Str(c["dumpServer"]),
        Location = Loc(c["location"])!,
    };

    private static StoreCertificate StoreCertificate(JObject c) => new()
    {
        Certificate = Certificate((JObject)c["certificate"]!),
        HasPrivateKey = NBool(c["hasPrivateKey"]),
        Services = NEnum<CertificateServices>(c["services"]),
        Status = NEnum<CertificateStatus>(c["status"]),
        FriendlyName = Str(c["friendlyName"]),
        Origin = NEnum<CertificateOrigin>(c["origin"]),
        UnknownProperties = Strings(c["unknownProperties"]),
        Location = Loc(c["location"])!,
    };

    private static AdInternalCertificate Ad(JObject a) => new()
    {
        State = Enum.Parse<AdCertificateState>(Req(a["state"])),
        Certificate = a["certificate"] is JObject c ? Certificate(c) : null,
        ReadError = Str(a["readError"]),
        CorruptReason = Str(a["corruptReason"]),
        DistinguishedName = Str(a["distinguishedName"]),
        Location = Loc(a["location"]),
    };

    private static CertificateInfo Certificate(JObject c) => new()
    {
        Thumbprint = Req(c["thumbprint"]),
        Subject = Req(c["subject"]),
        Issuer = Req(c["issuer"]),
        NotBefore = NDate(c["notBefore"])!.Value,
        NotAfter = NDate(c["notAfter"])!.Value,
        SubjectCommonName = Str(c["subjectCommonName"]),
        DnsNames = Strings(c["dnsNames"]),
        Version = NInt(c["version"]),
        KeyAlgorithm = Str(c["keyAlgorithm"]),
        KeySize = NInt(c["keySize"]),
        SignatureAlgorithm = Str(c["signatureAlgorithm"]),
        SignatureAlgorithmOid = Str(c["signatureAlgorithmOid"]),
        IsSelfSigned = NBool(c["isSelfSigned"]),
        FromDer = (bool)c["fromDer"]!,
        RawData = Str(c["rawData"]) is { } b ? [.. Convert.FromBase64String(b)] : ImmutableArray<byte>.Empty,
    };

    private static Section<T> Section<T>(JToken s, Func<JObject, T> item) => new()
    {
        State = Enum.Parse<SectionState>(Req(s["state"])),
        Error = Str(s["error"]),
        Problem = ProblemJson.Read(s["problem"]),
        Location = Loc(s["location"]),
        Items = [.. Arr(s["items"]).Select(item)],
    };

    /// <summary>A section snapshots written before it existed do not hold: not collected.</summary>
    private static Section<T> Optional<T>(JToken? s, Func<JObject, T> item) =>
        s is JObject section ? Section(section, item) : Extls.Model.Section<T>.Missing(SectionState.Absent, null, null);

    private static IEnumerable<JObject> Arr(JToken? t) => t is JArray a ? a.OfType<JObject>() : [];

    private static string? Str(JToken? t) => t is null || t.Type == JTokenType.Null ? null : (string?)t;

    private static string Req(JToken? t) => Str(t) ?? throw new FormatException("A required text value is null.");

    private static bool? NBool(JToken? t) => t is null || t.Type == JTokenType.Null ? null : (bool)t;

    private static int? NInt(JToken? t) => t is null || t.Type == JTokenType.Null ? null : (int)t;

    private static T? NEnum<T>(JToken? t)
        where T : struct, Enum => Str(t) is { } s ? Enum.Parse<T>(s) : null;

    private static ImmutableArray<string> Strings(JToken? t) => t is JArray a ? [.. a.Select(x => (string)x!)] : ImmutableArray<string>.Empty;

    private static ImmutableArray<string>? NStrings(JToken? t) => t is JArray a ? [.. a.Select(x => (string)x!)] : null;

    private static ImmutableArray<T>? NParsed<T>(JToken? t, Func<string, T> parse) => t is JArray a ? [.. a.Select(x => parse((string)x!))] : null;

    private static IPRange Range(string text) =>
        IPRange.TryParse(text, out var range) ? range : throw new FormatException($"\"{text}\" is not an IP range.");

    private static IPBinding Binding(string text) =>
        IPBinding.TryParse(text, out var binding) ? binding : throw new FormatException($"\"{text}\" is not a binding.");

    private static System.Net.IPAddress Address(string text) =>
        IPAddresses.TryParse(text, out var address) ? address : throw new FormatException($"\"{text}\" is not an IP address.");

    private static DateTimeOffset? NDate(JToken? t) =>
        Str(t) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    private static SourceLocation? Loc(JToken? t) =>
        t is JObject l ? new SourceLocation(Req(l["file"]), (int)l["line"]!, Req(l["jsonPath"])) { Dump = Str(l["dump"]) } : null;

    private static InconsistencyKind InconsistencyKindOf(string id) =>
        InconsistencyKinds.TryParse(id, out var kind) ? kind : throw new FormatException($"\"{id}\" is not a kind of inconsistency extls knows.");
}
