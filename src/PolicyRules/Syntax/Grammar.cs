using Superpower;
using Superpower.Model;
using TextSpan = PolicyRules.Text.TextSpan;

namespace PolicyRules.Syntax;

/// <summary>The token-list parsers of the provision language (grammar/provisions.ebnf is the normative form).</summary>
internal static class Grammar
{
    // Superpower's Token.EqualTo describes a failed expectation by reflecting over the token enum's
    // attributes on every failure; these parsers name theirs once, which makes compiling ~5x faster.
    private static TokenListParser<RuleToken, Token<RuleToken>> Keyword(string keyword)
    {
        var expectation = new[] { $"'{keyword}'" };
        return input =>
        {
            var next = input.ConsumeToken();
            return next.HasValue && next.Value.Kind == RuleToken.Identifier && next.Value.Span.EqualsValueIgnoreCase(keyword)
                ? TokenListParserResult.Value(next.Value, input, next.Remainder)
                : TokenListParserResult.Empty<RuleToken, Token<RuleToken>>(input, expectation);
        };
    }

    // Superpower still reads the enum's [Token] attributes elsewhere (describing an unexpected token):
    // keep its fields in the ahead-of-time compiled CLI.
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields, typeof(RuleToken))]
    private static TokenListParser<RuleToken, Token<RuleToken>> Tok(RuleToken kind, string expectation)
    {
        var expected = new[] { expectation };
        return input =>
        {
            var next = input.ConsumeToken();
            return next.HasValue && next.Value.Kind == kind
                ? TokenListParserResult.Value(next.Value, input, next.Remainder)
                : TokenListParserResult.Empty<RuleToken, Token<RuleToken>>(input, expected);
        };
    }

    private static TextSpan SpanOf(Token<RuleToken> t) => new(t.Position.Absolute, t.Span.Length);

    /// <summary>A name that is not a keyword.</summary>
    public static readonly TokenListParser<RuleToken, IdentifierSyntax> Name =
        Tok(RuleToken.Identifier, "name")
            .Where(t => !RuleParser.IsReserved(t.ToStringValue()), "name")
            .Select(RuleParser.Identifier)
            .Named("name");

    /// <summary>A field value that is a plain word (severity, scope, category): keywords are accepted and judged by the binder.</summary>
    public static readonly TokenListParser<RuleToken, IdentifierSyntax> FieldName =
        Tok(RuleToken.Identifier, "name").Select(RuleParser.Identifier);

    public static readonly TokenListParser<RuleToken, StringLiteralSyntax> StringValue =
        Tok(RuleToken.String, "string").Select(RuleParser.StringLiteral);

    public static readonly TokenListParser<RuleToken, IReadOnlyList<StringLiteralSyntax>> StringList =
        StringValue.AtLeastOnceDelimitedBy(Tok(RuleToken.Comma, "','"))
            .Select(values => (IReadOnlyList<StringLiteralSyntax>)values);

    public static readonly TokenListParser<RuleToken, (bool, StringLiteralSyntax)> SummaryValue =
        Keyword("file").IgnoreThen(StringValue).Select(v => (true, v))
            .Or(StringValue.Select(v => (false, v)));

    public static readonly TokenListParser<RuleToken, QualifiedNameSyntax> QualifiedName =
        FieldName.AtLeastOnceDelimitedBy(Tok(RuleToken.Dot, "'.'"))
            .Select(parts => new QualifiedNameSyntax(parts[0].Span.Union(parts[^1].Span), string.Join(".", parts.Select(p => p.Name))))
            .Named("provision key");

    // ---- patterns, tightest first ----

    private static readonly TokenListParser<RuleToken, PatternSyntax> Parenthesized =
        from open in Tok(RuleToken.LeftParen, "'('")
        from inner in Parse.Ref(() => Pattern!)
        from close in Tok(RuleToken.RightParen, "')'")
        select (PatternSyntax)new ParenthesizedPatternSyntax(
            TextSpan.FromBounds(open.Position.Absolute, close.Position.Absolute + 1), inner);

    private static readonly TokenListParser<RuleToken, PatternSyntax> Primary =
        Name.Select(n => (PatternSyntax)new NameSyntax(n))
            .Or(StringValue.Select(s => (PatternSyntax)new PhraseSyntax(s)))
            .Or(Parenthesized)
            .Named("pattern");

    private static readonly TokenListParser<RuleToken, PatternSyntax> Capture =
        (from name in Name
         from colon in Tok(RuleToken.Colon, "':'")
         select name).Try()
        .Then(name => Primary.Select(operand => (PatternSyntax)new CapturePatternSyntax(name, operand)))
        .Or(Primary);

    private static readonly TokenListParser<RuleToken, PatternSyntax> Unary =
        (from keyword in Keyword("not")
         from operand in Parse.Ref(() => Unary!)
         select (PatternSyntax)new NotPatternSyntax(SpanOf(keyword).Union(operand.Span), SpanOf(keyword), operand))
        .Or(from keyword in Keyword("negated")
            from open in Tok(RuleToken.LeftParen, "'('")
            from operand in Parse.Ref(() => Pattern!)
            from close in Tok(RuleToken.RightParen, "')'")
            select (PatternSyntax)new NegatedPatternSyntax(
                TextSpan.FromBounds(keyword.Position.Absolute, close.Position.Absolute + 1), SpanOf(keyword), operand))
        .Or(Capture);

    private readonly record struct Operator(BinaryOperator Kind, TextSpan Span, int? Distance);

    private static readonly TokenListParser<RuleToken, Operator> ProximityOperator =
        (from near in Keyword("near")
         from distance in Tok(RuleToken.Slash, "'/'").IgnoreThen(Tok(RuleToken.Number, "number")).OptionalOrDefault()
         select distance.HasValue
             ? new Operator(BinaryOperator.Near, TextSpan.FromBounds(near.Position.Absolute, distance.Position.Absolute + distance.Span.Length), ParseDistance(distance))
             : new Operator(BinaryOperator.Near, SpanOf(near), null))
        .Or(Keyword("then").Select(t => new Operator(BinaryOperator.Then, SpanOf(t), null)));

    private static int ParseDistance(Token<RuleToken> token) =>
        int.TryParse(token.ToStringValue(), out var n) ? n : int.MaxValue;

    private static TokenListParser<RuleToken, Operator> BinaryKeyword(string keyword, BinaryOperator kind) =>
        Keyword(keyword).Select(t => new Operator(kind, SpanOf(t), null));

    private static PatternSyntax Combine(Operator op, PatternSyntax left, PatternSyntax right) =>
        new BinaryPatternSyntax(left, op.Kind, op.Span, op.Distance, right);

    private static readonly TokenListParser<RuleToken, PatternSyntax> Proximity =
        Parse.Chain(ProximityOperator, Unary, Combine);

    private static readonly TokenListParser<RuleToken, PatternSyntax> Conjunction =
        Parse.Chain(BinaryKeyword("and", BinaryOperator.And), Proximity, Combine);

    private static readonly TokenListParser<RuleToken, PatternSyntax> Disjunction =
        Parse.Chain(BinaryKeyword("or", BinaryOperator.Or), Conjunction, Combine);

    public static readonly TokenListParser<RuleToken, PatternSyntax> Pattern =
        Parse.Chain(BinaryKeyword("unless", BinaryOperator.Unless), Disjunction, Combine);

    // ---- declarations ----

    private static readonly TokenListParser<RuleToken, LexiconEntrySyntax> LexiconEntry =
        StringValue.Select(s => (LexiconEntrySyntax)new LexiconPhraseSyntax(s))
            .Or(Name.Select(n => (LexiconEntrySyntax)new LexiconReferenceSyntax(n)))
            .Named("phrase or lexicon name");

    public static readonly TokenListParser<RuleToken, (IdentifierSyntax, IdentifierSyntax, IReadOnlyList<LexiconEntrySyntax>)> LexiconDeclaration =
        from keyword in Keyword("lexicon").Select(RuleParser.Identifier)
        from name in Name
        from eq in Tok(RuleToken.Equals, "'='")
        from entries in LexiconEntry.AtLeastOnceDelimitedBy(Tok(RuleToken.Pipe, "'|'"))
        select (keyword, name, (IReadOnlyList<LexiconEntrySyntax>)entries);

    public static readonly TokenListParser<RuleToken, (IdentifierSyntax, IdentifierSyntax)> DefineHeader =
        from keyword in Keyword("define").Select(RuleParser.Identifier)
        from name in Name
        from eq in Tok(RuleToken.Equals, "'='")
        select (keyword, name);

    // ---- messages ----

    /// <summary>How a token is named in a message: <c>name 'unles'</c>, <c>string "…"</c>, <c>'}'</c>.</summary>
    public static string Describe(Token<RuleToken> token)
    {
        var text = token.ToStringValue();
        return token.Kind switch
        {
            RuleToken.Identifier when RuleParser.IsReserved(text) => $"keyword '{text}'",
            RuleToken.Identifier => $"name '{text}'",
            RuleToken.String => "string " + Shorten(text),
            RuleToken.Number => $"number {text}",
            _ => $"'{text}'",
        };
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..29] + "…\"";

    private static readonly string[] Operators = { "and", "or", "near", "then", "unless" };

    public static string UnexpectedMessage<T>(TokenListParserResult<RuleToken, T> result, Token<RuleToken> token, string context)
    {
        var expected = Expected(result);
        var word = token.Kind == RuleToken.Identifier ? token.ToStringValue().ToLowerInvariant() : null;
        var isPattern = context.StartsWith("field 'match'", StringComparison.Ordinal) || context.StartsWith("field 'section'", StringComparison.Ordinal)
                        || context.StartsWith("define", StringComparison.Ordinal) || context == "pattern";
        if (expected.Length == 0 && isPattern)
        {
            // A whole pattern was read and something follows it: an operator is what could come next.
            expected = ", expected an operator (and, or, near, near/N, then, unless) or the end of the pattern";
            if (word is not null && Diagnostics.Spelling.Closest(word, Operators) is { } op && op != word)
                return $"unexpected {Describe(token)}{expected}; did you mean '{op}'?";
        }
        else if (expected.Length == 0 && context == "lexicon")
        {
            expected = ", expected '|' or the next declaration ('rule', 'lexicon' or 'define')";
        }
        else if (expected.Length == 0 && context.StartsWith("field", StringComparison.Ordinal))
        {
            // A whole value was read and something follows it: only the next field can come.
            expected = $", expected the next rule field after {context}";
        }
        if (expected.Length > 0 && word is not null && Diagnostics.Spelling.Closest(word, RuleParser.FieldKeywords) is { } field && field != word)
            return $"unexpected {Describe(token)}{expected}; did you mean '{field}'?";
        return $"unexpected {Describe(token)}" + expected;
    }

    public static string EndOfPieceMessage<T>(TokenListParserResult<RuleToken, T> result, string context) =>
        $"unexpected end of {context}" + Expected(result);

    private static string Expected<T>(TokenListParserResult<RuleToken, T> result)
    {
        var expectations = result.Expectations;
        if (expectations is null || expectations.Length == 0) return "";
        var distinct = expectations.Select(e => e.Trim('`')).Select(e => e.StartsWith('\'') || IsNoun(e) ? e : $"'{e}'").Distinct().ToList();
        // Everything a pattern can start with is one expectation for a reader.
        if (distinct.Contains("pattern"))
            distinct = distinct.Where(e => e is not ("'not'" or "'negated'" or "name" or "string" or "'('")).ToList();
        return ", expected " + (distinct.Count == 1 ? distinct[0]
            : string.Join(", ", distinct.Take(distinct.Count - 1)) + " or " + distinct[^1]);
    }

    private static bool IsNoun(string expectation) => expectation.Contains(' ') || expectation is "name" or "string" or "number" or "pattern";

    public static string FieldValueDescription(string field) => field switch
    {
        "match" or "section" => "a pattern",
        "provision" => "a provision key such as training.opt-out",
        "severity" => "one of info, notice, warning, error",
        "scope" => "one of sentence, block, section, document",
        "category" => "a name",
        "summary" => "a template string or file \"name.sbn\"",
        "refs" => "one or more strings separated by ','",
        _ => "a string",
    };
}
