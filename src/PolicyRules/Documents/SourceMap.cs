namespace PolicyRules.Documents;

/// <summary>
/// Maps offsets of the projected document text back to offsets of the original file. Built piece
/// by piece while the loader writes the text, never by searching: a run either copies its source
/// one-to-one (linear) or stands for a source position as a whole (an entity, an escape, a separator).
/// </summary>
internal sealed class SourceMap
{
    // Parallel arrays, sorted by text start; run i covers text [TextStarts[i], TextStarts[i+1]).
    private readonly int[] _textStarts;
    private readonly int[] _origStarts;
    private readonly int[] _origEnds; // a pinned run: just past the source it stands for (an entity's ';')
    private readonly bool[] _linear;
    private readonly int _textLength;
    private readonly int _origLength;
    private readonly int _endOrig;

    internal SourceMap(int[] textStarts, int[] origStarts, int[] origEnds, bool[] linear, int runCount, int textLength, int endOrig, int origLength)
    {
        _textStarts = textStarts.AsSpan(0, runCount).ToArray();
        _origStarts = origStarts.AsSpan(0, runCount).ToArray();
        _origEnds = origEnds.AsSpan(0, runCount).ToArray();
        _linear = linear.AsSpan(0, runCount).ToArray();
        _textLength = textLength;
        _origLength = origLength;
        _endOrig = Math.Clamp(endOrig, 0, origLength);
    }

    public int RunCount => _textStarts.Length;

    public int Map(int textOffset)
    {
        if (textOffset >= _textLength || _textStarts.Length == 0) return _endOrig;
        if (textOffset <= 0) textOffset = 0;
        var i = RunAt(textOffset);
        if (i < 0) return 0;
        var o = _linear[i] ? _origStarts[i] + (textOffset - _textStarts[i]) : _origStarts[i];
        return Math.Clamp(o, 0, _origLength);
    }

    /// <summary>
    /// The source offset just past the source of text character <paramref name="textOffset"/>: the
    /// next character for a copied one, the end of the whole entity or escape for a decoded one, so a
    /// range ending in <c>&amp;quot;</c> covers all of it rather than its '&amp;'.
    /// </summary>
    public int MapPast(int textOffset)
    {
        if (textOffset >= _textLength || _textStarts.Length == 0) return _endOrig;
        if (textOffset <= 0) textOffset = 0;
        var i = RunAt(textOffset);
        if (i < 0) return 0;
        var o = _linear[i] ? _origStarts[i] + (textOffset - _textStarts[i]) + 1 : Math.Max(_origStarts[i] + 1, _origEnds[i]);
        return Math.Clamp(o, 0, _origLength);
    }

    private int RunAt(int textOffset)
    {
        var i = Array.BinarySearch(_textStarts, textOffset);
        return i < 0 ? ~i - 1 : i;
    }
}

/// <summary>
/// Accumulates the projected text and its source map. Keeps the map monotonic: a piece whose source
/// lies before what was already written (HTML foster parenting, for one) is pinned to the last
/// source position instead, so reported positions never go backwards.
/// </summary>
internal sealed class TextWriterWithMap
{
    private char[] _chars;
    private int _length;
    private int[] _runText;
    private int[] _runOrig;
    private int[] _runOrigEnd;
    private bool[] _runLinear;
    private int _runs;
    private int _origEnd; // source offset just past the last written character

    // The text buffer is only scratch until BuildString copies it out: rented, so a corpus run does not
    // allocate (and collect) a source-sized array per document.
    public TextWriterWithMap(int capacity = 4096)
    {
        _chars = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(16, capacity));
        // About one run per 40 characters of Markdown (each inline piece that is not contiguous): sized
        // up front, the four run arrays are not copied over and over as they grow.
        var runs = Math.Clamp(capacity / 40, 256, 1 << 16);
        _runText = new int[runs];
        _runOrig = new int[runs];
        _runOrigEnd = new int[runs];
        _runLinear = new bool[runs];
    }

    /// <summary>Gives the text buffer back to the pool; the writer must not be used afterwards.</summary>
    public void Release()
    {
        var chars = _chars;
        _chars = Array.Empty<char>();
        _length = 0;
        if (chars.Length > 0) System.Buffers.ArrayPool<char>.Shared.Return(chars);
    }

    public int Length => _length;
    public int OrigEnd => _origEnd;
    public char this[int i] => _chars[i];
    public ReadOnlySpan<char> Written => _chars.AsSpan(0, _length);

    /// <summary>Appends text copied one-to-one from source offset <paramref name="orig"/>.</summary>
    public void AppendLinear(ReadOnlySpan<char> text, int orig)
    {
        if (text.IsEmpty) return;
        if (orig < _origEnd) { AppendPinned(text, _origEnd); return; }
        EnsureCapacity(text.Length);
        if (_runs > 0 && _runLinear[_runs - 1] && _runOrig[_runs - 1] + (_length - _runText[_runs - 1]) == orig)
        {
            // contiguous with the previous run: extend it
        }
        else AddRun(orig, linear: true);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
        _origEnd = orig + text.Length;
    }

    /// <summary>Appends text that stands for the source at <paramref name="orig"/> as a whole; <paramref name="origLength"/> source chars are consumed.</summary>
    public void AppendPinned(ReadOnlySpan<char> text, int orig, int origLength = 0)
    {
        if (text.IsEmpty) return;
        if (orig < _origEnd) { orig = _origEnd; origLength = 0; }
        EnsureCapacity(text.Length);
        if (!(_runs > 0 && !_runLinear[_runs - 1] && _runOrig[_runs - 1] == orig)) AddRun(orig, linear: false);
        _runOrigEnd[_runs - 1] = Math.Max(_runOrigEnd[_runs - 1], orig + origLength);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
        _origEnd = Math.Max(_origEnd, orig + origLength);
    }

    public void AppendChar(char c, int orig, bool linear)
    {
        Span<char> one = stackalloc char[1];
        one[0] = c;
        if (linear) AppendLinear(one, orig); else AppendPinned(one, orig);
    }

    private void AddRun(int orig, bool linear)
    {
        if (_runs == _runText.Length)
        {
            Array.Resize(ref _runText, _runs * 2);
            Array.Resize(ref _runOrig, _runs * 2);
            Array.Resize(ref _runOrigEnd, _runs * 2);
            Array.Resize(ref _runLinear, _runs * 2);
        }
        _runText[_runs] = _length;
        _runOrig[_runs] = orig;
        _runOrigEnd[_runs] = orig;
        _runLinear[_runs] = linear;
        _runs++;
    }

    private void EnsureCapacity(int extra)
    {
        if (_length + extra <= _chars.Length) return;
        var size = Math.Max(_chars.Length * 2, _length + extra);
        var larger = System.Buffers.ArrayPool<char>.Shared.Rent(size);
        _chars.AsSpan(0, _length).CopyTo(larger);
        if (_chars.Length > 0) System.Buffers.ArrayPool<char>.Shared.Return(_chars);
        _chars = larger;
    }

    public string BuildString() => new(_chars, 0, _length);

    public SourceMap BuildMap(int origLength) =>
        new(_runText, _runOrig, _runOrigEnd, _runLinear, _runs, _length, _origEnd, origLength);
}
