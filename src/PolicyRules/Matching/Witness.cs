using PolicyRules.Text;

namespace PolicyRules.Matching;

/// <summary>A stretch of a document a pattern is evaluated over: tokens [FirstToken, EndToken), sentences [FirstSentence, EndSentence).</summary>
internal readonly record struct ScopeUnit(int FirstToken, int EndToken, int FirstSentence, int EndSentence)
{
    public bool ContainsTokens(int first, int end) => first >= FirstToken && end <= EndToken;
}

/// <summary>A text captured by <c>name: pattern</c>.</summary>
internal readonly record struct CapturedText(string Name, TextSpan Span);

/// <summary>
/// A carve-out found by <c>A unless B</c>: the exception cue and the mentions of B it governs, over the
/// document text; <c>SourceCue</c> is the cue in the source file, for reports.
/// </summary>
public sealed record Carveout(TextSpan Cue, string CueText, IReadOnlyList<TextSpan> Mentions, TextSpan SourceCue);

/// <summary>
/// One way a pattern holds in a unit: the mentions that decided it, what they captured, and the
/// sentences they lie in. Witnesses are immutable; combining two makes a third.
/// </summary>
internal sealed class Witness
{
    public static readonly Witness Empty = new(Array.Empty<TermHit>(), Array.Empty<CapturedText>(), Array.Empty<Carveout>(), -1, -1, int.MaxValue, -1, default);

    // Most witnesses are one mention: it is kept inline, and an array only for two or more.
    private readonly TermHit _mention;
    private readonly TermHit[]? _mentions;
    private readonly int _mentionCount;

    private Witness(TermHit mention, int firstSentence, int lastSentence, TextSpan span)
    {
        _mention = mention;
        _mentionCount = 1;
        Captures = Array.Empty<CapturedText>();
        Carveouts = Array.Empty<Carveout>();
        First = mention.First;
        End = mention.End;
        FirstSentence = firstSentence;
        LastSentence = lastSentence;
        Span = span;
    }

    /// <summary>A witness with the mentions (and their extent) of <paramref name="source"/>, shared, not copied.</summary>
    private Witness(Witness source, CapturedText[] captures, Carveout[] carveouts, int firstSentence, int lastSentence)
    {
        _mention = source._mention;
        _mentions = source._mentions;
        _mentionCount = source._mentionCount;
        Captures = captures;
        Carveouts = carveouts;
        First = source.First;
        End = source.End;
        FirstSentence = firstSentence;
        LastSentence = lastSentence;
        Span = source.Span;
    }

    private Witness(TermHit[] mentions, CapturedText[] captures, Carveout[] carveouts, int first, int end, int firstSentence, int lastSentence, TextSpan span)
    {
        _mentionCount = mentions.Length;
        if (mentions.Length == 1) _mention = mentions[0];
        else if (mentions.Length > 1) _mentions = mentions;
        Captures = captures;
        Carveouts = carveouts;
        First = first;
        End = end;
        FirstSentence = firstSentence;
        LastSentence = lastSentence;
        Span = span;
    }

    /// <summary>The mentions that decided the witness (none for <c>not x</c>).</summary>
    public ReadOnlySpan<TermHit> Mentions => _mentionCount == 1 ? new ReadOnlySpan<TermHit>(in _mention) : _mentions;
    public CapturedText[] Captures { get; }
    public Carveout[] Carveouts { get; }
    /// <summary>First and end token of the mentions (-1 when the witness has none, as for <c>not x</c>).</summary>
    public int First { get; }
    public int End { get; }
    public int FirstSentence { get; }
    public int LastSentence { get; }
    /// <summary>Text covered by the mentions (an entity's exact span when the mention is an entity).</summary>
    public TextSpan Span { get; }
    public bool HasMentions => _mentionCount > 0;

    public static Witness Mention(TermHit hit, int firstSentence, int lastSentence, TextSpan span) => new(hit, firstSentence, lastSentence, span);

    /// <summary>Adds nothing when combined: no mention, capture or carve-out (what <c>not x</c> gives when x is absent).</summary>
    public bool IsNeutral => _mentionCount == 0 && Captures.Length == 0 && Carveouts.Length == 0;

    public Witness WithCapture(string name) =>
        !HasMentions ? this : new(this, Append(Captures, new CapturedText(name, Span)), Carveouts, FirstSentence, LastSentence);

    public static Witness Combine(Witness a, Witness b)
    {
        if (b.IsNeutral) return a;
        if (a.IsNeutral) return b;
        var hasA = a.HasMentions;
        var hasB = b.HasMentions;
        var captures = Concat(a.Captures, b.Captures);
        var carveouts = Concat(a.Carveouts, b.Carveouts);
        var firstSentence = Math.Min(a.FirstSentence, b.FirstSentence);
        var lastSentence = Math.Max(a.LastSentence, b.LastSentence);
        if (!hasA || !hasB) return new Witness(hasA ? a : b, captures, carveouts, firstSentence, lastSentence);
        return new Witness([.. a.Mentions, .. b.Mentions], captures, carveouts, Math.Min(a.First, b.First), Math.Max(a.End, b.End),
            firstSentence, lastSentence, a.Span.Union(b.Span));
    }

    /// <summary>A carve-out extends the witness to the sentences of its exception, without moving its mentions.</summary>
    public Witness WithCarveout(Carveout carveout, IEnumerable<Witness> exceptionWitnesses)
    {
        var result = this;
        foreach (var w in exceptionWitnesses)
            result = new Witness(result, Concat(result.Captures, w.Captures), result.Carveouts,
                Math.Min(result.FirstSentence, w.FirstSentence), Math.Max(result.LastSentence, w.LastSentence));
        return new Witness(result, result.Captures, Append(result.Carveouts, carveout), result.FirstSentence, result.LastSentence);
    }

    private static T[] Append<T>(T[] items, T item)
    {
        var result = new T[items.Length + 1];
        items.CopyTo(result, 0);
        result[^1] = item;
        return result;
    }

    private static T[] Concat<T>(T[] a, T[] b) => a.Length == 0 ? b : b.Length == 0 ? a : [.. a, .. b];
}
