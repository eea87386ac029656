using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Extls.Planning;

/// <summary>The Exchange Management Shell cmdlets a plan may use, by what they do to the snapshot.</summary>
public enum CmdletKind
{
    EnableExchangeCertificate,
    ImportExchangeCertificate,
    RemoveExchangeCertificate,
    NewExchangeCertificate,
    GetExchangeCertificate,
    SetReceiveConnector,
    GetReceiveConnector,
    SetSendConnector,
    GetSendConnector,
    NewEdgeSubscription,
    RemoveEdgeSubscription,
    GetEdgeSubscription,
    SetHybridConfiguration,

    /// <summary>Reads or shows something and changes nothing the replay reads (Get-TransportService, Format-List, Start-EdgeSynchronization, …).</summary>
    NoEffect,
}

/// <summary>What a parameter does in a rehearsal.</summary>
internal enum ParameterUse
{
    /// <summary>Changes what the replay reads, or names the object that changes.</summary>
    Matters,

    /// <summary>A real parameter of the cmdlet that changes nothing certificate selection depends on; listed in the rehearsal's notes.</summary>
    Ignored,

    /// <summary>-WhatIf: accepted and ignored, since the plan is what will be run.</summary>
    WhatIf,

    /// <summary>-Confirm and -Force: they answer Exchange's prompts (A10).</summary>
    Answers,
}

internal sealed record ParameterSpec(string Name, bool Switch, ParameterUse Use);

/// <summary>One cmdlet: its parameters as the cmdlet reference lists them, the positional ones, and whether it takes -WhatIf.</summary>
internal sealed record CmdletSpec(string Name, CmdletKind Kind, FrozenDictionary<string, ParameterSpec> Parameters, ImmutableArray<string> Positional, bool SupportsWhatIf)
{
    /// <summary>
    /// The parameter a name stands for: its full name, or a prefix only one parameter has, as PowerShell binds them.
    /// Null when none; <paramref name="ambiguous"/> lists the candidates when several share the prefix.
    /// </summary>
    public ParameterSpec? Find(string name, out ImmutableArray<string> ambiguous)
    {
        ambiguous = [];
        if (Parameters.TryGetValue(name, out var exact))
        {
            return exact;
        }

        var matches = Parameters.Values.Where(p => p.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        if (matches.Count > 1)
        {
            ambiguous = [.. matches.Select(m => m.Name)];
            return null;
        }

        return matches.Count == 1 ? matches[0] : null;
    }
}

/// <summary>
/// The catalogue of cmdlets a plan may use, from Microsoft's cmdlet reference: every parameter each one has, so that a
/// misspelt parameter is an error rather than something skipped, and which of them change what the replay reads.
/// </summary>
internal static class Cmdlets
{
    private static readonly string[] Common =
    [
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "ProgressAction",
    ];

    private static readonly FrozenDictionary<string, CmdletSpec> ByName = Build().ToFrozenDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Commands that show or read and change nothing the replay reads. A pipeline made only of them is accepted
    /// whatever its arguments (nothing of it is evaluated); one of them between a producer and a change is not.
    /// </summary>
    private static readonly FrozenSet<string> NoEffectNames = new[]
    {
        "Get-TransportService", "Get-ExchangeServer", "Get-HybridConfiguration", "Get-Queue", "Get-Message", "Get-MessageTrackingLog",
        "Get-ServerComponentState", "Get-ExchangeCertificate", "Get-ReceiveConnector", "Get-SendConnector", "Get-EdgeSubscription",
        "Get-AcceptedDomain", "Get-ChildItem", "Get-Item", "Get-Date", "Get-Service",
        "Format-List", "Format-Table", "Format-Wide", "Select-Object", "Sort-Object", "Where-Object", "ForEach-Object", "Measure-Object",
        "Out-String", "Out-Host", "Out-Null", "Out-File", "Export-Csv", "ConvertTo-Json", "Write-Host", "Write-Output", "Write-Verbose",
        "Write-Warning", "Start-EdgeSynchronization", "Test-EdgeSynchronization", "Retry-Queue", "Resume-Queue", "Start-Sleep",
        "Restart-Service", "Start-Service", "Test-ServiceHealth", "Test-Connection", "Test-NetConnection",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static CmdletSpec? Find(string name) => ByName.GetValueOrDefault(name);

    public static bool HasNoEffect(string name) => NoEffectNames.Contains(name);

    /// <summary>The names of the cmdlets that change something, for messages and documentation.</summary>
    public static IEnumerable<string> Supported => ByName.Values.Where(c => c.Kind != CmdletKind.NoEffect && !c.Name.StartsWith("Get-", StringComparison.Ordinal)).Select(c => c.Name).Order(StringComparer.Ordinal);

    private static IEnumerable<CmdletSpec> Build()
    {
        yield return Spec("Enable-ExchangeCertificate", CmdletKind.EnableExchangeCertificate, ["Thumbprint"], whatIf: true,
            matters: ["Thumbprint", "Identity", "Server", "Services"],
            ignored: ["DoNotRequireSsl", "NetworkServiceAllowed", "DomainController"],
            switches: ["DoNotRequireSsl", "NetworkServiceAllowed", "Force"]);
        yield return Spec("Import-ExchangeCertificate", CmdletKind.ImportExchangeCertificate, [], whatIf: true,
            matters: ["FileData", "FileName", "Password", "Server", "FriendlyName"],
            ignored: ["PrivateKeyExportable", "DomainController"],
            switches: []);
        yield return Spec("Remove-ExchangeCertificate", CmdletKind.RemoveExchangeCertificate, ["Thumbprint"], whatIf: true,
            matters: ["Thumbprint", "Identity", "Server"],
            ignored: ["DomainController"],
            switches: []);
        yield return Spec("New-ExchangeCertificate", CmdletKind.NewExchangeCertificate, [], whatIf: true,
            matters: ["DomainName", "FriendlyName", "GenerateRequest", "IncludeAcceptedDomains", "IncludeAutoDiscover", "IncludeServerFQDN",
                "IncludeServerNetBIOSName", "KeySize", "Server", "Services", "SubjectName", "Instance"],
            ignored: ["BinaryEncoded", "RequestFile", "PrivateKeyExportable", "SubjectKeyIdentifier", "DomainController"],
            switches: ["BinaryEncoded", "GenerateRequest", "IncludeAcceptedDomains", "IncludeAutoDiscover", "IncludeServerFQDN", "IncludeServerNetBIOSName", "Force"]);
        yield return Spec("Get-ExchangeCertificate", CmdletKind.GetExchangeCertificate, ["Thumbprint"], whatIf: false,
            matters: ["Thumbprint", "Identity", "Server"],
            ignored: ["DomainController"],
            switches: []);
        yield return Spec("Set-ReceiveConnector", CmdletKind.SetReceiveConnector, ["Identity"], whatIf: true,
            matters: ["Identity", "AuthMechanism", "PermissionGroups", "TlsCertificateName", "Fqdn", "RequireTLS", "SuppressXAnonymousTls",
                "Enabled", "TlsDomainCapabilities", "Bindings", "TransportRole", "Name", "RemoteIPRanges", "DomainSecureEnabled"],
            ignored:
            [
                "AdvertiseClientSettings", "AuthTarpitInterval", "Banner", "BareLinefeedRejectionEnabled", "BinaryMimeEnabled", "ChunkingEnabled",
                "Comment", "ConnectionInactivityTimeout", "ConnectionTimeout", "DefaultDomain", "DeliveryStatusNotificationEnabled",
                "DomainController", "EightBitMimeEnabled", "EnableAuthGSSAPI", "EnhancedStatusCodesEnabled",
                "ExtendedProtectionPolicy", "LiveCredentialEnabled", "LongAddressesEnabled", "MaxAcknowledgementDelay", "MaxHeaderSize",
                "MaxHopCount", "MaxInboundConnection", "MaxInboundConnectionPercentagePerSource", "MaxInboundConnectionPerSource",
                "MaxLocalHopCount", "MaxLogonFailures", "MaxMessageSize", "MaxProtocolErrors", "MaxRecipientsPerMessage", "MessageRateLimit",
                "MessageRateSource", "OrarEnabled", "PipeliningEnabled", "ProtocolLoggingLevel", "RejectReservedSecondLevelRecipientDomains",
                "RejectReservedTopLevelRecipientDomains", "RejectSingleLabelRecipientDomains", "RequireEHLODomain", "ServiceDiscoveryFqdn",
                "SizeEnabled", "SmtpUtf8Enabled", "TarpitInterval",
            ],
            switches: []);
        yield return Spec("Get-ReceiveConnector", CmdletKind.GetReceiveConnector, ["Identity"], whatIf: false,
            matters: ["Identity", "Server"],
            ignored: ["DomainController"],
            switches: []);
        yield return Spec("Set-SendConnector", CmdletKind.SetSendConnector, ["Identity"], whatIf: true,
            matters: ["Identity", "AddressSpaces", "SmartHosts", "SourceTransportServers", "SmartHostAuthMechanism", "TlsCertificateName", "Fqdn",
                "RequireTLS", "TlsAuthLevel", "TlsDomain", "CloudServicesMailEnabled", "Enabled", "Name", "IgnoreSTARTTLS", "Port",
                "DNSRoutingEnabled", "FrontendProxyEnabled", "DomainSecureEnabled", "SourceIPAddress"],
            ignored:
            [
                "AuthenticationCredential", "Comment", "ConnectionInactivityTimeOut", "ConnectorType", "DomainController",
                "ErrorPolicies", "ForceHELO", "IsCoexistenceConnector", "IsScopedConnector",
                "LinkedReceiveConnector", "MaxMessageSize", "ProtocolLoggingLevel", "RequireOorg",
                "UseExternalDNSServersEnabled", "TlsSendDomainSecureList", "Force",
            ],
            switches: ["Force"]);
        yield return Spec("Get-SendConnector", CmdletKind.GetSendConnector, ["Identity"], whatIf: false,
            matters: ["Identity"],
            ignored: ["DomainController"],
            switches: []);
        yield return Spec("New-EdgeSubscription", CmdletKind.NewEdgeSubscription, [], whatIf: true,
            matters: ["FileName", "FileData", "Site", "CreateInboundSendConnector", "CreateInternetSendConnector"],
            ignored: ["AccountExpiryDuration", "DomainController"],
            switches: ["Force"]);
        yield return Spec("Remove-EdgeSubscription", CmdletKind.RemoveEdgeSubscription, ["Identity"], whatIf: true,
            matters: ["Identity"],
            ignored: ["DomainController", "Force"],
            switches: ["Force"]);
        yield return Spec("Set-HybridConfiguration", CmdletKind.SetHybridConfiguration, [], whatIf: true,
            matters: ["TlsCertificateName", "SendingTransportServers", "ReceivingTransportServers", "EdgeTransportServers", "Domains", "Features", "OnPremisesSmartHost"],
            ignored: ["ClientAccessServers", "DomainController", "ExternalIPAddresses", "Name", "SecureMailCertificateThumbprint", "ServiceInstance", "TransportServers"],
            switches: []);
        yield return Spec("Get-EdgeSubscription", CmdletKind.GetEdgeSubscription, ["Identity"], whatIf: false,
            matters: ["Identity"],
            ignored: ["DomainController"],
            switches: []);
    }

    private static CmdletSpec Spec(string name, CmdletKind kind, string[] positional, bool whatIf, string[] matters, string[] ignored, string[] switches)
    {
        var parameters = new Dictionary<string, ParameterSpec>(StringComparer.OrdinalIgnoreCase);
        bool IsSwitch(string p) => switches.Contains(p, StringComparer.OrdinalIgnoreCase);
        foreach (var p in matters)
        {
            parameters[p] = new ParameterSpec(p, IsSwitch(p), ParameterUse.Matters);
        }

        foreach (var p in ignored)
        {
            parameters.TryAdd(p, new ParameterSpec(p, IsSwitch(p), ParameterUse.Ignored));
        }

        foreach (var p in Common)
        {
            parameters.TryAdd(p, new ParameterSpec(p, Switch: p is "Verbose" or "Debug", ParameterUse.Ignored));
        }

        if (whatIf)
        {
            parameters["WhatIf"] = new ParameterSpec("WhatIf", true, ParameterUse.WhatIf);
            parameters["Confirm"] = new ParameterSpec("Confirm", true, ParameterUse.Answers);
        }

        if (switches.Contains("Force", StringComparer.OrdinalIgnoreCase) && !ignored.Contains("Force", StringComparer.OrdinalIgnoreCase))
        {
            parameters["Force"] = new ParameterSpec("Force", true, ParameterUse.Answers);
        }

        return new CmdletSpec(name, kind, parameters.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), [.. positional], whatIf);
    }
}
