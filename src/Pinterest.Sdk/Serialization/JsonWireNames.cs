using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// The wire names of every generated model, lent to each response reader so that a property name is
/// matched against an existing string instead of allocated (a large insights response holds
/// thousands). Each model adds its names through a static field in its generated part of this
/// class (<c>Class.liquid</c>); the runtime runs all those initializers before <see cref="Table"/> is
/// first read, and the table is only read after that, so it needs no lock.
/// </summary>
internal static partial class JsonWireNames
{
    // No initializer: the generated parts' initializers may run before this file's would.
    private static DefaultJsonNameTable? s_table;

    /// <summary>The table of all models' wire names.</summary>
    public static JsonNameTable Table => s_table ??= new DefaultJsonNameTable();

    private static bool Add(params string[] names)
    {
        var table = s_table ??= new DefaultJsonNameTable();
        foreach (var name in names)
            table.Add(name);
        return true;
    }
}
