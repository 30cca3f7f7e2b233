using PolicyRules.Text;

namespace PolicyRules.Syntax;

/// <summary>Every node of a rule file's syntax tree carries its span in that file.</summary>
internal abstract record SyntaxNode(TextSpan Span);

/// <summary>A name as written: a lexicon, define, rule id, field keyword or capture name.</summary>
internal sealed record IdentifierSyntax(TextSpan Span, string Name) : SyntaxNode(Span)
{
    public override string ToString() => Name;
}

/// <summary>
/// A string literal. <see cref="Value"/> is unescaped; <see cref="ValueOffsets"/> maps each of its
/// characters to the offset in the rule file, so errors inside it (templates, example markup) point
/// at the right column.
/// </summary>
internal sealed record StringLiteralSyntax(TextSpan Span, string Value, int[]? ValueOffsets) : SyntaxNode(Span)
{
    /// <summary>Offset in the rule file of character <paramref name="index"/> of the value (the closing quote past the end).</summary>
    /// <remarks>A string without escapes has no offset table: its value starts right after the quote.</remarks>
    public int SourceOffset(int index) =>
        index < 0 ? Span.Start
        : index < Value.Length ? (ValueOffsets is null ? Span.Start + 1 + index : ValueOffsets[index])
        : Math.Max(Span.Start, Span.End - 1);
}

/// <summary>A dotted name such as a provision key <c>training.opt-out</c>.</summary>
internal sealed record QualifiedNameSyntax(TextSpan Span, string Name) : SyntaxNode(Span);

// ---- patterns ----

internal abstract record PatternSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>A reference to a lexicon, a define or a built-in entity.</summary>
internal sealed record NameSyntax(IdentifierSyntax Identifier) : PatternSyntax(Identifier.Span);

/// <summary>A literal phrase in a pattern: <c>"as long as necessary"</c>.</summary>
internal sealed record PhraseSyntax(StringLiteralSyntax Literal) : PatternSyntax(Literal.Span);

internal enum BinaryOperator { Unless, Or, And, Near, Then }

/// <summary><c>a and b</c>, <c>a near/5 b</c>, <c>a unless b</c>…; <see cref="Distance"/> is the N of <c>near/N</c>.</summary>
internal sealed record BinaryPatternSyntax(
    PatternSyntax Left, BinaryOperator Operator, TextSpan OperatorSpan, int? Distance, PatternSyntax Right)
    : PatternSyntax(Left.Span.Union(Right.Span));

/// <summary><c>not x</c>: x is absent from the scope.</summary>
internal sealed record NotPatternSyntax(TextSpan Span, TextSpan KeywordSpan, PatternSyntax Operand) : PatternSyntax(Span);

/// <summary><c>negated(x)</c>: x occurs inside a negated clause.</summary>
internal sealed record NegatedPatternSyntax(TextSpan Span, TextSpan KeywordSpan, PatternSyntax Operand) : PatternSyntax(Span);

/// <summary><c>name: x</c>: the text matched by x is captured under name.</summary>
internal sealed record CapturePatternSyntax(IdentifierSyntax Name, PatternSyntax Operand) : PatternSyntax(Name.Span.Union(Operand.Span));

internal sealed record ParenthesizedPatternSyntax(TextSpan Span, PatternSyntax Inner) : PatternSyntax(Span);

// ---- declarations ----

internal abstract record DeclarationSyntax(TextSpan Span, IdentifierSyntax Keyword) : SyntaxNode(Span);

/// <summary>One entry of a lexicon: a phrase, or the name of another lexicon whose phrases it includes.</summary>
internal abstract record LexiconEntrySyntax(TextSpan Span) : SyntaxNode(Span);
internal sealed record LexiconPhraseSyntax(StringLiteralSyntax Literal) : LexiconEntrySyntax(Literal.Span);
internal sealed record LexiconReferenceSyntax(IdentifierSyntax Name) : LexiconEntrySyntax(Name.Span);

internal sealed record LexiconSyntax(TextSpan Span, IdentifierSyntax Keyword, IdentifierSyntax Name, IReadOnlyList<LexiconEntrySyntax> Entries)
    : DeclarationSyntax(Span, Keyword);

internal sealed record DefineSyntax(TextSpan Span, IdentifierSyntax Keyword, IdentifierSyntax Name, PatternSyntax Pattern)
    : DeclarationSyntax(Span, Keyword);

internal sealed record RuleSyntax(TextSpan Span, IdentifierSyntax Keyword, IdentifierSyntax? Id, StringLiteralSyntax? Title, IReadOnlyList<FieldSyntax> Fields)
    : DeclarationSyntax(Span, Keyword);

// ---- rule fields ----

internal abstract record FieldSyntax(TextSpan Span, IdentifierSyntax Keyword) : SyntaxNode(Span);
internal sealed record ProvisionFieldSyntax(TextSpan Span, IdentifierSyntax Keyword, QualifiedNameSyntax Key) : FieldSyntax(Span, Keyword);
internal sealed record MatchFieldSyntax(TextSpan Span, IdentifierSyntax Keyword, PatternSyntax Pattern) : FieldSyntax(Span, Keyword);
internal sealed record SectionFieldSyntax(TextSpan Span, IdentifierSyntax Keyword, PatternSyntax Pattern) : FieldSyntax(Span, Keyword);
/// <summary><c>severity</c>, <c>scope</c> and <c>category</c>: a keyword with one name as its value.</summary>
internal sealed record NameFieldSyntax(TextSpan Span, IdentifierSyntax Keyword, IdentifierSyntax Value) : FieldSyntax(Span, Keyword);
internal sealed record SummaryFieldSyntax(TextSpan Span, IdentifierSyntax Keyword, bool IsFile, StringLiteralSyntax Value) : FieldSyntax(Span, Keyword);
/// <summary><c>refs</c>, <c>help</c>, <c>example</c>, <c>counter</c>, <c>title</c>: one or more strings.</summary>
internal sealed record StringsFieldSyntax(TextSpan Span, IdentifierSyntax Keyword, IReadOnlyList<StringLiteralSyntax> Values) : FieldSyntax(Span, Keyword);

/// <summary>A field whose value could not be parsed (already reported): present, so not "missing".</summary>
internal sealed record InvalidFieldSyntax(TextSpan Span, IdentifierSyntax Keyword) : FieldSyntax(Span, Keyword);

/// <summary>One parsed rule file: its declarations, in order, and the source they span.</summary>
internal sealed record RuleFileSyntax(SourceText Source, IReadOnlyList<DeclarationSyntax> Declarations);
