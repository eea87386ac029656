using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Extls.Generation;

/// <summary>
/// Signs with a <see cref="DerivedKey"/> and names the algorithm itself. The platform's generators refuse SHA-1,
/// which old Exchange self-signed certificates carry; writing the AlgorithmIdentifier here serves every hash alike.
/// RSA PKCS#1 v1.5 signatures are deterministic, so the certificate's bytes are too.
/// </summary>
internal sealed class DerivedKeySignatureGenerator(DerivedKey key, SignatureHash hash) : X509SignatureGenerator
{
    public byte[] AlgorithmIdentifier { get; } = Identifier(key.Algorithm, hash);

    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => AlgorithmIdentifier;

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) => key.Sign(data, HashName(hash));

    protected override PublicKey BuildPublicKey() => PublicKey.CreateFromSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);

    public static HashAlgorithmName HashName(SignatureHash hash) => hash switch
    {
        SignatureHash.Sha1 => HashAlgorithmName.SHA1,
        SignatureHash.Sha256 => HashAlgorithmName.SHA256,
        SignatureHash.Sha384 => HashAlgorithmName.SHA384,
        SignatureHash.Sha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, "unknown hash"),
    };

    /// <summary>RFC 4055 / RFC 5758: RSA identifiers carry an explicit NULL parameter, ECDSA ones none.</summary>
    private static byte[] Identifier(KeyAlgorithm algorithm, SignatureHash hash)
    {
        var oid = (algorithm, hash) switch
        {
            (KeyAlgorithm.Rsa, SignatureHash.Sha1) => "1.2.840.113549.1.1.5",
            (KeyAlgorithm.Rsa, SignatureHash.Sha256) => "1.2.840.113549.1.1.11",
            (KeyAlgorithm.Rsa, SignatureHash.Sha384) => "1.2.840.113549.1.1.12",
            (KeyAlgorithm.Rsa, SignatureHash.Sha512) => "1.2.840.113549.1.1.13",
            (KeyAlgorithm.EcdsaP256, SignatureHash.Sha1) => "1.2.840.10045.4.1",
            (KeyAlgorithm.EcdsaP256, SignatureHash.Sha256) => "1.2.840.10045.4.3.2",
            (KeyAlgorithm.EcdsaP256, SignatureHash.Sha384) => "1.2.840.10045.4.3.3",
            (KeyAlgorithm.EcdsaP256, SignatureHash.Sha512) => "1.2.840.10045.4.3.4",
            _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, "unknown signature algorithm"),
        };
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (algorithm == KeyAlgorithm.Rsa)
            {
                writer.WriteNull();
            }
        }

        return writer.Encode();
    }
}
