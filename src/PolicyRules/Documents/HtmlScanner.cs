namespace PolicyRules.Documents;

/// <summary>
/// A small, forgiving scan of raw HTML source: the character data between tags, entities decoded,
/// each character with its source offset. It is the source side of the HTML source map (the DOM
/// text is aligned against it in order) and strips tags from HTML blocks inside Markdown. It also
/// measures element nesting and can blank tags that nest deeper than a limit (replaced by spaces,
/// so every other offset stays valid), because the HTML tree builder slows down quadratically with depth.
/// </summary>
internal sealed class HtmlScanner
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
        { "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen" };

    private static readonly HashSet<string> RawTextElements = new(StringComparer.OrdinalIgnoreCase)
        { "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title", "plaintext" };

    /// <summary>Elements that close an open element of the same name (and p closed by blocks): the scan's guess of nesting.</summary>
    private static readonly HashSet<string> SelfClosingSiblings = new(StringComparer.OrdinalIgnoreCase)
        { "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp" };

    internal static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "ul",
    };

    public char[] Chars = new char[1024];
    public int[] Origins = new int[1024];
    public int Count;

    /// <summary>The source with over-deep tags blanked, or null when nothing was blanked.</summary>
    public string? Sanitized;
    public int BlankedTags;

    /// <summary>Scans <paramref name="source"/>[start, start+length). With <paramref name="maxDepth"/> &gt; 0, blanks tags nested deeper.</summary>
    public static HtmlScanner Scan(string source, int start, int length, int maxDepth = 0)
    {
        var s = new HtmlScanner();
        s.Run(source, start, start + length, maxDepth);
        return s;
    }

    private void Run(string src, int pos, int end, int maxDepth)
    {
        var open = new List<string>();     // elements the scan thinks are open
        var blanked = new List<string>();  // names of blanked start tags, innermost last
        char[]? sanitized = null;

        while (pos < end)
        {
            var c = src[pos];
            if (c == '&') { pos = Entity(src, pos, end); continue; }
            if (c != '<' || pos + 1 >= end) { Add(c, pos); pos++; continue; }

            var n = src[pos + 1];
            if (n == '!')
            {
                if (pos + 3 < end && src[pos + 2] == '-' && src[pos + 3] == '-')
                {
                    var close = src.IndexOf("-->", pos + 4, end - pos - 4, StringComparison.Ordinal);
                    pos = close < 0 ? end : close + 3;
                }
                else pos = SkipTo(src, pos, end, '>');
                continue;
            }
            if (n == '?') { pos = SkipTo(src, pos, end, '>'); continue; }
            var isEnd = n == '/';
            var nameStart = pos + (isEnd ? 2 : 1);
            if (nameStart >= end || !char.IsAsciiLetter(src[nameStart]))
            {
                if (isEnd) { pos = SkipTo(src, pos, end, '>'); continue; } // bogus comment
                Add(c, pos); pos++; continue;
            }
            var nameEnd = nameStart;
            while (nameEnd < end && (char.IsAsciiLetterOrDigit(src[nameEnd]) || src[nameEnd] == '-' || src[nameEnd] == ':')) nameEnd++;
            var tagEnd = TagEnd(src, nameEnd, end); // index just past '>'
            var name = src.Substring(nameStart, nameEnd - nameStart).ToLowerInvariant();
            var selfClosing = tagEnd - 2 > nameEnd && src[tagEnd - 1] == '>' && src[tagEnd - 2] == '/';
            var blank = false;

            if (isEnd)
            {
                if (blanked.Count > 0 && blanked[^1] == name) { blanked.RemoveAt(blanked.Count - 1); blank = true; }
                else
                {
                    for (var k = open.Count - 1; k >= 0 && k >= open.Count - 32; k--)
                        if (open[k] == name) { open.RemoveRange(k, open.Count - k); break; }
                }
            }
            else if (!VoidElements.Contains(name) && !selfClosing)
            {
                if (SelfClosingSiblings.Contains(name))
                {
                    for (var k = open.Count - 1; k >= 0 && k >= open.Count - 4; k--)
                        if (open[k] == name) { open.RemoveRange(k, open.Count - k); break; }
                }
                if (maxDepth > 0 && open.Count >= maxDepth) { blanked.Add(name); blank = true; }
                else open.Add(name);
            }

            if (blank)
            {
                sanitized ??= src.ToCharArray();
                sanitized.AsSpan(pos, tagEnd - pos).Fill(' ');
                BlankedTags++;
            }
            else if (BlockElements.Contains(name))
            {
                Add(' ', pos); // a block boundary separates words
            }
            pos = tagEnd;

            if (!isEnd && !blank && RawTextElements.Contains(name))
            {
                if (name == "plaintext") { while (pos < end) { Add(src[pos], pos); pos++; } break; }
                // raw text up to the matching end tag; textarea and title decode entities (RCDATA)
                var close = IndexOfEndTag(src, pos, end, name);
                var rcdata = name is "textarea" or "title";
                while (pos < close)
                {
                    if (rcdata && src[pos] == '&') pos = Entity(src, pos, close);
                    else { Add(src[pos], pos); pos++; }
                }
                if (open.Count > 0 && open[^1] == name) open.RemoveAt(open.Count - 1);
                if (close < end) pos = TagEnd(src, close + 2 + name.Length, end);
            }
        }
        if (sanitized is not null) Sanitized = new string(sanitized);
    }

    private int Entity(string src, int pos, int end)
    {
        var next = ParseEntity(src, pos, end, out var text);
        if (text is null) { Add('&', pos); return next; }
        foreach (var ch in text) Add(ch, pos);
        return next;
    }

    /// <summary>
    /// The character reference at <paramref name="pos"/> (&amp;name; &amp;#123; &amp;#x1F;): its decoded text
    /// and the offset just past it. Anything else is a literal '&amp;' (<paramref name="text"/> null).
    /// </summary>
    internal static int ParseEntity(string src, int pos, int end, out string? text)
    {
        text = null;
        var p = pos + 1;
        if (p < end && src[p] == '#')
        {
            p++;
            var hex = p < end && (src[p] == 'x' || src[p] == 'X');
            if (hex) p++;
            var digitsStart = p;
            long value = 0;
            while (p < end && (hex ? char.IsAsciiHexDigit(src[p]) : char.IsAsciiDigit(src[p])) && p - digitsStart < 8)
            {
                value = value * (hex ? 16 : 10) + (char.IsAsciiDigit(src[p]) ? src[p] - '0' : (src[p] | 0x20) - 'a' + 10);
                p++;
            }
            if (p == digitsStart) return pos + 1;
            if (p < end && src[p] == ';') p++;
            if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) value = 0xFFFD;
            text = char.ConvertFromUtf32((int)value);
            return p;
        }
        var nameStart = p;
        while (p < end && char.IsAsciiLetterOrDigit(src[p]) && p - nameStart < 32) p++;
        if (p > nameStart)
        {
            var withSemicolon = p < end && src[p] == ';';
            var key = withSemicolon ? src.Substring(nameStart, p - nameStart + 1) : src.Substring(nameStart, p - nameStart);
            var symbol = AngleSharp.Html.HtmlEntityProvider.Resolver.GetSymbol(key);
            if (!string.IsNullOrEmpty(symbol))
            {
                text = symbol;
                return withSemicolon ? p + 1 : p;
            }
        }
        return pos + 1;
    }

    private static int SkipTo(string src, int pos, int end, char c)
    {
        var i = src.IndexOf(c, pos, end - pos);
        return i < 0 ? end : i + 1;
    }

    /// <summary>Index just past the '&gt;' that closes a tag, honouring quoted attribute values.</summary>
    private static int TagEnd(string src, int pos, int end)
    {
        var quote = '\0';
        var afterEquals = false;
        for (var i = pos; i < end; i++)
        {
            var c = src[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c == '>') return i + 1;
            if ((c == '"' || c == '\'') && afterEquals) { quote = c; afterEquals = false; continue; }
            if (c == '=') afterEquals = true;
            else if (!char.IsWhiteSpace(c)) afterEquals = false;
        }
        return end;
    }

    private static int IndexOfEndTag(string src, int pos, int end, string name)
    {
        while (pos < end)
        {
            var i = src.IndexOf("</", pos, end - pos, StringComparison.Ordinal);
            if (i < 0 || i + 2 + name.Length > end) return end;
            if (string.Compare(src, i + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0) return i;
            pos = i + 2;
        }
        return end;
    }

    private void Add(char c, int origin)
    {
        if (Count == Chars.Length)
        {
            Array.Resize(ref Chars, Count * 2);
            Array.Resize(ref Origins, Count * 2);
        }
        Chars[Count] = c;
        Origins[Count] = origin;
        Count++;
    }
}

/// <summary>Writes the text of raw HTML (an HTML block inside Markdown) into a builder: tags dropped, entities decoded.</summary>
internal static class HtmlStripper
{
    public static void Emit(DocumentBuilder b, string source, int start, int length)
    {
        var scan = HtmlScanner.Scan(source, start, length);
        EmitScanned(b, scan.Chars, scan.Origins, 0, scan.Count);
    }

    /// <summary>Emits chars with per-char origins, batching verbatim runs (consecutive origins holding the same char).</summary>
    internal static void EmitScanned(DocumentBuilder b, char[] chars, int[] origins, int from, int to)
    {
        var source = b.Original.Text;
        var i = from;
        while (i < to)
        {
            var j = i;
            while (j < to && origins[j] - origins[i] == j - i && origins[j] < source.Length && source[origins[j]] == chars[j]) j++;
            if (j > i) { b.AddText(chars.AsSpan(i, j - i), origins[i]); i = j; continue; }
            // a decoded character (entity): pinned to its source position, standing for all of the
            // reference so that a range ending in it ends after its ';', not after its '&' or past the next tag
            j = i + 1;
            while (j < to && origins[j] == origins[i]) j++;
            var next = origins[i] < source.Length && source[origins[i]] == '&'
                ? HtmlScanner.ParseEntity(source, origins[i], source.Length, out _)
                : origins[i] + 1;
            b.AddText(chars.AsSpan(i, j - i), origins[i], exact: false, Math.Max(0, next - origins[i]));
            i = j;
        }
    }
}
