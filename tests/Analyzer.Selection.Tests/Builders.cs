using Extls.Model;
using Extls.TestKit;

namespace Extls.Selection.Tests;

/// <summary>
/// Fluent changes on top of TestKit's healthy defaults, so that each test states only the one thing it is about.
/// </summary>
internal sealed class ServerBuilder
{
    private ServerSnapshot server;

    private ServerBuilder(ServerSnapshot server) => this.server = server;

    /// <summary>A healthy Mailbox server (see <see cref="Build.Mailbox"/>).</summary>
    public static ServerBuilder Mailbox(string name) => new(Build.Mailbox(name));

    /// <summary>A healthy Edge: its own self-signed internal certificate and its default internal receive connector.</summary>
    public static ServerBuilder Edge(string name)
    {
        var mailbox = Build.Mailbox(name, "dmz.contoso.com");
        return new ServerBuilder(mailbox with
        {
            Role = TransportServerRole.Edge,
            ServerRoleText = "Edge",
            ReceiveConnectors = Section<ReceiveConnector>.Collected(
                [Build.Receive(name, $"Default internal receive connector {name}",
                    auth: ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer,
                    permissions: PermissionGroups.AnonymousUsers | PermissionGroups.ExchangeServers | PermissionGroups.Partners,
                    role: ConnectorTransportRole.Edge, binding: "0.0.0.0:25")],
                Build.Loc($"servers/{name}/ReceiveConnector.json")),
        });
    }

    public string Name => server.Name;

    public CertificateInfo InternalCertificate => server.InternalCertificate.Certificate!;

    public ServerBuilder With(Func<ServerSnapshot, ServerSnapshot> change)
    {
        server = change(server);
        return this;
    }

    public ServerBuilder Role(TransportServerRole role, string? text = null) => With(s => s with { Role = role, ServerRoleText = text });

    public ServerBuilder Fqdn(string? fqdn) => With(s => s with { Fqdn = fqdn });

    public ServerBuilder Site(string? site) => With(s => s with { Site = site });

    public ServerBuilder Ad(AdCertificateState state, CertificateInfo? certificate = null, string? error = null) =>
        With(s => s with
        {
            InternalCertificate = new AdInternalCertificate
            {
                State = state,
                Certificate = certificate,
                ReadError = error,
                CorruptReason = state == AdCertificateState.Corrupt ? error : null,
                Location = Build.Loc(),
            },
        });

    public ServerBuilder AdCertificate(CertificateInfo certificate) => Ad(AdCertificateState.Present, certificate);

    /// <summary>Replaces the whole store.</summary>
    public ServerBuilder Store(params StoreCertificate[] certificates) => With(s => s.WithStore(certificates));

    public ServerBuilder AddToStore(params StoreCertificate[] certificates) => With(s => s.WithStore([.. s.Certificates.Items, .. certificates]));

    public ServerBuilder StoreMissing(SectionState state = SectionState.Absent) =>
        With(s => s with { Certificates = Section<StoreCertificate>.Missing(state, "not collected", Build.Loc()) });

    public ServerBuilder TransportThumbprint(string? thumbprint) => With(s => s.WithTransportThumbprint(thumbprint));

    public ServerBuilder TransportServiceMissing() =>
        With(s => s with { TransportService = Section<TransportService>.Missing(SectionState.Absent, null, Build.Loc()) });

    public ServerBuilder Connectors(params ReceiveConnector[] connectors) => With(s => s.WithConnectors(connectors));

    public ServerBuilder ConnectorsMissing() =>
        With(s => s with { ReceiveConnectors = Section<ReceiveConnector>.Missing(SectionState.Failed, "access denied", Build.Loc()) });

    /// <summary>Changes the connector whose name is <paramref name="name"/>.</summary>
    public ServerBuilder Connector(string name, Func<ReceiveConnector, ReceiveConnector> change) =>
        With(s => s.WithConnectors([.. s.ReceiveConnectors.Items.Select(c => c.Name == name ? change(c) : c)]));

    public ServerBuilder WithoutConnector(string name) =>
        With(s => s.WithConnectors([.. s.ReceiveConnectors.Items.Where(c => c.Name != name)]));

    public ReceiveConnector ConnectorNamed(string name) => server.ReceiveConnectors.Items.Single(c => c.Name == name);

    public ServerSnapshot Done() => server;

    public static implicit operator ServerSnapshot(ServerBuilder builder) => builder.server;
}

internal sealed class OrgBuilder
{
    private readonly List<ServerSnapshot> servers = [];
    private readonly List<SendConnector> sendConnectors = [];
    private readonly List<EdgeSubscription> subscriptions = [];
    private bool sendConnectorsKnown = true;
    private bool subscriptionsKnown = true;

    public OrgBuilder Server(ServerSnapshot server)
    {
        servers.Add(server);
        return this;
    }

    public OrgBuilder Send(SendConnector connector)
    {
        sendConnectors.Add(connector);
        return this;
    }

    public OrgBuilder SendConnectorsMissing()
    {
        sendConnectorsKnown = false;
        return this;
    }

    public OrgBuilder Subscription(string edge, string? site = null)
    {
        subscriptions.Add(new EdgeSubscription { Name = edge, Site = site, Location = Build.Loc("org/EdgeSubscription.json") });
        return this;
    }

    public OrgBuilder SubscriptionsMissing()
    {
        subscriptionsKnown = false;
        return this;
    }

    /// <summary>The Edge's subscription and the EdgeSync connector it brings (smart host "--", ExchangeServer auth).</summary>
    public OrgBuilder SubscribedEdge(ServerSnapshot edge, SmartHostAuthMechanism? auth = SmartHostAuthMechanism.ExchangeServer) =>
        Server(edge).Subscription(edge.Name).Send(EdgeSync(edge.Name, auth));

    public static SendConnector EdgeSync(string edge, SmartHostAuthMechanism? auth = SmartHostAuthMechanism.ExchangeServer) => new()
    {
        Identity = "EdgeSync - Inbound to Default-First-Site-Name",
        Name = "EdgeSync - Inbound to Default-First-Site-Name",
        SourceTransportServers = [edge],
        SmartHosts = ["--"],
        AddressSpaces = ["smtp:--;100"],
        SmartHostAuthMechanism = auth,
        TlsCertificateName = "",
        Fqdn = "",
        RequireTls = false,
        DumpServer = edge,
        Location = Build.Loc($"servers/{edge}/SendConnector.json"),
    };

    public OrganizationSnapshot Done() => Build.Org([.. servers]) with
    {
        SendConnectors = sendConnectorsKnown
            ? Section<SendConnector>.Collected([.. sendConnectors], Build.Loc("org/SendConnector.json"))
            : Section<SendConnector>.Missing(SectionState.Absent, null, Build.Loc("org/SendConnector.json")),
        EdgeSubscriptions = subscriptionsKnown
            ? Section<EdgeSubscription>.Collected([.. subscriptions], Build.Loc("org/EdgeSubscription.json"))
            : Section<EdgeSubscription>.Missing(SectionState.Absent, null, Build.Loc("org/EdgeSubscription.json")),
    };
}

internal static class T
{
    public static readonly ReplayOptions Options = new(Build.AsOf, 30);

    public static StoreCertificate Store(CertificateInfo cert, bool? key = true, CertificateServices? services = CertificateServices.SMTP, CertificateStatus? status = CertificateStatus.Valid) =>
        Build.InStore(cert, key, services, status);

    /// <summary>A CA-issued certificate for the given names.</summary>
    public static CertificateInfo CaCert(
        string label,
        string subject = "CN=mail.contoso.com, O=Contoso, C=JP",
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        IEnumerable<string>? dnsNames = null,
        int? version = 3) =>
        Build.Cert(Build.ThumbprintFor(label), subject, issuer: "CN=Contoso Issuing CA, DC=contoso, DC=com",
            notBefore: notBefore, notAfter: notAfter, dnsNames: dnsNames ?? ["mail.contoso.com"], selfSigned: false, version: version);

    /// <summary>Compares sequences by their items (Assert.Equal on two ImmutableArrays compares their backing arrays).</summary>
    public static void Seq<TItem>(IEnumerable<TItem> expected, IEnumerable<TItem> actual) => Assert.Equal(expected, actual);

    public static string Thumb(string label) => Build.ThumbprintFor(label);

    public static IEnumerable<StepKind> Kinds(SelectionResult r) => r.Trace.Select(t => t.Kind);

    public static IEnumerable<StepReason> Reasons(SelectionResult r) => r.Trace.Select(t => t.Reason);

    /// <summary>The one step of <paramref name="kind"/> in the trace.</summary>
    public static TraceStep Step(SelectionResult r, StepKind kind) => Assert.Single(r.Trace, t => t.Kind == kind);

    /// <summary>Every fact of the trace in one string, so two traces compare by content (records holding arrays compare by reference).</summary>
    public static string AllTraceFacts(SelectionResult r) =>
        string.Join("\n", r.Trace.Select(t => $"{t.Number} {t.Kind} {t.Reason} {t.Event} | {string.Join("; ", t.Reads.Select(v => $"{v.Of}{v.Field}={Describe(v.Value)}"))}"));

    private static string Describe(TraceValue value) => value switch
    {
        ListValue { Items: { } items } => "[" + string.Join(",", items.Select(Describe)) + "]",
        CandidateValue c => $"{c.Thumbprint}:{string.Join(",", c.Refused)}:{string.Join(",", c.Unknowns)}",
        _ => value.ToString(),
    };
}
