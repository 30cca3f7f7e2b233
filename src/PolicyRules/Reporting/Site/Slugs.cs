using System.Text;

namespace PolicyRules.Reporting.Site;

/// <summary>
/// Safe page names: lower-case ASCII letters, digits and single hyphens, nothing else, so a file name
/// or an href can never carry markup, a path separator or a scheme, whatever a folder is called.
/// </summary>
internal sealed class Slugs
{
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>The slug for <paramref name="key"/>: stable for the same key; a clash gets -2, -3… in the order keys are first asked for.</summary>
    public string For(string key, string text)
    {
        if (_byKey.TryGetValue(key, out var existing)) return existing;
        var slug = Make(text);
        var candidate = slug;
        for (var n = 2; !_taken.Add(candidate); n++) candidate = $"{slug}-{n}";
        return _byKey[key] = candidate;
    }

    public static string Make(string text, int maxLength = 60)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormKD))
        {
            var c = char.ToLowerInvariant(ch);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= maxLength) break;
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "x" : slug;
    }
}
