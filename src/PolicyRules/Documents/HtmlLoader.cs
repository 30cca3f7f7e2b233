using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PolicyRules.Documents;

/// <summary>
/// HTML through AngleSharp. Page chrome (scripts, styles, navigation, page header and footer,
/// asides, forms' controls, hidden elements…) is dropped; headings make sections; paragraphs, list
/// items, table cells, quotes and preformatted text make blocks. The DOM is walked with an explicit
/// stack. Text positions: AngleSharp records positions of elements only, so the DOM's text is
/// aligned, in order, with the character data of the source (<see cref="HtmlScanner"/>), resyncing
/// at every element's recorded start.
/// </summary>
internal static class HtmlLoader
{
    /// <summary>Beyond this depth tags are blanked before parsing (the tree builder is quadratic in depth).</summary>
    internal const int MaxDepth = 256;

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "math", "nav", "aside", "button", "select", "option", "optgroup",
        "input", "textarea", "label", "iframe", "object", "embed", "canvas", "video", "audio", "img", "picture", "source",
        "head", "title", "meta", "link", "base", "datalist", "output", "progress", "meter", "map", "area", "dialog",
    };

    /// <summary>Roles of landmark chrome.</summary>
    private static readonly HashSet<string> DroppedRoles = new(StringComparer.OrdinalIgnoreCase)
        { "navigation", "banner", "contentinfo", "search", "menu", "menubar", "toolbar", "dialog", "alertdialog" };

    public static void Load(DocumentBuilder b)
    {
        var source = b.Original.Text;
        var scan = HtmlScanner.Scan(source, 0, source.Length, MaxDepth);
        if (scan.BlankedTags > 0)
            b.Warn(DocumentDiagnostics.NestedTooDeeply, 0, "HTML elements", MaxDepth, $"{scan.BlankedTags} deeper tag(s) were ignored");

        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var doc = parser.ParseDocument(scan.Sanitized ?? source);
        var walker = new Walker(b, scan);
        walker.Walk(doc.DocumentElement);
        b.EndBlock();
    }

    private sealed class Walker(DocumentBuilder b, HtmlScanner scan)
    {
        private int _cursor;                    // next scanned char to align
        private int _lastOrigin;                // keeps pinned characters monotonic
        private char[] _buffer = new char[256];
        private int[] _origins = new int[256];
        private readonly List<BlockKind> _context = new();
        private readonly List<int> _headingLevels = new();

        public void Walk(IElement? root)
        {
            if (root is null) return;
            // (node, entering); a skipped subtree is still aligned so the cursor stays in step with the source.
            var stack = new Stack<(INode Node, bool Enter, bool Skip)>();
            stack.Push((root, true, false));
            while (stack.Count > 0)
            {
                var (node, enter, skip) = stack.Pop();
                if (node is IText text)
                {
                    Align(text.Data, emit: !skip);
                    continue;
                }
                if (node is not IElement element) continue;

                var name = element.LocalName;
                if (name == "br")
                {
                    if (enter && !skip) b.AddBreak(_lastOrigin);
                    continue;
                }
                if (enter)
                {
                    Resync(element);
                    var drop = skip || IsDropped(element, name);
                    var isBlock = !drop && HtmlScanner.BlockElements.Contains(name);
                    if (isBlock) EnterBlock(name);
                    if (isBlock && element is IHtmlTableCellElement cell) EnterCell(cell);
                    stack.Push((element, false, drop));
                    var children = element.ChildNodes;
                    for (var i = children.Length - 1; i >= 0; i--) stack.Push((children[i], true, drop));
                }
                else if (!skip)
                {
                    if (HtmlScanner.BlockElements.Contains(name)) ExitBlock(name);
                }
            }
        }

        private static bool IsDropped(IElement e, string name)
        {
            if (Dropped.Contains(name)) return true;
            if ((name == "header" || name == "footer") && !InsideContent(e)) return true;
            if (e.HasAttribute("hidden")) return true;
            var aria = e.GetAttribute("aria-hidden");
            if (aria is not null && aria.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
            var role = e.GetAttribute("role");
            return role is not null && DroppedRoles.Contains(role);
        }

        /// <summary>An article's or section's own header/footer (with its title) is content, the page's is chrome.</summary>
        private static bool InsideContent(IElement e)
        {
            for (var p = e.ParentElement; p is not null; p = p.ParentElement)
                if (p.LocalName is "article" or "main" or "section") return true;
            return false;
        }

        private void EnterBlock(string name)
        {
            var kind = KindOf(name, out var level);
            _context.Add(kind ?? Current);
            _headingLevels.Add(kind == BlockKind.Heading ? level : CurrentLevel);
            b.BeginBlock(Current, CurrentLevel);
        }

        /// <summary>Tells the builder where a cell sits: its column, and whether its row is the table's first (the header).</summary>
        private void EnterCell(IHtmlTableCellElement cell)
        {
            var row = cell.ParentElement as IHtmlTableRowElement;
            var rowIndex = row?.Index ?? -1;
            var column = cell.Index;
            if (rowIndex < 0 || column < 0) return;
            b.BeginTableCell(column, header: rowIndex == 0, newTable: rowIndex == 0 && column == 0);
        }

        private void ExitBlock(string name)
        {
            if (_context.Count > 0) { _context.RemoveAt(_context.Count - 1); _headingLevels.RemoveAt(_headingLevels.Count - 1); }
            b.BeginBlock(Current, CurrentLevel);
        }

        private BlockKind Current => _context.Count == 0 ? BlockKind.Paragraph : _context[^1];
        private int CurrentLevel => _headingLevels.Count == 0 ? 0 : _headingLevels[^1];

        private static BlockKind? KindOf(string name, out int level)
        {
            level = 0;
            switch (name)
            {
                case "h1": case "h2": case "h3": case "h4": case "h5": case "h6":
                    level = name[1] - '0';
                    return BlockKind.Heading;
                case "li": case "dd": case "dt": return BlockKind.ListItem;
                case "td": case "th": return BlockKind.TableCell;
                case "blockquote": return BlockKind.Quote;
                case "pre": return BlockKind.Code;
                case "p": case "div": case "section": case "article": case "main": case "body": case "html":
                case "header": case "footer": case "address": case "figure": case "figcaption": case "caption":
                case "details": case "summary": case "center": case "form": case "fieldset": case "legend":
                    return null; // inherits: a <p> in a <li> is list-item text
                default: return null;
            }
        }

        private void Resync(IElement element)
        {
            var position = element.SourceReference?.Position.Position ?? 0;
            if (position <= 0) return; // implied element (tbody, head…)
            var target = position - 1;  // AngleSharp positions are 1-based
            // first scanned char at or after the tag
            int lo = _cursor, hi = scan.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (scan.Origins[mid] < target) lo = mid + 1; else hi = mid;
            }
            _cursor = lo;
            if (target > _lastOrigin) _lastOrigin = target;
        }

        /// <summary>Aligns DOM text with the scanned source chars; unmatched characters are pinned to the last origin.</summary>
        private void Align(string data, bool emit)
        {
            if (data.Length > _buffer.Length)
            {
                _buffer = new char[Math.Max(data.Length, _buffer.Length * 2)];
                _origins = new int[_buffer.Length];
            }
            var chars = scan.Chars;
            var origins = scan.Origins;
            for (var i = 0; i < data.Length; i++)
            {
                var d = data[i];
                var mapped = -1;
                for (var k = _cursor; k < scan.Count && k - _cursor < 16; k++)
                {
                    var s = chars[k];
                    if (s == d || (d == '\n' && s == '\r') || (d == '\uFFFD' && s == '\0'))
                    {
                        mapped = origins[k];
                        _cursor = k + 1;
                        if (d == '\n' && s == '\r' && _cursor < scan.Count && chars[_cursor] == '\n') _cursor++;
                        break;
                    }
                    if (!char.IsWhiteSpace(s) && s != '\0') break; // only characters the parser drops may be skipped
                }
                if (mapped < _lastOrigin) mapped = _lastOrigin; else _lastOrigin = mapped;
                _buffer[i] = d;
                _origins[i] = mapped;
            }
            if (emit) HtmlStripper.EmitScanned(b, _buffer, _origins, 0, data.Length);
        }
    }
}
