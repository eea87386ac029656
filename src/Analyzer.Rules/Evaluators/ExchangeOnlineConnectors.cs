using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// The connectors of hybrid mail flow (EXTLS3009–3011): the send connectors to Exchange Online and the
/// receive connectors that accept mail from it.
/// </summary>
internal static class ExchangeOnlineConnectors
{
    /// <summary>
    /// A send connector sends to Exchange Online when CloudServicesMailEnabled is true or a smart host is
    /// under mail.protection.outlook.com, as process 4 step 5 decides (the Hybrid Configuration Wizard's
    /// "Outbound to Office 365" connector has both).
    /// </summary>
    public static bool SendsToExchangeOnline(SendConnector connector) =>
        connector.CloudServicesMailEnabled == true || (connector.SmartHosts ?? []).Any(SmartHosts.IsExchangeOnline);

    /// <summary>
    /// A receive connector accepts mail from Exchange Online when its TlsDomainCapabilities name
    /// mail.protection.outlook.com: the wizard sets "mail.protection.outlook.com:AcceptCloudServicesMail" on the
    /// Front End connector of each receiving transport server, and Exchange Online's certificate is matched on it.
    /// </summary>
    public static bool AcceptsFromExchangeOnline(ReceiveConnector connector) =>
        connector.TlsDomainCapabilities is { } capabilities
        && capabilities.Contains(SmartHosts.ExchangeOnlineSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>What makes the connector send to Exchange Online, for a message: the property, or its smart hosts.</summary>
    public static MessageArgument Why(SendConnector connector) =>
        connector.CloudServicesMailEnabled == true
            ? nameof(SendConnector.CloudServicesMailEnabled)
            : MessageArgument.SortedList((connector.SmartHosts ?? []).Where(SmartHosts.IsExchangeOnline).Select(SmartHosts.Bare));
}
