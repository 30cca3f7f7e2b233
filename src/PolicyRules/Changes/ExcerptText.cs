using System.Text;
using System.Text.RegularExpressions;

namespace PolicyRules.Changes;

/// <summary>
/// What an excerpt means for comparison: whitespace folded, typographic quotes and dashes unified,
/// URLs stripped of query and fragment (tracking parameters). Two excerpts that normalise alike are
/// the same provision text, whatever their line breaks or link targets.
/// </summary>
internal static partial class ExcerptText
{
    [GeneratedRegex(@"\bhttps?://[^\s)\]>""']+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    public static string Normalize(string text)
    {
        var withoutTracking = Url().Replace(text, m =>
        {
            var url = m.Value;
            var cut = url.IndexOfAny(new[] { '?', '#' });
            return (cut >= 0 ? url[..cut] : url).TrimEnd('/', '.', ',', ';');
        });
        var sb = new StringBuilder(withoutTracking.Length);
        var space = false;
        foreach (var c in withoutTracking)
        {
            var ch = c switch
            {
                '\u2018' or '\u2019' or '\u201B' => '\'',
                '\u201C' or '\u201D' or '\u201F' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
                '\u00A0' or '\u2009' or '\u202F' => ' ',
                _ => c,
            };
            if (char.IsWhiteSpace(ch)) { space = sb.Length > 0; continue; }
            // Markdown emphasis marks carry no meaning of their own.
            if (ch is '*' or '_' or '`') continue;
            if (space) { sb.Append(' '); space = false; }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>The lower-cased words of a normalised excerpt, in order.</summary>
    public static List<string> Words(string normalized) =>
        Word().Matches(normalized).Select(m => m.Value.ToLowerInvariant().Replace('’', '\'')).ToList();

    /// <summary>Word-set Jaccard similarity, 1 for two empty texts.</summary>
    public static double Jaccard(IReadOnlyCollection<string> a, IReadOnlyCollection<string> b)
    {
        var sa = new HashSet<string>(a, StringComparer.Ordinal);
        var sb = new HashSet<string>(b, StringComparer.Ordinal);
        if (sa.Count == 0 && sb.Count == 0) return 1;
        var inter = sa.Count(sb.Contains);
        return (double)inter / (sa.Count + sb.Count - inter);
    }

    /// <summary>The captures as compared: each text normalised and lower-cased; names and texts in order (the order of mention is no change).</summary>
    public static string CaptureKey(IReadOnlyDictionary<string, string[]> captures) =>
        string.Join("\u0001", captures.Where(kv => kv.Value.Length > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key + "=" + string.Join("\u0002", CaptureValues(kv.Value))));

    public static IEnumerable<string> CaptureValues(IEnumerable<string> values) =>
        values.Select(v => string.Join(' ', Words(Normalize(v)))).Distinct().Order(StringComparer.Ordinal);
}
