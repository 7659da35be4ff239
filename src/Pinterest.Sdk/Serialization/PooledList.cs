using System.Buffers;
using System.Runtime.CompilerServices;

namespace Pinterest.Sdk;

/// <summary>
/// Collects a list's items in a buffer rented from <see cref="ArrayPool{T}"/> while they are read, then
/// hands them out as one array of exactly their number: a list is allocated once, at its final size,
/// instead of growing by doubling and keeping the slack. Dispose returns the buffer (cleared when it
/// holds references, so the pool keeps no model alive).
/// </summary>
internal struct PooledList<T> : IDisposable
{
    private T[] _buffer;
    private int _count;

    public PooledList()
    {
        // Pinterest's lists mostly hold dozens to thousands of items.
        _buffer = ArrayPool<T>.Shared.Rent(16);
        _count = 0;
    }

    public void Add(T item)
    {
        if (_count == _buffer.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_buffer.Length * 2);
            Array.Copy(_buffer, larger, _count);
            Return(_buffer);
            _buffer = larger;
        }
        _buffer[_count++] = item;
    }

    /// <summary>The items, in a new array of exactly their number.</summary>
    public readonly T[] ToArray() => _count == 0 ? [] : _buffer.AsSpan(0, _count).ToArray();

    public void Dispose()
    {
        if (_buffer is not null)
            Return(_buffer);
        _buffer = null!;
    }

    private readonly void Return(T[] buffer) =>
        ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>() && _count > 0);
}
