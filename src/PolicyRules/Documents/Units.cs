using System.Collections.Immutable;
using PolicyRules.Text;

namespace PolicyRules.Documents;

/// <summary>The file format a document was loaded from.</summary>
public enum DocumentFormat
{
    /// <summary>Not known: decided by sniffing the content.</summary>
    Unknown = 0,
    /// <summary>Markdown (CommonMark with tables), from <c>.md</c>/<c>.markdown</c> or sniffed.</summary>
    Markdown,
    /// <summary>HTML, from <c>.html</c>/<c>.htm</c> or sniffed.</summary>
    Html,
    /// <summary>Plain text; headings are recognised from numbering and layout.</summary>
    Text,
}

/// <summary>What kind of block a run of text came from. Lower-case names are the JSON contract.</summary>
public enum BlockKind : byte
{
    /// <summary>A paragraph of running text.</summary>
    Paragraph,
    /// <summary>One item of a list.</summary>
    ListItem,
    /// <summary>One cell of a table.</summary>
    TableCell,
    /// <summary>A heading (its text is also the section's heading).</summary>
    Heading,
    /// <summary>A block quotation.</summary>
    Quote,
    /// <summary>A code block (kept as text; matched like any block).</summary>
    Code,
}

/// <summary>Lexical class of a token.</summary>
public enum TokenKind : byte
{
    /// <summary>Letters (and digits mixed with letters): "train", "opt", "1st", "e.g".</summary>
    Word,
    /// <summary>Digits with inner separators: "30", "1,000", "1.50", "4.2.1".</summary>
    Number,
    /// <summary>Sentence and clause punctuation: . , ; : ! ? ( ) [ ] quotes, dashes standing alone.</summary>
    Punctuation,
    /// <summary>Any other single character: $ € % § &amp; / * + …</summary>
    Symbol,
    /// <summary>A web address, kept whole.</summary>
    Url,
    /// <summary>An e-mail address, kept whole.</summary>
    Email,
}

/// <summary>Per-token facts, packed so the matcher can test them without lookups.</summary>
[Flags]
public enum TokenFlags : ushort
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>Joined to the previous token by a hyphen or dash without spaces ("opt-out" → opt, out).</summary>
    HyphenJoined = 1 << 0,
    /// <summary>One of several tokens expanded from a contraction; they share the contraction's span ("don't" → do, not).</summary>
    Expanded = 1 << 1,
    /// <summary>First letter upper case.</summary>
    Capitalized = 1 << 2,
    /// <summary>Two or more letters, all upper case.</summary>
    AllCaps = 1 << 3,
    /// <summary>Inside the scope of a negation cue ("we do not [use your data]").</summary>
    Negated = 1 << 4,
    /// <summary>Part of a negation cue ("not", "never", "no", "without", …).</summary>
    NegationCue = 1 << 5,
    /// <summary>Part of an exception cue ("unless", "except", "other than", …).</summary>
    ExceptionCue = 1 << 6,
    /// <summary>Inside the clause governed by an exception cue.</summary>
    InException = 1 << 7,
}

/// <summary>Entity classes recognised in every document.</summary>
public enum EntityKind : byte
{
    /// <summary>A length of time: "30 days", "up to 5 years" (value: ISO 8601, e.g. <c>P30D</c>).</summary>
    Duration,
    /// <summary>An amount of money: "$100", "100 euros" (value: e.g. <c>USD 100</c>).</summary>
    Money,
    /// <summary>An age: "under 13", "at least 16 years old" (value: the number).</summary>
    Age,
    /// <summary>A country, state, region or court district: "Ireland", "the State of California" (value: its canonical name).</summary>
    Place,
    /// <summary>A calendar date: "January 1, 2024", "June 2025" (value: <c>2024-01-01</c>, <c>2025-06</c>).</summary>
    Date,
}

/// <summary>
/// A section: the text under a heading, down to the next heading of the same or a higher level
/// (so it includes its subsections). Section 0 is the whole document (level 0, empty heading path).
/// </summary>
public sealed class Section
{
    internal Section(int index, int parent, int level, ImmutableArray<string> headingPath, TextSpan span, TextSpan headingSpan, int headingBlock, int firstBlock, int blockCount)
    {
        Index = index; Parent = parent; Level = level; HeadingPath = headingPath; Span = span;
        HeadingSpan = headingSpan; HeadingBlock = headingBlock; FirstBlock = firstBlock; BlockCount = blockCount;
    }

    /// <summary>The section's index in <see cref="PolicyDocument.Sections"/>.</summary>
    public int Index { get; }
    /// <summary>Index of the enclosing section; -1 for section 0.</summary>
    public int Parent { get; }
    /// <summary>Heading level 1-6 (Markdown/HTML) or from numbering depth (text); 0 for the document.</summary>
    public int Level { get; }
    /// <summary>Heading texts from the outermost section down to this one.</summary>
    public ImmutableArray<string> HeadingPath { get; }
    /// <summary>From the heading to the end of the section's last block, over <see cref="PolicyDocument.Text"/>.</summary>
    public TextSpan Span { get; }
    /// <summary>The heading's text; empty for section 0.</summary>
    public TextSpan HeadingSpan { get; }
    /// <summary>Index of the heading block; -1 for section 0.</summary>
    public int HeadingBlock { get; }
    /// <summary>First block of the section (its heading), and the number of blocks including subsections'.</summary>
    public int FirstBlock { get; }
    /// <summary>The number of blocks of the section, its subsections' included.</summary>
    public int BlockCount { get; }

    /// <summary>The section's own heading text; empty for section 0.</summary>
    public string Heading => HeadingPath.IsEmpty ? "" : HeadingPath[^1];
}

/// <summary>A paragraph, list item, table cell, heading, quote or code block.</summary>
public readonly record struct Block(BlockKind Kind, TextSpan Span, int Section, int FirstSentence, int SentenceCount, int FirstToken, int TokenCount, int HeadingLevel)
{
    /// <summary>One past the block's last sentence index.</summary>
    public int SentenceEnd => FirstSentence + SentenceCount;
    /// <summary>One past the block's last token index.</summary>
    public int TokenEnd => FirstToken + TokenCount;
    /// <summary>For a cell in a table's body, the index of the block of its column's header cell; otherwise -1.</summary>
    public int ColumnHeader { get; init; } = -1;
}

/// <summary>A sentence; never crosses a block. Its tokens are <c>Tokens[FirstToken .. FirstToken+TokenCount)</c>.</summary>
public readonly record struct Sentence(TextSpan Span, int Block, int FirstToken, int TokenCount)
{
    /// <summary>One past the sentence's last token index.</summary>
    public int TokenEnd => FirstToken + TokenCount;
}

/// <summary>
/// A word, number, punctuation mark or symbol. <see cref="Normalized"/> is case- and Unicode-folded
/// (see docs/documents.md); <see cref="Stem"/> is its Porter2 stem (words) or equals Normalized.
/// Tokens expanded from one contraction share its span. 24 bytes: the two strings live in one
/// interned term shared by every equal token.
/// </summary>
public readonly struct Token : IEquatable<Token>
{
    private readonly Term _term;

    internal Token(TextSpan span, Term term, int sentence, TokenKind kind, TokenFlags flags)
    {
        Span = span;
        _term = term;
        Sentence = sentence;
        Kind = kind;
        Flags = flags;
    }

    /// <summary>Where the token is in <see cref="PolicyDocument.Text"/>.</summary>
    public TextSpan Span { get; }
    /// <summary>The token's text folded for matching (lower case, Unicode-normalised).</summary>
    public string Normalized => _term.Normalized;
    /// <summary>The Porter2 stem of a word; <see cref="Normalized"/> for other tokens.</summary>
    public string Stem => _term.Stem;
    /// <summary>The stem's number (phrase matching compares these, not strings).</summary>
    internal int StemKey => _term.StemKey;
    /// <summary>A straight quote, which phrases skip over ("your “Content”").</summary>
    internal bool IsQuote => _term.IsQuote(Kind);
    /// <summary>Index of the token's sentence in <see cref="PolicyDocument.Sentences"/>.</summary>
    public int Sentence { get; }
    /// <summary>Word, number, punctuation, symbol, URL or e-mail address.</summary>
    public TokenKind Kind { get; }
    /// <summary>Facts about the token: hyphenation, case, negation, exception clauses.</summary>
    public TokenFlags Flags { get; }

    /// <summary>Whether the token is inside the scope of a negation.</summary>
    public bool IsNegated => (Flags & TokenFlags.Negated) != 0;
    /// <summary>Whether the token is a word.</summary>
    public bool IsWord => Kind == TokenKind.Word;
    /// <summary>Whether the token has a flag.</summary>
    public bool Has(TokenFlags flag) => (Flags & flag) != 0;

    /// <summary>Equal position, text, sentence, kind and flags.</summary>
    public bool Equals(Token other) => Span == other.Span && ReferenceEquals(_term, other._term) && Sentence == other.Sentence && Kind == other.Kind && Flags == other.Flags;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Token t && Equals(t);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Span, Normalized, Sentence, Kind, Flags);
    /// <summary>Whether two tokens are equal (<see cref="Equals(Token)"/>).</summary>
    public static bool operator ==(Token a, Token b) => a.Equals(b);
    /// <summary>Whether two tokens differ.</summary>
    public static bool operator !=(Token a, Token b) => !a.Equals(b);
    /// <summary>Text, span, kind and flags, for debugging.</summary>
    public override string ToString() => $"{Normalized} {Span} {Kind} {Flags}";
}

/// <summary>A negation cue and the clause it negates (the scope starts after the cue).</summary>
public readonly record struct NegationCue(TextSpan Cue, string CueText, TextSpan Scope, int Sentence, int FirstCueToken, int CueTokenCount);

/// <summary>
/// An exception cue ("unless", "except", "other than", …) and the clause it governs: the carve-out
/// that <c>A unless B</c> looks into for B.
/// </summary>
public readonly record struct ExceptionClause(TextSpan Cue, string CueText, TextSpan Governed, int Sentence, int FirstCueToken, int CueTokenCount);

/// <summary>
/// A recognised entity. <see cref="Value"/> is normalised for comparison: durations as ISO 8601
/// ("P30D", "PT72H", "P5Y"), money as "CUR amount" ("USD 100"), ages as the number ("13"), places
/// by canonical name ("California"), dates as ISO ("2024-01-01", or "2024-03" without a day).
/// </summary>
public sealed record Entity(EntityKind Kind, TextSpan Span, string Text, string Value)
{
    /// <summary>A human form: "30 days", "USD 100", "13", "California", "2024-01-01".</summary>
    public string Display { get; init; } = "";
    /// <summary>The number (durations, money, ages); 0 for places and dates.</summary>
    public double Quantity { get; init; }
    /// <summary>Singular unit of a duration ("day", "hour", "month", "year", …) or currency code; empty otherwise.</summary>
    public string Unit { get; init; } = "";
    /// <summary>A bound before or after the number: "up to", "at least", "within", "under", "or older"…; empty if none.</summary>
    public string Qualifier { get; init; } = "";

    /// <summary>A duration's approximate length in days (months as 30, years as 365); 0 for other kinds.</summary>
    public double ApproximateDays => Kind != EntityKind.Duration ? 0 : Unit switch
    {
        "second" => Quantity / 86400,
        "minute" => Quantity / 1440,
        "hour" => Quantity / 24,
        "day" => Quantity,
        "week" => Quantity * 7,
        "month" => Quantity * 30,
        "year" => Quantity * 365,
        _ => Quantity,
    };
}
