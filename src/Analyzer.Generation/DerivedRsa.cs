using System.Numerics;
using System.Security.Cryptography;

namespace Extls.Generation;

/// <summary>
/// An RSA key computed from a name: probable primes drawn from an <see cref="HmacDrbg"/> seeded with the name, the way
/// FIPS 186-5 (appendix A.1.3, probable primes) draws them from a random source. .NET cannot seed its own RSA key
/// generation, and a test key that changes on every run changes every certificate made with it.
/// </summary>
internal static class DerivedRsa
{
    public const int PublicExponent = 65537;

    private static readonly BigInteger E = PublicExponent;

    // Odd primes below 2^16: a candidate divisible by one of them is dropped before the expensive Miller-Rabin test.
    private static readonly int[] SmallPrimes = OddPrimesBelow(1 << 16);

    public static RSAParameters Derive(HmacDrbg drbg, int keySize)
    {
        var half = keySize / 2;
        while (true)
        {
            var p = Prime(drbg, half);
            var q = Prime(drbg, half);

            // FIPS 186-5 A.1.3 step 5.4: |p - q| > 2^(nlen/2 - 100), so that n cannot be factored by Fermat's method.
            if (BigInteger.Abs(p - q) <= BigInteger.One << (half - 100))
            {
                continue;
            }

            if (p < q)
            {
                (p, q) = (q, p);
            }

            var lambda = Lcm(p - 1, q - 1);
            var d = ModInverse(E, lambda);

            // FIPS 186-5 A.1.1: d > 2^(nlen/2); a smaller private exponent is open to Wiener's attack.
            if (d <= BigInteger.One << half)
            {
                continue;
            }

            var bytes = keySize / 8;
            return new RSAParameters
            {
                Modulus = Bytes(p * q, bytes),
                Exponent = Bytes(E, 3),
                D = Bytes(d, bytes),
                P = Bytes(p, bytes / 2),
                Q = Bytes(q, bytes / 2),
                DP = Bytes(d % (p - 1), bytes / 2),
                DQ = Bytes(d % (q - 1), bytes / 2),
                InverseQ = Bytes(ModInverse(q, p), bytes / 2),
            };
        }
    }

    /// <summary>
    /// A probable prime of exactly <paramref name="bits"/> bits with its two top bits set (so that the product of two
    /// has exactly twice as many) and p - 1 prime to e. Candidates are searched upwards from a drawn odd start, as
    /// OpenSSL does, with a sieve of small primes in front of Miller-Rabin.
    /// </summary>
    internal static BigInteger Prime(HmacDrbg drbg, int bits)
    {
        const int window = 1 << 16;
        var residues = new int[SmallPrimes.Length];
        while (true)
        {
            var raw = drbg.Next(bits / 8);
            raw[0] |= 0xC0;
            raw[^1] |= 0x01;
            var start = new BigInteger(raw, isUnsigned: true, isBigEndian: true);
            for (var i = 0; i < SmallPrimes.Length; i++)
            {
                residues[i] = (int)(start % SmallPrimes[i]);
            }

            var startModE = (int)(start % E);
            for (var delta = 0; delta < window; delta += 2)
            {
                if (!SurvivesSieve(residues, delta) || (startModE + delta) % PublicExponent == 1)
                {
                    continue;
                }

                var candidate = start + delta;
                if (candidate.GetBitLength() != bits)
                {
                    break;
                }

                if (IsProbablePrime(candidate, Rounds(bits), drbg))
                {
                    return candidate;
                }
            }
        }
    }

    private static bool SurvivesSieve(int[] residues, int delta)
    {
        for (var i = 0; i < residues.Length; i++)
        {
            if ((residues[i] + delta) % SmallPrimes[i] == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Miller-Rabin rounds for an error below 2^-100: FIPS 186-5 table B.1 gives 5 for 1024-bit primes and 4 above.</summary>
    private static int Rounds(int bits) => bits switch
    {
        <= 512 => 7,
        <= 1024 => 5,
        _ => 4,
    };

    /// <summary>Miller-Rabin with bases drawn from the generator (FIPS 186-5 B.3.1).</summary>
    internal static bool IsProbablePrime(BigInteger n, int rounds, HmacDrbg drbg)
    {
        if (n < 5 || n.IsEven)
        {
            return n == 2 || n == 3;
        }

        var nMinusOne = n - 1;
        var d = nMinusOne;
        var s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }

        var length = (int)((n.GetBitLength() + 7) / 8);
        for (var round = 0; round < rounds; round++)
        {
            BigInteger a;
            do
            {
                a = new BigInteger(drbg.Next(length), isUnsigned: true, isBigEndian: true) % n;
            }
            while (a <= 1 || a >= nMinusOne);

            var x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == nMinusOne)
            {
                continue;
            }

            var witness = true;
            for (var i = 1; i < s && witness; i++)
            {
                x = BigInteger.ModPow(x, 2, n);
                witness = x != nMinusOne;
            }

            if (witness)
            {
                return false;
            }
        }

        return true;
    }

    internal static BigInteger ModInverse(BigInteger a, BigInteger m)
    {
        BigInteger r0 = m, r1 = ((a % m) + m) % m, t0 = 0, t1 = 1;
        while (!r1.IsZero)
        {
            var quotient = BigInteger.DivRem(r0, r1, out var remainder);
            (r0, r1) = (r1, remainder);
            (t0, t1) = (t1, t0 - (quotient * t1));
        }

        if (!r0.IsOne)
        {
            throw new ArithmeticException("not invertible");
        }

        return t0.Sign < 0 ? t0 + m : t0;
    }

    private static BigInteger Lcm(BigInteger a, BigInteger b) => a / BigInteger.GreatestCommonDivisor(a, b) * b;

    /// <summary>Big-endian, left-padded with zeros to the fixed length RSAParameters asks for.</summary>
    private static byte[] Bytes(BigInteger value, int length)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (raw.Length > length)
        {
            throw new InvalidOperationException("value longer than its field");
        }

        var padded = new byte[length];
        raw.CopyTo(padded, length - raw.Length);
        return padded;
    }

    private static int[] OddPrimesBelow(int limit)
    {
        var composite = new bool[limit];
        var primes = new List<int>();
        for (var i = 3; i < limit; i += 2)
        {
            if (composite[i])
            {
                continue;
            }

            primes.Add(i);
            for (long j = (long)i * i; j < limit; j += 2L * i)
            {
                composite[j] = true;
            }
        }

        return [.. primes];
    }
}
