using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;

namespace Extls.Planning;

/// <summary>Get- and Set-ReceiveConnector, Get- and Set-SendConnector.</summary>
internal sealed partial class PlanRunner
{
    private Value GetReceiveConnector(Bound bound, Value? input)
    {
        if (input is not null)
        {
            throw Fail(bound.Command, "Get-ReceiveConnector takes no pipeline input here.");
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
            null => Text(bound, "Identity") ?? throw Fail(bound.Command, "Set-ReceiveConnector needs -Identity, or a connector from Get-ReceiveConnector in the pipeline."),
            _ => throw Fail(bound.Command, $"Set-ReceiveConnector takes receive connectors from the pipeline, not {Kind(input)}."),
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
        Edit("TlsCertificateName", c => c.TlsCertificateName, (c, v) => c with { TlsCertificateName = v }, () => Text(bound, "TlsCertificateName") ?? "", v => v);
        Edit("Fqdn", c => c.Fqdn, (c, v) => c with { Fqdn = v }, () => Text(bound, "Fqdn") ?? "", v => v);
        Edit("RequireTLS", c => c.RequireTls, (c, v) => c with { RequireTls = v }, () => Boolean(bound, "RequireTLS"), Show);
        Edit("SuppressXAnonymousTls", c => c.SuppressXAnonymousTls, (c, v) => c with { SuppressXAnonymousTls = v }, () => Boolean(bound, "SuppressXAnonymousTls"), Show);
        Edit("Enabled", c => c.Enabled, (c, v) => c with { Enabled = v }, () => Boolean(bound, "Enabled"), Show);
        Edit("TlsDomainCapabilities", c => c.TlsDomainCapabilities, (c, v) => c with { TlsDomainCapabilities = v },
            () => Texts(bound, "TlsDomainCapabilities") is { Length: > 0 } t ? string.Join(",", t) : "", v => v);
        Edit("Bindings", c => c.Bindings, (c, v) => c with { Bindings = v }, () => (ImmutableArray<string>?)Texts(bound, "Bindings"), v => v is { } b ? string.Join(", ", b) : null);
        Edit("TransportRole", c => c.TransportRole, (c, v) => c with { TransportRole = v }, () => (ConnectorTransportRole?)Flags<ConnectorTransportRole>(bound, "TransportRole"), v => v?.ToString());
        Edit("Name", c => c.Name, (c, v) => c with { Name = v, Identity = $"{c.Server}\\{v}" },
            () => Text(bound, "Name") is { Length: > 0 } n ? n : throw Fail(bound["Name"]!.At, "-Name cannot be empty."), v => v);
        if (bound["RemoteIPRanges"] is { } ranges)
        {
            // Which connector answers a session by the sender's address is not replayed from the snapshot yet.
            Note(ChangeKind.ParameterIgnored, ranges.At, bound.Spec.Name, server.Name, before.Identity, "RemoteIPRanges");
        }

        if (after.Name != before.Name && server.ReceiveConnectors.Items.Any(c => !ReferenceEquals(c, before) && NameOrder.Same(c.Name, after.Name)))
        {
            throw Fail(bound["Name"]!.At, $"{server.Name} already has a receive connector named '{after.Name}'.");
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
            throw Fail(bound.Command, "Get-SendConnector takes no pipeline input here.");
        }

        if (Text(bound, "Identity") is { } identity)
        {
            return new SendConnectorObject(FindSend(identity, bound.Command).Identity);
        }

        if (!Snapshot.SendConnectors.IsKnown)
        {
            throw Fail(bound.Command, "The send connectors were not collected.");
        }

        return new ListValue([.. Snapshot.SendConnectors.Items.Select(c => (Value)new SendConnectorObject(c.Identity))]);
    }

    private Value SetSendConnector(Bound bound, Value? input)
    {
        var identity = input switch
        {
            SendConnectorObject s => s.Identity,
            null => Text(bound, "Identity") ?? throw Fail(bound.Command, "Set-SendConnector needs -Identity, or a connector from Get-SendConnector in the pipeline."),
            _ => throw Fail(bound.Command, $"Set-SendConnector takes send connectors from the pipeline, not {Kind(input)}."),
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
        Edit("TlsCertificateName", c => c.TlsCertificateName, (c, v) => c with { TlsCertificateName = v }, () => Text(bound, "TlsCertificateName") ?? "", v => v);
        Edit("Fqdn", c => c.Fqdn, (c, v) => c with { Fqdn = v }, () => Text(bound, "Fqdn") ?? "", v => v);
        Edit("RequireTLS", c => c.RequireTls, (c, v) => c with { RequireTls = v }, () => Boolean(bound, "RequireTLS"), Show);
        Edit("TlsAuthLevel", c => c.TlsAuthLevel, (c, v) => c with { TlsAuthLevel = v },
            () => ValueOf(bound, "TlsAuthLevel") is NullValue ? null : (TlsAuthLevel?)Flags<TlsAuthLevel>(bound, "TlsAuthLevel"), v => v?.ToString());
        Edit("TlsDomain", c => c.TlsDomain, (c, v) => c with { TlsDomain = v }, () => Text(bound, "TlsDomain") ?? "", v => v);
        Edit("CloudServicesMailEnabled", c => c.CloudServicesMailEnabled, (c, v) => c with { CloudServicesMailEnabled = v }, () => Boolean(bound, "CloudServicesMailEnabled"), Show);
        Edit("Enabled", c => c.Enabled, (c, v) => c with { Enabled = v }, () => Boolean(bound, "Enabled"), Show);
        Edit("Name", c => c.Name, (c, v) => c with { Name = v, Identity = v },
            () => Text(bound, "Name") is { Length: > 0 } n ? n : throw Fail(bound["Name"]!.At, "-Name cannot be empty."), v => v);
        if (bound["IgnoreSTARTTLS"] is { } ignore)
        {
            // The snapshot does not record IgnoreSTARTTLS yet, so nothing the replay reads changes with it.
            Note(ChangeKind.ParameterIgnored, ignore.At, bound.Spec.Name, null, before.Identity, "IgnoreSTARTTLS");
        }

        if (after.Name != before.Name && Snapshot.SendConnectors.Items.Any(c => !ReferenceEquals(c, before) && NameOrder.Same(c.Name, after.Name)))
        {
            throw Fail(bound["Name"]!.At, $"There already is a send connector named '{after.Name}'.");
        }

        Snapshot = Snapshot with { SendConnectors = Snapshot.SendConnectors with { Items = Snapshot.SendConnectors.Items.Replace(before, after) } };
        foreach (var (property, old, value) in edits)
        {
            Note(ChangeKind.SendConnectorChanged, bound.Command, bound.Spec.Name, null, before.Identity, property, old, value);
        }

        return new SendConnectorObject(after.Identity);
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
