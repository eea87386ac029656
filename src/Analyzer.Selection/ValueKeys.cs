namespace Extls.Selection;

// Start-up: a Dictionary or List whose key or item is a struct of this assembly is a framework instantiation that no
// ReadyToRun image holds, so the JIT compiles its methods (a dozen or two per type) at every start, even on a three-server
// dump. Keyed through a small class instead, the dictionary is the framework's shared code for reference keys, already
// compiled; and one box per map serves as the probe that lookups fill in, so a lookup allocates nothing.

/// <summary>A value as a dictionary key: equal and hashed as the value.</summary>
internal sealed class ValueKey<T> : IEquatable<ValueKey<T>>
    where T : struct, IEquatable<T>
{
    public ValueKey(T value) => Value = value;

    /// <summary>Settable only for a map's probe; a key in a map is never changed.</summary>
    public T Value { get; set; }

    public bool Equals(ValueKey<T>? other) => other is not null && Value.Equals(other.Value);

    public override bool Equals(object? obj) => Equals(obj as ValueKey<T>);

    public override int GetHashCode() => Value.GetHashCode();
}

/// <summary>A dictionary keyed by a value, looked up without allocating. Not thread-safe: its users lock or own it.</summary>
internal sealed class ValueKeyedMap<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
{
    private readonly Dictionary<ValueKey<TKey>, TValue> map = [];
    private readonly ValueKey<TKey> probe = new(default);

    public bool TryGetValue(TKey key, out TValue value)
    {
        probe.Value = key;
        return map.TryGetValue(probe, out value!);
    }

    public void Add(TKey key, TValue value) => map.Add(new ValueKey<TKey>(key), value);
}

/// <summary>Numbers distinct values 0, 1, 2 … in the order first seen. Not thread-safe: its users own it.</summary>
internal sealed class ValueIds<T>
    where T : struct, IEquatable<T>
{
    private readonly Dictionary<ValueKey<T>, int> ids = [];
    private readonly List<ValueKey<T>> values = [];
    private readonly ValueKey<T> probe = new(default);

    public int Count => values.Count;

    /// <summary>The value numbered <paramref name="id"/>.</summary>
    public T this[int id] => values[id].Value;

    /// <summary>The number of <paramref name="value"/>, the next one when it is new.</summary>
    public int IdOf(T value)
    {
        probe.Value = value;
        if (ids.TryGetValue(probe, out var id))
        {
            return id;
        }

        var key = new ValueKey<T>(value);
        id = values.Count;
        values.Add(key);
        ids.Add(key, id);
        return id;
    }

    public void Clear()
    {
        ids.Clear();
        values.Clear();
    }
}
