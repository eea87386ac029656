using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Extls.Generation.Tests;

public sealed class DerivedKeyTests
{
    [Fact]
    public void Hmac_drbg_reproduces_the_nist_test_vector()
    {
        // NIST CAVP HMAC_DRBG, SHA-256, no prediction resistance, no personalisation or additional input, COUNT = 0:
        // instantiate with entropy || nonce, generate 1024 bits twice, the second output is ReturnedBits.
        var drbg = new HmacDrbg(Convert.FromHexString("ca851911349384bffe89de1cbdc46e6831e44d34a4fb935ee285dd14b71a7488" + "659ba96c601dc69fc902940805ec0ca8"));
        drbg.Next(128);
        Assert.Equal(
            "e528e9abf2dece54d47c7e75e5fe302149f817ea9fb4bee6f4199697d04d5b89d54fbb978a15b5c443c9ec21036d2460b6f73ebad0dc2aba6e624abf07745bc107694bb7547bb0995f70de25d6b29e2d3011bb19d27676c07162c8b5ccde0668961df86803482cb37ed6d5c0bb8d50cf1f50d476aa0458bdaba806f48be9dcb8",
            Convert.ToHexStringLower(drbg.Next(128)));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(2048)]
    public void A_derived_rsa_key_is_a_correct_key_of_exactly_its_size(int size)
    {
        var parameters = DerivedRsa.Derive(new HmacDrbg("extls-test"u8), size);
        var n = Int(parameters.Modulus!);
        var p = Int(parameters.P!);
        var q = Int(parameters.Q!);
        var d = Int(parameters.D!);
        var e = Int(parameters.Exponent!);
        Assert.Equal(size, (int)n.GetBitLength());
        Assert.Equal(n, p * q);
        Assert.Equal(65537, (int)e);
        Assert.Equal(size / 2, (int)p.GetBitLength());
        Assert.Equal(size / 2, (int)q.GetBitLength());
        Assert.True(IndependentlyPrime(p) && IndependentlyPrime(q));
        var lambda = (p - 1) * (q - 1) / BigInteger.GreatestCommonDivisor(p - 1, q - 1);
        Assert.Equal(BigInteger.One, e * d % lambda);
        Assert.Equal(Int(parameters.DP!), d % (p - 1));
        Assert.Equal(Int(parameters.DQ!), d % (q - 1));
        Assert.Equal(BigInteger.One, Int(parameters.InverseQ!) * q % p);

        using var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        byte[] data = [1, 2, 3];
        var signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var publicOnly = RSA.Create();
        publicOnly.ImportParameters(new RSAParameters { Modulus = parameters.Modulus, Exponent = parameters.Exponent });
        Assert.True(publicOnly.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Another_name_gives_another_key_and_the_same_name_the_same()
    {
        var a = DerivedRsa.Derive(new HmacDrbg("name-a"u8), 1024);
        var b = DerivedRsa.Derive(new HmacDrbg("name-b"u8), 1024);
        var again = DerivedRsa.Derive(new HmacDrbg("name-a"u8), 1024);
        Assert.NotEqual(a.Modulus, b.Modulus);
        Assert.Equal(a.Modulus, again.Modulus);
        Assert.Equal(a.D, again.D);
    }

    [Fact]
    public void The_derivation_recipe_is_pinned()
    {
        // Every fixture's thumbprint rests on this recipe. If this fails, keys changed: if that was meant, change
        // DerivedKey.Recipe, regenerate the fixtures (dotnet run --project tests/Analyzer.FixtureGen -- .) and update this.
        var key = new CertificateFactory().Create(Specs.Server("EX01") with { Name = "known-answer", KeySize = 1024 });
        Assert.Equal("extls/generation/v1", DerivedKey.Recipe);
        Assert.Equal(PinnedModulusHash, Convert.ToHexString(SHA256.HashData(key.Certificate.GetRSAPublicKey()!.ExportParameters(false).Modulus!))[..16]);
        Assert.Equal(PinnedThumbprint, key.Thumbprint);
    }

    private const string PinnedModulusHash = "1264680B06ABBDC4";
    private const string PinnedThumbprint = "D4CA6D39FB0F4ED08092BC62989CF47FAB44537A";

    [Theory]
    [InlineData("2047")]        // 23 * 89, a strong pseudoprime to base 2
    [InlineData("561")]         // Carmichael numbers: they fool every Fermat test
    [InlineData("41041")]
    [InlineData("825265")]
    [InlineData("3215031751")]  // a strong pseudoprime to bases 2, 3, 5 and 7
    [InlineData("1427247692705959880439315947500961989719490561")] // (2^61 - 1)(2^89 - 1)
    public void Miller_rabin_rejects_composites_that_fool_weaker_tests(string value) =>
        Assert.False(DerivedRsa.IsProbablePrime(BigInteger.Parse(value, System.Globalization.CultureInfo.InvariantCulture), 7, new HmacDrbg("mr"u8)));

    [Theory]
    [InlineData(127)]
    [InlineData(521)]
    [InlineData(607)]
    public void Miller_rabin_accepts_mersenne_primes(int exponent) =>
        Assert.True(DerivedRsa.IsProbablePrime((BigInteger.One << exponent) - 1, 7, new HmacDrbg("mr"u8)));

    [Fact]
    public void Modular_inverse_inverts_and_refuses_what_has_no_inverse()
    {
        Assert.Equal(new BigInteger(4), DerivedRsa.ModInverse(3, 11));
        var m = (BigInteger.One << 127) - 1;
        var x = BigInteger.Parse("123456789123456789123456789", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(BigInteger.One, x * DerivedRsa.ModInverse(x, m) % m);
        Assert.Throws<ArithmeticException>(() => DerivedRsa.ModInverse(6, 9));
    }

    private static BigInteger Int(byte[] bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    /// <summary>Trial division and Miller-Rabin with the fixed first twelve prime bases: not the code under test.</summary>
    private static bool IndependentlyPrime(BigInteger n)
    {
        int[] bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
        if (bases.Any(b => n % b == 0))
        {
            return false;
        }

        var d = n - 1;
        var s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }

        foreach (var a in bases)
        {
            var x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == n - 1)
            {
                continue;
            }

            var composite = true;
            for (var i = 1; i < s && composite; i++)
            {
                x = x * x % n;
                composite = x != n - 1;
            }

            if (composite)
            {
                return false;
            }
        }

        return true;
    }
}
