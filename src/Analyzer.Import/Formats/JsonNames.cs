using Newtonsoft.Json;

namespace Extls.Import.Formats;

/// <summary>
/// The property names of every JSON file of a load, each kept once: Json.NET makes a new string of every name it
/// reads unless its reader has a name table that already holds it, and a dump repeats the same few hundred names
/// (Thumbprint, Subject, AuthMechanism …) in every entry of thousands of files.
/// </summary>
/// <remarks>
/// Shared by the readers on every thread, so lookups take a lock (a few hundred nanoseconds against the string
/// they save). It stops growing at <see cref="MaxNames"/>, so a hostile file of a million distinct names costs what
/// it did before; names are case-sensitive here, as JSON's are, and PowerShellValues still looks them up without case.
/// </remarks>
internal sealed class JsonNames : JsonNameTable
{
    public const int MaxNames = 4096;

    public static readonly JsonNames Shared = new();

    // An open-addressing table of twice the names it may hold, probed linearly: a HashSet's lookup by span (its
    // AlternateLookup) is a framework generic over a struct, compiled at run time on every start.
    private readonly string?[] slots = new string?[2 * MaxNames];

    private int count;

    private readonly Lock gate = new();

    public override string? Get(char[] key, int start, int length)
    {
        var span = key.AsSpan(start, length);
        var mask = slots.Length - 1;
        var slot = string.GetHashCode(span) & mask;
        lock (gate)
        {
            for (; slots[slot] is { } known; slot = (slot + 1) & mask)
            {
                if (span.Equals(known, StringComparison.Ordinal))
                {
                    return known;
                }
            }

            if (count >= MaxNames || length > 128)
            {
                return null;
            }

            var name = span.ToString();
            slots[slot] = name;
            count++;
            return name;
        }
    }
}
