using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using PolicyRules.Documents;

namespace PolicyRules.Tests.Support;

/// <summary>
/// What the tests of reported offsets need, written here independently of the engine: line and
/// column of an offset, other renderings of a corpus policy (HTML, wrapped plain text), and the
/// normalisation that takes a passage of a source file to the clean text the engine quotes.
/// </summary>
internal static partial class SourceRanges
{
    private static readonly MarkdownPipeline HtmlPipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    /// <summary>1-based line and column of an offset; a line starts after each '\n' ("\r\n" counts once).</summary>
    public static (int Line, int Column) LineColumn(string text, int offset)
    {
        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        var line = 1;
        foreach (var c in text.AsSpan(0, offset)) if (c == '\n') line++;
        return (line, offset - lineStart + 1);
    }

    /// <summary>A Markdown policy as a browser would get it: Markdig's HTML in a page.</summary>
    public static string ToHtml(string markdown) =>
        "<!DOCTYPE html><html><body>" + Markdown.ToHtml(markdown, HtmlPipeline) + "</body></html>";

    /// <summary>
    /// A policy as a plain-text file: one paragraph per block, hard-wrapped at 72 columns with CRLF
    /// line ends, list items with a "- " bullet and an indented continuation, so that sentences run
    /// across line breaks.
    /// </summary>
    public static string ToWrappedText(PolicyDocument document)
    {
        var sb = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            var bullet = block.Kind == BlockKind.ListItem;
            var column = 0;
            if (bullet) { sb.Append("- "); column = 2; }
            var first = true;
            foreach (var word in document.GetText(block.Span).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!first && column + 1 + word.Length > 72)
                {
                    sb.Append("\r\n");
                    column = 0;
                    if (bullet) { sb.Append("  "); column = 2; }
                }
                else if (!first) { sb.Append(' '); column++; }
                sb.Append(word);
                column += word.Length;
                first = false;
            }
            sb.Append("\r\n\r\n");
        }
        return sb.ToString();
    }

    // ---- from a passage of the source to the clean text ----

    /// <summary>The format of a document by its extension, as the loader chooses it.</summary>
    public static string FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".md" or ".markdown" => "markdown",
        ".html" or ".htm" => "html",
        _ => "text",
    };

    /// <summary>
    /// The passage [start, end) of a source file with its markup removed, entities decoded and
    /// whitespace collapsed, comparable with <see cref="CleanQuote"/> of the engine's quote of it.
    /// </summary>
    public static string CleanSource(string format, string file, int start, int end) => format switch
    {
        "code" => Collapse(file[start..end]), // a Markdown code block: literal
        "markdown" => Collapse(WithoutInlineSyntax(StripMarkdown(file, start, end))),
        "html" => Collapse(StripHtml(file[start..end])),
        _ => Collapse(TextBullet().Replace(file[start..end], "")),
    };

    /// <summary>The engine's quote made comparable: whitespace collapsed, and for Markdown <see cref="WithoutInlineSyntax"/>.</summary>
    public static string CleanQuote(string format, string quote) =>
        Collapse(format == "markdown" ? WithoutInlineSyntax(quote) : quote);

    /// <summary>The format a passage is written in: a document's, or literal text in a Markdown code block.</summary>
    public static string FormatOf(string path, string blockKind) =>
        blockKind == "code" && FormatOf(path) == "markdown" ? "code" : FormatOf(path);

    /// <summary>
    /// Inline Markdown syntax out, on both sides of a comparison: images (their alt text is not policy
    /// text), link destinations, and the characters of emphasis, code spans, links and tables
    /// (* _ ~ ` [ ] |). Both sides, because a literal one (escaped, in a code block, or a link Markdig
    /// declined) cannot be told from syntax by a regular expression; the passage's edges are checked
    /// character by character instead (<see cref="TightEdges"/>).
    /// </summary>
    private static string WithoutInlineSyntax(string text) =>
        MarkdownSyntaxChars().Replace(LinkDestination().Replace(Image().Replace(text, ""), ""), "");

    /// <summary>The first and last runs of letters and digits.</summary>
    public static (string First, string Last) EdgeWords(string text)
    {
        var words = Word().Matches(text);
        return words.Count == 0 ? ("", "") : (words[0].Value, words[^1].Value);
    }

    /// <summary>
    /// Whether a passage begins with the quote's first character and ends with its last, markup
    /// outside: the character itself, or the backslash escape or entity it was decoded from.
    /// </summary>
    public static bool TightEdges(string passage, string quote)
    {
        if (passage.Length == 0 || quote.Length == 0) return passage.Length == quote.Length;
        var starts = passage[0] == quote[0]
                     || (passage[0] == '\\' && passage.Length > 1 && passage[1] == quote[0])
                     || (passage[0] == '&' && passage.IndexOf(';') is > 0 and var semi && WebUtility.HtmlDecode(passage[..(semi + 1)]) is [var first, ..] && first == quote[0]);
        var ends = passage[^1] == quote[^1]
                   || (passage[^1] == ';' && passage.LastIndexOf('&') is >= 0 and var amp && WebUtility.HtmlDecode(passage[amp..]) is [.., var last] && last == quote[^1]);
        return starts && ends;
    }

    /// <summary>
    /// The Markdown syntax only a source passage has: setext underlines, thematic breaks and table
    /// delimiter rows; container markers at line starts (block quotes, list markers, ATX heading
    /// marks); autolink brackets; inline HTML; table pipes; hard-break and escaping backslashes;
    /// entities. Inline syntax is left for <see cref="WithoutInlineSyntax"/>.
    /// </summary>
    private static string StripMarkdown(string file, int start, int end)
    {
        // A code span is literal, and a passage may begin or end inside one: find them paragraph by
        // paragraph around the passage (a code span never crosses a blank line).
        var sb = new StringBuilder(end - start);
        var at = start;
        for (var paragraph = ParagraphStart(file, start); paragraph < end;)
        {
            var next = ParagraphEnd(file, paragraph);
            foreach (Match code in CodeSpan().Matches(file[paragraph..next]))
            {
                var (codeStart, codeEnd) = (Math.Max(paragraph + code.Index, at), Math.Min(paragraph + code.Index + code.Length, end));
                if (codeEnd <= codeStart) continue;
                sb.Append(StripOutsideCode(file[at..codeStart])).Append(file, codeStart, codeEnd - codeStart);
                at = codeEnd;
            }
            paragraph = next;
        }
        return sb.Append(StripOutsideCode(file[at..end])).ToString();
    }

    /// <summary>The start of the line after the last blank line before <paramref name="pos"/>.</summary>
    private static int ParagraphStart(string file, int pos)
    {
        var line = pos == 0 ? 0 : file.LastIndexOf('\n', pos - 1) + 1;
        while (line > 0)
        {
            var previous = line == 1 ? 0 : file.LastIndexOf('\n', line - 2) + 1;
            if (file.AsSpan(previous, line - 1 - previous).IsWhiteSpace()) return line;
            line = previous;
        }
        return 0;
    }

    /// <summary>Just past the first blank line after <paramref name="pos"/>, or the end of the file.</summary>
    private static int ParagraphEnd(string file, int pos)
    {
        for (var lineEnd = file.IndexOf('\n', pos); lineEnd >= 0;)
        {
            var next = file.IndexOf('\n', lineEnd + 1);
            if (next < 0) return file.Length;
            if (file.AsSpan(lineEnd + 1, next - lineEnd - 1).IsWhiteSpace()) return next + 1;
            lineEnd = next;
        }
        return file.Length;
    }

    private static string StripOutsideCode(string s)
    {
        s = UnderlineOrBreakOrDelimiterRow().Replace(s, "");
        s = ContainerMarkers().Replace(s, "");
        return StripInline(s);
    }

    private static string StripInline(string s)
    {
        s = Autolink().Replace(s, "$1");
        s = WithoutTags(s);
        s = UnescapedPipe().Replace(s, " ");
        s = HardBreakBackslash().Replace(s, "");
        s = Escape().Replace(s, "$1");
        return WebUtility.HtmlDecode(s);
    }

    private static string StripHtml(string source) => WebUtility.HtmlDecode(WithoutTags(HtmlComment().Replace(source, " ")));

    /// <summary>Tags removed: a block element's or a line break's leaves a space between words, an inline element's nothing.</summary>
    private static string WithoutTags(string source) =>
        HtmlTag().Replace(source, m => BlockTags.Contains(m.Groups[1].Value) ? " " : "");

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    };

    /// <summary>Whitespace as the loader collapses it: white space and invisible format characters (soft hyphen, zero-width space, BOM…).</summary>
    public static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c < ' ' || char.GetUnicodeCategory(c) == UnicodeCategory.Format) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            sb.Append(c);
            space = false;
        }
        return sb.ToString();
    }

    // Line rules look only after a line break inside the passage: a passage starts at its first
    // character of text, after any marker of its own line.
    [GeneratedRegex(@"(?<=\n)[ \t]*(?:=+|-+|(?:[-*_][ \t]*){3,}|(?=[^\n]*\|)[ \t|:-]*-[ \t|:-]*)[ \t]*(?=\r?\n|\z)")]
    private static partial Regex UnderlineOrBreakOrDelimiterRow();

    [GeneratedRegex(@"(?<=\n)[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|(?=\r?\n)))?(?:#{1,6}(?:[ \t]+|(?=\r?\n)))?")]
    private static partial Regex ContainerMarkers();

    [GeneratedRegex(@"!\[[^\]]*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+""[^""]*"")?\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkDestination();

    [GeneratedRegex(@"(?<![`\\])(`+)(?!`).*?(?<!`)\1(?!`)", RegexOptions.Singleline)]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"<((?:https?|mailto):[^<>\s]*)>")]
    private static partial Regex Autolink();

    [GeneratedRegex(@"</?([A-Za-z][A-Za-z0-9]*)[^<>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();

    [GeneratedRegex(@"\\(?=\r?\n)")]
    private static partial Regex HardBreakBackslash();

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"[*_~`\[\]|]")]
    private static partial Regex MarkdownSyntaxChars();

    /// <summary>The plain-text loader's bullets: one of - * • · – ‣ ◦ ▪ and a space, at a line start.</summary>
    [GeneratedRegex(@"(?<=\n)[ \t]*[-*•·–‣◦▪][ \t]")]
    private static partial Regex TextBullet();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
