using System.Text;
using PolicyRules.Diagnostics;
using PolicyRules.Text;
using Superpower;
using Superpower.Model;
using TextSpan = PolicyRules.Text.TextSpan;

namespace PolicyRules.Syntax;

/// <summary>
/// Parses one rule file. Tokenize, split the token list into declarations at the keywords
/// <c>rule</c>, <c>lexicon</c> and <c>define</c>, split each rule body at its field keywords, and parse
/// each piece with Superpower token-list parsers. A piece that fails is reported and skipped, so one
/// run reports every error in every file.
/// </summary>
internal static class RuleParser
{
    /// <summary>Patterns deeper than this are refused with PR1005 instead of risking the stack.</summary>
    public const int MaxPatternDepth = 100;

    /// <summary>Rule files larger than this (characters) are refused with PR1010.</summary>
    public const int MaxFileLength = 16 * 1024 * 1024;

    internal static readonly string[] DeclarationKeywords = { "rule", "lexicon", "define" };

    internal static readonly string[] FieldKeywords =
        { "provision", "match", "severity", "scope", "section", "category", "summary", "refs", "help", "example", "counter" };

    internal static readonly string[] PatternKeywords = { "and", "or", "not", "near", "then", "unless", "negated" };

    private static readonly HashSet<string> Reserved = new(
        DeclarationKeywords.Concat(FieldKeywords).Concat(PatternKeywords), StringComparer.OrdinalIgnoreCase);

    public static bool IsReserved(string name) => Reserved.Contains(name);

    public static RuleFileSyntax Parse(SourceText source, ICollection<Diagnostic> diagnostics)
    {
        if (source.Length > MaxFileLength)
        {
            diagnostics.Add(new Diagnostic(SyntaxDiagnostics.RuleFileTooLarge, Location.In(source, new TextSpan(0, 0)), source.Length, MaxFileLength));
            return new RuleFileSyntax(source, Array.Empty<DeclarationSyntax>());
        }

        var tokenizer = new RuleTokenizer();
        var all = tokenizer.Tokenize(source.Text);
        foreach (var (offset, length, descriptor, args) in tokenizer.Problems)
            diagnostics.Add(new Diagnostic(descriptor, Location.In(source, new TextSpan(offset, length)), args));

        // Unknown characters were reported above; dropping them lets the parser go on as if they were not there.
        var tokens = all.Where(t => t.Kind != RuleToken.Unknown).ToArray();
        var file = new FileParser(source, tokens, diagnostics);
        return new RuleFileSyntax(source, file.ParseDeclarations());
    }

    private sealed class FileParser(SourceText source, Token<RuleToken>[] tokens, ICollection<Diagnostic> diagnostics)
    {
        public List<DeclarationSyntax> ParseDeclarations()
        {
            var result = new List<DeclarationSyntax>();
            var i = 0;
            // Tokens before the first declaration keyword: one error for the run, then resynchronise.
            if (i < tokens.Length && !IsDeclarationKeyword(tokens[i]))
            {
                Report(SyntaxDiagnostics.ExpectedDeclaration, tokens[i], Grammar.Describe(tokens[i]));
                while (i < tokens.Length && !IsDeclarationKeyword(tokens[i])) i++;
            }
            while (i < tokens.Length)
            {
                var start = i++;
                while (i < tokens.Length && !IsDeclarationKeyword(tokens[i])) i++;
                var nextOffset = i < tokens.Length ? tokens[i].Position.Absolute : source.Length;
                var declaration = Keyword(tokens[start]) switch
                {
                    "rule" => ParseRule(start, i, nextOffset),
                    "lexicon" => ParseLexicon(start, i, nextOffset),
                    _ => ParseDefine(start, i, nextOffset),
                };
                if (declaration is not null) result.Add(declaration);
            }
            return result;
        }

        private DeclarationSyntax? ParseLexicon(int start, int end, int nextOffset)
        {
            var result = TryParse(Grammar.LexiconDeclaration, start, end, "lexicon", nextOffset);
            if (result is null) return null;
            var (keyword, ident, entries) = result.Value;
            return new LexiconSyntax(SpanOf(start, end), keyword, ident, entries);
        }

        private DeclarationSyntax? ParseDefine(int start, int end, int nextOffset)
        {
            // define NAME = PATTERN: the header by itself, then the pattern with the depth guard.
            var header = Grammar.DefineHeader.TryParse(new TokenList<RuleToken>(tokens[start..end]));
            if (!header.HasValue)
            {
                ReportParseError(header, start, end, "define", nextOffset);
                return null;
            }
            var (keyword, ident) = header.Value;
            var patternStart = start + 3;
            var pattern = ParsePatternPiece(tokens, patternStart, end, $"define '{ident.Name}'", nextOffset);
            return pattern is null ? null : new DefineSyntax(SpanOf(start, end), keyword, ident, pattern);
        }

        private DeclarationSyntax? ParseRule(int start, int end, int nextOffset)
        {
            var keyword = Identifier(tokens[start]);
            // Header: rule ID "Title" {
            IdentifierSyntax? id = null;
            StringLiteralSyntax? title = null;
            var i = start + 1;
            if (i < end && tokens[i].Kind == RuleToken.Identifier && !IsReserved(tokens[i].ToStringValue())) id = Identifier(tokens[i++]);
            else { ReportExpected(i, end, nextOffset, "rule id", "rule header"); }
            if (i < end && tokens[i].Kind == RuleToken.String) title = StringLiteral(tokens[i++]);
            else if (id is not null) ReportExpected(i, end, nextOffset, "rule title string", "rule header");
            if (i < end && tokens[i].Kind == RuleToken.LeftBrace) i++;
            else if (id is not null && title is not null) ReportExpected(i, end, nextOffset, "'{'", "rule header");
            else
                // A broken header was reported above: skip to the first field keyword.
                while (i < end && !IsFieldKeyword(tokens[i]) && tokens[i].Kind != RuleToken.RightBrace) i++;

            var ruleName = id?.Name ?? "";
            var fields = new List<FieldSyntax>();
            var bodyEnd = i;
            while (bodyEnd < end && tokens[bodyEnd].Kind != RuleToken.RightBrace) bodyEnd++;
            var fieldStart = i;
            while (fieldStart < bodyEnd)
            {
                var fieldEnd = fieldStart + 1;
                // "scope section": a keyword right after 'scope' is its value, not the next field.
                if (fieldEnd < bodyEnd && Is(tokens[fieldStart], "scope") && IsFieldKeyword(tokens[fieldEnd])) fieldEnd++;
                while (fieldEnd < bodyEnd && !IsFieldKeyword(tokens[fieldEnd])) fieldEnd++;
                if (!IsFieldKeyword(tokens[fieldStart]))
                {
                    var suggestion = Suggest(tokens[fieldStart]);
                    Report(SyntaxDiagnostics.ExpectedField, tokens[fieldStart], Grammar.Describe(tokens[fieldStart]),
                        string.Join(", ", FieldKeywords), suggestion);
                }
                else
                {
                    var limit = fieldEnd < tokens.Length ? tokens[fieldEnd].Position.Absolute : nextOffset;
                    var field = ParseField(fieldStart, fieldEnd, limit);
                    fields.Add(field ?? new InvalidFieldSyntax(SpanOf(fieldStart, fieldEnd), Identifier(tokens[fieldStart])));
                }
                fieldStart = fieldEnd;
            }

            if (bodyEnd >= end)
            {
                var at = end > start ? tokens[end - 1] : tokens[start];
                var offset = at.Position.Absolute + at.Span.Length;
                diagnostics.Add(new Diagnostic(SyntaxDiagnostics.MissingCloseBrace, Location.In(source, new TextSpan(offset, 0)),
                    ruleName.Length > 0 ? ruleName : "declaration"));
            }
            else if (bodyEnd + 1 < end)
            {
                Report(SyntaxDiagnostics.ExpectedDeclaration, tokens[bodyEnd + 1], Grammar.Describe(tokens[bodyEnd + 1]));
            }

            if (id is null) return null;
            return new RuleSyntax(SpanOf(start, Math.Min(end, bodyEnd + 1)), keyword, id, title, fields);
        }

        private FieldSyntax? ParseField(int start, int end, int nextOffset)
        {
            var keyword = Identifier(tokens[start]);
            var name = keyword.Name.ToLowerInvariant();
            var context = $"field '{name}'";
            if (end == start + 1)
            {
                var at = tokens[start];
                diagnostics.Add(new Diagnostic(SyntaxDiagnostics.EmptyField,
                    Location.In(source, new TextSpan(at.Position.Absolute, at.Span.Length)), name, Grammar.FieldValueDescription(name)));
                return null;
            }
            var span = SpanOf(start, end);
            switch (name)
            {
                case "match":
                case "section":
                {
                    var pattern = ParsePatternPiece(tokens, start + 1, end, context, nextOffset);
                    if (pattern is null) return null;
                    return name == "match" ? new MatchFieldSyntax(span, keyword, pattern) : new SectionFieldSyntax(span, keyword, pattern);
                }
                case "provision":
                {
                    var key = TryParse(Grammar.QualifiedName, start + 1, end, context, nextOffset);
                    return key is null ? null : new ProvisionFieldSyntax(span, keyword, key);
                }
                case "severity":
                case "scope":
                case "category":
                {
                    var value = TryParse(Grammar.FieldName, start + 1, end, context, nextOffset);
                    return value is null ? null : new NameFieldSyntax(span, keyword, value);
                }
                case "summary":
                {
                    var value = TryParse(Grammar.SummaryValue, start + 1, end, context, nextOffset);
                    return value is null ? null : new SummaryFieldSyntax(span, keyword, value.Value.IsFile, value.Value.Literal);
                }
                case "refs":
                {
                    var values = TryParse(Grammar.StringList, start + 1, end, context, nextOffset);
                    return values is null ? null : new StringsFieldSyntax(span, keyword, values);
                }
                default: // help, example, counter: one string each
                {
                    var value = TryParse(Grammar.StringValue, start + 1, end, context, nextOffset);
                    return value is null ? null : new StringsFieldSyntax(span, keyword, new[] { value });
                }
            }
        }

        public PatternSyntax? ParsePatternPiece(Token<RuleToken>[] all, int start, int end, string context, int nextOffset)
        {
            if (start >= end)
            {
                var offset = start > 0 && start - 1 < all.Length ? all[start - 1].Position.Absolute + all[start - 1].Span.Length : 0;
                diagnostics.Add(new Diagnostic(SyntaxDiagnostics.UnexpectedToken, Location.In(source, new TextSpan(offset, 0)),
                    $"unexpected end of {context}, expected pattern"));
                return null;
            }
            // Depth guard first: Superpower's combinators recurse, and 10,000 parentheses would overflow the stack.
            var depth = 0;
            var prefixRun = 0;
            var chained = 0;
            for (var i = start; i < end; i++)
            {
                var t = all[i];
                if (t.Kind == RuleToken.LeftParen) depth++;
                else if (t.Kind == RuleToken.RightParen) depth = Math.Max(0, depth - 1);
                prefixRun = t.Kind == RuleToken.Identifier && (Is(t, "not") || Is(t, "negated")) ? prefixRun + 1
                    : t.Kind == RuleToken.LeftParen ? prefixRun : 0;
                // near, then and unless nest to the left, one level per operator ('and'/'or' chains are balanced by the binder).
                if (t.Kind == RuleToken.Identifier && (Is(t, "near") || Is(t, "then") || Is(t, "unless"))) chained++;
                if (depth + prefixRun > MaxPatternDepth || chained > MaxPatternDepth)
                {
                    Report(SyntaxDiagnostics.NestingTooDeep, t, MaxPatternDepth);
                    return null;
                }
            }
            return TryParse(Grammar.Pattern, start, end, context, nextOffset);
        }

        private T? TryParse<T>(TokenListParser<RuleToken, T> parser, int start, int end, string context, int nextOffset)
            where T : class
        {
            var list = new TokenList<RuleToken>(tokens[start..end]);
            var result = parser.AtEnd().TryParse(list);
            if (result.HasValue) return result.Value;
            ReportParseError(result, start, end, context, nextOffset);
            return null;
        }

        private (T1, T2, T3)? TryParse<T1, T2, T3>(TokenListParser<RuleToken, (T1, T2, T3)> parser, int start, int end, string context, int nextOffset)
        {
            var list = new TokenList<RuleToken>(tokens[start..end]);
            var result = parser.AtEnd().TryParse(list);
            if (result.HasValue) return result.Value;
            ReportParseError(result, start, end, context, nextOffset);
            return null;
        }

        private (bool IsFile, StringLiteralSyntax Literal)? TryParse(TokenListParser<RuleToken, (bool, StringLiteralSyntax)> parser, int start, int end, string context, int nextOffset)
        {
            var list = new TokenList<RuleToken>(tokens[start..end]);
            var result = parser.AtEnd().TryParse(list);
            if (result.HasValue) return result.Value;
            ReportParseError(result, start, end, context, nextOffset);
            return null;
        }

        private void ReportParseError<T>(TokenListParserResult<RuleToken, T> result, int start, int end, string context, int nextOffset)
        {
            int offset, length;
            string message;
            if (result.Location.IsAtEnd)
            {
                // "End of input" here is only the end of this piece: say which piece, and point just past it.
                var last = tokens[end - 1];
                offset = last.Position.Absolute + last.Span.Length;
                length = 0;
                message = Grammar.EndOfPieceMessage(result, context);
            }
            else
            {
                var token = result.Location.First();
                offset = token.Position.Absolute;
                length = token.Span.Length;
                message = Grammar.UnexpectedMessage(result, token, context);
            }
            diagnostics.Add(new Diagnostic(SyntaxDiagnostics.UnexpectedToken, Location.In(source, new TextSpan(offset, length)), message));
        }

        private void ReportExpected(int index, int end, int nextOffset, string expected, string context)
        {
            if (index < end)
            {
                var t = tokens[index];
                diagnostics.Add(new Diagnostic(SyntaxDiagnostics.UnexpectedToken,
                    Location.In(source, new TextSpan(t.Position.Absolute, t.Span.Length)),
                    $"unexpected {Grammar.Describe(t)}, expected {expected}"));
            }
            else
            {
                var last = tokens[end - 1];
                diagnostics.Add(new Diagnostic(SyntaxDiagnostics.UnexpectedToken,
                    Location.In(source, new TextSpan(last.Position.Absolute + last.Span.Length, 0)),
                    $"unexpected end of {context}, expected {expected}"));
            }
        }

        private void Report(DiagnosticDescriptor descriptor, Token<RuleToken> token, params object?[] args) =>
            diagnostics.Add(new Diagnostic(descriptor, Location.In(source, new TextSpan(token.Position.Absolute, token.Span.Length)), args));

        private TextSpan SpanOf(int start, int end)
        {
            var first = tokens[start];
            var last = tokens[Math.Max(start, end - 1)];
            return TextSpan.FromBounds(first.Position.Absolute, last.Position.Absolute + last.Span.Length);
        }

        private static string Keyword(Token<RuleToken> token) => token.ToStringValue().ToLowerInvariant();
        private static bool IsDeclarationKeyword(Token<RuleToken> t) =>
            t.Kind == RuleToken.Identifier && DeclarationKeywords.Any(k => Is(t, k));
        private static bool IsFieldKeyword(Token<RuleToken> t) =>
            t.Kind == RuleToken.Identifier && FieldKeywords.Any(k => Is(t, k));

        /// <summary>"did you mean 'match'?" for a misspelt field keyword.</summary>
        private static string Suggest(Token<RuleToken> token)
        {
            if (token.Kind != RuleToken.Identifier) return "";
            var best = Spelling.Closest(token.ToStringValue().ToLowerInvariant(), FieldKeywords);
            return best is null ? "" : $"; did you mean '{best}'?";
        }
    }

    internal static bool Is(Token<RuleToken> token, string keyword) =>
        token.Kind == RuleToken.Identifier && token.Span.EqualsValueIgnoreCase(keyword);

    internal static IdentifierSyntax Identifier(Token<RuleToken> token) =>
        new(new TextSpan(token.Position.Absolute, token.Span.Length), token.ToStringValue());

    /// <summary>Unescapes a string token and records where each value character came from.</summary>
    internal static StringLiteralSyntax StringLiteral(Token<RuleToken> token)
    {
        var text = token.Span.ToStringValue();
        var origin = token.Position.Absolute;
        var closed = text.Length > 1 && text[^1] == '"';
        if (!text.Contains('\\'))
            return new StringLiteralSyntax(new TextSpan(origin, token.Span.Length), text[1..(closed ? text.Length - 1 : text.Length)], null);
        var value = new StringBuilder(text.Length);
        var offsets = new List<int>(text.Length);
        var end = text.Length > 1 && text[^1] == '"' ? text.Length - 1 : text.Length;
        for (var i = 1; i < end; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < end)
            {
                var e = text[i + 1];
                value.Append(e switch { 'n' => '\n', 't' => '\t', _ => e });
                offsets.Add(origin + i);
                i++;
                continue;
            }
            value.Append(c);
            offsets.Add(origin + i);
        }
        return new StringLiteralSyntax(new TextSpan(origin, token.Span.Length), value.ToString(), offsets.ToArray());
    }
}
