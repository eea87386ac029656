using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Extls.Generation;

/// <summary>
/// A key pair computed from its name, size and algorithm, cached for the life of the process. Computing a
/// 2048-bit RSA key takes a few hundred milliseconds, so each one is computed once and then shared by every
/// certificate (and every factory) that names it. The parameters are immutable; each thread signs with its own
/// platform key object made from them, so one key can sign on many threads at once without a lock.
/// </summary>
internal sealed class DerivedKey
{
    /// <summary>Part of every seed: changing how keys are derived must change this, and with it every test thumbprint.</summary>
    internal const string Recipe = "extls/generation/v1";

    private static readonly ConcurrentDictionary<(KeyAlgorithm, int, string), Lazy<DerivedKey>> Cache = new();

    // The order of NIST P-256 (FIPS 186-5 / SP 800-186).
    private static readonly BigInteger P256Order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private readonly RSAParameters rsa;
    private readonly ECParameters ec;
    private readonly ThreadLocal<AsymmetricAlgorithm> perThread;

    private DerivedKey(KeyAlgorithm algorithm, int size, string name, RSAParameters rsa, ECParameters ec)
    {
        Algorithm = algorithm;
        Size = size;
        Name = name;
        this.rsa = rsa;
        this.ec = ec;
        perThread = new ThreadLocal<AsymmetricAlgorithm>(Instantiate);
        using var key = Instantiate();
        SubjectPublicKeyInfo = key.ExportSubjectPublicKeyInfo();
    }

    public KeyAlgorithm Algorithm { get; }

    public int Size { get; }

    public string Name { get; }

    public byte[] SubjectPublicKeyInfo { get; }

    public static DerivedKey For(KeyAlgorithm algorithm, int size, string name) =>
        Cache.GetOrAdd((algorithm, size, name), k => new Lazy<DerivedKey>(() => Derive(k.Item1, k.Item2, k.Item3))).Value;

    /// <summary>Signs with the private key, on this thread's own key object.</summary>
    public byte[] Sign(byte[] data, HashAlgorithmName hash) => perThread.Value switch
    {
        RSA r => r.SignData(data, hash, RSASignaturePadding.Pkcs1),
        ECDsa e => e.SignData(data, hash, DSASignatureFormat.Rfc3279DerSequence),
        _ => throw new InvalidOperationException("unknown key type"),
    };

    /// <summary>A new key object holding the key pair, owned by the caller (a PFX, a TLS test server).</summary>
    public AsymmetricAlgorithm Instantiate()
    {
        if (Algorithm == KeyAlgorithm.Rsa)
        {
            var r = RSA.Create();
            r.ImportParameters(rsa);
            return r;
        }

        var e = ECDsa.Create();
        e.ImportParameters(ec);
        return e;
    }

    private static DerivedKey Derive(KeyAlgorithm algorithm, int size, string name)
    {
        var seed = Encoding.UTF8.GetBytes($"{Recipe}\0key\0{algorithm}\0{size.ToString(System.Globalization.CultureInfo.InvariantCulture)}\0{name}");
        var drbg = new HmacDrbg(seed);
        switch (algorithm)
        {
            case KeyAlgorithm.Rsa:
                return new DerivedKey(algorithm, size, name, DerivedRsa.Derive(drbg, size), default);

            case KeyAlgorithm.EcdsaP256:
            {
                // A private scalar in [1, n-1]; .NET computes the public point from it.
                var scalar = (new BigInteger(drbg.Next(40), isUnsigned: true, isBigEndian: true) % (P256Order - 1)) + 1;
                var d = scalar.ToByteArray(isUnsigned: true, isBigEndian: true);
                var padded = new byte[32];
                d.CopyTo(padded, 32 - d.Length);
                using var ec = ECDsa.Create();
                ec.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = padded });
                return new DerivedKey(algorithm, size, name, default, ec.ExportParameters(includePrivateParameters: true));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown key algorithm");
        }
    }
}
