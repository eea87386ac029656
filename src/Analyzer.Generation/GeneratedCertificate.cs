using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Extls.Generation;

/// <summary>A certificate the factory made: its DER, what it was made from, and (for issuing) its derived key.</summary>
public sealed class GeneratedCertificate
{
    private readonly byte[] der;

    internal GeneratedCertificate(CertificateSpec spec, GeneratedCertificate? issuer, DerivedKey key, X509Certificate2 certificate)
    {
        Spec = spec;
        Issuer = issuer;
        Key = key;
        Certificate = certificate;
        der = certificate.RawData;
    }

    public CertificateSpec Spec { get; }

    public string Name => Spec.Name;

    /// <summary>The issuing certificate; null when self-signed.</summary>
    public GeneratedCertificate? Issuer { get; }

    /// <summary>The certificate without its private key, as a dump carries it.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Upper-case hex SHA-1 of the DER: the thumbprint Exchange shows.</summary>
    public string Thumbprint => Certificate.Thumbprint;

    /// <summary>The name of the key it was made with; certificates that share a key share this.</summary>
    public string KeyName => Key.Name;

    internal DerivedKey Key { get; }

    /// <summary>A copy of the DER encoding.</summary>
    public byte[] GetRawData() => (byte[])der.Clone();

    /// <summary>The certificate with its private key, for a test that needs to use it (a PFX, a TLS handshake).</summary>
    public X509Certificate2 CopyWithPrivateKey()
    {
        using var key = Key.Instantiate();
        return key switch
        {
            RSA rsa => Certificate.CopyWithPrivateKey(rsa),
            ECDsa ec => Certificate.CopyWithPrivateKey(ec),
            _ => throw new InvalidOperationException("unknown key type"),
        };
    }
}
