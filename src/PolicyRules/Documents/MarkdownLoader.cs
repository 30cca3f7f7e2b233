using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdBlock = Markdig.Syntax.Block;

namespace PolicyRules.Documents;

/// <summary>
/// Markdown through Markdig with precise source locations. Emphasis markers, link targets, images,
/// HTML tags, thematic breaks and link definitions are dropped; link text is kept. Walks the tree
/// with explicit stacks, so nesting depth costs heap, not stack.
/// </summary>
internal static class MarkdownLoader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UsePipeTables()
        .Build();

    /// <summary>Returns false when Markdig refuses the input (nested too deeply); the caller falls back to plain text.</summary>
    public static bool TryLoad(DocumentBuilder b)
    {
        MarkdownDocument doc;
        try
        {
            doc = Markdown.Parse(b.Original.Text, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit ("too deeply nested").
            return false;
        }

        var source = b.Original.Text;
        var stack = new Stack<(MdBlock Block, BlockKind Context)>();
        for (var i = doc.Count - 1; i >= 0; i--) stack.Push((doc[i], BlockKind.Paragraph));
        var inlineStack = new Stack<Inline>();

        while (stack.Count > 0)
        {
            var (block, context) = stack.Pop();
            switch (block)
            {
                case ThematicBreakBlock:
                case LinkReferenceDefinitionGroup:
                case LinkReferenceDefinition:
                case BlankLineBlock:
                    break;
                case HeadingBlock h:
                    b.BeginBlock(BlockKind.Heading, h.Level);
                    EmitInlines(b, h.Inline, source, inlineStack);
                    b.EndBlock();
                    break;
                case Table table:
                    var firstCell = true;
                    foreach (var rowBlock in table)
                    {
                        if (rowBlock is not TableRow row) continue;
                        var column = 0;
                        foreach (var cellBlock in row)
                        {
                            if (cellBlock is not TableCell cell) continue;
                            b.BeginTableCell(column++, row.IsHeader, firstCell);
                            firstCell = false;
                            foreach (var inner in cell)
                            {
                                if (inner is LeafBlock { Inline: not null } leaf) { EmitInlines(b, leaf.Inline, source, inlineStack); b.AddBreak(leaf.Span.End); }
                            }
                            b.EndBlock();
                        }
                    }
                    break;
                case ListBlock list:
                    for (var i = list.Count - 1; i >= 0; i--) stack.Push((list[i], BlockKind.ListItem));
                    break;
                case QuoteBlock quote:
                    for (var i = quote.Count - 1; i >= 0; i--) stack.Push((quote[i], BlockKind.Quote));
                    break;
                case ContainerBlock container:
                    // list items, and any container an extension adds: children keep the context
                    for (var i = container.Count - 1; i >= 0; i--) stack.Push((container[i], context));
                    break;
                case HtmlBlock html:
                    b.BeginBlock(context);
                    EmitHtmlLines(b, html, source);
                    b.EndBlock();
                    break;
                case CodeBlock code: // fenced or indented
                    b.BeginBlock(BlockKind.Code);
                    for (var li = 0; li < code.Lines.Count; li++)
                    {
                        var line = code.Lines.Lines[li];
                        if (line.Slice.Text is null) continue;
                        // The slice's own offset: Position is the line start, before a list item's
                        // indentation, and more than a few characters off in a nested code block.
                        var at = ReferenceEquals(line.Slice.Text, source) ? line.Slice.Start : line.Position;
                        EmitSlice(b, line.Slice.AsSpan(), at, source);
                        b.AddBreak(at + line.Slice.Length);
                    }
                    b.EndBlock();
                    break;
                case LeafBlock leaf when leaf.Inline is not null: // paragraphs
                    b.BeginBlock(context);
                    EmitInlines(b, leaf.Inline, source, inlineStack);
                    b.EndBlock();
                    break;
            }
        }
        return true;
    }

    private static void EmitInlines(DocumentBuilder b, ContainerInline? root, string source, Stack<Inline> pending)
    {
        if (root is null) return;
        pending.Clear();
        var node = root.FirstChild;
        while (node is not null || pending.Count > 0)
        {
            if (node is null) { node = pending.Pop(); continue; }
            switch (node)
            {
                case LiteralInline literal:
                    EmitSourced(b, literal.Content.AsSpan(), literal.Span, source);
                    break;
                case HtmlEntityInline entity:
                    b.AddText(entity.Transcoded.AsSpan(), Math.Max(entity.Span.Start, 0), exact: false, entity.Span.Length);
                    break;
                case CodeInline code:
                    {
                        var start = code.Span.Start + code.DelimiterCount;
                        EmitSourced(b, code.Content.AsSpan(), new Markdig.Syntax.SourceSpan(start, start + code.Content.Length - 1), source);
                        break;
                    }
                case LineBreakInline br:
                    b.AddBreak(Math.Max(br.Span.Start, 0));
                    break;
                case AutolinkInline auto:
                    EmitSourced(b, auto.Url.AsSpan(), new Markdig.Syntax.SourceSpan(auto.Span.Start + 1, auto.Span.End - 1), source);
                    break;
                case HtmlInline html:
                    // tags are dropped; a <br> still separates words
                    if (html.Tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase)) b.AddBreak(Math.Max(html.Span.Start, 0));
                    break;
                case LinkInline { IsImage: true }:
                    break; // images: neither URL nor alt text is policy text
                case ContainerInline container:
                    if (container.NextSibling is not null) pending.Push(container.NextSibling);
                    node = container.FirstChild;
                    continue;
            }
            node = node.NextSibling;
        }
    }

    /// <summary>Maps text verbatim when the source at the span holds exactly that text; otherwise (escapes) pins it to the span start.</summary>
    private static void EmitSourced(DocumentBuilder b, ReadOnlySpan<char> text, Markdig.Syntax.SourceSpan span, string source)
    {
        if (text.IsEmpty) return;
        var start = span.Start;
        if (Matches(source, start, text)) { b.AddText(text, start); return; }
        // Markdig's offsets can be off by the length of a backslash escape earlier on the line (seen in
        // setext headings): accept the exact text a few characters away, nearest first, and only that.
        for (var delta = 1; delta <= 4; delta++)
        {
            if (Matches(source, start + delta, text)) { b.AddText(text, start + delta); return; }
            if (Matches(source, start - delta, text)) { b.AddText(text, start - delta); return; }
        }
        b.AddText(text, Math.Max(start, 0), exact: false, Math.Max(span.Length, 0));
    }

    private static bool Matches(string source, int start, ReadOnlySpan<char> text) =>
        start >= 0 && start + text.Length <= source.Length && source.AsSpan(start, text.Length).SequenceEqual(text);

    private static void EmitSlice(DocumentBuilder b, ReadOnlySpan<char> text, int position, string source) =>
        EmitSourced(b, text, new Markdig.Syntax.SourceSpan(position, position + text.Length - 1), source);

    private static void EmitHtmlLines(DocumentBuilder b, HtmlBlock html, string source)
    {
        var start = html.Span.Start;
        var end = Math.Min(html.Span.End + 1, source.Length);
        if (start >= 0 && end > start) HtmlStripper.Emit(b, source, start, end - start);
    }
}
