using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Extls.Import.Certificates;
using Extls.Model;

namespace Extls.Planning;

/// <summary>Why a certificate file a plan imports cannot be read: a fault, and what .NET said about it. The writers word it.</summary>
public sealed class CertificateFileException : Exception
{
    public CertificateFileException(CertificateFileFault fault, string? detail = null)
        : base(detail is null ? fault.ToString() : $"{fault}: {detail}")
    {
        Fault = fault;
        Detail = detail;
    }

    public CertificateFileException(string message)
        : base(message)
    {
    }

    public CertificateFileFault Fault { get; }

    /// <summary>What the system or .NET said, as it said it.</summary>
    public string? Detail { get; }

    public CertificateFileException()
    {
    }

    public CertificateFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A certificate file as Import-ExchangeCertificate takes it: a .cer (DER or Base64), a .p7b (PKCS #7, whose end-entity
/// certificate is the one imported) or a .pfx (PKCS #12 with its private key, opened with the plan's password).
/// </summary>
public sealed record CertificateFile(CertificateInfo Certificate, bool HasPrivateKey, string? FriendlyName)
{
    /// <summary>Reads the file; the password opens a .pfx.</summary>
    /// <exception cref="CertificateFileException">The file cannot be read, or is not a certificate this reads.</exception>
    public static CertificateFile Read(string path, string? password)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateFileException(CertificateFileFault.Unreadable, e.Message);
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".pfx" or ".p12" || (password is not null && extension is not (".cer" or ".crt" or ".der" or ".p7b" or ".p7c")))
        {
            return Pkcs12(bytes, password);
        }

        var der = Pem(bytes) ?? bytes;
        if (extension is ".p7b" or ".p7c" || LooksLikePkcs7(der))
        {
            return Pkcs7(der);
        }

        return new CertificateFile(Parse(der), false, null);
    }

    private static CertificateInfo Parse(byte[] der) =>
        CertificateReader.TryRead(der, out var error) ?? throw new CertificateFileException(CertificateFileFault.NotACertificate, error);

    private static CertificateFile Pkcs12(byte[] bytes, string? password)
    {
        X509Certificate2Collection collection;
        try
        {
            collection = X509CertificateLoader.LoadPkcs12Collection(bytes, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new CertificateFileException(password is null ? CertificateFileFault.Pkcs12NeedsPassword : CertificateFileFault.Pkcs12WrongPassword, e.Message);
        }

        try
        {
            var leaf = collection.FirstOrDefault(c => c.HasPrivateKey) ?? Leaf(collection)
                ?? throw new CertificateFileException(CertificateFileFault.NoCertificate);
            return new CertificateFile(Parse(leaf.RawData), leaf.HasPrivateKey, string.IsNullOrEmpty(leaf.FriendlyName) ? null : leaf.FriendlyName);
        }
        finally
        {
            foreach (var c in collection)
            {
                c.Dispose();
            }
        }
    }

    private static CertificateFile Pkcs7(byte[] der)
    {
        var cms = new SignedCms();
        try
        {
            cms.Decode(der);
        }
        catch (CryptographicException e)
        {
            throw new CertificateFileException(CertificateFileFault.NotPkcs7, e.Message);
        }

        var leaf = Leaf(cms.Certificates) ?? throw new CertificateFileException(CertificateFileFault.NoCertificate);
        return new CertificateFile(Parse(leaf.RawData), false, null);
    }

    /// <summary>The end-entity certificate of a bundle: the one that issued none of the others.</summary>
    private static X509Certificate2? Leaf(X509Certificate2Collection certificates)
    {
        var all = certificates.Cast<X509Certificate2>().ToList();
        return all.FirstOrDefault(c => !all.Any(o => !ReferenceEquals(o, c) && o.IssuerName.RawData.AsSpan().SequenceEqual(c.SubjectName.RawData) && !o.SubjectName.RawData.AsSpan().SequenceEqual(o.IssuerName.RawData)))
            ?? all.FirstOrDefault();
    }

    private static bool LooksLikePkcs7(byte[] der)
    {
        // ContentInfo: SEQUENCE { OID 1.2.840.113549.1.7.2 (signedData) … }
        ReadOnlySpan<byte> signedData = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
        return der.Length > 16 && der.AsSpan(0, Math.Min(der.Length, 24)).IndexOf(signedData) >= 0;
    }

    /// <summary>The DER inside a Base64 (PEM) file, the first block of it; null when the file is not text.</summary>
    private static byte[]? Pem(byte[] bytes)
    {
        if (bytes.Length == 0 || bytes[0] == 0x30)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(bytes);
        var begin = text.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        if (begin < 0)
        {
            return TryBase64(text);
        }

        var bodyStart = text.IndexOf('\n', begin) + 1;
        var end = text.IndexOf("-----END ", bodyStart, StringComparison.Ordinal);
        return bodyStart <= 0 || end < 0 ? null : TryBase64(text[bodyStart..end]);
    }

    private static byte[]? TryBase64(string text)
    {
        var clean = new string([.. text.Where(c => !char.IsWhiteSpace(c))]);
        var buffer = new byte[clean.Length];
        return Convert.TryFromBase64String(clean, buffer, out var written) ? buffer[..written] : null;
    }
}
