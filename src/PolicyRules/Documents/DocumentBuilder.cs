using System.Globalization;
using PolicyRules.Diagnostics;
using PolicyRules.Text;

namespace PolicyRules.Documents;

/// <summary>
/// A block as a loader produced it, before sentences and tokens. <c>ColumnHeader</c>: for a cell of a
/// table's body, the index of the block of its column's header cell; else -1.
/// </summary>
internal readonly record struct BlockDraft(BlockKind Kind, int Start, int End, int HeadingLevel, int ColumnHeader = -1);

/// <summary>
/// What every loader writes into: blocks of text with a source position for each piece. It
/// collapses whitespace (runs of spaces, tabs, newlines and invisible format characters become one
/// space, trimmed at block edges), separates blocks ("\n" between list items or table cells that
/// follow each other, "\n\n" otherwise) and drops blocks with no visible text.
/// </summary>
internal sealed class DocumentBuilder
{
    private readonly TextWriterWithMap _w;
    private readonly List<BlockDraft> _blocks = new();
    private BlockKind _kind = BlockKind.Paragraph;
    private int _headingLevel;
    private int _blockStart = -1;
    // Where the current table cell sits: its column, whether it is in the header row, and the blocks
    // of the current table's header cells by column (a body cell is read with its column's header).
    private int _cellColumn = -1;
    private bool _cellInHeader;
    private readonly List<int> _columnHeaders = new();
    private const int EmptyHeader = -2; // a header cell without text: the column's first cell with text titles it
    private const int MaxPromotedHeader = 80;
    private bool _pendingSpace;
    private int _pendingSpaceOrig;

    public DocumentBuilder(SourceText original)
    {
        Original = original;
        _w = new TextWriterWithMap(original.Length + 16); // the projection is rarely longer than the source
    }

    public SourceText Original { get; }
    public List<Diagnostic> Diagnostics { get; } = new();
    public IReadOnlyList<BlockDraft> Blocks => _blocks;
    public int TextLength => _w.Length;
    public bool InBlockWithText => _blockStart >= 0;

    /// <summary>Ends the current block and makes the next text start a block of <paramref name="kind"/>.</summary>
    public void BeginBlock(BlockKind kind, int headingLevel = 0)
    {
        EndBlock();
        _kind = kind;
        _headingLevel = kind == BlockKind.Heading ? Math.Clamp(headingLevel, 1, 9) : 0;
        if (kind != BlockKind.TableCell) _cellColumn = -1; // a paragraph inside a cell keeps the cell's place
    }

    /// <summary>
    /// Starts a table cell at <paramref name="column"/>; <paramref name="header"/> says it is in the
    /// header row, <paramref name="newTable"/> that it is the first cell of a table.
    /// </summary>
    public void BeginTableCell(int column, bool header, bool newTable)
    {
        BeginBlock(BlockKind.TableCell);
        if (newTable) _columnHeaders.Clear();
        _cellColumn = column;
        _cellInHeader = header;
        if (header && column >= 0)
        {
            while (_columnHeaders.Count <= column) _columnHeaders.Add(-1);
            _columnHeaders[column] = EmptyHeader;
        }
    }

    public void EndBlock()
    {
        if (_blockStart >= 0)
        {
            var columnHeader = -1;
            if (_kind == BlockKind.TableCell && _cellColumn >= 0)
            {
                if (_cellInHeader) _columnHeaders[_cellColumn] = _blocks.Count;
                else if (_cellColumn < _columnHeaders.Count && _columnHeaders[_cellColumn] == EmptyHeader)
                    // Tables converted from HTML often leave the header row empty and title the first row;
                    // a first cell longer than a title is content, and the column has no header.
                    _columnHeaders[_cellColumn] = _w.Length - _blockStart <= MaxPromotedHeader ? _blocks.Count : -1;
                else if (_cellColumn < _columnHeaders.Count) columnHeader = _columnHeaders[_cellColumn];
            }
            _blocks.Add(new BlockDraft(_kind, _blockStart, _w.Length, _headingLevel, columnHeader));
        }
        _blockStart = -1;
        _pendingSpace = false;
    }

    /// <summary>
    /// Adds a piece of text. <paramref name="exact"/>: the piece is a verbatim copy of the source at
    /// <paramref name="orig"/>; otherwise (decoded entities, escapes) the whole piece maps to
    /// <paramref name="orig"/> and stands for <paramref name="origLength"/> source characters.
    /// </summary>
    public void AddText(ReadOnlySpan<char> text, int orig, bool exact = true, int origLength = -1)
    {
        if (text.IsEmpty) return;
        if (!exact && origLength < 0) origLength = 0;
        // Fast path: already clean text (words and single spaces) is copied in one piece.
        if (exact && text[0] != ' ' && text[^1] != ' ' && text.IndexOfAny(OtherWhitespace) < 0 && !text.Contains("  ", StringComparison.Ordinal))
        {
            StartContent(orig);
            _w.AppendLinear(text, orig);
            return;
        }
        var i = 0;
        while (i < text.Length)
        {
            if (IsCollapsible(text[i]))
            {
                if (!_pendingSpace) { _pendingSpace = true; _pendingSpaceOrig = exact ? orig + i : orig; }
                i++;
                continue;
            }
            var j = i + 1;
            while (j < text.Length && !IsCollapsible(text[j])) j++;
            StartContent(exact ? orig + i : orig);
            if (exact) _w.AppendLinear(text[i..j], orig + i);
            else _w.AppendPinned(text[i..j], orig, origLength);
            i = j;
        }
    }

    /// <summary>A line break, soft or hard, inside a block: a space.</summary>
    public void AddBreak(int orig)
    {
        if (!_pendingSpace) { _pendingSpace = true; _pendingSpaceOrig = orig; }
    }

    private void StartContent(int orig)
    {
        if (_blockStart < 0)
        {
            if (_w.Length > 0)
            {
                var prev = _blocks.Count > 0 ? _blocks[^1].Kind : BlockKind.Paragraph;
                var tight = prev == _kind && _kind is BlockKind.ListItem or BlockKind.TableCell;
                _w.AppendPinned(tight ? "\n" : "\n\n", _w.OrigEnd);
            }
            _blockStart = _w.Length;
            _pendingSpace = false;
        }
        else if (_pendingSpace)
        {
            _w.AppendPinned(" ", Math.Min(_pendingSpaceOrig, orig), 1);
            _pendingSpace = false;
        }
    }

    /// <summary>Every collapsible character except the plain space.</summary>
    private static readonly System.Buffers.SearchValues<char> OtherWhitespace = BuildOtherWhitespace();

    private static System.Buffers.SearchValues<char> BuildOtherWhitespace()
    {
        var chars = new List<char>();
        for (var c = 0; c <= 0xFFFF; c++)
            if (c != ' ' && IsCollapsible((char)c)) chars.Add((char)c);
        return System.Buffers.SearchValues.Create(chars.ToArray());
    }

    /// <summary>Whitespace, C0 controls and invisible format characters (soft hyphen, zero-width space, word joiner, BOM).</summary>
    internal static bool IsCollapsible(char c) => c <= ' ' || (c >= '\u0085' && IsCollapsibleOther(c));

    private static bool IsCollapsibleOther(char c)
    {
        return c == '\u0085' || c == '\u00A0' || c == '\u00AD' || char.IsWhiteSpace(c)
               || (c >= '\u200B' && c <= '\u200F') || (c >= '\u2060' && c <= '\u2064') || c == '\uFEFF'
               || (c > '\u2000' && char.GetUnicodeCategory(c) == UnicodeCategory.Format);
    }

    public void Warn(DiagnosticDescriptor descriptor, int origOffset, params object?[] args) =>
        Diagnostics.Add(new Diagnostic(descriptor, Location.In(Original, new TextSpan(Math.Clamp(origOffset, 0, Original.Length), 0)), args));

    public (string Text, SourceMap Map) Finish()
    {
        EndBlock();
        var result = (_w.BuildString(), _w.BuildMap(Original.Length));
        _w.Release();
        return result;
    }
}
