using System.Globalization;

namespace PolicyRules.Documents;

/// <summary>A token while the document is being built: flags are still written by the annotators.</summary>
internal struct TokenDraft
{
    public int Start;
    public int Length;
    public Term Term;
    public TokenKind Kind;
    public TokenFlags Flags;
    public int End => Start + Length;
    public string Norm => Term.Normalized;
    public TermClass Class => Term.Class;
}

/// <summary>
/// A hand-written scanner (no regular expressions on the per-token path). Rules:
/// <list type="bullet">
/// <item>Words are runs of letters, digits and combining marks, with inner apostrophes ("o'clock").
/// A hyphen or dash between two letters/digits is not a token: it joins ("opt-out" → opt, out, the
/// second flagged <see cref="TokenFlags.HyphenJoined"/>), so "opt-out", "opt‑out", "opt out" and
/// "OPT-OUT" give the same normalised tokens.</item>
/// <item>Numbers keep inner '.' and ',' between digits ("1,000.50", "4.2.1"); "30th" is a word.</item>
/// <item>Known abbreviations keep their period ("Inc.", "e.g.", "U.S.", "No."), so it can never end a sentence.</item>
/// <item>URLs (http://, https://, www.) and e-mail addresses are single tokens.</item>
/// <item>Contractions expand into several tokens sharing the contraction's span ("don't" → do, not;
/// "won't" → will, not; "cannot" → can, not; "we'll" → we, will; "it's" → it, is); a possessive 's
/// or trailing ' stays in the span but not in the normalised form.</item>
/// <item>Every other visible character is a one-character punctuation or symbol token ("..." is one).</item>
/// </list>
/// </summary>
internal static class Tokenizer
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "e.g.", "i.e.", "etc.", "inc.", "ltd.", "llc.", "corp.", "co.", "u.s.", "u.k.", "e.u.", "no.", "nos.", "art.", "arts.",
        "sec.", "secs.", "v.", "vs.", "mr.", "ms.", "mrs.", "dr.", "st.", "cf.", "approx.", "incl.", "p.", "pp.",
        "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
        "jr.", "sr.", "prof.", "para.", "paras.", "fig.", "vol.", "viz.", "al.", "dept.", "ave.", "blvd.", "ste.", "ref.",
        // statute citations: "Cal. Civ. Code § 1798.100", "Bus. & Prof. Code", "Rev. Stat. Ann."
        "cal.", "civ.", "bus.", "stat.", "ann.", "fed.", "rev.", "gen.", "proc.", "const.", "amend.", "regs.",
    };

    /// <summary>
    /// Abbreviations that are also ordinary words, so they keep the period only before a number
    /// ("No. 5", "art. 6"; but "No. We never sell it."); capitalised "Art." and "Sec." always keep it.
    /// </summary>
    private static readonly HashSet<string> NumberAbbreviations = new(StringComparer.Ordinal) { "no.", "nos.", "art.", "arts.", "sec.", "secs." };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> PronounsWithIs = new(StringComparer.Ordinal)
        { "it", "that", "there", "here", "what", "who", "he", "she", "where", "how", "when", "why", "this", "everyone", "nobody", "nothing" };

    public static void Tokenize(string text, int start, int end, List<TokenDraft> output)
    {
        Span<char> buffer = stackalloc char[128];
        var recent = TermCache.Recent;
        var joined = false;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c == ' ' || c == '\n' || DocumentBuilder.IsCollapsible(c)) { i++; joined = false; continue; }

            if (IsIdeograph(c))
            {
                // Chinese and Japanese write words without spaces: each ideograph is a word token, so a
                // phrase such as "关联公司" matches as the sequence of its characters.
                Add(output, i, 1, TermCache.Word(text.AsSpan(i, 1), recent), TokenKind.Word, TokenFlags.None);
                i++;
                joined = false;
                continue;
            }

            if (IsWordChar(c))
            {
                i = ScanWord(text, i, end, output, buffer, joined, recent);
                joined = false;
                continue;
            }

            if (IsDash(c) && i > start && i + 1 < end && IsWordChar(text[i - 1]) && IsWordChar(text[i + 1]))
            {
                joined = true; // "opt-out": the dash joins, it is no token
                i++;
                continue;
            }

            joined = false;
            if (c == '.' && i + 2 < end && text[i + 1] == '.' && text[i + 2] == '.')
            {
                Add(output, i, 3, TermCache.Other("..."), TokenKind.Punctuation, TokenFlags.None);
                i += 3;
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]))
            {
                Add(output, i, 2, TermCache.Other(text.AsSpan(i, 2)), TokenKind.Symbol, TokenFlags.None);
                i += 2;
                continue;
            }
            var folded = FoldPunctuation(c, out var kind);
            Add(output, i, 1, folded, kind, TokenFlags.None);
            i++;
        }
    }

    private static void Add(List<TokenDraft> output, int start, int length, Term term, TokenKind kind, TokenFlags flags) =>
        output.Add(new TokenDraft { Start = start, Length = length, Term = term, Kind = kind, Flags = flags });

    private static int ScanWord(string text, int i, int end, List<TokenDraft> output, Span<char> buffer, bool joined, Term?[] recent)
    {
        var c = text[i];
        if (((c | 0x20) == 'h' && i + 4 < end && (text[i + 1] | 0x20) == 't' && (text[i + 2] | 0x20) == 't' && (text[i + 3] | 0x20) == 'p'
             || (c | 0x20) == 'w' && i + 3 < end && (text[i + 1] | 0x20) == 'w' && (text[i + 2] | 0x20) == 'w' && text[i + 3] == '.')
            && TryUrl(text, i, end, out var urlEnd))
        {
            Add(output, i, urlEnd - i, TermCache.Other(LowerInto(text.AsSpan(i, urlEnd - i), buffer)), TokenKind.Url, TokenFlags.None);
            return urlEnd;
        }

        var j = i;
        var allDigits = true;
        var letters = 0; var upper = 0;
        while (j < end)
        {
            var ch = text[j];
            if (ch < 128)
            {
                if (ch >= 'a' && ch <= 'z') { letters++; allDigits = false; }
                else if (ch >= 'A' && ch <= 'Z') { letters++; upper++; allDigits = false; }
                else if (ch < '0' || ch > '9') break;
            }
            else
            {
                if (!IsWordChar(ch) || IsIdeograph(ch)) break;
                allDigits = false;
                if (char.IsLetter(ch)) { letters++; if (char.IsUpper(ch)) upper++; }
            }
            j++;
        }

        // Fast path for the common token: a plain ASCII word followed by a space or ordinary punctuation.
        // It folds, hashes and probes the term cache in one pass without copying.
        if (letters == j - i && j - i <= 64 && (j >= end || text[j] is ' ' or ',' or ';' or ':' or ')' or '\n' or '"' or '?' or '!' or '”'))
        {
            var len = j - i;
            uint h = 2166136261;
            for (var k = i; k < j; k++) h = (h ^ (uint)(text[k] | 0x20)) * 16777619;
            ref var slot = ref recent[h & TermCache.RecentMaskValue];
            var term = slot;
            if (term is null || !EqualsLowerAscii(term.Normalized, text, i, len))
            {
                var lower = buffer[..len];
                for (var k = 0; k < len; k++) lower[k] = (char)(text[i + k] | 0x20);
                if (lower.SequenceEqual("cannot")) goto slow;
                term = TermCache.Word(lower, recent);
            }
            else if (len == 6 && term.Normalized == "cannot") goto slow;
            var f = joined ? TokenFlags.HyphenJoined : TokenFlags.None;
            if (upper > 0)
            {
                if (text[i] <= 'Z') f |= TokenFlags.Capitalized;
                if (upper == letters && letters >= 2) f |= TokenFlags.AllCaps;
            }
            Add(output, i, len, term, TokenKind.Word, f);
            return j;
        }
        slow:

        if (j < end && text[j] is '@' or '.' or '_' or '+' or '-' && TryEmail(text, i, end, out var emailEnd))
        {
            Add(output, i, emailEnd - i, TermCache.Other(LowerInto(text.AsSpan(i, emailEnd - i), buffer)), TokenKind.Email, TokenFlags.None);
            return emailEnd;
        }

        var flags = joined ? TokenFlags.HyphenJoined : TokenFlags.None;

        if (allDigits)
        {
            // 1,000,000 / 1.50 / 4.2.1: separators only between digits
            while (j + 1 < end && text[j] is '.' or ',' && char.IsAsciiDigit(text[j + 1]))
            {
                j++;
                while (j < end && char.IsAsciiDigit(text[j])) j++;
            }
            var span = text.AsSpan(i, j - i);
            Add(output, i, j - i, TermCache.Other(span.Contains(',') ? WithoutCommas(span, buffer) : span), TokenKind.Number, flags);
            return j;
        }

        // inner apostrophes: contractions, possessives, o'clock
        while (j + 1 < end && IsApostrophe(text[j]) && char.IsLetter(text[j + 1]))
        {
            var k = j + 1;
            while (k < end && IsWordChar(text[k])) k++;
            var suffixLength = k - j - 1;
            if (suffixLength <= 2 && TryContraction(text, i, j, k, output, buffer, flags)) return k;
            j = k; // o'clock, O'Brien: one word
        }

        if (char.IsUpper(text[i])) flags |= TokenFlags.Capitalized;
        if (letters >= 2 && upper == letters) flags |= TokenFlags.AllCaps;

        // dotted acronyms (U.S., e.g., i.e.) and known abbreviations keep their period
        if (j < end && text[j] == '.')
        {
            if (j - i == 1 && char.IsLetter(text[i]))
            {
                int k = i, pairs = 0;
                while (k + 1 < end && char.IsLetter(text[k]) && text[k + 1] == '.')
                {
                    pairs++;
                    k += 2;
                    if (!(k + 1 < end && char.IsLetter(text[k]) && text[k + 1] == '.')) break;
                }
                if (pairs >= 2)
                {
                    Add(output, i, k - i, TermCache.Other(LowerInto(text.AsSpan(i, k - i), buffer)), TokenKind.Word, flags);
                    return k;
                }
            }
            var withDot = text.AsSpan(i, j + 1 - i);
            if (withDot.Length <= 8)
            {
                var lowered = LowerInto(withDot, buffer);
                if (AbbreviationLookup.Contains(lowered)
                    && (!NumberAbbreviations.Contains(lowered.ToString()) || NextIsDigit(text, j + 1, end)
                        || (char.IsUpper(text[i]) && !lowered.StartsWith("no"))))
                {
                    Add(output, i, withDot.Length, TermCache.Other(lowered), TokenKind.Word, flags);
                    return j + 1;
                }
            }
        }

        // trailing possessive apostrophe: "users'"
        var wordEnd = j;
        if (j < end && IsApostrophe(text[j]) && (text[j - 1] | 0x20) == 's' && (j + 1 >= end || !IsWordChar(text[j + 1]))) j++;

        var word = text.AsSpan(i, wordEnd - i);
        var folded = FoldWord(word, buffer);
        if (folded.SequenceEqual("cannot"))
        {
            Add(output, i, j - i, TermCache.Word("can"), TokenKind.Word, flags | TokenFlags.Expanded);
            Add(output, i, j - i, TermCache.Word("not"), TokenKind.Word, flags | TokenFlags.Expanded);
            return j;
        }
        Add(output, i, j - i, TermCache.Word(folded, recent), TokenKind.Word, flags);
        return j;
    }

    private static bool EqualsLowerAscii(string normalized, string text, int start, int length)
    {
        if (normalized.Length != length) return false;
        for (var k = 0; k < length; k++)
            if (normalized[k] != (char)(text[start + k] | 0x20)) return false;
        return true;
    }

    private static bool NextIsDigit(string text, int p, int end)
    {
        while (p < end && text[p] == ' ') p++;
        return p < end && (char.IsAsciiDigit(text[p]) || text[p] == '#');
    }

    /// <summary>Word [i, apostrophe) + apostrophe + suffix [.., k): n't, 'll, 're, 've, 'm, 'd, 's.</summary>
    private static bool TryContraction(string text, int i, int apostrophe, int k, List<TokenDraft> output, Span<char> buffer, TokenFlags flags)
    {
        Span<char> suffix = stackalloc char[2];
        var sl = k - apostrophe - 1;
        for (var x = 0; x < sl; x++) suffix[x] = char.ToLowerInvariant(text[apostrophe + 1 + x]);
        var suf = suffix[..sl];
        var baseWord = FoldWord(text.AsSpan(i, apostrophe - i), buffer);
        var span = k - i;
        var f = flags | TokenFlags.Expanded | (char.IsUpper(text[i]) ? TokenFlags.Capitalized : 0);

        if (suf.SequenceEqual("t") && baseWord.Length >= 2 && baseWord[^1] == 'n')
        {
            var stem = baseWord[..^1];
            Term first = stem switch
            {
                "wo" => TermCache.Word("will"),
                "ca" => TermCache.Word("can"),
                "sha" => TermCache.Word("shall"),
                "ai" => TermCache.Word("is"),
                _ => TermCache.Word(stem),
            };
            Add(output, i, span, first, TokenKind.Word, f);
            Add(output, i, span, TermCache.Word("not"), TokenKind.Word, f);
            return true;
        }
        string? second = suf switch
        {
            "ll" => "will",
            "re" => "are",
            "ve" => "have",
            "m" => "am",
            "d" => "would",
            _ => null,
        };
        if (suf.SequenceEqual("s"))
        {
            var w = baseWord.ToString();
            if (w == "let") second = "us";
            else if (PronounsWithIs.Contains(w)) second = "is";
            else
            {
                // possessive: the 's stays in the span, not in the form
                Add(output, i, span, TermCache.Word(baseWord), TokenKind.Word, flags | (char.IsUpper(text[i]) ? TokenFlags.Capitalized : 0));
                return true;
            }
        }
        if (second is null) return false;
        Add(output, i, span, TermCache.Word(baseWord), TokenKind.Word, f);
        Add(output, i, span, TermCache.Word(second), TokenKind.Word, f);
        return true;
    }

    private static bool TryUrl(string text, int i, int end, out int urlEnd)
    {
        urlEnd = i;
        var rest = text.AsSpan(i, end - i);
        int scheme;
        if (rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) scheme = 8;
        else if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) scheme = 7;
        else if (rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) scheme = 4;
        else return false;
        var j = i + scheme;
        var parens = 0;
        while (j < end)
        {
            var c = text[j];
            if (c == ' ' || c == '\n' || c == '<' || c == '>' || c == '"' || c == '“' || c == '”') break;
            if (c == '(') parens++;
            else if (c == ')') { if (parens == 0) break; parens--; }
            j++;
        }
        // trailing punctuation belongs to the sentence
        while (j > i + scheme && text[j - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '’' or ']' or '}') j--;
        if (j <= i + scheme) return false;
        urlEnd = j;
        return true;
    }

    private static bool TryEmail(string text, int i, int end, out int emailEnd)
    {
        emailEnd = i;
        var j = i;
        while (j < end && (char.IsAsciiLetterOrDigit(text[j]) || text[j] is '.' or '_' or '%' or '+' or '-') && j - i < 64) j++;
        if (j >= end || text[j] != '@' || j == i) return false;
        var at = j;
        j++;
        var lastDot = -1;
        while (j < end && (char.IsAsciiLetterOrDigit(text[j]) || text[j] is '.' or '-'))
        {
            if (text[j] == '.') lastDot = j;
            j++;
        }
        while (j > at + 1 && text[j - 1] is '.' or '-') j--;
        if (lastDot < 0 || lastDot >= j - 2 || lastDot == at + 1) return false;
        emailEnd = j;
        return true;
    }

    /// <summary>A CJK ideograph or kana: written without spaces, tokenised one character at a time.</summary>
    internal static bool IsIdeograph(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF'
          or >= '\u3040' and <= '\u30FF';

    internal static bool IsWordChar(char c)
    {
        if (c < 128) return char.IsAsciiLetterOrDigit(c);
        if (char.IsLetterOrDigit(c)) return true;
        var cat = char.GetUnicodeCategory(c);
        return cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    internal static bool IsDash(char c) => c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE63' or '\uFF0D';

    internal static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '\u2032';

    /// <summary>Lower case, apostrophes folded to ', possessive 's and trailing ' removed.</summary>
    private static ReadOnlySpan<char> FoldWord(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (word.Length > buffer.Length) buffer = new char[word.Length];
        var n = 0;
        foreach (var ch in word)
        {
            char f;
            if (ch < 128) f = ch is >= 'A' and <= 'Z' ? (char)(ch + 32) : ch;
            else if (IsApostrophe(ch)) f = '\'';
            else f = char.ToLowerInvariant(ch);
            buffer[n++] = f;
        }
        if (n > 2 && buffer[n - 1] == 's' && buffer[n - 2] == '\'') n -= 2;
        else if (n > 1 && buffer[n - 1] == '\'') n -= 1;
        return buffer[..n];
    }

    private static ReadOnlySpan<char> LowerInto(ReadOnlySpan<char> s, Span<char> buffer)
    {
        if (s.Length > buffer.Length) return s.ToString().ToLowerInvariant();
        var n = s.ToLowerInvariant(buffer);
        return buffer[..n];
    }

    private static ReadOnlySpan<char> WithoutCommas(ReadOnlySpan<char> s, Span<char> buffer)
    {
        if (s.Length > buffer.Length) return s.ToString().Replace(",", "");
        var n = 0;
        foreach (var ch in s) if (ch != ',') buffer[n++] = ch;
        return buffer[..n];
    }

    /// <summary>Folds quotes and dashes to ASCII; classifies punctuation versus symbol.</summary>
    private static Term FoldPunctuation(char c, out TokenKind kind)
    {
        kind = TokenKind.Punctuation;
        switch (c)
        {
            case '.': case ',': case ';': case ':': case '!': case '?': case '(': case ')': case '[': case ']': case '{': case '}':
            case '"': case '\'': case '-':
                return TermCache.Other([c]);
            case '\u201C': case '\u201D': case '\u201E': case '\u201F': case '\u2033': case '\u00AB': case '\u00BB':
                return TermCache.Other("\"");
            case '\u2018': case '\u2019': case '\u201A': case '\u201B': case '\u2032': case '\u02BC': case '\u2039': case '\u203A':
                return TermCache.Other("'");
            case '\u2026':
                return TermCache.Other("...");
            case '\uFF08': return TermCache.Other("(");
            case '\uFF09': return TermCache.Other(")");
            case '\uFF0C': case '\u3001': return TermCache.Other(",");
            case '\u3002': case '\uFF0E': return TermCache.Other(".");
            case '\uFF1B': return TermCache.Other(";");
            case '\uFF1A': return TermCache.Other(":");
        }
        if (IsDash(c)) return TermCache.Other("-");
        kind = TokenKind.Symbol;
        Span<char> one = [char.ToLowerInvariant(c)];
        return TermCache.Other(one);
    }
}
