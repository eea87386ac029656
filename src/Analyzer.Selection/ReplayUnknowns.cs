namespace Extls.Selection;

/// <summary>The names <see cref="SelectionResult.Unknowns"/> and <see cref="CandidateVerdict.Unknowns"/> use, so rules can test for them.</summary>
public static class ReplayUnknowns
{
    /// <summary>The server's role (neither Get-ExchangeServer nor a TransportService section says).</summary>
    public const string Role = "Role";

    public const string AuthMechanism = "AuthMechanism";
    public const string SuppressXAnonymousTls = "SuppressXAnonymousTls";

    /// <summary>The AD value (msExchServerInternalTLSCert) was not collected.</summary>
    public const string InternalCertificate = "msExchServerInternalTLSCert";

    /// <summary>The server's certificate store (Get-ExchangeCertificate) was not collected or could not be read.</summary>
    public const string Certificates = "Certificates";

    public const string InternalTransportCertificateThumbprint = "InternalTransportCertificateThumbprint";
    public const string SendConnectors = "SendConnectors";
    public const string SmartHostAuthMechanism = "SmartHostAuthMechanism";
    public const string TlsCertificateName = "TlsCertificateName";
    public const string Fqdn = "Fqdn";
    public const string CloudServicesMailEnabled = "CloudServicesMailEnabled";

    /// <summary>The source or receiving server's own FQDN.</summary>
    public const string ServerFqdn = "ServerFqdn";

    /// <summary>A send connector's source server is not in the snapshot.</summary>
    public const string Server = "Server";

    public const string Version = "Version";
    public const string HasPrivateKey = "HasPrivateKey";
    public const string Services = "Services";
    public const string Status = "Status";
    public const string IsSelfSigned = "IsSelfSigned";
}
