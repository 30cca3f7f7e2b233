using System.Collections.Concurrent;

namespace PolicyRules.Documents;

/// <summary>What the annotators need to know about a word, computed once per distinct form (no hashing per token).</summary>
[Flags]
internal enum TermClass : ushort
{
    None = 0,
    /// <summary>not, no, never, neither, nor, none, nothing, nobody, nowhere, without.</summary>
    Negation = 1 << 0,
    /// <summary>Can start an exception cue: unless, except, other (than), even (if), however, …</summary>
    ExceptionStart = 1 << 1,
    /// <summary>Ends a negation scope: but, however, unless, except, although, though, whereas, while.</summary>
    ClauseBreak = 1 << 2,
    /// <summary>A lower-case word that can start an entity (number words, qualifiers, currency codes, "under", "the"…).</summary>
    EntityTrigger = 1 << 3,
    /// <summary>Month names and abbreviations.</summary>
    Month = 1 << 4,
    /// <summary>First word of a gazetteer place name.</summary>
    PlaceStart = 1 << 5,
    /// <summary>"county".</summary>
    County = 1 << 6,
    /// <summary>A straight quote (" or '), which phrases skip over.</summary>
    Quote = 1 << 7,
}

/// <summary>A normalised form and its stem, interned so that equal tokens share strings and cost no allocation.</summary>
internal sealed class Term(string normalized, string stem)
{
    public readonly string Normalized = normalized;
    public readonly string Stem = stem;
    public readonly TermClass Class = WordClasses.Classify(normalized);
    /// <summary>
    /// The stem as a small number (see <see cref="StemKeys"/>): what phrase matching compares. Not
    /// readonly: a rule set numbers a phrase's stem that a full table had left at -1.
    /// </summary>
    public int StemKey = StemKeys.Find(stem);

    /// <summary>A straight quote token, which phrases skip over ("your “Content”").</summary>
    public bool IsQuote(TokenKind kind) => kind == TokenKind.Punctuation && (Class & TermClass.Quote) != 0;
}

/// <summary>
/// Process-wide numbering of stems, so that phrase matching compares and hashes integers instead of
/// strings. Phrases of a rule set always get a number; documents only while the table has room (a
/// stem first seen after that is numbered -1 and, never being a phrase's, matches nothing).
/// </summary>
internal static class StemKeys
{
    private const int MaxEntries = 1 << 21;
    private static readonly ConcurrentDictionary<string, int> Keys = new(StringComparer.Ordinal);
    private static int _count;

    public static int Find(string stem) =>
        Volatile.Read(ref _count) < MaxEntries ? Add(stem) : Keys.TryGetValue(stem, out var key) ? key : -1;

    /// <summary>The stem's number, numbering it if new: for the phrases of a rule set.</summary>
    public static int Add(string stem) => Keys.GetOrAdd(stem, static _ => Interlocked.Increment(ref _count) - 1);
}

/// <summary>The closed word lists behind <see cref="TermClass"/>.</summary>
internal static class WordClasses
{
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
        { "not", "no", "never", "neither", "nor", "none", "nothing", "nobody", "nowhere", "without" };

    private static readonly HashSet<string> ExceptionStarts = new(StringComparer.Ordinal)
        { "unless", "except", "excepting", "excluding", "other", "even", "however", "notwithstanding", "regardless", "with", "apart", "save", "but", "not" };

    private static readonly HashSet<string> ClauseBreaks = new(StringComparer.Ordinal)
        { "but", "however", "unless", "except", "although", "though", "whereas", "while" };

    private static readonly HashSet<string> Months = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
    };

    internal static readonly HashSet<string> EntityTriggers = new(StringComparer.Ordinal)
    {
        // number words
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        // qualifiers and age words
        "under", "below", "over", "above", "younger", "older", "aged", "at", "age", "a", "the", "up", "no", "not", "more", "less", "fewer",
        "longer", "maximum", "minimum", "within", "approximately", "about", "after", "county",
        // currency prefixes and codes
        "us", "u.s.", "c", "ca", "au", "nz", "hk", "s", "sg", "r", "mx",
        "usd", "eur", "gbp", "cad", "aud", "jpy", "chf", "cny", "rmb", "inr", "sgd", "hkd", "nzd", "krw", "brl", "mxn", "sek", "nok", "dkk", "pln",
    };

    public static TermClass Classify(string s)
    {
        var c = TermClass.None;
        if (Negations.Contains(s)) c |= TermClass.Negation;
        if (ExceptionStarts.Contains(s)) c |= TermClass.ExceptionStart;
        if (ClauseBreaks.Contains(s)) c |= TermClass.ClauseBreak;
        if (EntityTriggers.Contains(s)) c |= TermClass.EntityTrigger;
        if (Months.Contains(s)) c |= TermClass.Month;
        if (PlaceStarts.Contains(s)) c |= TermClass.PlaceStart;
        if (s == "county") c |= TermClass.County;
        if (s is "\"" or "'") c |= TermClass.Quote;
        return c;
    }

    /// <summary>First words of the gazetteer's names, normalised the way the tokenizer does (lower case, possessive dropped).</summary>
    private static readonly HashSet<string> PlaceStarts = BuildPlaceStarts();

    private static HashSet<string> BuildPlaceStarts()
    {
        var set = new HashSet<string>(StringComparer.Ordinal) { "state", "commonwealth", "district" };
        foreach (var list in new[] { Gazetteer.Entries, Gazetteer.UsStates })
            foreach (var line in list)
            {
                var name = line.Split('=')[0];
                if (name.StartsWith("the ", StringComparison.Ordinal)) name = name[4..];
                var first = name.Split(' ', ',')[0].ToLowerInvariant().Replace('’', '\'');
                if (first.EndsWith("'s", StringComparison.Ordinal)) first = first[..^2];
                set.Add(first);
                foreach (var dir in new[] { "northern", "southern", "eastern", "western", "central", "middle" }) set.Add(dir);
            }
        return set;
    }
}

/// <summary>
/// Process-wide intern table from folded text to <see cref="Term"/>. Looked up by span (no string
/// is allocated for a known term); bounded so a hostile input cannot grow it without limit.
/// </summary>
internal static class TermCache
{
    private const int MaxEntries = 1 << 20;
    // ConcurrentDictionary.Count takes every lock of the table: keep our own count.
    private static int _words, _others;
    private static readonly ConcurrentDictionary<string, Term> Words = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Term> Others = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Term>.AlternateLookup<ReadOnlySpan<char>> WordLookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly ConcurrentDictionary<string, Term>.AlternateLookup<ReadOnlySpan<char>> OtherLookup = Others.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Term[] Ascii = BuildAscii();

    // A small direct-mapped cache per thread in front of the shared table: most tokens are a few
    // hundred frequent words, and this avoids the shared table's hashing and memory barriers.
    [ThreadStatic] private static Term?[]? _recent;
    private const int RecentMask = (1 << 15) - 1;
    internal const uint RecentMaskValue = RecentMask;

    /// <summary>This thread's cache, fetched once per block by the tokenizer (thread-static access is not free).</summary>
    public static Term?[] Recent => _recent ??= new Term?[RecentMask + 1];

    /// <summary>A word: stem computed once (Porter2 of the word, or of its base form when irregular: IrregularForms).</summary>
    public static Term Word(ReadOnlySpan<char> folded) => Word(folded, Recent);

    public static Term Word(ReadOnlySpan<char> folded, Term?[] recent)
    {
        uint h = 2166136261;
        foreach (var c in folded) h = (h ^ c) * 16777619;
        ref var slot = ref recent[h & RecentMask];
        var cached = slot;
        if (cached is not null && cached.Normalized.AsSpan().SequenceEqual(folded)) return cached;
        var term = Shared(folded);
        slot = term;
        return term;
    }

    private static Term Shared(ReadOnlySpan<char> folded)
    {
        if (WordLookup.TryGetValue(folded, out var term)) return term;
        var s = folded.ToString();
        term = new Term(s, IrregularForms.Stem(s));
        if (Volatile.Read(ref _words) < MaxEntries && Words.TryAdd(s, term)) Interlocked.Increment(ref _words);
        return term;
    }

    /// <summary>Numbers, symbols, abbreviations: the stem is the form.</summary>
    public static Term Other(ReadOnlySpan<char> folded)
    {
        if (folded.Length == 1 && folded[0] < 128) return Ascii[folded[0]];
        if (OtherLookup.TryGetValue(folded, out var term)) return term;
        var s = folded.ToString();
        term = new Term(s, s);
        if (Volatile.Read(ref _others) < MaxEntries && Others.TryAdd(s, term)) Interlocked.Increment(ref _others);
        return term;
    }

    private static Term[] BuildAscii()
    {
        var t = new Term[128];
        for (var i = 0; i < 128; i++) { var s = ((char)i).ToString(); t[i] = new Term(s, s); }
        return t;
    }
}
