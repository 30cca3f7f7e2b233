namespace PolicyRules.Text;

/// <summary>
/// An immutable text with the path it came from and a line table. Every span in the engine —
/// syntax nodes of rule files, sections, blocks, sentences and tokens of documents — is an offset
/// range over one of these; line and column are computed from the table only when reporting.
/// </summary>
public sealed class SourceText
{
    // Built on first use: most document texts are never asked for a line (only findings' locations are).
    private int[]? _lineStartsCache;
    private int[] _lineStarts => _lineStartsCache ??= ComputeLineStarts(Text);

    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\r\n\u2028\u2029");

    /// <summary>Wraps a text; <paramref name="path"/> is only a name for messages (nothing is read from it).</summary>
    public SourceText(string text, string path = "")
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Path = path ?? "";
    }

    /// <summary>The whole text.</summary>
    public string Text { get; }
    /// <summary>Where the text came from, as shown in locations; may be empty.</summary>
    public string Path { get; }
    /// <summary>Length of the text in characters.</summary>
    public int Length => Text.Length;
    /// <summary>Number of lines (a text without line breaks has one).</summary>
    public int LineCount => _lineStarts.Length;
    /// <summary>The character at an offset.</summary>
    public char this[int index] => Text[index];

    /// <summary>The text of a span.</summary>
    public string ToString(TextSpan span) => Text.Substring(span.Start, span.Length);
    /// <summary>The text of a span, without copying.</summary>
    public ReadOnlySpan<char> Slice(TextSpan span) => Text.AsSpan(span.Start, span.Length);
    /// <summary>The whole text.</summary>
    public override string ToString() => Text;

    /// <summary>1-based line and column of a character offset (an offset at the end maps past the last character).</summary>
    public LinePosition GetLinePosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0) line = ~line - 1;
        return new LinePosition(line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>Offset of the first character of a 1-based line.</summary>
    public int GetLineStart(int line) => _lineStarts[Math.Clamp(line - 1, 0, _lineStarts.Length - 1)];

    /// <summary>Offset of a 1-based line and column.</summary>
    public int GetOffset(int line, int column) => Math.Min(Text.Length, GetLineStart(line) + column - 1);

    /// <summary>The span of a 1-based line, without its line break.</summary>
    public TextSpan GetLineSpan(int line)
    {
        var start = GetLineStart(line);
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--;
        return TextSpan.FromBounds(start, end);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var next = text.AsSpan(i).IndexOfAny(LineBreaks);
            if (next < 0) break;
            i += next;
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c == '\n' || c == '\u2028' || c == '\u2029')
            {
                starts.Add(i + 1);
            }
        }
        return starts.ToArray();
    }
}
