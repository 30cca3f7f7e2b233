using PolicyRules.Text;

namespace PolicyRules.Matching;

/// <summary>A stretch of a document a pattern is evaluated over: tokens [FirstToken, EndToken), sentences [FirstSentence, EndSentence).</summary>
public readonly record struct ScopeUnit(int FirstToken, int EndToken, int FirstSentence, int EndSentence)
{
    public bool ContainsTokens(int first, int end) => first >= FirstToken && end <= EndToken;
}

/// <summary>A text captured by <c>name: pattern</c>.</summary>
public readonly record struct CapturedText(string Name, TextSpan Span);

/// <summary>A carve-out found by <c>A unless B</c>: the exception cue and the mentions of B it governs.</summary>
public sealed record Carveout(TextSpan Cue, string CueText, IReadOnlyList<TextSpan> Mentions);

/// <summary>
/// One way a pattern holds in a unit: the mentions that decided it, what they captured, and the
/// sentences they lie in. Witnesses are immutable; combining two makes a third.
/// </summary>
internal sealed class Witness
{
    public static readonly Witness Empty = new(Array.Empty<TermHit>(), Array.Empty<CapturedText>(), Array.Empty<Carveout>(), -1, -1, int.MaxValue, -1, default);

    private Witness(TermHit[] mentions, CapturedText[] captures, Carveout[] carveouts, int first, int end, int firstSentence, int lastSentence, TextSpan span)
    {
        Mentions = mentions;
        Captures = captures;
        Carveouts = carveouts;
        First = first;
        End = end;
        FirstSentence = firstSentence;
        LastSentence = lastSentence;
        Span = span;
    }

    public TermHit[] Mentions { get; }
    public CapturedText[] Captures { get; }
    public Carveout[] Carveouts { get; }
    /// <summary>First and end token of the mentions (-1 when the witness has none, as for <c>not x</c>).</summary>
    public int First { get; }
    public int End { get; }
    public int FirstSentence { get; }
    public int LastSentence { get; }
    /// <summary>Text covered by the mentions (an entity's exact span when the mention is an entity).</summary>
    public TextSpan Span { get; }
    public bool HasMentions => Mentions.Length > 0;

    public static Witness Mention(TermHit hit, int firstSentence, int lastSentence, TextSpan span) =>
        new(new[] { hit }, Array.Empty<CapturedText>(), Array.Empty<Carveout>(), hit.First, hit.End, firstSentence, lastSentence, span);

    public Witness WithCapture(string name) =>
        !HasMentions ? this : new(Mentions, Append(Captures, new CapturedText(name, Span)), Carveouts, First, End, FirstSentence, LastSentence, Span);

    public static Witness Combine(Witness a, Witness b)
    {
        if (!b.HasMentions && b.Carveouts.Length == 0 && b.Captures.Length == 0) return a;
        if (!a.HasMentions && a.Carveouts.Length == 0 && a.Captures.Length == 0) return b;
        var hasA = a.HasMentions;
        var hasB = b.HasMentions;
        return new Witness(
            Concat(a.Mentions, b.Mentions), Concat(a.Captures, b.Captures), Concat(a.Carveouts, b.Carveouts),
            !hasA ? b.First : !hasB ? a.First : Math.Min(a.First, b.First),
            !hasA ? b.End : !hasB ? a.End : Math.Max(a.End, b.End),
            Math.Min(a.FirstSentence, b.FirstSentence), Math.Max(a.LastSentence, b.LastSentence),
            !hasA ? b.Span : !hasB ? a.Span : a.Span.Union(b.Span));
    }

    /// <summary>A carve-out extends the witness to the sentences of its exception, without moving its mentions.</summary>
    public Witness WithCarveout(Carveout carveout, IEnumerable<Witness> exceptionWitnesses)
    {
        var result = this;
        foreach (var w in exceptionWitnesses)
            result = new Witness(result.Mentions, Concat(result.Captures, w.Captures), result.Carveouts, result.First, result.End,
                Math.Min(result.FirstSentence, w.FirstSentence), Math.Max(result.LastSentence, w.LastSentence), result.Span);
        return new Witness(result.Mentions, result.Captures, Append(result.Carveouts, carveout), result.First, result.End,
            result.FirstSentence, result.LastSentence, result.Span);
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
