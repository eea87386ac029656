using System.Collections.Immutable;
using System.Net;
using Extls.Model;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Mapping;

/// <summary>
/// Maps the sections the collector added in 1.1.0: the hybrid configuration, the transport configuration,
/// the accepted domains (org/) and each server's resolved addresses (servers/&lt;NAME&gt;/HostAddress).
/// Format-agnostic like <see cref="SectionMapper"/>: the entries come from any file format, already shaped.
/// </summary>
internal static class OrganizationMapper
{
    public const string HybridConfiguration = "HybridConfiguration";
    public const string TransportConfig = "TransportConfig";
    public const string AcceptedDomain = "AcceptedDomain";
    public const string HostAddress = "HostAddress";

    // Resolve-DnsName and [Dns]::GetHostAddresses write the address under different names.
    private static readonly string[] AddressPropertyNames = ["IPAddressToString", "IPAddress", "Address"];

    public static ImmutableArray<HybridConfiguration> HybridConfigurations(IEnumerable<JObject> items, ValueReader r)
    {
        var list = ImmutableArray.CreateBuilder<HybridConfiguration>();
        foreach (var o in items)
        {
            var name = SectionMapper.NullIfEmpty(r.Text(o, "Name"));
            var identity = SectionMapper.NullIfEmpty(r.Text(o, "Identity")) ?? name;
            if (identity is null)
            {
                r.Problem(o, ProblemKind.EntryUnnamed, new() { Entry = EntryKind.HybridConfiguration, Names = ["Identity", "Name"] });
                continue;
            }

            list.Add(new HybridConfiguration
            {
                Identity = identity,
                Name = name,
                TlsCertificateName = r.Text(o, "TlsCertificateName"),
                SendingTransportServers = ServerNames(r.List(o, "SendingTransportServers")),
                ReceivingTransportServers = ServerNames(r.List(o, "ReceivingTransportServers")),
                EdgeTransportServers = ServerNames(r.List(o, "EdgeTransportServers")),
                Domains = r.List(o, "Domains"),
                Features = r.List(o, "Features"),
                OnPremisesSmartHost = r.Text(o, "OnPremisesSmartHost"),
                Location = r.Location(o),
            });
        }

        return list.ToImmutable();
    }

    public static ImmutableArray<TransportConfig> TransportConfigs(IEnumerable<JObject> items, ValueReader r)
    {
        var list = ImmutableArray.CreateBuilder<TransportConfig>();
        foreach (var o in items)
        {
            list.Add(new TransportConfig
            {
                Identity = SectionMapper.NullIfEmpty(r.Text(o, "Identity")) ?? SectionMapper.NullIfEmpty(r.Text(o, "Name")) ?? "Transport Settings",
                TlsSendDomainSecureList = r.List(o, "TLSSendDomainSecureList"),
                TlsReceiveDomainSecureList = r.List(o, "TLSReceiveDomainSecureList"),
                InternalSmtpServers = AddressValues.Ranges(o, "InternalSMTPServers", r),
                Location = r.Location(o),
            });
        }

        return list.ToImmutable();
    }

    public static ImmutableArray<AcceptedDomain> AcceptedDomains(IEnumerable<JObject> items, ValueReader r)
    {
        var list = ImmutableArray.CreateBuilder<AcceptedDomain>();
        foreach (var o in items)
        {
            var domain = SectionMapper.NullIfEmpty(r.Text(o, "DomainName"));
            var name = SectionMapper.NullIfEmpty(r.Text(o, "Name"));
            var identity = SectionMapper.NullIfEmpty(r.Text(o, "Identity")) ?? name ?? domain;
            if (identity is null)
            {
                r.Problem(o, ProblemKind.EntryUnnamed, new() { Entry = EntryKind.AcceptedDomain, Names = ["Identity", "Name", "DomainName"] });
                continue;
            }

            list.Add(new AcceptedDomain
            {
                Identity = identity,
                Name = name,
                DomainName = domain,
                DomainType = (AcceptedDomainType?)r.EnumBits(o, "DomainType", typeof(AcceptedDomainType)),
                Default = r.Bool(o, "Default"),
                Location = r.Location(o),
            });
        }

        return list.ToImmutable();
    }

    /// <summary>The addresses a server's FQDN resolved to, each once (an address repeated keeps its first entry).</summary>
    public static ImmutableArray<HostAddress> HostAddresses(IEnumerable<JObject> items, ValueReader r)
    {
        var list = ImmutableArray.CreateBuilder<HostAddress>();
        var seen = new HashSet<IPAddress>();
        foreach (var o in items)
        {
            var name = AddressPropertyNames.FirstOrDefault(n => PowerShellValues.Has(o, n));
            if (name is null)
            {
                r.Problem(o, ProblemKind.EntryUnnamed, new() { Entry = EntryKind.HostAddress, Names = ["IPAddressToString"] });
                continue;
            }

            if (AddressValues.Address(o, name, r) is not { } address)
            {
                continue;
            }

            if (seen.Add(address))
            {
                list.Add(new HostAddress { HostName = SectionMapper.NullIfEmpty(r.Text(o, "HostName")) ?? SectionMapper.NullIfEmpty(r.Text(o, "Name")), Address = address, Location = r.Location(o) });
            }
        }

        return list.ToImmutable();
    }

    /// <summary>
    /// An ADObjectId of a server as its text: the name from Exchange 2013 on; a canonical path
    /// ("contoso.com/…/EX01") or a distinguished name ("CN=EX01,CN=Servers,…") from older shells.
    /// </summary>
    internal static ImmutableArray<string>? ServerNames(ImmutableArray<string>? values) =>
        values is { } list ? [.. list.Select(ServerName).Where(n => n.Length > 0)] : null;

    internal static string ServerName(string value)
    {
        var v = value.Trim();
        if (v.StartsWith("CN=", StringComparison.OrdinalIgnoreCase) && DistinguishedNames.CommonNameOf(v) is { } cn)
        {
            return cn;
        }

        var slash = v.LastIndexOfAny(['/', '\\']);
        return slash >= 0 ? v[(slash + 1)..].Trim() : v;
    }
}
