using PolicyRules.Binding;
using PolicyRules.Documents;

namespace PolicyRules.Matching;

/// <summary>A mention of a term set: tokens [First, End) of the document.</summary>
internal readonly record struct TermHit(int First, int End);

/// <summary>
/// Every phrase of a rule set (all lexicons and the literal phrases of patterns) compiled into one
/// trie over token keys (stem for words, normalised form otherwise), with <c>*</c> as a one-token
/// wildcard edge. One pass over a document's tokens finds every mention of every term set, so the
/// cost grows with the document and its hits, not with the number of rules.
/// </summary>
internal sealed class TermAutomaton
{
    private sealed class Node
    {
        /// <summary>Edges by stem number (<see cref="Term.StemKey"/>).</summary>
        public Dictionary<int, Node>? Next;
        public Node? Wildcard;
        /// <summary>Term sets a phrase ending here belongs to.</summary>
        public List<int>? Outputs;
    }

    [ThreadStatic] private static List<(int Set, TermHit Hit)>? _found;

    private readonly Node _root = new();
    /// <summary>By stem number: the root's edge for that stem, null when no phrase starts with it (most tokens).</summary>
    private Node?[] _starts = Array.Empty<Node?>();
    private readonly List<string> _names = new();
    private readonly Dictionary<Lexicon, int> _lexiconIds = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PhrasePattern, int> _phraseIds = new(ReferenceEqualityComparer.Instance);

    public int TermSetCount => _names.Count;
    public string NameOf(int termSet) => _names[termSet];

    public int IdOf(Lexicon lexicon) => _lexiconIds[lexicon];
    public int IdOf(PhrasePattern phrase) => _phraseIds[phrase];

    public static TermAutomaton Build(CompiledRuleSet rules)
    {
        var automaton = new TermAutomaton();
        foreach (var lexicon in rules.Lexicons) automaton.AddLexicon(lexicon);
        foreach (var rule in rules.Rules)
        {
            automaton.AddPatternPhrases(rule.Match);
            if (rule.Section is not null) automaton.AddPatternPhrases(rule.Section);
        }
        if (automaton._root.Next is { } first)
        {
            automaton._starts = new Node?[first.Keys.DefaultIfEmpty(-1).Max() + 1];
            foreach (var (key, node) in first) automaton._starts[key] = node;
        }
        return automaton;
    }

    private int AddLexicon(Lexicon lexicon)
    {
        if (_lexiconIds.TryGetValue(lexicon, out var id)) return id;
        id = _names.Count;
        _names.Add(lexicon.Name);
        _lexiconIds[lexicon] = id;
        foreach (var phrase in lexicon.Phrases) AddPhrase(phrase.Text, id);
        return id;
    }

    private void AddPatternPhrases(Pattern pattern)
    {
        var stack = new Stack<Pattern>();
        stack.Push(pattern);
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            switch (p)
            {
                case PhrasePattern phrase when !_phraseIds.ContainsKey(phrase):
                    var id = _names.Count;
                    _names.Add("\"" + phrase.Phrase.Text + "\"");
                    _phraseIds[phrase] = id;
                    AddPhrase(phrase.Phrase.Text, id);
                    break;
                case LexiconPattern lexicon:
                    AddLexicon(lexicon.Lexicon);
                    break;
            }
            foreach (var child in p.Children) stack.Push(child);
        }
    }

    /// <summary>
    /// The terms of a phrase, tokenised and normalised exactly like documents (a phrase matches by
    /// the stem of each word; a number or symbol is its own stem); null is the <c>*</c> wildcard, and
    /// quotes are skipped as in documents.
    /// </summary>
    private static List<Term?> PhraseTerms(string phrase)
    {
        var drafts = new List<TokenDraft>();
        Tokenizer.Tokenize(phrase, 0, phrase.Length, drafts);
        var terms = new List<Term?>(drafts.Count);
        foreach (var d in drafts)
        {
            if (d.Term.IsQuote(d.Kind)) continue;
            terms.Add(d.Term.Normalized == "*" ? null : d.Term);
        }
        return terms;
    }

    private void AddPhrase(string phrase, int termSet)
    {
        var terms = PhraseTerms(phrase);
        if (terms.Count == 0) return;
        var node = _root;
        foreach (var term in terms)
        {
            if (term is null)
            {
                node = node.Wildcard ??= new Node();
                continue;
            }
            if (term.StemKey < 0) term.StemKey = StemKeys.Add(term.Stem); // numbered while the table was full
            node.Next ??= new Dictionary<int, Node>();
            if (!node.Next.TryGetValue(term.StemKey, out var next)) node.Next[term.StemKey] = next = new Node();
            node = next;
        }
        node.Outputs ??= new List<int>();
        if (!node.Outputs.Contains(termSet)) node.Outputs.Add(termSet);
    }

    private static void Emit(Node node, int start, int end, List<(int Set, TermHit Hit)> found)
    {
        if (node.Outputs is null) return;
        foreach (var set in node.Outputs) found.Add((set, new TermHit(start, end)));
    }

    /// <summary>Finds every mention of every term set; each list is sorted by first token.</summary>
    public TermHit[][] Run(PolicyDocument document)
    {
        // Hits of all sets go into one reused buffer first, then into one exact-size array per set:
        // growing a list per set allocated (and collected) far more than the matching itself.
        var found = _found ??= new List<(int Set, TermHit Hit)>(1024);
        found.Clear();
        var tokens = document.Tokens.AsSpan();

        var frontier = new List<Node>();
        var nextFrontier = new List<Node>();
        var starts = _starts;
        for (var start = 0; start < tokens.Length; start++)
        {
            // Fast path: most tokens start no phrase (phrases never start with a gap or a wildcard).
            var key = tokens[start].StemKey;
            if ((uint)key >= (uint)starts.Length || starts[key] is not { } firstNode || tokens[start].IsQuote) continue;
            var sentence = tokens[start].Sentence;
            frontier.Clear();
            frontier.Add(firstNode);
            Emit(firstNode, start, start + 1, found);
            var position = start + 1;
            while (frontier.Count > 0 && position < tokens.Length)
            {
                if (tokens[position].IsQuote) { position++; continue; }
                if (tokens[position].Sentence != sentence) break; // phrases never cross sentences
                // Tokens expanded from one contraction share a span; they are still separate tokens here.
                nextFrontier.Clear();
                foreach (var node in frontier)
                {
                    if (node.Next is not null && node.Next.TryGetValue(tokens[position].StemKey, out var next)) nextFrontier.Add(next);
                    if (node.Wildcard is not null && tokens[position].Kind != TokenKind.Punctuation) nextFrontier.Add(node.Wildcard);
                }
                position++;
                foreach (var node in nextFrontier) Emit(node, start, position, found);
                (frontier, nextFrontier) = (nextFrontier, frontier);
            }
        }
        var counts = new int[_names.Count];
        foreach (var (set, _) in found) counts[set]++;
        var hits = new TermHit[_names.Count][];
        for (var i = 0; i < hits.Length; i++) hits[i] = counts[i] == 0 ? Array.Empty<TermHit>() : new TermHit[counts[i]];
        Array.Clear(counts);
        foreach (var (set, hit) in found) hits[set][counts[set]++] = hit; // in start order, as found
        if (found.Capacity > 1 << 20) _found = null; // do not keep a huge document's buffer
        return hits;
    }
}
