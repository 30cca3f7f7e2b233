namespace PolicyRules.Documents;

/// <summary>
/// Plain text: paragraphs are separated by blank lines; lines inside a paragraph are joined by a
/// space. A line starting with a bullet (-, *, •, ·, –) starts a list item. A one-line paragraph
/// is a heading when it is numbered like a heading ("1. Introduction", "4.2 Retention",
/// "Section 7", "ARTICLE V", "Part II") or short and ALL CAPS, and does not end like a sentence.
/// </summary>
internal static class PlainTextLoader
{
    public static void Load(DocumentBuilder b)
    {
        var text = b.Original.Text;
        var lines = new List<(int Start, int End)>();
        var pos = 0;
        while (pos <= text.Length)
        {
            // collect one paragraph: consecutive non-blank lines
            lines.Clear();
            while (pos < text.Length)
            {
                var end = LineEnd(text, pos, out var next);
                if (IsBlank(text, pos, end)) { pos = next; if (lines.Count > 0) break; continue; }
                lines.Add((pos, end));
                pos = next;
            }
            if (lines.Count == 0) break;
            EmitParagraph(b, text, lines);
            if (pos >= text.Length) break;
        }
        b.EndBlock();
    }

    private static void EmitParagraph(DocumentBuilder b, string text, List<(int Start, int End)> lines)
    {
        if (lines.Count == 1 && TryHeading(text, lines[0].Start, lines[0].End, out var level))
        {
            b.BeginBlock(BlockKind.Heading, level);
            b.AddText(text.AsSpan(lines[0].Start, lines[0].End - lines[0].Start), lines[0].Start);
            b.EndBlock();
            return;
        }

        var kind = BlockKind.Paragraph;
        b.BeginBlock(kind);
        foreach (var (start, end) in lines)
        {
            var s = start;
            while (s < end && char.IsWhiteSpace(text[s])) s++;
            var bullet = BulletLength(text, s, end);
            if (bullet > 0)
            {
                b.BeginBlock(BlockKind.ListItem);
                kind = BlockKind.ListItem;
                s += bullet;
            }
            b.AddText(text.AsSpan(s, end - s), s);
            b.AddBreak(end);
        }
        b.EndBlock();
    }

    private static int LineEnd(string text, int pos, out int next)
    {
        var i = text.AsSpan(pos).IndexOfAny('\n', '\r');
        if (i < 0) { next = text.Length; return text.Length; }
        var end = pos + i;
        next = end + 1;
        if (text[end] == '\r' && next < text.Length && text[next] == '\n') next++;
        return end;
    }

    private static bool IsBlank(string text, int start, int end)
    {
        for (var i = start; i < end; i++) if (!DocumentBuilder.IsCollapsible(text[i])) return false;
        return true;
    }

    private static int BulletLength(string text, int s, int end)
    {
        if (s + 1 >= end) return 0;
        var c = text[s];
        if ((c is '-' or '*' or '•' or '·' or '–' or '‣' or '◦' or '▪') && char.IsWhiteSpace(text[s + 1]))
            return 2;
        return 0;
    }

    /// <summary>Recognises a heading line and its level.</summary>
    internal static bool TryHeading(string text, int start, int end, out int level)
    {
        level = 1;
        var line = text.AsSpan(start, end - start).Trim();
        if (line.Length == 0 || line.Length > 120) return false;
        var last = line[^1];
        if (last is '.' or ',' or ';' or ':' or '?' or '!') return false;

        // "Section 7", "ARTICLE V", "Part II", "Chapter 3" (+ optional title)
        var firstWord = FirstWord(line);
        if (firstWord.Length > 0)
        {
            var w = firstWord.ToString().ToLowerInvariant();
            if (w is "section" or "article" or "part" or "chapter" or "schedule" or "annex" or "appendix" or "exhibit")
            {
                var rest = line[firstWord.Length..].TrimStart();
                if (rest.Length > 0 && (char.IsDigit(rest[0]) || IsRomanStart(rest)))
                {
                    level = w is "section" ? 2 : 1;
                    return true;
                }
            }
        }

        // "1. Introduction", "4.2 Retention", "4.2.1. Scope" — numbered, short, title-like
        var n = 0;
        while (n < line.Length && (char.IsDigit(line[n]) || line[n] == '.')) n++;
        if (n > 0 && char.IsDigit(line[0]))
        {
            var title = line[n..].Trim();
            if (title.Length > 0 && title.Length <= 80 && char.IsUpper(title[0]) && WordCount(title) <= 10)
            {
                var dotted = line[..n].TrimEnd('.');
                level = 1;
                foreach (var ch in dotted) if (ch == '.') level++;
                return true;
            }
        }

        // SHORT ALL-CAPS LINE
        if (line.Length <= 80 && WordCount(line) <= 10)
        {
            int upper = 0, lower = 0;
            foreach (var ch in line) { if (char.IsUpper(ch)) upper++; else if (char.IsLower(ch)) lower++; }
            if (upper >= 3 && lower == 0 && !HasFiniteVerb(line)) { level = 1; return true; }
        }
        return false;
    }

    // A capitalised disclaimer without its full stop ("THE SERVICES ARE PROVIDED "AS IS"") is a
    // sentence, not a title: titles name a topic and rarely carry a finite verb.
    private static readonly HashSet<string> FiniteVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "are", "was", "were", "will", "shall", "may", "must", "can", "cannot", "should", "would", "has", "have",
    };

    private static bool HasFiniteVerb(ReadOnlySpan<char> line)
    {
        foreach (var range in line.SplitAny(" \t\"'“”‘’()"))
            if (FiniteVerbs.Contains(line[range].ToString())) return true;
        return false;
    }

    private static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && char.IsLetter(line[i])) i++;
        return line[..i];
    }

    private static bool IsRomanStart(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && "IVXLCDMivxlcdm".Contains(s[i])) i++;
        return i > 0 && (i == s.Length || !char.IsLetter(s[i]));
    }

    private static int WordCount(ReadOnlySpan<char> s)
    {
        var count = 0; var inWord = false;
        foreach (var c in s)
        {
            var w = !char.IsWhiteSpace(c);
            if (w && !inWord) count++;
            inWord = w;
        }
        return count;
    }
}
