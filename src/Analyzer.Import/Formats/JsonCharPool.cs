using System.Buffers;
using Newtonsoft.Json;

namespace Extls.Import.Formats;

/// <summary>
/// Json.NET's character buffers from the shared pool. A dump is thousands of small section files, and each reader
/// otherwise allocates its buffer and grows it to the longest token (a certificate's RawData in base64): at 1,000
/// servers that was about a quarter of everything the import allocated, for buffers dropped a millisecond later.
/// </summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    public static readonly JsonCharPool Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
