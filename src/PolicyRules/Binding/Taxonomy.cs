using System.Reflection;

namespace PolicyRules.Binding;

/// <summary>One provision key of docs/taxonomy.md: <c>area.name</c>, with what it means and what it captures.</summary>
/// <param name="Key">The key, <c>area.name</c> (e.g. <c>training.user-content</c>).</param>
/// <param name="Title">A short title for people.</param>
/// <param name="Description">What a provision of this kind says.</param>
/// <param name="Captures">The capture names rules of this provision are expected to fill (e.g. <c>period</c>).</param>
public sealed record ProvisionKey(string Key, string Title, string Description, IReadOnlyList<string> Captures)
{
    /// <summary>The area: the part of the key before the dot (e.g. <c>training</c>).</summary>
    public string Area => Key[..Key.IndexOf('.')];
    /// <summary>The key.</summary>
    public override string ToString() => Key;
}

/// <summary>The provision taxonomy, shipped as data inside the library (taxonomy.tsv).</summary>
public static class Taxonomy
{
    private static readonly Lazy<IReadOnlyList<ProvisionKey>> _all = new(Load);
    private static readonly Lazy<IReadOnlyDictionary<string, ProvisionKey>> _byKey =
        new(() => _all.Value.ToDictionary(k => k.Key, StringComparer.Ordinal));

    /// <summary>Every provision key, in taxonomy order.</summary>
    public static IReadOnlyList<ProvisionKey> All => _all.Value;

    /// <summary>Areas in the order the taxonomy lists them (the order of a document summary).</summary>
    public static IReadOnlyList<string> Areas => _all.Value.Select(k => k.Area).Distinct().ToList();

    /// <summary>Looks a key up (exact, case-sensitive).</summary>
    public static bool TryGet(string key, out ProvisionKey provision) => _byKey.Value.TryGetValue(key, out provision!);

    /// <summary>The provision with this key, or null.</summary>
    public static ProvisionKey? Find(string key) => _byKey.Value.GetValueOrDefault(key);

    private static IReadOnlyList<ProvisionKey> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("taxonomy.tsv")
            ?? throw new InvalidOperationException("taxonomy.tsv is not embedded in the library");
        using var reader = new StreamReader(stream);
        var result = new List<ProvisionKey>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cols = line.Split('\t');
            var captures = cols.Length > 3 && cols[3].Length > 0
                ? cols[3].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : Array.Empty<string>();
            result.Add(new ProvisionKey(cols[0], cols[1], cols.Length > 2 ? cols[2] : "", captures));
        }
        return result;
    }
}
