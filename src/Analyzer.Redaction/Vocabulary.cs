namespace Extls.Redaction;

/// <summary>
/// What redaction keeps because it names no one: the words Exchange and the PKI put into names, the containers of
/// Active Directory's configuration partition, and public domains whose spelling the analysis depends on.
/// </summary>
internal static class Vocabulary
{
    /// <summary>
    /// Words kept inside a name ("Default Frontend EX01", "Contoso Issuing CA 01", "EdgeSync - Default-First-Site-Name to
    /// Internet"): Exchange's own connector and object names, the PKI's, and company-form words. Every other word of a
    /// name is replaced. The replay finds connectors by these words ("Default &lt;server&gt;"), so they must stay.
    /// </summary>
    public static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        // Exchange's connector, service and object names
        "Default", "Frontend", "Client", "Proxy", "Outbound", "Inbound", "Internal", "External", "Receive", "Send",
        "Connector", "Connectors", "Internet", "EdgeSync", "Edge", "Hub", "Transport", "Mailbox", "Exchange", "Microsoft",
        "Office", "365", "Online", "Hybrid", "Configuration", "Organization", "Organisation", "Settings", "Relay",
        "Anonymous", "Partner", "Partners", "Smart", "Host", "Hosts", "SMTP", "Mail", "Protection", "Application",
        "Applications", "App", "Apps", "Printer", "Printers", "Scanner", "Scanners", "Device", "Devices", "Secure",
        "TLS", "SSL", "Auth", "Authentication", "Federation", "Delegation", "Server", "Servers", "Service", "Services",
        "Site", "Sites", "First", "Name", "Routing", "Group", "Groups", "Administrative", "Protocols", "Receive",
        "Recipient", "Recipients", "Policies", "Policy", "Legacy", "New", "Old", "Primary", "Secondary", "Backup",
        "Test", "Testing", "Lab", "Dev", "Development", "Prod", "Production", "Staging", "Web", "WMSvc", "SHA1", "SHA2",
        "SHA256", "IIS", "POP", "IMAP", "UM", "OWA", "EWS", "MAPI", "ActiveSync", "Autodiscover", "Webmail", "Transport",
        "Certificate", "Certificates", "Management", "Shell", "Directory", "Active", "Sync", "Subscription",
        "Unknown", "Local", "Remote", "Incoming", "Outgoing", "Journal", "Journaling", "Archive", "Cloud", "On",
        "Premises", "OnPremises", "Coexistence", "Migration", "Gateway", "Inbox", "Mailboxes", "Notification",
        "FYDIBOHF23SPDLT", "DWBGZMFD01QNBJR", "Schema", "Users", "Computers", "Domain", "Controllers", "System",

        // the PKI's
        "CA", "Root", "Issuing", "Intermediate", "Sub", "Subordinate", "Enterprise", "Certification", "Authority",
        "Trust", "Trusted", "Global", "Public", "Private", "Assurance", "Extended", "Validation", "High", "Secure",
        "RSA", "ECC", "ECDSA", "DV", "OV", "EV", "G1", "G2", "G3", "G4", "TLS", "Server", "Network", "Networks",
        "Services", "Code", "Signing", "Encryption", "Identity", "Self", "Signed",
        "DigiCert", "GeoTrust", "Thawte", "RapidSSL", "Sectigo", "Comodo", "USERTrust", "GlobalSign", "Entrust",
        "GoDaddy", "Starfield", "Let", "Encrypt", "ISRG", "Verisign", "Symantec", "QuoVadis", "Buypass", "Certum",
        "Amazon", "Google", "Baltimore", "CyberTrust", "IdenTrust", "SSL.com", "ZeroSSL", "Actalis", "HARICA",
        "Inc", "Ltd", "LLC", "GmbH", "AG", "SA", "SAS", "KK", "BV", "NV", "AB", "AS", "Oy", "SpA", "Srl", "Pty", "Plc",
        "Corp", "Corporation", "Company", "Co", "Limited", "Holding", "Holdings", "International", "Technologies",
        "Technology", "Solutions", "Systems",

        // joining words
        "to", "from", "for", "and", "of", "the", "via", "with", "by", "at", "in", "on", "or", "a", "an", "all", "only",
        "no", "not", "is", "third", "party", "only",
    };

    /// <summary>Containers and objects of the configuration partition whose names are Exchange's or Windows', not the organisation's.</summary>
    public static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase)
    {
        "Configuration", "Services", "Microsoft Exchange", "Administrative Groups", "Exchange Administrative Group (FYDIBOHF23SPDLT)",
        "Servers", "Protocols", "SMTP Receive Connectors", "Connections", "Routing Groups", "Exchange Routing Group (DWBGZMFD01QNBJR)",
        "Sites", "Default-First-Site-Name", "Schema", "Users", "Computers", "Domain Controllers", "System", "Transport Settings",
        "Hybrid Configuration", "Microsoft Exchange Server Auth Certificate", "Microsoft Exchange", "Exchange Delegation Federation",
        "Federation", "ms-Exch-Exchange-Server", "ms-Exch-Smtp-Receive-Connector", "ms-Exch-Routing-SMTP-Connector", "Inter-Site Transports",
        "IP", "Subnets", "Global Settings", "Microsoft Exchange Autodiscover", "Accepted Domains", "Transport Settings",
        "Edge Transport", "EdgeSyncService", "Configuration Units", "Deleted Objects", "LostAndFound", "Program Data",
        "Microsoft MTA", "Client Access", "Frontend", "Mailbox", "Hub Transport",
    };

    /// <summary>
    /// Public domains kept as they are. Those marked as cloud are where a tenant's name sits in front of the suffix
    /// ("contoso.mail.onmicrosoft.com"): the suffix stays, because the replay recognises Exchange Online by it, and
    /// the tenant's label is replaced.
    /// </summary>
    public static readonly (string Domain, bool Cloud)[] PublicDomains =
    [
        ("mail.protection.outlook.com", true), ("protection.outlook.com", true), ("mail.onmicrosoft.com", true),
        ("onmicrosoft.com", true), ("outlook.com", true), ("office365.com", true), ("office.com", true),
        ("microsoftonline.com", true), ("messaging.microsoft.com", true), ("protection.office365.us", true),
        ("mail.protection.office365.us", true), ("onmicrosoft.us", true), ("partner.outlook.cn", true),
        ("microsoft.com", false), ("windows.net", false), ("digicert.com", false), ("geotrust.com", false),
        ("letsencrypt.org", false), ("sectigo.com", false), ("comodoca.com", false), ("usertrust.com", false),
        ("globalsign.com", false), ("entrust.net", false), ("godaddy.com", false), ("starfieldtech.com", false),
        ("verisign.com", false), ("symantec.com", false), ("thawte.com", false), ("rapidssl.com", false),
        ("amazontrust.com", false), ("pki.goog", false), ("identrust.com", false), ("quovadisglobal.com", false),
    ];

    /// <summary>Second-level labels under a two-letter country code that are part of the public suffix ("co.uk", "co.jp", "com.au").</summary>
    public static readonly HashSet<string> SecondLevel = new(StringComparer.OrdinalIgnoreCase)
    {
        "co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go", "gr", "lg", "ed", "ad", "gob", "mil", "nic", "ltd", "plc", "sch", "nhs", "gv",
    };

    /// <summary>File name endings that make a dotted word a file, not a host ("ExchangeCertificate.json").</summary>
    public static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "json", "xml", "csv", "log", "ps1", "psm1", "psd1", "txt", "exe", "dll", "zip", "yaml", "yml", "md", "html", "htm",
        "sarif", "pfx", "cer", "crt", "p7b", "req", "ini", "config", "msc", "evtx", "etl", "cmd", "bat",
    };
}
