using PolicyRules.Text;

namespace PolicyRules.Documents;

/// <summary>
/// Negation scopes and exception clauses, computed once per document over each sentence's tokens.
/// <para>Negation: a cue (not, n't, never, no, none, nothing, nobody, neither, nor, without, cannot)
/// negates the tokens after it up to the end of its clause: ';', ':', the sentence end, a closing
/// bracket it did not open, one of "but, however, unless, except, although, though, whereas, while",
/// a comma followed by a clause opener ("which", "if", "because", …) or by "and/or" plus a subject
/// ("…, and we"), or "and/or" before an affirmative auxiliary ("are not saved and are deleted").
/// "Without" heads a phrase, not a clause: its scope also ends at a comma ("with or without notice,
/// suspend …" negates only "notice"). An auxiliary right before "not" is part of the cue ("do not", "will not").
/// Bounds and fixed phrases are not negations: "not only", "no later/longer/more/less/fewer than",
/// "not more/less than", "not to exceed", "whether or not", "no matter", "not limited to",
/// "without limitation", "without limiting", "without prejudice".</para>
/// <para>Exceptions: unless, except (for/as/that/where/when/if), excepting, excluding, other than,
/// even if, however, notwithstanding, regardless (of), with the exception of, apart from, save for/as/that,
/// but not (not "but not limited to"), and "does/do/shall/will not apply". A cue that opens the sentence
/// governs up to the first comma ("Unless you opt out, …"), except however / notwithstanding /
/// regardless, which govern the rest of the sentence; a cue inside the sentence governs up to ';', the
/// next exception cue, or the sentence end.</para>
/// </summary>
internal static class ClauseAnnotator
{
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "do", "does", "did", "will", "would", "shall", "should", "may", "might", "must", "can", "could",
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "need", "am",
    };

    private static readonly HashSet<string> SimpleNegations = new(StringComparer.Ordinal)
        { "never", "neither", "nor", "none", "nothing", "nobody", "nowhere" };

    private static readonly HashSet<string> BoundWords = new(StringComparer.Ordinal)
        { "later", "longer", "more", "less", "fewer", "earlier", "sooner", "greater", "shorter" };

    private static readonly HashSet<string> CommaClauseOpeners = new(StringComparer.Ordinal)
    {
        "but", "however", "unless", "except", "although", "though", "whereas", "while", "which", "who", "whom", "whose",
        "where", "when", "if", "because", "since", "so", "yet", "instead", "rather", "otherwise", "provided", "then", "and/or",
    };

    private static readonly HashSet<string> MainClauseModals = new(StringComparer.Ordinal)
        { "may", "will", "can", "shall", "must", "might", "could", "would" };

    private static readonly HashSet<string> Subjects = new(StringComparer.Ordinal)
        { "we", "you", "they", "it", "he", "she", "i", "this", "that", "there", "these", "those", "such", "each", "users", "customers" };

    public static void Annotate(string text, Span<TokenDraft> tokens, List<(int First, int Count)> sentences,
        List<NegationCue> negations, List<ExceptionClause> exceptions)
    {
        var cues = new List<(int First, int Last, bool OpensRest)>();
        for (var s = 0; s < sentences.Count; s++)
        {
            var (sf, count) = sentences[s];
            var se = sf + count;
            Negation(text, tokens, s, sf, se, negations);
            Exceptions(text, tokens, s, sf, se, cues, exceptions);
        }
    }

    private static string W(Span<TokenDraft> tokens, int i, int end) =>
        i >= 0 && i < end && tokens[i].Kind == TokenKind.Word ? tokens[i].Norm : "";

    // ---------------- negation ----------------

    private static void Negation(string text, Span<TokenDraft> tokens, int sentence, int sf, int se, List<NegationCue> output)
    {
        for (var t = sf; t < se; t++)
        {
            ref var tok = ref tokens[t];
            if (tok.Kind != TokenKind.Word || (tok.Class & TermClass.Negation) == 0) continue;
            var n = tok.Norm;
            int cueFirst = t, cueLast = t;
            switch (n)
            {
                case "not":
                    {
                        var next = W(tokens, t + 1, se);
                        if (next is "only" or "limited") continue;
                        if (next == "be" && W(tokens, t + 2, se) == "limited") continue;
                        if (BoundWords.Contains(next) && W(tokens, t + 2, se) == "than") continue;
                        if (next == "to" && W(tokens, t + 2, se) == "exceed") continue;
                        if (next == "exceeding") continue;
                        if (W(tokens, t - 1, se) == "or" && W(tokens, t - 2, se) == "whether") continue;
                        if (t > sf && Auxiliaries.Contains(W(tokens, t - 1, se))) cueFirst = t - 1;
                        break;
                    }
                case "no":
                    {
                        var next = W(tokens, t + 1, se);
                        if (BoundWords.Contains(next) && W(tokens, t + 2, se) == "than") continue;
                        if (next == "matter") continue;
                        if (next == "one") cueLast = t + 1;
                        break;
                    }
                case "without":
                    {
                        var next = W(tokens, t + 1, se);
                        if (next is "limitation" or "limiting" or "prejudice") continue;
                        break;
                    }
                default:
                    if (!SimpleNegations.Contains(n)) continue;
                    break;
            }

            // expanded contractions share a span: "don't" is one cue
            while (cueLast + 1 < se && tokens[cueLast + 1].Start == tokens[cueLast].Start && tokens[cueLast + 1].Length == tokens[cueLast].Length) cueLast++;
            for (var k = cueFirst; k <= cueLast; k++) tokens[k].Flags |= TokenFlags.NegationCue;

            var scopeEnd = ClauseEnd(tokens, cueLast + 1, se);
            // A negation inside a relative clause ("Accounts that have not been used for two years may be
            // closed") ends where the main clause's modal takes over: the modal's verb is not negated.
            if (cueFirst > sf && W(tokens, cueFirst - 1, se) is "that" or "which" or "who")
                for (var k = cueLast + 2; k < scopeEnd; k++)
                    if (tokens[k].Kind == TokenKind.Word && MainClauseModals.Contains(tokens[k].Norm)) { scopeEnd = k; break; }
            if (n == "without" || InIntroductoryClause(tokens, sf, cueFirst, se))
            {
                var comma = FirstAtDepthZero(tokens, cueLast + 1, scopeEnd, ",", null);
                if (comma < scopeEnd) scopeEnd = comma;
            }
            for (var k = cueLast + 1; k < scopeEnd; k++) tokens[k].Flags |= TokenFlags.Negated;

            var cue = TextSpan.FromBounds(tokens[cueFirst].Start, tokens[cueLast].End);
            var scope = scopeEnd > cueLast + 1
                ? TextSpan.FromBounds(tokens[cueLast + 1].Start, tokens[scopeEnd - 1].End)
                : new TextSpan(cue.End, 0);
            output.Add(new NegationCue(cue, text.Substring(cue.Start, cue.Length), scope, sentence, cueFirst, cueLast - cueFirst + 1));
            t = cueLast;
        }
    }

    /// <summary>First token index at or after <paramref name="from"/> that ends the clause (exclusive end of the scope).</summary>
    private static int ClauseEnd(Span<TokenDraft> tokens, int from, int se)
    {
        var depth = 0;
        var complement = false;
        for (var u = from; u < se; u++)
        {
            var tok = tokens[u];
            if (tok.Kind == TokenKind.Punctuation)
            {
                switch (tok.Norm)
                {
                    case "(": case "[": depth++; break;
                    case ")": case "]": if (depth == 0) return u; depth--; break;
                    case ";": case ":": case ".": case "!": case "?": if (depth == 0) return u; break;
                    case ",":
                        if (depth > 0) break;
                        if (u == from) return u; // "will not, and will not permit…": nothing negated here
                        var next = W(tokens, u + 1, se);
                        if (CommaClauseOpeners.Contains(next)) return u;
                        if (next is "and" or "or" && Subjects.Contains(W(tokens, u + 2, se))) return u;
                        if (next is "we" or "you" or "they" or "it" or "he" or "she" or "i") return u; // "Although it does not…, it is…"
                        break;
                }
            }
            else if (tok.Kind == TokenKind.Word && depth == 0 && (tok.Class & TermClass.ClauseBreak) != 0 && u > from)
            {
                return u;
            }
            else if (tok.Kind == TokenKind.Word && depth == 0 && u > from && !complement && tok.Norm is "and" or "or"
                     && Auxiliaries.Contains(W(tokens, u + 1, se)) && W(tokens, u + 2, se) is not ("not" or "never" or "n't"))
            {
                return u; // "… are not saved and are deleted after 72 hours": a second verb phrase, affirmative
            }
            else if (tok.Kind == TokenKind.Word && tok.Norm is "that" or "whether" or "if" or "which" or "who")
            {
                complement = true; // "no warranty that it is available or will be": both verbs sit under the cue
            }
        }
        return se;
    }

    // ---------------- exceptions ----------------

    private static void Exceptions(string text, Span<TokenDraft> tokens, int sentence, int sf, int se,
        List<(int First, int Last, bool OpensRest)> cues, List<ExceptionClause> output)
    {
        cues.Clear();
        for (var t = sf; t < se; t++)
        {
            if (tokens[t].Kind != TokenKind.Word || (tokens[t].Class & TermClass.ExceptionStart) == 0) continue;
            var last = MatchExceptionCue(tokens, t, sf, se, out var first, out var opensRest);
            if (last < 0) continue;
            cues.Add((first, last, opensRest));
            t = last;
        }

        for (var c = 0; c < cues.Count; c++)
        {
            var (first, last, opensRest) = cues[c];
            var initial = IsSentenceInitial(tokens, sf, first);
            var g = last + 1;
            while (g < se && tokens[g].Kind == TokenKind.Punctuation && tokens[g].Norm == ",") g++;
            int gEnd;
            if (initial && opensRest) gEnd = se;
            else if (initial) gEnd = FirstAtDepthZero(tokens, g, se, ",", ";");
            else gEnd = FirstAtDepthZero(tokens, g, se, ";", null);
            if (!(initial && opensRest) && c + 1 < cues.Count && cues[c + 1].First < gEnd) gEnd = cues[c + 1].First;
            // trailing punctuation is not part of the governed clause
            while (gEnd > g && tokens[gEnd - 1].Kind == TokenKind.Punctuation && tokens[gEnd - 1].Norm is "." or "," or ";" or ":" or "!" or "?") gEnd--;

            for (var k = first; k <= last; k++) tokens[k].Flags |= TokenFlags.ExceptionCue;
            for (var k = g; k < gEnd; k++) tokens[k].Flags |= TokenFlags.InException;
            var cue = TextSpan.FromBounds(tokens[first].Start, tokens[last].End);
            var governed = gEnd > g ? TextSpan.FromBounds(tokens[g].Start, tokens[gEnd - 1].End) : new TextSpan(cue.End, 0);
            output.Add(new ExceptionClause(cue, text.Substring(cue.Start, cue.Length), governed, sentence, first, last - first + 1));
        }
    }

    private static bool IsSentenceInitial(Span<TokenDraft> tokens, int sf, int first)
    {
        // "(a) Unless …", "1. Except …", "“Notwithstanding …"
        for (var k = sf; k < first; k++)
        {
            var t = tokens[k];
            if (t.Kind is TokenKind.Punctuation or TokenKind.Number or TokenKind.Symbol) continue;
            if (t.Kind == TokenKind.Word && t.Length <= 3 && k + 1 < first && tokens[k + 1].Kind == TokenKind.Punctuation) continue;
            if (t.Kind == TokenKind.Word && t.Norm is "and" or "but" or "or" or "provided" or "that") continue;
            return false;
        }
        return true;
    }

    private static readonly HashSet<string> IntroductoryOpeners = new(StringComparer.Ordinal)
        { "if", "to", "where", "when", "whenever", "although", "though", "unless", "because", "since", "while", "as", "once", "provided", "in", "even", "until", "before", "after", "insofar" };

    /// <summary>"If you do not opt out, we…", "To the extent not prohibited by law, Zoom…": the cue sits in a clause that opens the sentence and ends at its first comma.</summary>
    private static bool InIntroductoryClause(Span<TokenDraft> tokens, int sf, int cueFirst, int se)
    {
        var k = sf;
        while (k < cueFirst && tokens[k].Kind != TokenKind.Word) k++;
        if (k >= cueFirst || !IntroductoryOpeners.Contains(tokens[k].Norm)) return false;
        for (var u = k; u < cueFirst; u++)
            if (tokens[u].Kind == TokenKind.Punctuation && tokens[u].Norm is "," or ";" or ":") return false;
        return true;
    }

    private static int FirstAtDepthZero(Span<TokenDraft> tokens, int from, int se, string a, string? b)
    {
        var depth = 0;
        for (var u = from; u < se; u++)
        {
            var tok = tokens[u];
            if (tok.Kind != TokenKind.Punctuation) continue;
            var n = tok.Norm;
            if (n is "(" or "[") depth++;
            else if (n is ")" or "]") { if (depth == 0) return u; depth--; } // a bracket the clause did not open ends it
            else if (depth == 0 && (n == a || n == b)) return u;
        }
        return se;
    }

    /// <summary>Returns the last token of an exception cue starting at (or, for "… not apply", ending near) <paramref name="t"/>, or -1.</summary>
    private static int MatchExceptionCue(Span<TokenDraft> tokens, int t, int sf, int se, out int first, out bool opensRest)
    {
        first = t;
        opensRest = false;
        var n = tokens[t].Norm;
        var n1 = W(tokens, t + 1, se);
        switch (n)
        {
            case "unless":
            case "excepting":
            case "excluding":
                return t;
            case "except":
                return n1 is "for" or "as" or "that" or "where" or "when" or "if" ? t + 1 : t;
            case "other":
                return n1 == "than" ? t + 1 : -1;
            case "even":
                return n1 == "if" ? t + 1 : -1;
            case "however":
                {
                    // the adverb of contrast, not "however you use the Services"
                    var prev = t > sf ? tokens[t - 1] : default;
                    var afterComma = t + 1 < se && tokens[t + 1].Kind == TokenKind.Punctuation && tokens[t + 1].Norm is "," or ";";
                    var beforePunct = t > sf && prev.Kind == TokenKind.Punctuation && prev.Norm is "," or ";" or "(";
                    if (!afterComma && !beforePunct && !(t + 1 >= se)) return -1;
                    opensRest = true;
                    return t;
                }
            case "notwithstanding":
                opensRest = true;
                return t;
            case "regardless":
                opensRest = true;
                return n1 == "of" ? t + 1 : t;
            case "with":
                return n1 == "the" && W(tokens, t + 2, se) == "exception" && W(tokens, t + 3, se) == "of" ? t + 3 : -1;
            case "apart":
                return n1 == "from" ? t + 1 : -1;
            case "save":
                return n1 is "for" or "as" or "that" ? t + 1 : -1;
            case "but":
                if (n1 != "not") return -1;
                if (W(tokens, t + 2, se) is "limited" or "only" or "necessarily" || (W(tokens, t + 2, se) == "be" && W(tokens, t + 3, se) == "limited")) return -1;
                return t + 1;
            case "not":
                {
                    if (n1 is not ("apply" or "applicable")) return -1;
                    var aux = t > sf ? W(tokens, t - 1, se) : "";
                    if (aux is "does" or "do" or "shall" or "will" or "would" or "may" or "did" or "is" or "are" or "be" or "should")
                    {
                        first = t - 1;
                        // "doesn't": both tokens share one span, the cue starts there anyway
                    }
                    return t + 1;
                }
        }
        return -1;
    }
}
