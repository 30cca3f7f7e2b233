namespace PolicyRules.Documents;

/// <summary>
/// Splits a block's tokens into sentences for legal English. A sentence ends at '.', '!' or '?'
/// (with any closing quotes or brackets right after it) when the next token starts like a
/// sentence: an upper-case letter, a digit, an opening quote or bracket, or a symbol. Never split:
/// after abbreviations (the tokenizer keeps their period: "Inc.", "e.g.", "U.S.", "No. 5"); inside
/// numbers, amounts, e-mail addresses and URLs (single tokens); after an enumerator at the start
/// of a sentence or after ':' or ';' ("1.", "a.", "iv."); inside parentheses or brackets, unless the
/// parenthesis runs on for more than <see cref="MaxParenthesis"/> characters (then it was never closed);
/// at ';' (a semicolon list in legal text is one provision, so it stays one sentence); before a
/// lower-case word ("approx. five", "etc. and"); inside a company or site name ("Copy.AI", "fal.ai").
/// Upper-case sentences split like any other.
/// </summary>
internal static class SentenceSplitter
{
    internal const int MaxParenthesis = 400;

    public static void Split(string text, List<TokenDraft> tokens, int first, int end, List<(int First, int Count)> output)
    {
        var start = first;
        var depth = 0;
        var parenStart = 0;
        for (var t = first; t < end; t++)
        {
            var tok = tokens[t];
            if (tok.Kind != TokenKind.Punctuation) continue;
            var n = tok.Norm;
            var isTerminator = false;
            var boundaryAt = t;
            switch (n)
            {
                case "(": case "[":
                    if (depth == 0) parenStart = tok.Start;
                    depth++;
                    continue;
                case ")": case "]":
                    if (depth == 0) continue;
                    depth--;
                    // "(See Section 5.) The next…": a sentence that ends inside the closing bracket
                    if (depth == 0 && t > first && IsTerminator(tokens[t - 1]) && tokens[t - 1].End == tok.Start) isTerminator = true;
                    break;
                case ".": case "!": case "?":
                    if (depth > 0 && tok.Start - parenStart > MaxParenthesis) depth = 0;
                    isTerminator = depth == 0;
                    break;
            }
            if (!isTerminator) continue;

            // closing quotes and brackets glued to the terminator belong to this sentence
            var e = boundaryAt;
            while (e + 1 < end && IsCloser(tokens[e + 1]) && tokens[e + 1].Start == tokens[e].End)
            {
                e++;
                if (tokens[e].Norm is ")" or "]" && depth > 0) depth--;
            }
            if (e + 1 >= end) break; // the block ends the sentence
            if (n == "." && IsEnumerator(tokens, start, t)) continue;
            if (n == "." && e == t && IsDomainDot(text, tokens, first, t)) continue;
            if (!StartsSentence(text, tokens, e + 1, end)) continue;

            output.Add((start, e + 1 - start));
            start = e + 1;
            t = e;
            depth = 0;
        }
        if (end > start) output.Add((start, end - start));
    }

    private static readonly HashSet<string> DomainSuffixes = new(StringComparer.OrdinalIgnoreCase)
        { "ai", "com", "io", "co", "org", "net", "dev", "app", "gov", "eu", "uk", "de", "fr", "cn", "jp", "js", "ms", "tv", "inc" };

    /// <summary>"Copy.AI", "Character.AI", "COPY.AI": a period between two glued words, the second a domain
    /// suffix written in one case, names a company or site (a missing space, "data.We", still splits).</summary>
    private static bool IsDomainDot(string text, List<TokenDraft> tokens, int first, int period)
    {
        if (period == first || period + 1 >= tokens.Count) return false;
        var before = tokens[period - 1];
        var after = tokens[period + 1];
        if (before.Kind != TokenKind.Word || after.Kind != TokenKind.Word) return false;
        if (before.End != tokens[period].Start || tokens[period].End != after.Start) return false;
        var suffix = text.AsSpan(after.Start, after.Length);
        if (suffix.Length > 2 && suffix[^2] is '\'' or '’' && suffix[^1] is 's' or 'S') suffix = suffix[..^2]; // "Copy.AI’s"
        if (!DomainSuffixes.Contains(suffix.ToString())) return false;
        var upper = true;
        var lower = true;
        foreach (var ch in suffix)
        {
            upper &= char.IsUpper(ch);
            lower &= char.IsLower(ch);
        }
        return upper || lower;
    }

    private static bool IsTerminator(in TokenDraft t) => t.Kind == TokenKind.Punctuation && t.Norm is "." or "!" or "?";

    private static bool IsCloser(in TokenDraft t) => t.Kind == TokenKind.Punctuation && t.Norm is ")" or "]" or "\"" or "'";

    /// <summary>"1." "a." "iv." "4.2." at the start of a sentence or after ':' / ';' — a list label, not a sentence end.</summary>
    private static bool IsEnumerator(List<TokenDraft> tokens, int sentenceStart, int period)
    {
        if (period == sentenceStart) return false;
        var label = tokens[period - 1];
        if (label.End != tokens[period].Start) return false;
        var labelIndex = period - 1;
        var atStart = labelIndex == sentenceStart
                      || tokens[labelIndex - 1].Kind == TokenKind.Punctuation && tokens[labelIndex - 1].Norm is ":" or ";" or "(" or "\"";
        if (!atStart) return false;
        var s = label.Norm;
        if (label.Kind == TokenKind.Number) return s.Length <= 3 || s.Contains('.');
        if (label.Kind != TokenKind.Word) return false;
        if (s.Length == 1 && char.IsLetter(s[0])) return true;
        return s.Length <= 5 && IsRoman(s);
    }

    private static readonly HashSet<string> Romans = new(StringComparer.Ordinal)
        { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx" };

    private static bool IsRoman(string s) => Romans.Contains(s);

    private static bool StartsSentence(string text, List<TokenDraft> tokens, int next, int end)
    {
        var tok = tokens[next];
        var c = text[tok.Start];
        if (char.IsLower(c))
        {
            // "… data. b. Usage data": a lower-case list label starts the next item
            return tok.Kind == TokenKind.Word && next + 1 < end && tokens[next + 1].Start == tok.End && tokens[next + 1].Norm is "." or ")"
                   && (tok.Length == 1 || IsRoman(tok.Norm));
        }
        if (char.IsUpper(c) || char.IsDigit(c)) return true;
        if (tok.Kind == TokenKind.Punctuation)
        {
            // an opening quote or bracket: look at what it opens
            if (tok.Norm is "\"" or "'" or "(" or "[")
                return next + 1 >= end || !char.IsLower(text[tokens[next + 1].Start]);
            return false; // , ; : ) . never start a sentence
        }
        return true; // symbols ($, §, •), caseless scripts
    }
}
