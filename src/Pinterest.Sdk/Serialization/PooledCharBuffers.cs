using System.Buffers;
using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>Lends <see cref="JsonTextReader"/> its character buffers from the shared pool instead of allocating them per response.</summary>
internal sealed class PooledCharBuffers : IArrayPool<char>
{
    public static readonly PooledCharBuffers Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
            ArrayPool<char>.Shared.Return(array);
    }
}
