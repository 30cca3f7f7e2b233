using PolicyRules.Binding;
using PolicyRules.Documents;
using PolicyRules.Text;

namespace PolicyRules.Matching;

/// <summary>One step of an evaluation, recorded for <c>policyrules explain</c>.</summary>
internal sealed record TraceStep(int Depth, Pattern Pattern, ScopeUnit Unit, int Witnesses, IReadOnlyList<string> Notes);

/// <summary>
/// Evaluates bound patterns over one document, following docs/semantics.md: positive mentions first
/// (they bind captures), then combinations, then absences. Every operator pairs mentions with their
/// nearest partners from sorted lists, so the cost is linear-logarithmic in the number of hits.
/// </summary>
internal sealed class PatternEvaluator
{
    private readonly PolicyDocument _doc;
    private readonly TermHit[][] _hits;
    private readonly Witness?[]?[] _mentionWitnesses;
    private readonly TermAutomaton _automaton;
    private int[]? _wordOrdinal;
    private readonly List<TraceStep>? _trace;
    private readonly HashSet<(Witness, Witness)> _seenPairs = new();
    private int _depth;
    // Set while a list item is evaluated with its lead-in: the tokens between them are skipped, and
    // the lead-in's mentions count as the item's (one sentence: "We use your data to: | train our models").
    private (int GapStart, int GapEnd, int Item, bool Question, bool Denied)? _leadIn;

    public PatternEvaluator(PolicyDocument doc, TermHit[][] hits, TermAutomaton automaton, List<TraceStep>? trace = null)
    {
        _doc = doc;
        _hits = hits;
        _mentionWitnesses = new Witness?[hits.Length][];
        _automaton = automaton;
        _trace = trace;
    }

    /// <summary>Words before each token: distances count words and numbers, not punctuation. Built on first use.</summary>
    private int[] WordOrdinal
    {
        get
        {
            if (_wordOrdinal is not null) return _wordOrdinal;
            var tokens = _doc.Tokens.AsSpan();
            var ordinal = new int[tokens.Length + 1];
            for (var i = 0; i < tokens.Length; i++)
                ordinal[i + 1] = ordinal[i] + (tokens[i].Kind is TokenKind.Punctuation ? 0 : 1);
            return _wordOrdinal = ordinal;
        }
    }

    public PolicyDocument Document => _doc;

    /// <summary>
    /// Evaluates a list item together with its lead-in, as one sentence: <paramref name="unit"/> runs
    /// from the lead-in's first token to the item's end, and the tokens [gapStart, gapEnd) between them
    /// (other items of the list) are not part of it.
    /// When the lead-in is a question, the answer is read with it but the question's own words never
    /// count against the rule ("Do you train on my data?" + "Yes, unless you opt out."); an answer that
    /// denies it ("No, never.") reads the question's words as negated ("Do you sell my data?" + "No.").
    /// </summary>
    public List<Witness> EvaluateWithLeadIn(Pattern pattern, ScopeUnit unit, int gapStart, int gapEnd, int itemSentence, bool questionLead = false, bool deniedByAnswer = false)
    {
        _leadIn = (gapStart, gapEnd, itemSentence, questionLead, questionLead && deniedByAnswer);
        try { return Evaluate(pattern, unit); }
        finally { _leadIn = null; }
    }

    private bool InGap(TermHit hit) => _leadIn is { } l && hit.End > l.GapStart && hit.First < l.GapEnd;

    /// <summary>A hit that starts in the unit but runs past its end, or lies in a lead-in's gap, is not a mention in it.</summary>
    private bool OutsideUnit(TermHit hit, ScopeUnit unit) => hit.End > unit.EndToken || InGap(hit);

    public List<Witness> Evaluate(Pattern pattern, ScopeUnit unit, bool negated = false)
    {
        _depth++;
        var notes = _trace is null ? null : new List<string>();
        var index = _trace?.Count ?? 0;
        _trace?.Add(null!); // placeholder keeps parents before children
        var result = EvaluateCore(pattern, unit, negated, notes);
        _depth--;
        if (_trace is not null) _trace[index] = new TraceStep(_depth, pattern, unit, result.Count, notes!);
        return result;
    }

    /// <summary>
    /// The one empty result every evaluation that finds nothing returns (most do: a rule's pattern is
    /// asked about many terms that are absent). Never added to: a result is extended only when it is
    /// not empty (see the 'or' case), and a non-empty result belongs to its caller.
    /// </summary>
    internal static readonly List<Witness> NoWitnesses = new(0);

    private List<Witness> EvaluateCore(Pattern pattern, ScopeUnit unit, bool negated, List<string>? notes)
    {
        switch (pattern)
        {
            case LexiconPattern lexicon:
                return Mentions(_automaton.IdOf(lexicon.Lexicon), unit, negated, notes);
            case PhrasePattern phrase:
                return Mentions(_automaton.IdOf(phrase), unit, negated, notes);
            case EntityPattern entity:
                return Entities(entity.Kind, unit, negated, notes);
            case DefinePattern define:
                return Evaluate(define.Body, unit, negated);
            case CapturePattern capture:
            {
                var witnesses = Evaluate(capture.Operand, unit, negated); // ours to change
                for (var i = 0; i < witnesses.Count; i++) witnesses[i] = witnesses[i].WithCapture(capture.Name);
                return witnesses;
            }
            case NegatedPattern n:
                return Evaluate(n.Operand, unit, negated: true);
            case OrPattern or:
            {
                var left = Evaluate(or.Left, unit, negated);
                var right = Evaluate(or.Right, unit, negated);
                if (right.Count == 0) return left;
                if (left.Count == 0) return right;
                left.AddRange(right);
                return left;
            }
            case NotPattern not when _trace is null && _leadIn is not { Question: true }:
                // Only whether the operand holds matters here: asked without building its witnesses.
                return Holds(not.Operand, unit, negated) ? NoWitnesses : new List<Witness> { Witness.Empty };
            case NotPattern not:
            {
                var inner = Evaluate(not.Operand, unit, negated);
                if (_leadIn is { Question: true } q) inner.RemoveAll(w => w.HasMentions && w.End <= q.GapStart);
                if (inner.Count == 0) return new List<Witness> { Witness.Empty };
                notes?.Add($"'{not.Operand.SourceText}' is present ({Describe(inner[0])}), so 'not' fails");
                return NoWitnesses;
            }
            case AndPattern { Right: NotPattern absent } withAbsence when _trace is null && _leadIn is not { Question: true }:
            {
                // "A and not B", the pack's commonest shape: B's absence adds nothing to A's witnesses.
                var left = Evaluate(withAbsence.Left, unit, negated);
                if (left.Count == 0 || Holds(absent.Operand, unit, negated)) return NoWitnesses;
                return SortedByFirst(left);
            }
            case AndPattern and:
            {
                var left = Evaluate(and.Left, unit, negated);
                if (left.Count == 0) { notes?.Add($"'{and.Left.SourceText}' does not hold"); return left; }
                var right = Evaluate(and.Right, unit, negated);
                if (right.Count == 0) { notes?.Add($"'{and.Right.SourceText}' does not hold"); return right; }
                // "A and not B" with B absent: pairing with the one neutral witness gives A's witnesses back.
                if (right.Count == 1 && right[0].IsNeutral) return SortedByFirst(left);
                if (left.Count == 1 && left[0].IsNeutral) return SortedByFirst(right);
                return Pair(left, right, null);
            }
            case ProximityPattern near:
            {
                var left = Evaluate(near.Left, unit, negated);
                if (left.Count == 0) { notes?.Add($"'{near.Left.SourceText}' does not hold"); return left; }
                var right = Evaluate(near.Right, unit, negated);
                if (right.Count == 0) { notes?.Add($"'{near.Right.SourceText}' does not hold"); return right; }
                var pairs = Pair(left, right, near);
                if (pairs.Count == 0 && notes is not null) notes.Add(NearMiss(near, left, right));
                return pairs;
            }
            case UnlessPattern unless:
                return CarveOuts(unless, unit, negated, notes);
            default:
                return NoWitnesses;
        }
    }

    /// <summary>
    /// Whether <paramref name="pattern"/> holds in the unit: the same answer as <c>Evaluate(…).Count &gt; 0</c>,
    /// without building witnesses where the answer does not need them (mentions, alternatives, absences,
    /// conjunctions). Proximity and carve-outs are evaluated in full.
    /// </summary>
    private bool Holds(Pattern pattern, ScopeUnit unit, bool negated)
    {
        switch (pattern)
        {
            case LexiconPattern lexicon:
                return AnyMention(_automaton.IdOf(lexicon.Lexicon), unit, negated);
            case PhrasePattern phrase:
                return AnyMention(_automaton.IdOf(phrase), unit, negated);
            case DefinePattern define:
                return Holds(define.Body, unit, negated);
            case CapturePattern capture:
                return Holds(capture.Operand, unit, negated);
            case NegatedPattern n:
                return Holds(n.Operand, unit, negated: true);
            case OrPattern or:
                return Holds(or.Left, unit, negated) || Holds(or.Right, unit, negated);
            case NotPattern not when _leadIn is not { Question: true }:
                return !Holds(not.Operand, unit, negated);
            case AndPattern and:
                return Holds(and.Left, unit, negated) && Holds(and.Right, unit, negated);
            default:
                return Evaluate(pattern, unit, negated).Count > 0;
        }
    }

    /// <summary>Whether a hit of the term set counts as a mention in the unit (what <see cref="Mentions"/> would return one for).</summary>
    private bool AnyMention(int termSet, ScopeUnit unit, bool negated)
    {
        var hits = _hits[termSet];
        for (var i = LowerBound(hits, unit.FirstToken); i < hits.Length && hits[i].First < unit.EndToken; i++)
        {
            var hit = hits[i];
            if (OutsideUnit(hit, unit)) continue;
            if (IsNegated(hit) == negated) return true;
        }
        return false;
    }

    // ---- mentions ----

    private List<Witness> Mentions(int termSet, ScopeUnit unit, bool negated, List<string>? notes)
    {
        var result = NoWitnesses;
        var hits = _hits[termSet];
        var skipped = 0;
        TermHit firstSkipped = default;
        for (var i = LowerBound(hits, unit.FirstToken); i < hits.Length && hits[i].First < unit.EndToken; i++)
        {
            var hit = hits[i];
            if (OutsideUnit(hit, unit)) continue;
            if (IsNegated(hit) != negated)
            {
                if (skipped++ == 0) firstSkipped = hit;
                continue;
            }
            if (result.Count == 0) result = new List<Witness>();
            result.Add(_leadIn is { } lead && hit.First < lead.GapStart ? LeadInMention(hit, lead.Item) : MentionWitness(termSet, i));
        }
        if (notes is not null)
        {
            if (result.Count > 0) notes.Add("matched " + string.Join(", ", result.Take(5).Select(Describe)) + (result.Count > 5 ? $" and {result.Count - 5} more" : ""));
            if (skipped > 0)
                notes.Add(negated
                    ? $"{skipped} mention(s) not negated, e.g. {Describe(MentionOf(firstSkipped))}"
                    : $"{skipped} mention(s) inside a negated clause, e.g. {Describe(MentionOf(firstSkipped))}{NegationCueOf(firstSkipped)}");
            if (result.Count == 0 && skipped == 0) notes.Add("no mention in this unit");
        }
        return result;
    }

    /// <summary>The witness of a term set's i-th hit, made once per document: rules evaluate the same mentions many times.</summary>
    private Witness MentionWitness(int termSet, int i)
    {
        var cache = _mentionWitnesses[termSet] ??= new Witness?[_hits[termSet].Length];
        return cache[i] ??= MentionOf(_hits[termSet][i]);
    }

    /// <summary>A mention in a lead-in, counted as part of the item's sentence (not cached: the same hit is the lead-in's own elsewhere).</summary>
    private Witness LeadInMention(TermHit hit, int itemSentence) => Witness.Mention(hit, itemSentence, itemSentence, SpanOf(hit));

    private Witness MentionOf(TermHit hit) =>
        Witness.Mention(hit, _doc.Tokens[hit.First].Sentence, _doc.Tokens[hit.End - 1].Sentence, SpanOf(hit));

    private TextSpan SpanOf(TermHit hit) => TextSpan.FromBounds(_doc.Tokens[hit.First].Span.Start, _doc.Tokens[hit.End - 1].Span.End);

    /// <summary>A mention is negated when its first token lies in a negation scope ("we do not [use your data]").</summary>
    private bool IsNegated(TermHit hit) =>
        _leadIn is { Denied: true } l && hit.First < l.GapStart || _doc.Tokens[hit.First].IsNegated;

    private List<Witness> Entities(EntityKind kind, ScopeUnit unit, bool negated, List<string>? notes)
    {
        var result = NoWitnesses;
        if (unit.EndToken <= unit.FirstToken) return result;
        var tokens = _doc.Tokens;
        var span = TextSpan.FromBounds(tokens[unit.FirstToken].Span.Start, tokens[unit.EndToken - 1].Span.End);
        foreach (var entity in _doc.GetEntities(span))
        {
            if (entity.Kind != kind) continue;
            var (first, count) = _doc.GetTokenRange(entity.Span);
            if (count == 0) continue;
            var hit = new TermHit(first, first + count);
            if (InGap(hit)) continue;
            // Entities are polarity-neutral unless negated(…) asks for a negated one.
            if (negated && !IsNegated(hit)) continue;
            var (firstSentence, lastSentence) = _leadIn is { } lead && hit.First < lead.GapStart
                ? (lead.Item, lead.Item)
                : (tokens[first].Sentence, tokens[first + count - 1].Sentence);
            if (result.Count == 0) result = new List<Witness>();
            result.Add(Witness.Mention(hit, firstSentence, lastSentence, entity.Span));
        }
        if (notes is not null)
            notes.Add(result.Count > 0 ? "matched " + string.Join(", ", result.Take(5).Select(Describe)) : $"no {kind.ToString().ToLowerInvariant()} in this unit");
        return result;
    }

    // ---- combinations ----

    /// <summary>
    /// Pairs each witness with its nearest partner on the other side that fits, in both directions,
    /// so every mention on either side appears in some pair (captures are not lost) without the
    /// cost of all pairs. <paramref name="near"/> says what fits; null (for <c>and</c>) fits any pair.
    /// </summary>
    private List<Witness> Pair(List<Witness> left, List<Witness> right, ProximityPattern? near)
    {
        if (left.Count == 1 && right.Count == 1)
        {
            // The common case: one mention on each side.
            return Fits(near, left[0], right[0]) ? new List<Witness> { Witness.Combine(left[0], right[0]) } : NoWitnesses;
        }
        var result = new List<Witness>();
        var seen = _seenPairs;
        seen.Clear(); // Pair never nests, so one set serves every call
        var rightSorted = SortedByFirst(right);
        var leftSorted = SortedByFirst(left);
        foreach (var l in leftSorted)
            if (Nearest(l, rightSorted, near, leftSide: true) is { } r && seen.Add((l, r))) result.Add(Witness.Combine(l, r));
        foreach (var r in rightSorted)
            if (Nearest(r, leftSorted, near, leftSide: false) is { } l && seen.Add((l, r))) result.Add(Witness.Combine(l, r));
        return result.Count == 0 ? NoWitnesses : result;
    }

    /// <summary>Whether a left and a right witness may pair under the operator (null: <c>and</c>).</summary>
    private bool Fits(ProximityPattern? near, Witness l, Witness r) =>
        near is null ? true
        : near.Kind == ProximityKind.Then ? SameSentence(l, r) && (!l.HasMentions || !r.HasMentions || l.End <= r.First)
        : near.Distance is { } n ? Gap(l, r) <= n
        : SameSentence(l, r);

    /// <summary>Witnesses in order of their first token (stable); mentions usually arrive in order already.</summary>
    private static List<Witness> SortedByFirst(List<Witness> witnesses)
    {
        for (var i = 1; i < witnesses.Count; i++)
            if (witnesses[i].First < witnesses[i - 1].First) return witnesses.OrderBy(w => w.First).ToList();
        return witnesses;
    }

    /// <summary>
    /// The fitting candidate closest to <paramref name="w"/>, searched outwards from its position;
    /// <paramref name="leftSide"/> says whether <paramref name="w"/> is the operator's left operand.
    /// </summary>
    private Witness? Nearest(Witness w, List<Witness> sorted, ProximityPattern? near, bool leftSide)
    {
        bool FitsWith(Witness c) => leftSide ? Fits(near, w, c) : Fits(near, c, w);
        if (!w.HasMentions)
        {
            foreach (var c in sorted) if (FitsWith(c)) return c;
            return null;
        }
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].First < w.First) lo = mid + 1; else hi = mid;
        }
        // Walk outwards; stop a side once it is more than a sentence-sized window away and nothing fits.
        const int window = 64;
        Witness? best = null;
        var bestDistance = int.MaxValue;
        for (int down = lo - 1, up = lo, steps = 0; (down >= 0 || up < sorted.Count) && steps < window * 2; steps++)
        {
            if (up < sorted.Count)
            {
                var c = sorted[up++];
                if (FitsWith(c)) { var d = Distance(w, c); if (d < bestDistance) { best = c; bestDistance = d; } }
            }
            if (down >= 0)
            {
                var c = sorted[down--];
                if (FitsWith(c)) { var d = Distance(w, c); if (d < bestDistance) { best = c; bestDistance = d; } }
            }
            if (best is not null && bestDistance == 0) break;
        }
        if (best is null && sorted.Count > window * 2)
            foreach (var c in sorted) if (FitsWith(c)) return c; // rare: a fit far away in a huge unit
        return best;
    }

    private static int Distance(Witness a, Witness b) =>
        !a.HasMentions || !b.HasMentions ? 0 : Math.Max(0, Math.Max(a.First - b.End, b.First - a.End));

    private static bool SameSentence(Witness a, Witness b) =>
        !a.HasMentions || !b.HasMentions ||
        (a.FirstSentence == a.LastSentence && b.FirstSentence == b.LastSentence && a.FirstSentence == b.FirstSentence);

    /// <summary>Words strictly between the two mentions (0 when they touch or overlap).</summary>
    private int Gap(Witness a, Witness b)
    {
        if (!a.HasMentions || !b.HasMentions) return 0;
        if (b.End <= a.First) (a, b) = (b, a);
        if (a.End > b.First) return 0;
        var words = WordOrdinal[b.First] - WordOrdinal[a.End];
        // A lead-in and its item are one sentence: the other items between them are not counted.
        if (_leadIn is { } l && a.End <= l.GapStart && b.First >= l.GapEnd) words -= WordOrdinal[l.GapEnd] - WordOrdinal[l.GapStart];
        return words;
    }

    private string NearMiss(ProximityPattern near, List<Witness> left, List<Witness> right)
    {
        // A witness with a position describes the miss best; one without (a negation) is the fallback.
        var l = left.Find(w => w.HasMentions) ?? left[0];
        var closest = right.OrderBy(r => Distance(l, r)).First();
        if (near.Kind == ProximityKind.Then)
            return $"'{near.Left.SourceText}' and '{near.Right.SourceText}' are present but never in that order within one sentence (e.g. {Describe(l)} / {Describe(closest)})";
        if (near.Distance is { } n)
        {
            var gap = left.SelectMany(a => right.Select(b => Gap(a, b))).DefaultIfEmpty(int.MaxValue).Min();
            return $"'{near.Left.SourceText}' and '{near.Right.SourceText}' are present but too far apart: {gap} words between the closest pair (limit {n})";
        }
        return $"'{near.Left.SourceText}' and '{near.Right.SourceText}' are present but not in the same sentence (e.g. {Describe(l)} / {Describe(closest)})";
    }

    // ---- carve-outs ----

    /// <summary>Cues whose exception may stand anywhere in their sentence ("X regardless of your settings").</summary>
    private static bool ReachesWholeSentence(string cue) =>
        cue.StartsWith("regardless", StringComparison.OrdinalIgnoreCase)
        || cue.Contains("apply", StringComparison.OrdinalIgnoreCase)
        || cue.StartsWith("notwithstanding", StringComparison.OrdinalIgnoreCase);

    /// <summary>How many sentences after A's own a carve-out may stand in (within A's block).</summary>
    public const int CarveoutReach = 3;

    /// <summary>
    /// <c>A unless B</c>: for each way A holds, look for exception cues in A's sentence and the next
    /// <see cref="CarveoutReach"/> sentences of the same block; the exception each cue introduces
    /// (from the cue to the end of its sentence) must mention B. The carve-out is kept, never
    /// reduced to "and not". Each cue's exception is evaluated once, however many ways A holds.
    /// </summary>
    private List<Witness> CarveOuts(UnlessPattern unless, ScopeUnit unit, bool negated, List<string>? notes)
    {
        var result = new List<Witness>();
        var conditions = Evaluate(unless.Condition, unit, negated);
        if (conditions.Count == 0) { notes?.Add($"'{unless.Condition.SourceText}' does not hold"); return NoWitnesses; }
        var bySentence = new Dictionary<int, List<(ExceptionClause Clause, List<Witness> Exceptions)>>();
        var cuesSeen = 0;
        foreach (var condition in conditions)
        {
            var firstSentence = condition.HasMentions ? condition.FirstSentence : unit.FirstSentence;
            var lastSentence = condition.HasMentions ? condition.LastSentence : unit.EndSentence - 1;
            var blockEnd = _doc.Blocks[_doc.Sentences[lastSentence].Block].SentenceEnd;
            var reachEnd = Math.Min(blockEnd, lastSentence + 1 + CarveoutReach);
            var witness = condition;
            var found = false;
            for (var s = firstSentence; s < reachEnd; s++)
            {
                if (!bySentence.TryGetValue(s, out var clauses))
                {
                    clauses = new List<(ExceptionClause, List<Witness>)>();
                    var sentence = _doc.Sentences[s];
                    foreach (var clause in _doc.GetExceptions(s))
                    {
                        cuesSeen++;
                        var reachFirst = ReachesWholeSentence(clause.CueText) ? sentence.FirstToken : clause.FirstCueToken + clause.CueTokenCount;
                        var exceptions = Evaluate(unless.Exception, new ScopeUnit(reachFirst, sentence.TokenEnd, s, s + 1), negated: false)
                            .Where(e => e.HasMentions).ToList();
                        if (exceptions.Count > 0) clauses.Add((clause, exceptions));
                    }
                    bySentence[s] = clauses;
                }
                foreach (var (clause, exceptions) in clauses)
                {
                    var own = exceptions.Where(e => !Overlaps(e, condition)).ToList();
                    if (own.Count == 0) continue;
                    witness = witness.WithCarveout(new Carveout(clause.Cue, clause.CueText, own.Select(e => e.Span).Distinct().ToList(), _doc.MapToOriginal(clause.Cue)), own);
                    found = true;
                }
            }
            if (found) result.Add(witness);
        }
        if (result.Count == 0 && notes is not null)
            notes.Add(cuesSeen == 0
                ? $"'{unless.Condition.SourceText}' holds, but no exception cue (unless, except, even if, however, …) follows it in its block"
                : $"'{unless.Condition.SourceText}' holds and {cuesSeen} exception cue(s) follow it, but none introduces '{unless.Exception.SourceText}'");
        return result;
    }

    private static bool Overlaps(Witness a, Witness b)
    {
        foreach (var m in a.Mentions)
            foreach (var n in b.Mentions)
                if (m.First < n.End && n.First < m.End) return true;
        return false;
    }

    // ---- helpers ----

    private static int LowerBound(TermHit[] hits, int firstToken)
    {
        int lo = 0, hi = hits.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (hits[mid].First < firstToken) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public string Describe(Witness w)
    {
        if (!w.HasMentions) return "(no mention)";
        var position = _doc.GetOriginalLinePosition(w.Span.Start);
        var text = _doc.Text.ToString(w.Span);
        if (text.Length > 60) text = text[..57] + "...";
        return $"'{text}' at {position.Line}:{position.Column}";
    }

    private string NegationCueOf(TermHit hit)
    {
        var sentence = _doc.Tokens[hit.First].Sentence;
        var start = _doc.Tokens[hit.First].Span.Start;
        foreach (var cue in _doc.GetNegations(sentence))
            if (cue.Scope.Contains(start))
                return $" (negated by '{cue.CueText}')";
        return "";
    }
}
