using System.Collections.Immutable;
using PolicyRules.Diagnostics;
using PolicyRules.Text;

namespace PolicyRules.Documents;

/// <summary>
/// A loaded, segmented and annotated policy. <see cref="Text"/> is what the engine sees (markup
/// removed, blocks separated by blank lines); every unit is a span over it, so
/// <c>Text.ToString(unit.Span)</c> is the unit's text. <see cref="MapToOriginal(int)"/> leads back
/// to the file the analyst opens. Immutable and safe to share between threads.
/// </summary>
public sealed class PolicyDocument
{
    private readonly SourceMap _map;
    private Dictionary<string, int[]>? _byNormalized;
    private Dictionary<string, int[]>? _byStem;
    private int[]? _sentenceExceptionStart; // per sentence: first index into Exceptions (length = sentences + 1)
    private int[]? _sentenceNegationStart;
    private int[]? _leadIn; // per sentence: the sentence that introduces its list item, or -1

    internal PolicyDocument(
        string path, DocumentFormat format, SourceText original, SourceText text, SourceMap map,
        ImmutableArray<Section> sections, ImmutableArray<Block> blocks, ImmutableArray<Sentence> sentences,
        ImmutableArray<Token> tokens, ImmutableArray<NegationCue> negations, ImmutableArray<ExceptionClause> exceptions,
        ImmutableArray<Entity> entities, ImmutableArray<Diagnostic> diagnostics)
    {
        Path = path; Format = format; Original = original; Text = text; _map = map;
        Sections = sections; Blocks = blocks; Sentences = sentences; Tokens = tokens;
        Negations = negations; Exceptions = exceptions; Entities = entities; Diagnostics = diagnostics;
    }

    /// <summary>The path the document was loaded from (or the name it was given).</summary>
    public string Path { get; }
    /// <summary>The format it was read as.</summary>
    public DocumentFormat Format { get; }
    /// <summary>The file as decoded (BOM removed, invalid UTF-8 replaced by U+FFFD).</summary>
    public SourceText Original { get; }
    /// <summary>The document text as loaded: what every span refers to.</summary>
    public SourceText Text { get; }

    /// <summary>Sections in document order; section 0 is the whole document.</summary>
    public ImmutableArray<Section> Sections { get; }
    /// <summary>Blocks (paragraphs, list items, cells, headings, quotes, code) in document order.</summary>
    public ImmutableArray<Block> Blocks { get; }
    /// <summary>Sentences in document order.</summary>
    public ImmutableArray<Sentence> Sentences { get; }
    /// <summary>Tokens in document order.</summary>
    public ImmutableArray<Token> Tokens { get; }
    /// <summary>Negation cues with their scopes, ordered by cue start.</summary>
    public ImmutableArray<NegationCue> Negations { get; }
    /// <summary>Exception clauses, ordered by cue start (and so by sentence).</summary>
    public ImmutableArray<ExceptionClause> Exceptions { get; }
    /// <summary>Entities of every kind, ordered by start; they never overlap.</summary>
    public ImmutableArray<Entity> Entities { get; }
    /// <summary>Warnings found while loading (invalid UTF-8, markup nested too deeply, …).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The text of a span of <see cref="Text"/>.</summary>
    public string GetText(TextSpan span) => Text.ToString(span);

    // ---- positions in the original file ----

    /// <summary>Offset in <see cref="Original"/> of a <see cref="Text"/> offset. Monotonic; the text length maps to the end of the last mapped piece.</summary>
    public int MapToOriginal(int textOffset) => _map.Map(textOffset);

    /// <summary>
    /// The range in <see cref="Original"/> of a text span: from the start's source to just past the
    /// last character's source (all of an entity or escape it was decoded from). Markup before the
    /// first or after the last character stays outside; markup between them is inside.
    /// </summary>
    public TextSpan MapToOriginal(TextSpan span)
    {
        var start = _map.Map(span.Start);
        if (span.IsEmpty) return new TextSpan(start, 0);
        return TextSpan.FromBounds(start, Math.Max(start, _map.MapPast(span.End - 1)));
    }

    /// <summary>1-based line and column in the original file of a text offset.</summary>
    public LinePosition GetOriginalLinePosition(int textOffset) => Original.GetLinePosition(MapToOriginal(textOffset));

    /// <summary>A diagnostic location in the original file for a text span.</summary>
    public Location GetOriginalLocation(TextSpan span) => Location.In(Original, MapToOriginal(span));

    // ---- navigation ----

    /// <summary>The tokens of a sentence.</summary>
    public ReadOnlySpan<Token> GetTokens(Sentence sentence) => Tokens.AsSpan().Slice(sentence.FirstToken, sentence.TokenCount);
    /// <summary>The tokens of the sentence at an index.</summary>
    public ReadOnlySpan<Token> GetSentenceTokens(int sentence) => GetTokens(Sentences[sentence]);
    /// <summary>The sentences of a block.</summary>
    public ReadOnlySpan<Sentence> GetSentences(Block block) => Sentences.AsSpan().Slice(block.FirstSentence, block.SentenceCount);
    /// <summary>The sentences of the block at an index.</summary>
    public ReadOnlySpan<Sentence> GetBlockSentences(int block) => GetSentences(Blocks[block]);
    /// <summary>The blocks of a section, its subsections' included.</summary>
    public ReadOnlySpan<Block> GetBlocks(Section section) => Blocks.AsSpan().Slice(section.FirstBlock, section.BlockCount);
    /// <summary>The headings above the block at an index, outermost first.</summary>
    public ImmutableArray<string> GetHeadingPath(int block) => Sections[Blocks[block].Section].HeadingPath;
    /// <summary>Whether the token at an index is inside the scope of a negation.</summary>
    public bool IsNegated(int token) => (Tokens[token].Flags & TokenFlags.Negated) != 0;

    /// <summary>Index of the token containing <paramref name="offset"/>, or -1 (whitespace, outside).</summary>
    public int TokenAt(int offset)
    {
        var i = LastStartingAtOrBefore(Tokens.AsSpan(), offset, static t => t.Span.Start);
        if (i < 0) return -1;
        // Tokens expanded from one contraction share a span: report the first.
        while (i > 0 && Tokens[i - 1].Span == Tokens[i].Span) i--;
        return Tokens[i].Span.Contains(offset) ? i : -1;
    }

    /// <summary>Index of the sentence containing a <see cref="Text"/> offset, or -1.</summary>
    public int SentenceAt(int offset)
    {
        var i = LastStartingAtOrBefore(Sentences.AsSpan(), offset, static s => s.Span.Start);
        return i >= 0 && Sentences[i].Span.Contains(offset) ? i : -1;
    }

    /// <summary>Index of the block containing a <see cref="Text"/> offset, or -1.</summary>
    public int BlockAt(int offset)
    {
        var i = LastStartingAtOrBefore(Blocks.AsSpan(), offset, static b => b.Span.Start);
        return i >= 0 && Blocks[i].Span.Contains(offset) ? i : -1;
    }

    /// <summary>The innermost section containing the offset (0 when before the first heading).</summary>
    public int SectionAt(int offset)
    {
        var b = BlockAt(offset);
        return b >= 0 ? Blocks[b].Section : 0;
    }

    /// <summary>The tokens that lie inside <paramref name="span"/>: <c>Tokens[First .. First+Count)</c>.</summary>
    public (int First, int Count) GetTokenRange(TextSpan span)
    {
        var tokens = Tokens.AsSpan();
        var first = FirstStartingAtOrAfter(tokens, span.Start, static t => t.Span.Start);
        var end = first;
        while (end < tokens.Length && tokens[end].Span.End <= span.End && tokens[end].Span.Start < span.End) end++;
        return (first, end - first);
    }

    /// <summary>
    /// The sentence that introduces the list a list-item sentence belongs to, or -1: the heading right
    /// above the list, or the last sentence of the paragraph right above it when that sentence ends with
    /// a colon ("We use your personal data to:") or announces what follows ("… in the following ways.").
    /// Nested items share their list's lead-in; paragraphs opened by an enumerator ("a) …", "(ii) …")
    /// right after a paragraph's negated lead-in ("You will not:"), or after such a paragraph, are items too. A cell in a
    /// table's body is introduced by its column's header cell ("Retention period" over "30 days").
    /// Within a paragraph, an answer or a sentence that elaborates the one before ("This includes …") is
    /// introduced by the sentence before it.
    /// </summary>
    public int LeadInOf(int sentence) => (_leadIn ??= BuildLeadIns())[sentence];

    /// <summary>Whether any list item of the document has a lead-in (most rules need not look otherwise).</summary>
    public bool HasLeadIns => (_leadIn ??= BuildLeadIns()) is not null && _anyLeadIn;
    private bool _anyLeadIn;

    private int[] BuildLeadIns()
    {
        var result = new int[Sentences.Length];
        Array.Fill(result, -1);
        var lead = -1;
        var leadIsHeading = false;
        for (var b = 0; b < Blocks.Length; b++)
        {
            var block = Blocks[b];
            // Paragraphs opened by an enumerator ("a) …", "(ii) …") after a negated "…:" lead-in ("You will not
            // do any of the following:") are items of its list, as legal text writes lists without list markup.
            // Under other lead-ins they stand alone: clauses "a.", "b." of a contract are provisions of their own.
            if (block.Kind == BlockKind.ListItem || lead >= 0 && !leadIsHeading && block.Kind == BlockKind.Paragraph && HasNegation(lead) && IsEnumerated(block))
            {
                for (var s = block.FirstSentence; s < block.SentenceEnd; s++) result[s] = lead;
                _anyLeadIn |= lead >= 0 && block.SentenceCount > 0;
                if (block.Kind == BlockKind.Paragraph) LeadInsWithinParagraph(block, result);
                continue;
            }
            lead = -1;
            if (block.Kind == BlockKind.TableCell && block.ColumnHeader >= 0 && Blocks[block.ColumnHeader].SentenceCount > 0)
            {
                var header = Blocks[block.ColumnHeader].SentenceEnd - 1;
                for (var s = block.FirstSentence; s < block.SentenceEnd; s++) result[s] = header;
                _anyLeadIn |= block.SentenceCount > 0;
                continue;
            }
            if (block.SentenceCount == 0) continue;
            if (block.Kind == BlockKind.Paragraph) _anyLeadIn |= LeadInsWithinParagraph(block, result);
            var last = block.SentenceEnd - 1;
            leadIsHeading = block.Kind == BlockKind.Heading;
            if (block.Kind == BlockKind.Heading) lead = last;
            else if (block.Kind == BlockKind.Paragraph && IsLeadInSentence(Text.Text.AsSpan(Sentences[last].Span.Start, Sentences[last].Span.Length))) lead = last;
        }
        return result;
    }

    /// <summary>
    /// Sentences of a paragraph read with an earlier one: a sentence that answers a question ("Do you
    /// train on my data? Yes, unless you opt out.") or elaborates the one before it ("This includes
    /// training our models.") is introduced by that sentence.
    /// </summary>
    private bool LeadInsWithinParagraph(Block block, int[] result)
    {
        var any = false;
        for (var s = block.FirstSentence + 1; s < block.SentenceEnd; s++)
        {
            if (!IsQuestion(s - 1) && !StartsWithAnaphor(s)) continue;
            result[s] = s - 1;
            any = true;
        }
        return any;
    }

    // "This includes …", "These may include …": an elaboration of the sentence before.
    private static readonly HashSet<string> Anaphors = new(StringComparer.Ordinal) { "this", "these", "that" };
    private static readonly HashSet<string> Elaborations = new(StringComparer.Ordinal)
        { "includes", "include", "including", "means", "mean", "covers", "cover", "involves", "involve" };
    private static readonly HashSet<string> Hedges = new(StringComparer.Ordinal) { "may", "can", "also", "will", "could", "might", "generally" };

    /// <summary>"This includes …", "These may include …", "This also means …": the pronoun, then the elaborating verb
    /// (after at most one modal or adverb). "This data includes …" names a thing of its own and does not count.</summary>
    private bool StartsWithAnaphor(int sentence)
    {
        var s = Sentences[sentence];
        var words = 0;
        for (var t = s.FirstToken; t < s.TokenEnd && words < 3; t++)
        {
            if (Tokens[t].Kind != TokenKind.Word) continue;
            var w = Tokens[t].Normalized;
            if (words == 0 && !Anaphors.Contains(w)) return false;
            if (words > 0 && Elaborations.Contains(w)) return true;
            if (words == 1 && !Hedges.Contains(w)) return false;
            words++;
        }
        return false;
    }

    /// <summary>Whether the sentence holds a negation cue.</summary>
    public bool HasNegation(int sentence)
    {
        var s = Sentences[sentence];
        for (var t = s.FirstToken; t < s.TokenEnd; t++)
            if (Tokens[t].Has(TokenFlags.NegationCue)) return true;
        return false;
    }

    /// <summary>A paragraph that opens with a list label: "a)", "(b)", "(iv)", "2)", "c." followed by text.</summary>
    private bool IsEnumerated(Block block)
    {
        var t = block.FirstToken;
        var end = block.TokenEnd;
        if (t < end && Tokens[t].Kind == TokenKind.Punctuation && Tokens[t].Normalized == "(") t++;
        if (t + 1 >= end) return false;
        var label = Tokens[t];
        var ok = label.Kind == TokenKind.Number && label.Span.Length <= 2
                 || label.Kind == TokenKind.Word && (label.Span.Length == 1 || label.Span.Length <= 4 && IsRomanNumeral(label.Normalized));
        var closer = Tokens[t + 1];
        return ok && closer.Kind == TokenKind.Punctuation && closer.Normalized is ")" or "." && closer.Span.Start == label.Span.End;
    }

    private static bool IsRomanNumeral(string word)
    {
        foreach (var c in word) if (c is not ('i' or 'v' or 'x')) return false;
        return true;
    }

    /// <summary>Whether the sentence opens with a denial ("No.", "No, never.", "Never.") as an answer does.</summary>
    public bool StartsWithDenial(int sentence)
    {
        var s = Sentences[sentence];
        for (var t = s.FirstToken; t < s.TokenEnd; t++)
            if (Tokens[t].Kind == TokenKind.Word) return Tokens[t].Normalized is "no" or "never" or "nope";
        return false;
    }

    /// <summary>Whether the sentence ends with a question mark.</summary>
    public bool IsQuestion(int sentence)
    {
        var s = Sentences[sentence];
        return s.TokenCount > 0 && Tokens[s.TokenEnd - 1].Kind == TokenKind.Punctuation && Tokens[s.TokenEnd - 1].Normalized == "?";
    }

    /// <summary>
    /// Whether a paragraph's last sentence introduces the list under it: it ends with a colon, or it
    /// announces what follows ("… in the following ways.", "… as described below.").
    /// </summary>
    private static bool IsLeadInSentence(ReadOnlySpan<char> sentence)
    {
        var s = sentence.TrimEnd();
        if (s.EndsWith(':')) return true;
        if (!s.EndsWith('.')) return false;
        foreach (var ending in AnnouncingEndings)
            if (s.EndsWith(ending, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static readonly string[] AnnouncingEndings =
        ["following.", "as follows.", "below.", "following ways.", "following circumstances.", "following purposes."];

    /// <summary>The sentences whose lead-in is <paramref name="sentence"/>, ascending (the items of its list or the cells of its column).</summary>
    public ReadOnlySpan<int> ItemsLedBy(int sentence)
    {
        if (_itemStarts is null)
        {
            var leads = _leadIn ??= BuildLeadIns();
            var starts = new int[Sentences.Length + 1];
            foreach (var lead in leads) if (lead >= 0) starts[lead + 1]++;
            for (var i = 0; i < Sentences.Length; i++) starts[i + 1] += starts[i];
            var items = new int[starts[Sentences.Length]];
            var fill = (int[])starts.Clone();
            for (var s = 0; s < leads.Length; s++) if (leads[s] >= 0) items[fill[leads[s]]++] = s;
            _items = items;
            _itemStarts = starts;
        }
        return _items.AsSpan(_itemStarts[sentence], _itemStarts[sentence + 1] - _itemStarts[sentence]);
    }
    private int[]? _itemStarts;
    private int[] _items = Array.Empty<int>();

    // ---- lookups for the matcher ----

    /// <summary>Indexes (ascending) of the tokens whose normalised form is <paramref name="normalized"/>.</summary>
    public ReadOnlySpan<int> FindNormalized(string normalized) =>
        (_byNormalized ??= BuildIndex(static t => t.Normalized)).TryGetValue(normalized, out var list) ? list : ReadOnlySpan<int>.Empty;

    /// <summary>Indexes (ascending) of the word tokens whose stem is <paramref name="stem"/>.</summary>
    public ReadOnlySpan<int> FindStem(string stem) =>
        (_byStem ??= BuildIndex(static t => t.Stem)).TryGetValue(stem, out var list) ? list : ReadOnlySpan<int>.Empty;

    /// <summary>The exception clauses whose cue is in sentence <paramref name="sentence"/>.</summary>
    public ReadOnlySpan<ExceptionClause> GetExceptions(int sentence)
    {
        var starts = _sentenceExceptionStart ??= BuildSentenceStarts(Exceptions.AsSpan(), static e => e.Sentence);
        return Exceptions.AsSpan()[starts[sentence]..starts[sentence + 1]];
    }

    /// <summary>The exception clauses whose cue is in any sentence of block <paramref name="block"/>.</summary>
    public ReadOnlySpan<ExceptionClause> GetBlockExceptions(int block)
    {
        var b = Blocks[block];
        var starts = _sentenceExceptionStart ??= BuildSentenceStarts(Exceptions.AsSpan(), static e => e.Sentence);
        return Exceptions.AsSpan()[starts[b.FirstSentence]..starts[b.SentenceEnd]];
    }

    /// <summary>The negation cues of sentence <paramref name="sentence"/>.</summary>
    public ReadOnlySpan<NegationCue> GetNegations(int sentence)
    {
        var starts = _sentenceNegationStart ??= BuildSentenceStarts(Negations.AsSpan(), static n => n.Sentence);
        return Negations.AsSpan()[starts[sentence]..starts[sentence + 1]];
    }

    /// <summary>Entities that lie inside <paramref name="span"/>, in order (a contiguous run, since they never overlap).</summary>
    public ReadOnlySpan<Entity> GetEntities(TextSpan span)
    {
        var all = Entities.AsSpan();
        var first = FirstStartingAtOrAfter(all, span.Start, static e => e.Span.Start);
        var end = first;
        while (end < all.Length && all[end].Span.End <= span.End) end++;
        return all[first..end];
    }

    /// <summary>Entities of one kind inside a span, in order.</summary>
    public IEnumerable<Entity> GetEntities(TextSpan span, EntityKind kind)
    {
        foreach (var e in GetEntities(span).ToArray())
            if (e.Kind == kind) yield return e;
    }

    private Dictionary<string, int[]> BuildIndex(Func<Token, string> key)
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var tokens = Tokens.AsSpan();
        for (var i = 0; i < tokens.Length; i++)
        {
            var k = key(tokens[i]);
            if (!lists.TryGetValue(k, out var l)) lists[k] = l = new List<int>(2);
            l.Add(i);
        }
        var result = new Dictionary<string, int[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (k, l) in lists) result[k] = l.ToArray();
        return result;
    }

    private int[] BuildSentenceStarts<T>(ReadOnlySpan<T> items, Func<T, int> sentenceOf)
    {
        var starts = new int[Sentences.Length + 1];
        var j = 0;
        for (var s = 0; s <= Sentences.Length; s++)
        {
            while (j < items.Length && sentenceOf(items[j]) < s) j++;
            starts[s] = j;
        }
        return starts;
    }

    private static int LastStartingAtOrBefore<T>(ReadOnlySpan<T> items, int offset, Func<T, int> startOf)
    {
        int lo = 0, hi = items.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (startOf(items[mid]) <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found;
    }

    private static int FirstStartingAtOrAfter<T>(ReadOnlySpan<T> items, int offset, Func<T, int> startOf)
    {
        int lo = 0, hi = items.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (startOf(items[mid]) < offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
