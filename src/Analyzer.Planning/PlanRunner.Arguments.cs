using System.Collections.Immutable;
using System.Globalization;
using System.Management.Automation.Language;
using Extls.Model;

namespace Extls.Planning;

/// <summary>Arguments read as the cmdlets' parameter types bind them, and the objects they name.</summary>
internal sealed partial class PlanRunner
{
    private Value? ValueOf(Bound bound, string name) => bound[name] is { Value: { } v } ? Eval(v) : null;

    private string? Text(Bound bound, string name)
    {
        if (bound[name] is not { } a)
        {
            return null;
        }

        var value = a.Value is null ? null : Eval(a.Value);
        return value switch
        {
            null or NullValue => null,
            _ => value.AsText() ?? throw Fail(a.At, PlanProblemKind.ParameterNeedsText, new() { Parameter = a.Spec.Name }),
        };
    }

    /// <summary>A switch: present (or -Name:$true) is on.</summary>
    private bool Switch(Bound bound, string name) =>
        bound[name] is { } a && (a.Value is null || Truth(Eval(a.Value), a.At));

    /// <summary>A Boolean parameter ($true, $false, 1, 0, 'true', 'false').</summary>
    private bool? Boolean(Bound bound, string name) =>
        bound[name] is { Value: { } v } a ? Truth(Eval(v), a.At) : null;

    private static bool Truth(Value value, Ast at) => value switch
    {
        BoolValue b => b.Value,
        NumberValue n => n.Number != 0,
        TextValue t when bool.TryParse(t.Text.TrimStart('$'), out var b) => b,
        _ => throw Fail(at, PlanProblemKind.NotBoolean, new() { Value = Short(at) }),
    };

    /// <summary>A multi-valued parameter: each item of an array, each part of a comma-separated string.</summary>
    private ImmutableArray<string> Texts(Bound bound, string name)
    {
        if (bound[name] is not { Value: { } v } a)
        {
            return [];
        }

        return [.. Eval(v).Items().Select(i => i.AsText() ?? throw Fail(a.At, PlanProblemKind.ParameterNeedsTexts, new() { Parameter = a.Spec.Name })).Select(t => t.Trim()).Where(t => t.Length > 0)];
    }

    /// <summary>An enumeration parameter, by names (case-insensitive, comma-separated or as an array) or numbers, as PowerShell converts them.</summary>
    private TEnum Flags<TEnum>(Bound bound, string name)
        where TEnum : struct, Enum
    {
        var a = bound[name]!;
        var value = a.Value is null ? NullValue.Instance : Eval(a.Value);
        var result = 0L;
        var any = false;
        foreach (var item in value.Items())
        {
            if (item is NumberValue n)
            {
                result |= n.Number;
                any = true;
                continue;
            }

            foreach (var part in (item.AsText() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<TEnum>(part, ignoreCase: true, out var parsed) || long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) && !Enum.IsDefined(parsed))
                {
                    throw Fail(a.At, PlanProblemKind.NotAnEnumValue, new() { Value = part, Parameter = a.Spec.Name, Names = [.. Enum.GetNames<TEnum>()] });
                }

                result |= Convert.ToInt64(parsed, CultureInfo.InvariantCulture);
                any = true;
            }
        }

        if (!any && typeof(TEnum).GetCustomAttributes(typeof(FlagsAttribute), false).Length == 0)
        {
            throw Fail(a.At, PlanProblemKind.EnumNeedsValue, new() { Parameter = a.Spec.Name, Names = [.. Enum.GetNames<TEnum>()] });
        }

        return (TEnum)Enum.ToObject(typeof(TEnum), result);
    }

    // ----- servers -----

    private ServerSnapshot Server(string text, Ast at)
    {
        var name = text.Trim();
        var server = Snapshot.FindServer(name)
            ?? Snapshot.Servers.FirstOrDefault(s => string.Equals(s.Fqdn, name, StringComparison.OrdinalIgnoreCase))
            ?? Snapshot.Servers.FirstOrDefault(s => name.Contains('.', StringComparison.Ordinal) && NameOrder.Same(s.Name, name.Split('.')[0]));
        return server ?? throw Fail(at, PlanProblemKind.UnknownServer, new() { Name = name, Names = [.. Snapshot.Servers.Select(s => s.Name)] });
    }

    /// <summary>
    /// The server a cmdlet runs against: -Server, else the server of the object piped in, else the one server the
    /// thumbprint is on; a cmdlet without -Server otherwise runs wherever the shell is, which the plan does not say.
    /// </summary>
    private ServerSnapshot ServerFor(Bound bound, Value? input, string? thumbprint)
    {
        if (Text(bound, "Server") is { } named)
        {
            return Server(named, bound["Server"]!.At);
        }

        if (input is CertificateObject c)
        {
            return Server(c.Server, bound.Command);
        }

        if (thumbprint is not null)
        {
            var holding = Snapshot.Servers.Where(s => s.Certificates.IsKnown && s.Certificates.Items.Any(x => Thumbprints.AreEqual(x.Thumbprint, thumbprint))).ToList();
            if (holding.Count == 1)
            {
                return holding[0];
            }

            if (holding.Count > 1)
            {
                throw Fail(bound.Command, PlanProblemKind.ServerAmbiguous,
                    new() { Command = bound.Spec.Name, Value = Thumbprints.Normalize(thumbprint), Names = [.. holding.Select(s => s.Name)] });
            }
        }

        var transport = Snapshot.Servers.Where(s => s.Role is TransportServerRole.Mailbox or TransportServerRole.Edge).ToList();
        if (transport.Count == 1)
        {
            return transport[0];
        }

        throw thumbprint is null
            ? Fail(bound.Command, PlanProblemKind.ServerNotGiven, new() { Command = bound.Spec.Name })
            : Fail(bound.Command, PlanProblemKind.ServerNotGivenThumbprintUnknown, new() { Command = bound.Spec.Name, Value = Thumbprints.Normalize(thumbprint) });
    }

    private static ImmutableArray<StoreCertificate> Store(ServerSnapshot server, Ast at) =>
        server.Certificates.IsKnown
            ? server.Certificates.Items
            : throw Fail(at, PlanProblemKind.StoreNotCollected, new() { Name = server.Name });

    private void Replace(ServerSnapshot before, ServerSnapshot after)
    {
        var index = Snapshot.Servers.IndexOf(before);
        if (index < 0)
        {
            throw new InvalidOperationException($"{before.Name} is not in the snapshot being changed.");
        }

        Snapshot = Snapshot with { Servers = Snapshot.Servers.SetItem(index, after) };
    }

    private ServerSnapshot Current(string name) => Snapshot.FindServer(name) ?? throw new InvalidOperationException($"{name} left the snapshot.");

    private void SetStore(ServerSnapshot server, ImmutableArray<StoreCertificate> store) =>
        Replace(server, server with { Certificates = server.Certificates with { Items = store } });

    private SourceLocation Here(Ast at) => new(plan.Name, at.Extent.StartLineNumber, "$");

    // ----- connectors -----

    private (ServerSnapshot Server, ReceiveConnector Connector) FindReceive(string identity, Ast at)
    {
        var text = identity.Trim();
        var slash = text.IndexOf('\\', StringComparison.Ordinal);
        IEnumerable<ServerSnapshot> servers = slash > 0 ? [Server(text[..slash], at)] : Snapshot.Servers;
        var name = slash > 0 ? text[(slash + 1)..] : text;
        var found = servers
            .Where(s => s.ReceiveConnectors.IsKnown)
            .SelectMany(s => s.ReceiveConnectors.Items.Where(c => NameOrder.Same(c.Name, name) || NameOrder.Same(c.Identity, text)).Select(c => (Server: s, Connector: c)))
            .ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw Fail(at, PlanProblemKind.UnknownReceiveConnector,
                new() { Name = text, Server = slash > 0 && !Server(text[..slash], at).ReceiveConnectors.IsKnown ? text[..slash] : null }),
            _ => throw Fail(at, PlanProblemKind.ReceiveConnectorAmbiguous, new() { Name = text, Value = name, Names = [.. found.Select(f => f.Server.Name)] }),
        };
    }

    private SendConnector FindSend(string identity, Ast at)
    {
        if (!Snapshot.SendConnectors.IsKnown)
        {
            throw Fail(at, PlanProblemKind.SendConnectorsNotCollected);
        }

        var text = identity.Trim();
        return Snapshot.SendConnectors.Items.FirstOrDefault(c => NameOrder.Same(c.Name, text) || NameOrder.Same(c.Identity, text))
            ?? throw Fail(at, PlanProblemKind.UnknownSendConnector, new() { Name = text });
    }
}
