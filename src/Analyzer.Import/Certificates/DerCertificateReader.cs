using System.Collections.Immutable;
using System.Formats.Asn1;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Extls.Model;

namespace Extls.Import.Certificates;

/// <summary>
/// <see cref="CertificateInfo"/> from the DER with System.Formats.Asn1 (RFC 5280's structure, read strictly), without
/// the platform's X.509 loader: a dump of a large organisation holds thousands of distinct certificates, and loading
/// each through OpenSSL was most of the import. The names, the alternative names and the common name are decoded by
/// the same managed .NET types the platform's certificate hands out (<see cref="X500DistinguishedName"/>,
/// <see cref="X509SubjectAlternativeNameExtension"/>), so they read exactly as they did.
/// </summary>
/// <remarks>
/// The key is decoded only for a self-issued certificate, to verify its signature (the platform's crypto; .NET has no
/// managed RSA). Whatever this reader does not read exactly as the platform does (bytes that are not strict DER, an
/// algorithm it does not name or size, a time with fractions of a second, trailing bytes) it leaves to
/// <see cref="PlatformCertificateParser"/>: <see cref="TryRead(byte[], out CertificateInfo?)"/> says false, never a different answer.
/// tests/Analyzer.Import.Tests/DerCertificateReaderTests compares the two over every certificate of every committed
/// dump and of generated ones.
/// </remarks>
internal static class DerCertificateReader
{
    private const string SubjectAltNameOid = "2.5.29.17";

    // The string types a certificate name's values come in; anything else (which OpenSSL refuses in part) is left to the platform.
    // A switch, not a HashSet of the tag numbers: a set over an enum is compiled at run time on every start.
    private static bool IsNameStringType(int tag) =>
        (UniversalTagNumber)tag is UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String
            or UniversalTagNumber.T61String or UniversalTagNumber.NumericString or UniversalTagNumber.BMPString or UniversalTagNumber.UniversalString;

    /// <summary>The certificate's fields, or false when it is one to leave to the platform's reader.</summary>
    /// <param name="der">Not copied: the result's RawData is this array, which the caller must not change.</param>
    public static bool TryRead(byte[] der, out CertificateInfo? info) => TryRead(der, null, out info);

    /// <param name="keys">Public keys already imported in this load; null to import the key afresh.</param>
    public static bool TryRead(byte[] der, PublicKeyCache? keys, out CertificateInfo? info)
    {
        info = null;
        try
        {
            return TryReadCore(der, keys, out info);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException or FormatException or OverflowException)
        {
            // Not strict DER, or a name or extension the decoders refuse: the platform's reader says what it says of it.
            return false;
        }
    }

    private static bool TryReadCore(byte[] der, PublicKeyCache? keys, out CertificateInfo? info)
    {
        info = null;
        var memory = new ReadOnlyMemory<byte>(der);
        var outer = new AsnReader(memory, AsnEncodingRules.DER);
        var certificate = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        var tbsCertificate = certificate.ReadSequence();
        var signatureOid = AlgorithmIdentifier(certificate, out var signatureParameters);
        certificate.ReadBitString(out _);
        certificate.ThrowIfNotEmpty();

        // TBSCertificate ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, serialNumber, signature, issuer, validity, subject,
        //   subjectPublicKeyInfo, issuerUniqueID [1] IMPLICIT OPTIONAL, subjectUniqueID [2] IMPLICIT OPTIONAL, extensions [3] EXPLICIT OPTIONAL }
        var version = 0;
        var explicitVersion = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tbsCertificate.PeekTag().HasSameClassAndValue(explicitVersion))
        {
            var wrapped = tbsCertificate.ReadSequence(explicitVersion);
            if (!wrapped.TryReadInt32(out version) || version is < 0 or > 2)
            {
                return false;
            }

            wrapped.ThrowIfNotEmpty();
        }

        tbsCertificate.ReadIntegerBytes();
        var innerSignatureOid = AlgorithmIdentifier(tbsCertificate, out var innerSignatureParameters);
        if (innerSignatureOid != signatureOid || !innerSignatureParameters.Span.SequenceEqual(signatureParameters.Span))
        {
            // Which of the two the platform reports is its business: leave such a certificate to it.
            return false;
        }

        var issuer = Name(tbsCertificate);
        var validity = tbsCertificate.ReadSequence();
        var notBefore = Time(validity);
        var notAfter = Time(validity);
        validity.ThrowIfNotEmpty();
        var subject = Name(tbsCertificate);

        var spkiEncoded = tbsCertificate.PeekEncodedValue();
        var spki = tbsCertificate.ReadSequence();
        var keyOid = AlgorithmIdentifier(spki, out var keyParameters);
        if (!spki.TryReadPrimitiveBitString(out var unusedBits, out var keyBits) || unusedBits != 0)
        {
            return false;
        }

        spki.ThrowIfNotEmpty();

        foreach (var uniqueId in new[] { 1, 2 })
        {
            var tag = new Asn1Tag(TagClass.ContextSpecific, uniqueId);
            if (tbsCertificate.HasData && tbsCertificate.PeekTag().HasSameClassAndValue(tag))
            {
                tbsCertificate.ReadBitString(out _, tag);
            }
        }

        var dnsNames = ImmutableArray<string>.Empty;
        var explicitExtensions = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
        if (tbsCertificate.HasData && tbsCertificate.PeekTag().HasSameClassAndValue(explicitExtensions))
        {
            var wrapped = tbsCertificate.ReadSequence(explicitExtensions);
            var extensions = wrapped.ReadSequence();
            wrapped.ThrowIfNotEmpty();
            var sanFound = false;
            while (extensions.HasData)
            {
                var extension = extensions.ReadSequence();
                var oid = extension.ReadObjectIdentifier();
                var critical = extension.HasData && extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
                var value = extension.ReadOctetString();
                extension.ThrowIfNotEmpty();

                // The first SAN extension, as the platform's certificate hands it out, decoded by the same type.
                if (!sanFound && oid == SubjectAltNameOid)
                {
                    sanFound = true;
                    dnsNames = [.. new X509SubjectAlternativeNameExtension(value, critical).EnumerateDnsNames()];
                }
            }
        }

        tbsCertificate.ThrowIfNotEmpty();

        if (!CertificateAlgorithms.KeyNames.TryGetValue(keyOid, out var keyName)
            || !CertificateAlgorithms.SignatureNames.TryGetValue(signatureOid, out var signatureName))
        {
            // The platform names other algorithms from its own tables.
            return false;
        }

        var keySize = CertificateAlgorithms.KeySize(keyName, keyOid, keyParameters, keyBits);
        if (keySize is null)
        {
            // Only the platform's key object can tell (DSA, RSA-PSS keys, curves by explicit parameters).
            return false;
        }

        var subjectName = new X500DistinguishedName(subject.Span);
        var issuerName = new X500DistinguishedName(issuer.Span);
        var subjectText = subjectName.Name;
        var issuerText = issuerName.Name;
        bool? selfSigned = false;
        if (subject.Span.SequenceEqual(issuer.Span) || string.Equals(subjectText, issuerText, StringComparison.OrdinalIgnoreCase))
        {
            if (!TryVerifySelfSignature(memory, signatureOid, keyName, spkiEncoded, keys, out selfSigned))
            {
                return false;
            }
        }

        info = new CertificateInfo
        {
            Thumbprint = Hex(SHA1.HashData(der)),
            Subject = subjectText,
            Issuer = issuerText,
            NotBefore = notBefore,
            NotAfter = notAfter,
            SubjectCommonName = DistinguishedNames.CommonNameOf(subjectName),
            DnsNames = dnsNames,
            Version = version + 1,
            KeyAlgorithm = keyName,
            KeySize = keySize,
            SignatureAlgorithm = signatureName,
            SignatureAlgorithmOid = signatureOid,
            IsSelfSigned = selfSigned,
            FromDer = true,
            RawData = ImmutableCollectionsMarshal.AsImmutableArray(der),
        };
        return true;
    }

    // AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
    // Upper-case hex as Convert.ToHexString writes it; a loop, because that one's vectorised code is compiled at run time
    // on every start, for 20 bytes a certificate.
    private static string Hex(byte[] bytes)
    {
        Span<char> chars = stackalloc char[2 * bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789ABCDEF"[bytes[i] >> 4];
            chars[(2 * i) + 1] = "0123456789ABCDEF"[bytes[i] & 0xF];
        }

        return new string(chars);
    }

    // The parameters come out, not in a value tuple with the OID: a value tuple holding a struct is compiled at run time.
    private static string AlgorithmIdentifier(AsnReader reader, out ReadOnlyMemory<byte> parameters)
    {
        var sequence = reader.ReadSequence();
        var oid = sequence.ReadObjectIdentifier();
        parameters = ReadOnlyMemory<byte>.Empty;
        if (sequence.HasData)
        {
            // NULL (RSA) or a named curve (EC): OpenSSL decodes whatever else parameters hold by its type, and refuses what
            // does not decode; such a certificate is left to it.
            parameters = sequence.PeekEncodedValue();
            var tag = sequence.PeekTag();
            if (tag.HasSameClassAndValue(Asn1Tag.Null))
            {
                sequence.ReadNull();
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                sequence.ReadObjectIdentifier();
            }
            else
            {
                throw new AsnContentException("Algorithm parameters other than NULL or an object identifier.");
            }
        }

        sequence.ThrowIfNotEmpty();
        return oid;
    }

    // Name ::= SEQUENCE OF RelativeDistinguishedName, RelativeDistinguishedName ::= SET SIZE (1..MAX) OF
    // AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }: checked here, decoded later by
    // X500DistinguishedName, which does not refuse every malformed name.
    private static ReadOnlyMemory<byte> Name(AsnReader reader)
    {
        var encoded = reader.PeekEncodedValue();
        var name = reader.ReadSequence();
        while (name.HasData)
        {
            // DER sorts a SET OF; the platform reads an unsorted one, and so does this.
            var rdn = name.ReadSetOf(skipSortOrderValidation: true);
            if (!rdn.HasData)
            {
                throw new AsnContentException("An empty relative distinguished name.");
            }

            while (rdn.HasData)
            {
                var attribute = rdn.ReadSequence();
                attribute.ReadObjectIdentifier();
                var tag = attribute.PeekTag();
                if (tag.TagClass != TagClass.Universal || tag.IsConstructed || !IsNameStringType(tag.TagValue))
                {
                    throw new AsnContentException("A name's value is not a string of a kind names hold.");
                }

                attribute.ReadEncodedValue();
                attribute.ThrowIfNotEmpty();
            }
        }

        return encoded;
    }

    // Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }: to the second, in UTC, as the platform reports it
    // (a two-digit year below 50 is 20YY, as RFC 5280 says and AsnReader reads it).
    private static DateTimeOffset Time(AsnReader reader)
    {
        var tag = reader.PeekTag();
        var time = tag.HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime()
            : tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime) ? reader.ReadGeneralizedTime()
            : throw new AsnContentException("A time is neither UTCTime nor GeneralizedTime.");
        if (time.UtcTicks % TimeSpan.TicksPerSecond != 0)
        {
            // The platform reports whole seconds; how it would round is its business.
            throw new AsnContentException("A time with fractions of a second.");
        }

        return new DateTimeOffset(time.UtcDateTime, TimeSpan.Zero);
    }

    /// <summary>Subject equals issuer: whether the certificate's own key verifies it, as the platform's reader decides.</summary>
    /// <returns>False when the platform does not import the key: its reader has its own answer for that.</returns>
    private static bool TryVerifySelfSignature(ReadOnlyMemory<byte> der, string signatureOid, string keyName, ReadOnlyMemory<byte> spki, PublicKeyCache? keys, out bool? selfSigned)
    {
        if (keyName is not ("RSA" or "ECDSA"))
        {
            selfSigned = null;
            return false;
        }

        bool? Verify(AsymmetricAlgorithm key) => CertificateAlgorithms.VerifiesWithOwnKey(der, signatureOid, key);

        (bool Imported, bool? SelfSigned) result;
        if (keys is null)
        {
            using var key = PublicKeyCache.Import(spki.Span, keyName);
            result = key is null ? (false, null) : (true, Verify(key));
        }
        else
        {
            result = keys.With(spki, keyName, key => key is null ? (false, (bool?)null) : (true, Verify(key)));
        }

        selfSigned = result.SelfSigned;
        return result.Imported;
    }
}
