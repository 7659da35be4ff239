using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// The models' wire names, lent to every response reader so that a property name is matched against
/// an existing string instead of allocated: a large insights response holds thousands of them. Each
/// generated model adds its names the first time it reads (<c>Class.liquid</c>). The table is
/// replaced, never changed, so a reader on another thread never sees it half-updated.
/// </summary>
internal sealed class JsonPropertyNames : JsonNameTable
{
    /// <summary>The table every reader uses.</summary>
    public static readonly JsonPropertyNames Shared = new();

    private readonly object _gate = new();
    private readonly List<string> _names = [];
    private DefaultJsonNameTable _current = new();

    public override string? Get(char[] key, int start, int length) => Volatile.Read(ref _current).Get(key, start, length);

    /// <summary>Adds a model's wire names to <see cref="Shared"/>.</summary>
    /// <param name="names">The names.</param>
    /// <returns><see langword="true"/>, for the model's "names added" flag.</returns>
    public static bool Add(params string[] names)
    {
        Shared.AddCore(names);
        return true;
    }

    private void AddCore(string[] names)
    {
        lock (_gate)
        {
            foreach (var name in names)
            {
                if (!_names.Contains(name))
                    _names.Add(name);
            }
            var table = new DefaultJsonNameTable();
            foreach (var name in _names)
                table.Add(name);
            Volatile.Write(ref _current, table);
        }
    }
}
