using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;

namespace Extls.Planning;

/// <summary>Get- and Set-ReceiveConnector, Get- and Set-SendConnector, Set-HybridConfiguration.</summary>
internal sealed partial class PlanRunner
{
    private Value GetReceiveConnector(Bound bound, Value? input)
    {
        if (input is not null)
        {
            throw Fail(bound.Command, PlanProblemKind.NoPipelineInput, new() { Command = bound.Spec.Name });
        }

        if (Text(bound, "Identity") is { } identity)
        {
            return new ReceiveConnectorObject(FindReceive(identity, bound.Command).Connector.Identity);
        }

        IEnumerable<ServerSnapshot> servers = Text(bound, "Server") is { } s ? [Server(s, bound["Server"]!.At)] : Snapshot.Servers;
        return new ListValue([.. servers.Where(x => x.ReceiveConnectors.IsKnown).SelectMany(x => x.ReceiveConnectors.Items).Select(c => (Value)new ReceiveConnectorObject(c.Identity))]);
    }

    private Value SetReceiveConnector(Bound bound, Value? input)
    {
        var identity = input switch
        {
            ReceiveConnectorObject r => r.Identity,
            null => Text(bound, "Identity") ?? throw Fail(bound.Command, PlanProblemKind.ReceiveConnectorIdentityMissing),
            _ => throw Fail(bound.Command, PlanProblemKind.WrongPipelineInput, new() { Command = bound.Spec.Name, Takes = PlanObjectKind.ReceiveConnector, Object = Kind(input) }),
        };
        var (server, before) = FindReceive(identity, bound.Command);
        var after = before;
        var edits = new List<(string Property, string? Before, string? After)>();

        void Edit<T>(string parameter, Func<ReceiveConnector, T> get, Func<ReceiveConnector, T, ReceiveConnector> set, Func<T> read, Func<T, string?> show)
        {
            if (!bound.Has(parameter))
            {
                return;
            }

            var value = read();
            var old = get(after);
            after = set(after, value);
            edits.Add((parameter, show(old), show(value)));
        }

        Edit("AuthMechanism", c => c.AuthMechanism, (c, v) => c with { AuthMechanism = v }, () => (ReceiveAuthMechanism?)Flags<ReceiveAuthMechanism>(bound, "AuthMechanism"), v => v?.ToString());
        Edit("PermissionGroups", c => c.PermissionGroups, (c, v) => c with { PermissionGroups = v }, () => (PermissionGroups?)Flags<PermissionGroups>(bound, "PermissionGroups"), v => v?.ToString());
        Edit("TlsCertificateName", c => c.TlsCertificateName, (c, v) => c with { TlsCertificateName = v }, () => CertificateName(bound), v => v);
        Edit("Fqdn", c => c.Fqdn, (c, v) => c with { Fqdn = v }, () => Text(bound, "Fqdn") ?? "", v => v);
        Edit("RequireTLS", c => c.RequireTls, (c, v) => c with { RequireTls = v }, () => Boolean(bound, "RequireTLS"), Show);
        Edit("SuppressXAnonymousTls", c => c.SuppressXAnonymousTls, (c, v) => c with { SuppressXAnonymousTls = v }, () => Boolean(bound, "SuppressXAnonymousTls"), Show);
        Edit("Enabled", c => c.Enabled, (c, v) => c with { Enabled = v }, () => Boolean(bound, "Enabled"), Show);
        Edit("TlsDomainCapabilities", c => c.TlsDomainCapabilities, (c, v) => c with { TlsDomainCapabilities = v },
            () => Texts(bound, "TlsDomainCapabilities") is { Length: > 0 } t ? string.Join(",", t) : "", v => v);
        Edit("Bindings", c => c.Bindings, (c, v) => c with { Bindings = v }, () => (ImmutableArray<IPBinding>?)Parsed<IPBinding>(bound, "Bindings", IPBinding.TryParse, PlanExpectedValue.Binding),
            v => v is { } b ? string.Join(", ", b) : null);
        Edit("RemoteIPRanges", c => c.RemoteIPRanges, (c, v) => c with { RemoteIPRanges = v }, () => (ImmutableArray<IPRange>?)Parsed<IPRange>(bound, "RemoteIPRanges", IPRange.TryParse, PlanExpectedValue.IpRange),
            v => v is { } r ? string.Join(", ", r) : null);
        Edit("DomainSecureEnabled", c => c.DomainSecureEnabled, (c, v) => c with { DomainSecureEnabled = v }, () => Boolean(bound, "DomainSecureEnabled"), Show);
        Edit("TransportRole", c => c.TransportRole, (c, v) => c with { TransportRole = v }, () => (ConnectorTransportRole?)Flags<ConnectorTransportRole>(bound, "TransportRole"), v => v?.ToString());
        Edit("Name", c => c.Name, (c, v) => c with { Name = v, Identity = $"{c.Server}\\{v}" },
            () => Text(bound, "Name") is { Length: > 0 } n ? n : throw Fail(bound["Name"]!.At, PlanProblemKind.NameEmpty), v => v);
        if (after.Name != before.Name && server.ReceiveConnectors.Items.Any(c => !ReferenceEquals(c, before) && NameOrder.Same(c.Name, after.Name)))
        {
            throw Fail(bound["Name"]!.At, PlanProblemKind.ReceiveConnectorNameTaken, new() { Name = server.Name, Value = after.Name });
        }

        Replace(server, server with { ReceiveConnectors = server.ReceiveConnectors with { Items = server.ReceiveConnectors.Items.Replace(before, after) } });
        foreach (var (property, old, value) in edits)
        {
            Note(ChangeKind.ReceiveConnectorChanged, bound.Command, bound.Spec.Name, server.Name, before.Identity, property, old, value);
        }

        return new ReceiveConnectorObject(after.Identity);
    }

    private static string? Show(bool? value) => value switch
    {
        null => null,
        true => "$true",
        false => "$false",
    };

    private Value GetSendConnector(Bound bound, Value? input)
    {
        if (input is not null)
        {
            throw Fail(bound.Command, PlanProblemKind.NoPipelineInput, new() { Command = bound.Spec.Name });
        }

        if (Text(bound, "Identity") is { } identity)
        {
            return new SendConnectorObject(FindSend(identity, bound.Command).Identity);
        }

        if (!Snapshot.SendConnectors.IsKnown)
        {
            throw Fail(bound.Command, PlanProblemKind.SendConnectorListNotCollected);
        }

        return new ListValue([.. Snapshot.SendConnectors.Items.Select(c => (Value)new SendConnectorObject(c.Identity))]);
    }

    private Value SetSendConnector(Bound bound, Value? input)
    {
        var identity = input switch
        {
            SendConnectorObject s => s.Identity,
            null => Text(bound, "Identity") ?? throw Fail(bound.Command, PlanProblemKind.SendConnectorIdentityMissing),
            _ => throw Fail(bound.Command, PlanProblemKind.WrongPipelineInput, new() { Command = bound.Spec.Name, Takes = PlanObjectKind.SendConnector, Object = Kind(input) }),
        };
        var before = FindSend(identity, bound.Command);
        var after = before;
        var edits = new List<(string Property, string? Before, string? After)>();

        void Edit<T>(string parameter, Func<SendConnector, T> get, Func<SendConnector, T, SendConnector> set, Func<T> read, Func<T, string?> show)
        {
            if (!bound.Has(parameter))
            {
                return;
            }

            var value = read();
            var old = get(after);
            after = set(after, value);
            edits.Add((parameter, show(old), show(value)));
        }

        static string? List(ImmutableArray<string>? values) => values is { } v ? string.Join(", ", v) : null;
        Edit("AddressSpaces", c => c.AddressSpaces, (c, v) => c with { AddressSpaces = v }, () => (ImmutableArray<string>?)Texts(bound, "AddressSpaces"), List);
        Edit("SmartHosts", c => c.SmartHosts, (c, v) => c with { SmartHosts = v }, () => (ImmutableArray<string>?)Texts(bound, "SmartHosts"), List);
        Edit("SourceTransportServers", c => c.SourceTransportServers, (c, v) => c with { SourceTransportServers = v },
            () => (ImmutableArray<string>?)[.. Texts(bound, "SourceTransportServers").Select(s => Server(s, bound["SourceTransportServers"]!.At).Name)], List);
        Edit("SmartHostAuthMechanism", c => c.SmartHostAuthMechanism, (c, v) => c with { SmartHostAuthMechanism = v },
            () => (SmartHostAuthMechanism?)Flags<SmartHostAuthMechanism>(bound, "SmartHostAuthMechanism"), v => v?.ToString());
        Edit("TlsCertificateName", c => c.TlsCertificateName, (c, v) => c with { TlsCertificateName = v }, () => CertificateName(bound), v => v);
        Edit("Fqdn", c => c.Fqdn, (c, v) => c with { Fqdn = v }, () => Text(bound, "Fqdn") ?? "", v => v);
        Edit("RequireTLS", c => c.RequireTls, (c, v) => c with { RequireTls = v }, () => Boolean(bound, "RequireTLS"), Show);
        Edit("TlsAuthLevel", c => c.TlsAuthLevel, (c, v) => c with { TlsAuthLevel = v },
            () => ValueOf(bound, "TlsAuthLevel") is NullValue ? null : (TlsAuthLevel?)Flags<TlsAuthLevel>(bound, "TlsAuthLevel"), v => v?.ToString());
        Edit("TlsDomain", c => c.TlsDomain, (c, v) => c with { TlsDomain = v }, () => Text(bound, "TlsDomain") ?? "", v => v);
        Edit("CloudServicesMailEnabled", c => c.CloudServicesMailEnabled, (c, v) => c with { CloudServicesMailEnabled = v }, () => Boolean(bound, "CloudServicesMailEnabled"), Show);
        Edit("Enabled", c => c.Enabled, (c, v) => c with { Enabled = v }, () => Boolean(bound, "Enabled"), Show);
        Edit("Name", c => c.Name, (c, v) => c with { Name = v, Identity = v },
            () => Text(bound, "Name") is { Length: > 0 } n ? n : throw Fail(bound["Name"]!.At, PlanProblemKind.NameEmpty), v => v);
        Edit("IgnoreSTARTTLS", c => c.IgnoreStartTls, (c, v) => c with { IgnoreStartTls = v }, () => Boolean(bound, "IgnoreSTARTTLS"), Show);
        Edit("Port", c => c.Port, (c, v) => c with { Port = v }, () => ValueOf(bound, "Port") switch
        {
            NumberValue { Number: >= 1 and <= 65535 } n => (int)n.Number,
            TextValue t when int.TryParse(t.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535 => p,
            _ => throw Fail(bound["Port"]!.At, PlanProblemKind.PortInvalid),
        }, v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Edit("DNSRoutingEnabled", c => c.DnsRoutingEnabled, (c, v) => c with { DnsRoutingEnabled = v }, () => Boolean(bound, "DNSRoutingEnabled"), Show);
        Edit("FrontendProxyEnabled", c => c.FrontendProxyEnabled, (c, v) => c with { FrontendProxyEnabled = v }, () => Boolean(bound, "FrontendProxyEnabled"), Show);
        Edit("DomainSecureEnabled", c => c.DomainSecureEnabled, (c, v) => c with { DomainSecureEnabled = v }, () => Boolean(bound, "DomainSecureEnabled"), Show);
        Edit("SourceIPAddress", c => c.SourceIPAddress, (c, v) => c with { SourceIPAddress = v },
            () => IPAddresses.TryParse(Text(bound, "SourceIPAddress"), out var a) ? a : throw Fail(bound["SourceIPAddress"]!.At, PlanProblemKind.SourceIpAddressInvalid),
            v => v?.ToString());

        if (after.Name != before.Name && Snapshot.SendConnectors.Items.Any(c => !ReferenceEquals(c, before) && NameOrder.Same(c.Name, after.Name)))
        {
            throw Fail(bound["Name"]!.At, PlanProblemKind.SendConnectorNameTaken, new() { Value = after.Name });
        }

        Snapshot = Snapshot with { SendConnectors = Snapshot.SendConnectors with { Items = Snapshot.SendConnectors.Items.Replace(before, after) } };
        foreach (var (property, old, value) in edits)
        {
            Note(ChangeKind.SendConnectorChanged, bound.Command, bound.Spec.Name, null, before.Identity, property, old, value);
        }

        return new SendConnectorObject(after.Identity);
    }

    /// <summary>
    /// -TlsCertificateName as Exchange binds it: "&lt;I&gt;issuer&lt;S&gt;subject", or $null / "" to clear it. Anything else
    /// Exchange refuses before the command runs, so the plan could not be run as written.
    /// </summary>
    private string CertificateName(Bound bound)
    {
        var text = Text(bound, "TlsCertificateName") ?? "";
        return TlsCertificateNames.IsMalformed(text)
            ? throw Fail(bound["TlsCertificateName"]!.At, PlanProblemKind.CertificateNameMalformed, new() { Value = text })
            : text;
    }

    private delegate bool TryParser<T>(string? text, out T value);

    /// <summary>A multi-valued parameter whose items parse to <typeparamref name="T"/>; an item that does not is a problem naming it.</summary>
    private ImmutableArray<T> Parsed<T>(Bound bound, string name, TryParser<T> parse, PlanExpectedValue what)
    {
        var parsed = ImmutableArray.CreateBuilder<T>();
        foreach (var text in Texts(bound, name))
        {
            parsed.Add(parse(text, out var value) ? value : throw Fail(bound[name]!.At, PlanProblemKind.ValueNotParsed, new() { Value = text, Parameter = name, Expected = what }));
        }

        return parsed.ToImmutable();
    }

    private Value SetHybridConfiguration(Bound bound, Value? input)
    {
        if (input is not null)
        {
            throw Fail(bound.Command, PlanProblemKind.NoPipelineInput, new() { Command = bound.Spec.Name });
        }

        var section = Snapshot.HybridConfigurations;
        if (!section.IsKnown || section.Items.IsDefaultOrEmpty)
        {
            throw Fail(bound.Command, section.IsKnown ? PlanProblemKind.NoHybridConfiguration : PlanProblemKind.HybridConfigurationNotCollected);
        }

        var before = section.Items[0];
        var after = before;
        var edits = new List<(string Property, string? Before, string? After)>();
        void Edit(string parameter, Func<HybridConfiguration, string?> get, Func<HybridConfiguration, HybridConfiguration> set)
        {
            if (!bound.Has(parameter))
            {
                return;
            }

            var old = get(after);
            after = set(after);
            edits.Add((parameter, old, get(after)));
        }

        static string? List(ImmutableArray<string>? values) => values is { } v ? string.Join(", ", v) : null;
        ImmutableArray<string> Servers(string parameter) => [.. Texts(bound, parameter).Select(s => Server(s, bound[parameter]!.At).Name)];
        Edit("TlsCertificateName", h => h.TlsCertificateName, h => h with { TlsCertificateName = CertificateName(bound) });
        Edit("SendingTransportServers", h => List(h.SendingTransportServers), h => h with { SendingTransportServers = Servers("SendingTransportServers") });
        Edit("ReceivingTransportServers", h => List(h.ReceivingTransportServers), h => h with { ReceivingTransportServers = Servers("ReceivingTransportServers") });
        Edit("EdgeTransportServers", h => List(h.EdgeTransportServers), h => h with { EdgeTransportServers = Servers("EdgeTransportServers") });
        Edit("Domains", h => List(h.Domains), h => h with { Domains = Texts(bound, "Domains") });
        Edit("Features", h => List(h.Features), h => h with { Features = Texts(bound, "Features") });
        Edit("OnPremisesSmartHost", h => h.OnPremisesSmartHost, h => h with { OnPremisesSmartHost = Text(bound, "OnPremisesSmartHost") ?? "" });
        Snapshot = Snapshot with { HybridConfigurations = section with { Items = section.Items.SetItem(0, after) } };
        foreach (var (property, old, value) in edits)
        {
            Note(ChangeKind.HybridConfigurationChanged, bound.Command, bound.Spec.Name, null, before.Identity, property, old, value);
        }

        return NullValue.Instance;
    }
}
