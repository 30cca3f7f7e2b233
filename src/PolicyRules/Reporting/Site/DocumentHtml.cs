using System.Text;
using PolicyRules.Documents;
using PolicyRules.Matching;

namespace PolicyRules.Reporting.Site;

/// <summary>
/// A document's text as the engine sees it, block by block (headings, paragraphs, list items…), with
/// each finding's span in a <c>mark</c> that links to the finding's card. Every character of the
/// document is HTML-escaped; only the generator's own tags are written.
/// </summary>
internal static class DocumentHtml
{
    /// <param name="document">The loaded document.</param>
    /// <param name="findings">Its findings to mark.</param>
    /// <param name="ids">Anchor id of each finding's card; its text run gets the id with a <c>-text</c> suffix.</param>
    public static string Render(PolicyDocument document, IReadOnlyList<Finding> findings, IReadOnlyDictionary<Finding, string> ids)
    {
        var sb = new StringBuilder();
        var text = document.Text.Text;
        var anchored = new HashSet<Finding>();
        var inList = false;
        var ordered = findings.OrderBy(f => f.Span.Start).ToList();
        foreach (var block in document.Blocks)
        {
            var isItem = block.Kind == BlockKind.ListItem;
            if (isItem && !inList) { sb.Append("<ul>\n"); inList = true; }
            if (!isItem && inList) { sb.Append("</ul>\n"); inList = false; }
            var (open, close) = block.Kind switch
            {
                BlockKind.Heading => ($"<h{HeadingTag(block.HeadingLevel)}>", $"</h{HeadingTag(block.HeadingLevel)}>"),
                BlockKind.ListItem => ("<li>", "</li>"),
                BlockKind.TableCell => ("<p class=\"cell\">", "</p>"),
                BlockKind.Quote => ("<blockquote>", "</blockquote>"),
                BlockKind.Code => ("<pre>", "</pre>"),
                _ => ("<p>", "</p>"),
            };
            sb.Append(open);
            Highlighter.WriteRuns(sb, text, block.Span.Start, block.Span.End, ordered, ids, anchored, Style);
            sb.Append(close).Append('\n');
        }
        if (inList) sb.Append("</ul>\n");
        return sb.ToString();
    }

    private static readonly HighlightStyle Style = new(c => $"{c.RuleId} {c.Provision.Title}", SeverityClass: true, AnchorClass: "anchor");

    // The page's own h1/h2 come first; document headings start at h3.
    private static int HeadingTag(int level) => Math.Clamp(level + 2, 3, 6);
}
