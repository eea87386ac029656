#!/usr/bin/env python3
"""Writes hand-made dumps shaped like Windows PowerShell 5.1 output, and their expected.json from selection.md.

Models `Get-X | ConvertTo-Json > file` in Windows PowerShell 5.1 (local Exchange snap-in objects):
depth 2 (deeper values become ToString()), enums as numbers, DateTime as \\/Date(ms)\\/, one result as a bare
object, UTF-16 LE with BOM and CRLF from `>`; one dump via Set-Content (ANSI, cp1252) and one via
Out-File -Encoding utf8 (UTF-8 with BOM). Certificates are real DER made with `cryptography` and a fixed key seed,
so re-running gives the same certificates only if keys are cached: keys are stored in keys/ once made.
"""
import base64, datetime as dt, hashlib, json, os, shutil, uuid
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
UTC = dt.timezone.utc
ORG_DN = "CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com"
AG_DN = "CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups," + ORG_DN
COLLECTED = "2026-05-31T22:00:00Z"
AS_OF = "2026-06-01T00:00:00Z"

def key(name):
    path = os.path.join(HERE, "keys", name + ".pem")
    if os.path.exists(path):
        return serialization.load_pem_private_key(open(path, "rb").read(), None)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    open(path, "wb").write(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return k

def d(s):
    return dt.datetime.fromisoformat(s).replace(tzinfo=UTC)

CA_KEY = key("contoso-ca")
CA_NAME = x509.Name([x509.NameAttribute(NameOID.DOMAIN_COMPONENT, "com"), x509.NameAttribute(NameOID.DOMAIN_COMPONENT, "contoso"),
                     x509.NameAttribute(NameOID.COMMON_NAME, "Contoso-CA")])

def make_cert(kind, srv, nb, na, serial):
    fqdn = srv.lower() + ".contoso.com"
    k = key(f"{srv}-{kind}-{nb[:4]}")
    if kind == "self":
        subj = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, srv)])
        issuer, signer, sans = subj, k, [srv, fqdn]
    else:
        subj = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, fqdn)])
        issuer, signer, sans = CA_NAME, CA_KEY, [fqdn, "mail.contoso.com", "autodiscover.contoso.com"]
    b = (x509.CertificateBuilder().subject_name(subj).issuer_name(issuer).public_key(k.public_key())
         .serial_number(serial).not_valid_before(d(nb)).not_valid_after(d(na))
         .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in sans]), critical=False)
         .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False))
    der = b.sign(signer, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
    return {"der": der, "thumb": hashlib.sha1(der).hexdigest().upper(), "kind": kind, "srv": srv, "fqdn": fqdn,
            "subject": subj.rfc4514_string() if kind == "self" else "CN=" + fqdn,
            "issuer": "CN=" + srv if kind == "self" else "CN=Contoso-CA, DC=contoso, DC=com",
            "nb": d(nb), "na": d(na), "sans": sans, "serial": "%X" % serial,
            "services": 27 if kind == "self" else 24}  # IMAP|POP|IIS|SMTP = 1+2+8+16; IIS|SMTP = 8+16

def msdate(t):
    return "\\/Date(%d)\\/" % int(t.timestamp() * 1000)

def guid(*parts):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))

def adobjectid(dn, name, *seed, level=1):
    # An ADObjectId as ConvertTo-Json -Depth 2 writes it at `level`: below level 2 every nested object is its ToString().
    rdn, parent = dn.split(",", 1)
    def nested(value_dn, value_name):
        return value_dn if level >= 2 else adobjectid(value_dn, value_name, level=level + 1)
    return {"IsDeleted": False,
            "Rdn": rdn if level >= 2 else {"UnescapedName": rdn.split("=", 1)[1], "EscapedName": rdn.split("=", 1)[1], "Prefix": rdn.split("=", 1)[0]},
            "Parent": nested(parent, parent.split(",", 1)[0].split("=", 1)[1]),
            "Depth": dn.count("=") - 1,
            "DistinguishedName": dn, "IsRelativeDn": False,
            "DomainId": "contoso.com" if level >= 2 else adobjectid("DC=contoso,DC=com", "contoso", level=level + 1),
            "PartitionGuid": "59ce2f71-eaa2-4ddf-a4fa-f25069d0b324",
            "PartitionFQDN": "contoso.com", "ObjectGuid": guid(dn, *seed), "Name": name}

def server_dn(srv):
    return f"CN={srv},CN=Servers,{AG_DN}"

def receive_connector(srv, name, port, auth, perms, role, fqdn, suppress=False, tls_name=None):
    dn = f"CN={name},CN=SMTP Receive Connectors,CN=Protocols,{server_dn(srv)}"
    ident = adobjectid(dn, name)
    ident["Name"] = name
    size = {"IsUnlimited": False, "Value": "36 MB (37,748,736 bytes)"}
    return {
        "RunspaceId": "3f6e2b1a-0c4d-4e5f-8a9b-1c2d3e4f5a6b",
        "AuthMechanism": auth, "Banner": None, "BinaryMimeEnabled": True,
        "Bindings": "System.Object[]", "ChunkingEnabled": True, "DefaultDomain": None,
        "DeliveryStatusNotificationEnabled": True, "EightBitMimeEnabled": True, "SmtpUtf8Enabled": True,
        "BareLinefeedRejectionEnabled": False, "DomainSecureEnabled": role == 32, "EnhancedStatusCodesEnabled": True,
        "LongAddressesEnabled": False, "OrarEnabled": False, "SuppressXAnonymousTls": suppress,
        "ProxyEnabled": False, "AdvertiseClientSettings": False,
        "Fqdn": ({"Domain": fqdn, "IsIPv6": False} if fqdn else None),
        "ServiceDiscoveryFqdn": None,
        "TlsCertificateName": tls_name,
        # Non-ASCII text, so that the ANSI (Set-Content) dump really is cp1252 and not ASCII.
        "Comment": "Réception par défaut – géré par l'équipe messagerie" if name.startswith("Default ") else None, "Enabled": True,
        "ConnectionTimeout": {"Ticks": 6000000000, "Days": 0, "Hours": 0, "Milliseconds": 0, "Minutes": 10, "Seconds": 0,
                              "TotalDays": 0.0069444444444444441, "TotalHours": 0.16666666666666666, "TotalMilliseconds": 600000,
                              "TotalMinutes": 10, "TotalSeconds": 600},
        "ConnectionInactivityTimeout": {"Ticks": 3000000000, "Days": 0, "Hours": 0, "Milliseconds": 0, "Minutes": 5, "Seconds": 0,
                                        "TotalDays": 0.0034722222222222220, "TotalHours": 0.083333333333333329, "TotalMilliseconds": 300000,
                                        "TotalMinutes": 5, "TotalSeconds": 300},
        "MessageRateLimit": {"IsUnlimited": True, "Value": None},
        "MessageRateSource": 1,
        "MaxInboundConnection": {"IsUnlimited": False, "Value": 5000},
        "MaxInboundConnectionPerSource": {"IsUnlimited": True, "Value": None},
        "MaxInboundConnectionPercentagePerSource": 100,
        "MaxHeaderSize": {"IsUnlimited": False, "Value": "256 KB (262,144 bytes)"},
        "MaxHopCount": 60, "MaxLocalHopCount": 12, "MaxLogonFailures": 3,
        "MaxMessageSize": size,
        "MaxProtocolErrors": {"IsUnlimited": False, "Value": 5},
        "MaxRecipientsPerMessage": 5000,
        "PermissionGroups": perms, "PipeliningEnabled": True, "ProtocolLoggingLevel": 0,
        "RemoteIPRanges": "System.Object[]", "RequireEHLODomain": False, "RequireTLS": False,
        "EnableAuthGSSAPI": False, "ExtendedProtectionPolicy": 0, "LiveCredentialEnabled": False,
        "TlsDomainCapabilities": [], "Server": adobjectid(server_dn(srv), srv),
        "TransportRole": role, "RejectReservedTopLevelRecipientDomains": False, "RejectReservedSecondLevelRecipientDomains": False,
        "RejectSingleLabelRecipientDomains": False, "SizeEnabled": 1, "TarpitInterval": {"Ticks": 50000000, "Days": 0, "Hours": 0,
        "Milliseconds": 0, "Minutes": 0, "Seconds": 5, "TotalDays": 5.7870370370370366E-05, "TotalHours": 0.0013888888888888889,
        "TotalMilliseconds": 5000, "TotalMinutes": 0.083333333333333329, "TotalSeconds": 5},
        "MaxAcknowledgementDelay": {"Ticks": 300000000, "Days": 0, "Hours": 0, "Milliseconds": 0, "Minutes": 0, "Seconds": 30,
        "TotalDays": 0.00034722222222222224, "TotalHours": 0.0083333333333333332, "TotalMilliseconds": 30000, "TotalMinutes": 0.5, "TotalSeconds": 30},
        "AdminDisplayName": None, "ExchangeVersion": {"ExchangeBuild": "0.1 (8.0.535.0)", "IsOlderThan": None},
        "Name": name, "DistinguishedName": dn, "Identity": ident,
        "Guid": ident["ObjectGuid"], "ObjectCategory": {"IsDeleted": False, "Rdn": "CN=ms-Exch-Smtp-Receive-Connector",
            "Parent": "CN=Schema,CN=Configuration,DC=contoso,DC=com", "Depth": 4,
            "DistinguishedName": "CN=ms-Exch-Smtp-Receive-Connector,CN=Schema,CN=Configuration,DC=contoso,DC=com",
            "IsRelativeDn": False, "DomainId": "contoso.com", "PartitionGuid": "59ce2f71-eaa2-4ddf-a4fa-f25069d0b324",
            "PartitionFQDN": "contoso.com", "ObjectGuid": "00000000-0000-0000-0000-000000000000", "Name": "ms-Exch-Smtp-Receive-Connector"},
        "ObjectClass": ["top", "msExchSmtpReceiveConnector"],
        "WhenChanged": msdate(d("2026-01-15T09:12:44")), "WhenCreated": msdate(d("2023-02-01T10:03:11")),
        "WhenChangedUTC": msdate(d("2026-01-15T09:12:44")), "WhenCreatedUTC": msdate(d("2023-02-01T10:03:11")),
        "OrganizationId": "", "Id": ident, "OriginatingServer": "dc01.contoso.com", "IsValid": True, "ObjectState": 0,
    }

def connectors(srv, case):
    fqdn = srv.lower() + ".contoso.com"
    default_auth = 31  # Tls|Integrated|BasicAuth|BasicAuthRequireTLS|ExchangeServer = 1+2+4+8+16
    if case == "no-exchangeserver-auth" and srv == "EX02":
        default_auth = 15
    return [
        receive_connector(srv, f"Default {srv}", 2525, default_auth, 14, 32, fqdn, suppress=(case == "suppressed" and srv == "EX02")),
        receive_connector(srv, f"Client Proxy {srv}", 465, 23, 6, 32, fqdn),
        receive_connector(srv, f"Default Frontend {srv}", 25, 31, 13, 16384, fqdn,
                          tls_name={"CertificateIssuer": "CN=Contoso-CA, DC=contoso, DC=com", "CertificateSubject": "CN=" + fqdn}),
        receive_connector(srv, f"Outbound Proxy Frontend {srv}", 717, 31, 12, 16384, fqdn),
        receive_connector(srv, f"Client Frontend {srv}", 587, 15, 2, 16384, fqdn),
    ]

def exchange_certificate(c):
    dn_srv = server_dn(c["srv"])
    return {
        "AccessRules": "System.Security.AccessControl.CryptoKeyAccessRule[]" if False else ["System.Security.AccessControl.CryptoKeyAccessRule",
                        "System.Security.AccessControl.CryptoKeyAccessRule"],
        # SmtpDomainWithSubdomains at depth 2: its SmtpDomain (depth 3) is already a ToString().
        "CertificateDomains": [{"IncludeSubDomains": False, "IsStar": False, "Address": n, "Domain": n, "SmtpDomain": n} for n in c["sans"]],
        "HasPrivateKey": True, "IsSelfSigned": c["kind"] == "self",
        "Issuer": c["issuer"], "NotAfter": msdate(c["na"]), "NotBefore": msdate(c["nb"]),
        "PublicKeySize": 2048, "RootCAType": 3 if c["kind"] == "self" else 1,
        "SerialNumber": c["serial"], "Services": c["services"], "Status": 1,  # CertificateStatus.Valid
        "Subject": c["subject"], "Thumbprint": c["thumb"],
        "Identity": c["srv"] + "\\" + c["thumb"],
        "IisServices": [], "IsElevated": False, "PrivateKeyExportable": False,
        "ServicesStringForm": "IP.WS" if c["kind"] == "self" else ".WS..",
        "EnhancedKeyUsageList": ["Server Authentication (1.3.6.1.5.5.7.3.1)"],
        "DirectoryPrivateKeyPublicKeyPresent": False, "FriendlyName": "Microsoft Exchange" if c["kind"] == "self" else "",
        "KeyIdentifier": hashlib.sha1(c["der"][:64]).hexdigest().upper(),
        "Archived": False, "Extensions": ["System.Security.Cryptography.Oid", "System.Security.Cryptography.Oid"],
        "IssuerName": {"Name": c["issuer"], "Oid": "System.Security.Cryptography.Oid", "RawData": [48, 0]},
        "PrivateKey": "System.Security.Cryptography.RSACryptoServiceProvider",
        "PublicKey": {"EncodedKeyValue": "System.Security.Cryptography.AsnEncodedData", "EncodedParameters": "System.Security.Cryptography.AsnEncodedData",
                      "Key": "System.Security.Cryptography.RSACryptoServiceProvider", "Oid": "System.Security.Cryptography.Oid"},
        "RawData": list(c["der"]),
        "SignatureAlgorithm": {"Value": "1.2.840.113549.1.1.11", "FriendlyName": "sha256RSA"},
        "SubjectName": {"Name": c["subject"], "Oid": "System.Security.Cryptography.Oid", "RawData": [48, 0]},
        "Version": 3, "Handle": {"value": 2374658473296},
    }

def transport_service(srv, thumb):
    dn = server_dn(srv)
    return {"RunspaceId": "3f6e2b1a-0c4d-4e5f-8a9b-1c2d3e4f5a6b", "Name": srv,
            "AntispamAgentsEnabled": False, "ConnectivityLogEnabled": True,
            "ExternalDNSAdapterEnabled": True, "ExternalDNSAdapterGuid": "00000000-0000-0000-0000-000000000000",
            "ExternalDNSProtocolOption": 0, "ExternalDNSServers": [], "ExternalIPAddress": None,
            "InternalDNSAdapterEnabled": True, "InternalDNSServers": [],
            "InternalTransportCertificateThumbprint": thumb,
            "IntraOrgConnectorProtocolLoggingLevel": 1, "MaxConcurrentMailboxDeliveries": 20, "MaxConcurrentMailboxSubmissions": 20,
            "MaxOutboundConnections": {"IsUnlimited": False, "Value": 1000},
            "MaxPerDomainOutboundConnections": {"IsUnlimited": False, "Value": 20},
            "MessageExpirationTimeout": {"Ticks": 17280000000000, "Days": 2, "Hours": 0, "Milliseconds": 0, "Minutes": 0, "Seconds": 0,
                                         "TotalDays": 2, "TotalHours": 48, "TotalMilliseconds": 172800000, "TotalMinutes": 2880, "TotalSeconds": 172800},
            "ReceiveProtocolLogPath": "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\Hub\\ProtocolLog\\SmtpReceive",
            "SendProtocolLogPath": "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\Hub\\ProtocolLog\\SmtpSend",
            "TransportSyncEnabled": False, "UseDowngradedExchangeServerAuth": False,
            "ExchangeVersion": {"ExchangeBuild": "0.1 (8.0.535.0)", "IsOlderThan": None},
            "DistinguishedName": dn, "Identity": adobjectid(dn, srv), "Guid": guid(dn),
            "ObjectClass": ["top", "server", "msExchExchangeServer"],
            "WhenChanged": msdate(d("2026-02-01T08:00:00")), "WhenCreated": msdate(d("2023-02-01T09:00:00")),
            "WhenChangedUTC": msdate(d("2026-02-01T08:00:00")), "WhenCreatedUTC": msdate(d("2023-02-01T09:00:00")),
            "OrganizationId": "", "Id": adobjectid(dn, srv), "OriginatingServer": "dc01.contoso.com", "IsValid": True, "ObjectState": 0}

def exchange_server(srv):
    dn = server_dn(srv)
    return {"RunspaceId": "3f6e2b1a-0c4d-4e5f-8a9b-1c2d3e4f5a6b", "Name": srv, "DataPath": "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Mailbox",
            "Domain": "contoso.com", "Edition": 2, "ExchangeLegacyDN": f"/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn={srv}",
            "ExchangeLegacyServerRole": 0, "Fqdn": srv.lower() + ".contoso.com", "CustomerFeedbackEnabled": None,
            "InternetWebProxy": None, "InternetWebProxyBypassList": [], "IsHubTransportServer": True, "IsClientAccessServer": True,
            "IsExchange2007OrLater": True, "IsEdgeServer": False, "IsMailboxServer": True, "IsE14OrLater": True, "IsE15OrLater": True,
            "IsProvisionedServer": False, "IsUnifiedMessagingServer": False, "IsFrontendTransportServer": True,
            "NetworkAddress": [f"ncacn_vns_spp:{srv}", f"netbios:{srv}", f"ncacn_np:{srv}", f"ncacn_spx:{srv}", f"ncacn_ip_tcp:{srv.lower()}.contoso.com", f"ncalrpc:{srv}"],
            "OrganizationalUnit": "contoso.com/" + srv, "AdminDisplayVersion": {"Major": 15, "Minor": 2, "Build": 1544, "Revision": 4,
            "MajorRevision": 0, "MinorRevision": 4}, "Site": adobjectid("CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=contoso,DC=com", "Default-First-Site-Name"),
            "ServerRole": 16439,  # Mailbox|ClientAccess|UnifiedMessaging|HubTransport|FrontendTransport as 2019 stores it
            "ErrorReportingEnabled": None, "StaticDomainControllers": [], "StaticGlobalCatalogs": [], "StaticConfigDomainController": None,
            "StaticExcludedDomainControllers": [], "CurrentDomainControllers": [], "CurrentGlobalCatalogs": [], "CurrentConfigDomainController": None,
            "ProductID": None, "IsExchangeTrialEdition": False, "IsExpiredExchangeTrialEdition": False, "MailboxProvisioningAttributes": None,
            "RemainingTrialPeriod": {"Ticks": 0, "Days": 0, "Hours": 0, "Milliseconds": 0, "Minutes": 0, "Seconds": 0, "TotalDays": 0,
                                     "TotalHours": 0, "TotalMilliseconds": 0, "TotalMinutes": 0, "TotalSeconds": 0},
            "IsValid": True, "ExchangeVersion": {"ExchangeBuild": "0.1 (8.0.535.0)", "IsOlderThan": None},
            "DistinguishedName": dn, "Identity": adobjectid(dn, srv), "Guid": guid(dn),
            "ObjectCategory": "contoso.com/Configuration/Schema/ms-Exch-Exchange-Server",
            "ObjectClass": ["top", "server", "msExchExchangeServer"],
            "WhenChanged": msdate(d("2026-02-01T08:00:00")), "WhenCreated": msdate(d("2023-02-01T09:00:00")),
            "WhenChangedUTC": msdate(d("2026-02-01T08:00:00")), "WhenCreatedUTC": msdate(d("2023-02-01T09:00:00")),
            "OrganizationId": "", "Id": adobjectid(dn, srv), "OriginatingServer": "dc01.contoso.com", "ObjectState": 0}

def send_connector():
    dn = "CN=Outbound to Internet,CN=Connections,CN=Exchange Routing Group (DWBGZMFD01QNBJR),CN=Routing Groups," + AG_DN
    return {"RunspaceId": "3f6e2b1a-0c4d-4e5f-8a9b-1c2d3e4f5a6b", "AddressSpaces": "System.Object[]" if False else ["SMTP:*;1"],
            "AuthenticationCredential": None, "CloudServicesMailEnabled": False, "Comment": None, "ConnectedDomains": [],
            "ConnectionInactivityTimeOut": {"Ticks": 6000000000, "Days": 0, "Hours": 0, "Milliseconds": 0, "Minutes": 10, "Seconds": 0,
                "TotalDays": 0.0069444444444444441, "TotalHours": 0.16666666666666666, "TotalMilliseconds": 600000, "TotalMinutes": 10, "TotalSeconds": 600},
            "ConnectorType": 0, "DNSRoutingEnabled": True, "DomainSecureEnabled": False, "Enabled": True, "ErrorPolicies": 0,
            "ForceHELO": False, "Fqdn": None, "FrontendProxyEnabled": False, "HomeMTA": "Microsoft MTA", "HomeMtaServerId": "EX01",
            "Identity": "Outbound to Internet", "IgnoreSTARTTLS": False, "IsScopedConnector": False, "IsSmtpConnector": True,
            "MaxMessageSize": {"IsUnlimited": False, "Value": "35 MB (36,700,160 bytes)"}, "Name": "Outbound to Internet", "Port": 25,
            "ProtocolLoggingLevel": 0, "RequireOorg": False, "RequireTLS": False, "SmartHostAuthMechanism": 0, "SmartHosts": [],
            "SmartHostsString": "", "SmtpMaxMessagesPerConnection": 20, "SourceIPAddress": "0.0.0.0",
            "SourceRoutingGroup": "Exchange Routing Group (DWBGZMFD01QNBJR)", "SourceTransportServers": ["EX01", "EX02"],
            "TlsAuthLevel": None, "TlsDomain": None, "UseExternalDNSServersEnabled": False, "TlsCertificateName": None,
            "SmtpUtf8Enabled": True, "AdminDisplayName": None, "ExchangeVersion": {"ExchangeBuild": "0.1 (8.0.535.0)", "IsOlderThan": None},
            "DistinguishedName": dn, "Guid": guid(dn), "ObjectClass": ["top", "msExchRoutingSMTPConnector"],
            "WhenChanged": msdate(d("2023-03-01T12:00:00")), "WhenCreated": msdate(d("2023-03-01T12:00:00")),
            "WhenChangedUTC": msdate(d("2023-03-01T12:00:00")), "WhenCreatedUTC": msdate(d("2023-03-01T12:00:00")),
            "OrganizationId": "", "Id": "Outbound to Internet", "OriginatingServer": "dc01.contoso.com", "IsValid": True, "ObjectState": 0}

def ps51_json(obj, depth=0):
    """ConvertTo-Json of Windows PowerShell 5.1: 4-space indent after the key, 'key':  value with two spaces."""
    pad = "    " * (depth + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{\n" + "    " * depth + "}"
        items = [pad + json.dumps(k) + ":  " + ps51_json(v, depth + 1) for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + "    " * depth + "}"
    if isinstance(obj, list):
        if not obj:
            return "[\n\n" + "    " * depth + "]"
        items = [pad + ps51_json(v, depth + 1) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + "    " * depth + "]"
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if obj is None:
        return "null"
    if isinstance(obj, str):
        # 5.1 escapes < > ' & as \u003c etc. and keeps \/ from the date form.
        s = json.dumps(obj, ensure_ascii=False).replace("\\\\/", "\\/")
        return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("'", "\\u0027").replace("&", "\\u0026")
    return json.dumps(obj)

def emit(path, obj, style, wrapped=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if wrapped:
        # ConvertTo-Json -InputObject $list where $list is an array wrapped in a PSObject (5.1 writes its ETS members).
        obj = {"value": obj, "Count": len(obj)}
    elif isinstance(obj, list) and len(obj) == 1:
        obj = obj[0]  # the pipeline unrolls one result into a bare object
    text = ps51_json(obj).replace("\n", "\r\n") + "\r\n"
    if style == "utf16":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif style == "ansi":
        data = text.encode("cp1252")
    else:
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    open(path, "wb").write(data)

SERVERS = ["EX01", "EX02"]
CASES = {
    "01-no-exchangeserver-auth": ("utf16", "process 1 step 2: Default EX02 lacks ExchangeServer in AuthMechanism (31 -> 15)"),
    "02-ad-empty": ("ansi", "process 1 step 3: msExchServerInternalTLSCert of EX02 is empty (written with Set-Content, ANSI)"),
    "03-not-in-store": ("utf16", "process 1 step 4: EX02's AD value is a certificate that is not in EX02's store"),
    "04-expired": ("utf8bom", "process 1 step 5: EX02's internal certificate expired (written with Out-File -Encoding utf8)"),
    "05-expires-soon": ("utf16", "process 1 step 5 (window): EX02's internal certificate expires 2026-06-20, inside 30 days"),
    "06-suppressed": ("utf16", "process 1 step 2 (A1): SuppressXAnonymousTls on Default EX02"),
}

def build(case, style, branch):
    out = os.path.join(HERE, case)
    shutil.rmtree(out, ignore_errors=True)
    name = case.split("-", 1)[1]
    certs, internal, ad = {}, {}, {}
    for i, srv in enumerate(SERVERS):
        nb, na = "2023-02-01T00:00:00", "2028-02-01T00:00:00"
        if srv == "EX02" and name == "expired":
            nb, na = "2021-03-01T00:00:00", "2026-03-01T00:00:00"
        if srv == "EX02" and name == "expires-soon":
            nb, na = "2021-06-20T00:00:00", "2026-06-20T00:00:00"
        self_c = make_cert("self", srv, nb, na, 0x1A2B3C4D5E6F7081 + i + (0x100 if nb != "2023-02-01T00:00:00" else 0))
        ca_c = make_cert("ca", srv, "2026-02-01T00:00:00", "2028-08-01T00:00:00", 0x610000000A1B2C3D + i)
        certs[srv] = [self_c, ca_c]
        internal[srv] = self_c
        ad[srv] = self_c["der"]
    ts_thumb = {s: internal[s]["thumb"] for s in SERVERS}
    if name == "ad-empty":
        ad["EX02"] = None
        ts_thumb["EX02"] = None  # Get-TransportService reads the same attribute, so it is empty too
    if name == "not-in-store":
        gone = make_cert("self", "EX02", "2020-01-10T00:00:00", "2025-01-10T00:00:00", 0x99887766)
        ad["EX02"] = gone["der"]
        ts_thumb["EX02"] = gone["thumb"]
        internal["EX02"] = None
    manifest = {"format": "extls-raw/1", "collectedAt": COLLECTED, "organization": "Contoso",
                "collector": {"name": "manual export", "version": None, "host": "EX01", "user": "CONTOSO\\exadmin",
                              "powershellVersion": "5.1.17763.6414"}, "servers": SERVERS, "errors": []}
    os.makedirs(out)
    # [pscustomobject]@{...} | ConvertTo-Json > manifest.json; collectedAt from Get-Date (a PSObject-wrapped DateTime)
    # in most dumps, from (Get-Date).ToUniversalTime() (a bare DateTime) in one.
    when = d(COLLECTED[:-1])
    if name == "expires-soon":
        manifest["collectedAt"] = msdate(when)
    else:
        manifest["collectedAt"] = {"value": msdate(when), "DisplayHint": 2, "DateTime": "Sunday, May 31, 2026 10:00:00 PM"}
    emit(os.path.join(out, "manifest.json"), manifest, style)
    emit(os.path.join(out, "org", "ExchangeServer.json"), [exchange_server(s) for s in SERVERS], style)
    emit(os.path.join(out, "org", "SendConnector.json"), [send_connector()], style)
    for srv in SERVERS:
        base = os.path.join(out, "servers", srv)
        emit(os.path.join(base, "TransportService.json"), [transport_service(srv, ts_thumb[srv])], style)
        emit(os.path.join(base, "ReceiveConnector.json"), connectors(srv, name), style)
        emit(os.path.join(base, "ExchangeCertificate.json"), [exchange_certificate(c) for c in certs[srv]], style, wrapped=(name == "expires-soon"))
        # The AD value as ADSI hands it over: a byte array, ConvertTo-Json writes it as numbers.
        emit(os.path.join(base, "InternalTransportCertificate.json"),
             {"server": srv, "distinguishedName": server_dn(srv),
              "msExchServerInternalTLSCert": ad_value(ad[srv], name), "readError": None}, style)
    return expected(name, style, branch, internal, ts_thumb, certs)

def ad_value(der, name):
    if der is None:
        return None
    # One dump was made with [Convert]::ToBase64String, the others pass ADSI's byte[] straight to ConvertTo-Json.
    return base64.b64encode(der).decode("ascii") if name == "not-in-store" else list(der)

def expected(name, style, branch, internal, ts_thumb, certs):
    """Process 1 and 2 of selection.md by hand; findings from rules.md."""
    sel, findings = [], []
    broken_in, broken_out = set(), set()
    for srv in SERVERS:
        c = internal[srv]
        ad_state = "ok"
        if name == "ad-empty" and srv == "EX02":
            ad_state = "empty"
        if name == "not-in-store" and srv == "EX02":
            ad_state = "missing"
        events = []
        if c and c["na"] <= d(AS_OF[:-1]):
            events = [12015]
        elif c and c["na"] <= d(AS_OF[:-1]) + dt.timedelta(days=30):
            events = [12017]
        for cn, has_es in [(f"Client Frontend {srv}", False), (f"Client Proxy {srv}", True), (f"Default {srv}", True),
                           (f"Default Frontend {srv}", True), (f"Outbound Proxy Frontend {srv}", True)]:
            conn = srv + "\\" + cn
            if cn == "Default EX02" and name in ("no-exchangeserver-auth", "suppressed"):
                has_es = False
            # Client Proxy: AuthMechanism 23 = Tls|Integrated|BasicAuth|ExchangeServer
            if not has_es:
                sel.append(s_(srv, conn, "inbound-anonymous-tls", False, None, [], 2))
            elif ad_state == "empty":
                sel.append(s_(srv, conn, "inbound-anonymous-tls", False, None, [12012], 3))
            elif ad_state == "missing":
                sel.append(s_(srv, conn, "inbound-anonymous-tls", False, None, [12013], 4))
            else:
                sel.append(s_(srv, conn, "inbound-anonymous-tls", True, c["thumb"], events, 5))
        if ts_thumb[srv] is None:
            sel.append(s_(srv, None, "outbound-anonymous-tls", False, None, [], 1)); broken_out.add(srv)
        elif ad_state == "missing":
            sel.append(s_(srv, None, "outbound-anonymous-tls", False, None, [12013], 3)); broken_out.add(srv)
        else:
            sel.append(s_(srv, None, "outbound-anonymous-tls", True, c["thumb"], events, 4))
        if ad_state == "empty":
            findings.append(f_("EXTLS1002", srv, "server", srv, 12012)); broken_in.add(srv)
        if ad_state == "missing":
            findings.append(f_("EXTLS1004", srv, "server", srv, 12013)); broken_in.add(srv)
        if events == [12015]:
            findings.append(f_("EXTLS1005", srv, "server", srv, 12015))
        if events == [12017]:
            findings.append(f_("EXTLS1006", srv, "server", srv, 12017, "warning"))
    if name == "no-exchangeserver-auth":
        findings.append(f_("EXTLS2001", "EX02", "receiveConnector", "EX02\\Default EX02", None)); broken_in.add("EX02")
    if name == "suppressed":
        findings.append(f_("EXTLS2002", "EX02", "receiveConnector", "EX02\\Default EX02", None, "warning")); broken_in.add("EX02")
    # Mailbox -> Mailbox goes to the receiver's Default connector (port 2525). EXTLS5001 is one finding per root-cause
    # finding of a broken server, never one per pair: filed under that server, target "RULE/ROOT-CAUSE-TARGET".
    for root in [f for f in findings if f["ruleId"] in ROOT_CAUSE_RULES and (f["server"] in broken_in or f["server"] in broken_out)]:
        findings.append(f_("EXTLS5001", root["server"], "mailFlow", f"{root['ruleId']}/{root['target']['id']}", None))
    exit_code = 1 if any(f["severity"] == "error" for f in findings) else 0
    return {"description": branch, "branch": branch, "inputs": ["."], "asOf": AS_OF, "warningDays": 30,
            "scenarios": ["inbound-anonymous-tls", "outbound-anonymous-tls"], "selections": sel, "findings": findings,
            "exitCode": exit_code, "encoding": style,
            "notes": "Hand-written in the shape of Windows PowerShell 5.1 `Get-X | ConvertTo-Json` (depth 2, enums as numbers, "
                     "\\/Date()\\/, one result as a bare object); expectation from selection.md process 1/2 and rules.md only. "
                     "Five receive connectors per server as Exchange 2019 creates them; Client Frontend has no ExchangeServer auth. "
                     "Mailbox->Mailbox goes to the receiver's Default connector (2525). EXTLS5001 is one finding per root cause, filed "
                     "under the broken server and naming the root-cause finding (rules.md: it names the root-cause finding). " + CASE_NOTES[name]}

ROOT_CAUSE_RULES = {"EXTLS1001", "EXTLS1002", "EXTLS1003", "EXTLS1004", "EXTLS1008", "EXTLS2001", "EXTLS2002", "EXTLS3006"}

CASE_NOTES = {
    "no-exchangeserver-auth": "AuthMechanism 15 (Tls|Integrated|BasicAuth|BasicAuthRequireTLS) on Default EX02, whose PermissionGroups 14 include "
                              "ExchangeServers: step 2 ends it, no event; EXTLS2001, and one 5001 naming it (EX01->EX02 only).",
    "ad-empty": "Every file written with Set-Content (ANSI, cp1252, with non-ASCII text in the Comment). The AD value is null, and "
                "Get-TransportService's thumbprint is empty too (it reads the same attribute), so process 2 on EX02 ends at step 1 "
                "without an event; 12012 on the inbound selections; 1002, and one 5001 naming it (both ways). 1008 does not fire: empty equals empty.",
    "not-in-store": "The AD value (base64, as [Convert]::ToBase64String writes it) is an older CN=EX02 certificate (2020-2025) that is no "
                    "longer in the store; Get-TransportService names the same thumbprint. A2: no fall-back. 1004 (12013), and one 5001 naming it (both ways).",
    "expired": "Every file written with Out-File -Encoding utf8 (UTF-8 with BOM). EX02's CN=EX02 certificate 2021-03-01..2026-03-01: "
               "12015, still advertised (step 5); 1005 only (4002 is the same root cause). STARTTLS keeps the CA certificate.",
    "expires-soon": "EX02's CN=EX02 certificate ends 2026-06-20, 19 days after the as-of time: 12017, 1006 (warning), exit code 0. "
                    "EX02's Get-ExchangeCertificate is written in the {value, Count} wrapper; manifest collectedAt is a bare \\/Date()\\/.",
    "suppressed": "SuppressXAnonymousTls true on Default EX02 (A1: ends at step 2, no certificate, no event); 2002, and one 5001 naming it (EX01->EX02).",
}

def s_(srv, conn, scen, adv, cert, ev, step):
    return {"server": srv, "connector": conn, "scenario": scen, "advertised": adv, "certificate": cert, "events": ev, "endedAtStep": step}

def f_(rule, srv, kind, ident, ev, sev="error"):
    return {"ruleId": rule, "server": srv, "target": {"kind": kind, "id": ident}, "eventId": ev, "severity": sev}

if __name__ == "__main__":
    for case, (style, branch) in CASES.items():
        exp = build(case, style, branch)
        open(os.path.join(HERE, case, "expected.json"), "w", encoding="utf-8", newline="\n").write(json.dumps(exp, indent=2) + "\n")
        print(case)
