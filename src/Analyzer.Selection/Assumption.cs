using System.Globalization;

namespace Extls.Selection;

/// <summary>
/// The assumptions of the selection processes, where Microsoft's material is silent or contradicts itself.
/// A result lists the ones its answer rests on; the wire form is the id ("A1", "A2", …).
/// </summary>
public enum Assumption
{
    /// <summary>SuppressXAnonymousTls is checked right after process 1 step 2.</summary>
    A1 = 1,

    /// <summary>Exchange 2016/2019 do not fall back (12023/12024) when the internal certificate is not in the store.</summary>
    A2 = 2,

    /// <summary>Process 2's thumbprint check applies to every Mailbox→Exchange session; DeliveryType is ignored.</summary>
    A3 = 3,

    /// <summary>TlsCertificateName's issuer and subject compare case-insensitively after normalising spaces around ',' and '='.</summary>
    A4 = 4,

    /// <summary>A wildcard host name matches exactly one left-most label, case-insensitively (RFC 6125).</summary>
    A5 = 5,

    /// <summary>Candidates are not filtered on SMTP; a chosen certificate without SMTP fails the handshake.</summary>
    A6 = 6,

    /// <summary>"Valid CA-issued": not self-signed, Status not Revoked/Untrusted/Invalid, NotBefore not after the as-of time.</summary>
    A7 = 7,

    /// <summary>Process 4 is a model built from the cmdlet reference and Microsoft's diagnostics.</summary>
    A8 = 8,

    /// <summary>When the sender's addresses or the candidates' remote ranges are unknown, the default connector for the port answers.</summary>
    A9 = 9,

    /// <summary>
    /// A planned Enable- or New-ExchangeCertificate with SMTP: -Force or -Confirm:$false answers "overwrite the existing
    /// default SMTP certificate?" with yes, and a plan that says neither leaves the answer open (what-if only; the
    /// replay of a snapshot never rests on it).
    /// </summary>
    A10 = 10,

    /// <summary>
    /// A session comes from the sender's first reachable address, IPv4 before IPv6; among equally specific
    /// ranges a connector bound to the receiver's own address beats one bound to the any-address.
    /// </summary>
    A11 = 11,
}

public static class Assumptions
{
    public static string ToId(this Assumption assumption) =>
        Enum.IsDefined(assumption)
            ? "A" + ((int)assumption).ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(assumption), assumption, null);

    /// <summary>Reads a wire id ("A2"); false for anything that is not one of the defined assumptions.</summary>
    public static bool TryParse(string? id, out Assumption assumption)
    {
        foreach (var a in Enum.GetValues<Assumption>())
        {
            if (string.Equals(a.ToId(), id, StringComparison.Ordinal))
            {
                assumption = a;
                return true;
            }
        }

        assumption = default;
        return false;
    }
}
