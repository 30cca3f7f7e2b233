namespace PolicyRules.Text;

/// <summary>A half-open range [Start, End) of character offsets into one <see cref="SourceText"/>.</summary>
public readonly record struct TextSpan(int Start, int Length) : IComparable<TextSpan>
{
    /// <summary>The offset just past the last character.</summary>
    public int End => Start + Length;
    /// <summary>True for a zero-length span (a position).</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>The span from <paramref name="start"/> up to (not including) <paramref name="end"/>.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    /// <summary>Whether an offset lies inside the span (the end is outside).</summary>
    public bool Contains(int position) => position >= Start && position < End;
    /// <summary>Whether another span lies wholly inside this one.</summary>
    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;
    /// <summary>Whether the two spans share at least one character.</summary>
    public bool OverlapsWith(TextSpan other) => Math.Max(Start, other.Start) < Math.Min(End, other.End);
    /// <summary>The smallest span covering both.</summary>
    public TextSpan Union(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

    /// <summary>Document order: by start, then shorter first.</summary>
    public int CompareTo(TextSpan other) => Start != other.Start ? Start.CompareTo(other.Start) : Length.CompareTo(other.Length);
    /// <c>[start..end)</c>, for debugging.
    public override string ToString() => $"[{Start}..{End})";
}

/// <summary>A 1-based line and column, as shown to users.</summary>
public readonly record struct LinePosition(int Line, int Column)
{
    /// <c>line,column</c>, as in compiler messages.
    public override string ToString() => $"{Line},{Column}";
}
