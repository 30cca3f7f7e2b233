using PolicyRules.Diagnostics;
using PolicyRules.Text;
using Superpower;
using Superpower.Model;
using TextSpan = Superpower.Model.TextSpan;

namespace PolicyRules.Syntax;

/// <summary>
/// A permissive tokenizer: it never fails. Unknown characters and unterminated strings become
/// diagnostics and the token stream goes on, so the parser can report every later error too.
/// </summary>
internal sealed class RuleTokenizer : Tokenizer<RuleToken>
{
    private readonly List<(int Offset, int Length, DiagnosticDescriptor Descriptor, object?[] Args)> _problems = new();

    public IReadOnlyList<(int Offset, int Length, DiagnosticDescriptor Descriptor, object?[] Args)> Problems => _problems;

    public static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';
    public static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '-';

    protected override IEnumerable<Result<RuleToken>> Tokenize(TextSpan span)
    {
        var rest = SkipWhiteSpaceAndComments(span);
        while (!rest.IsAtEnd)
        {
            var next = rest.ConsumeChar();
            var c = next.Value;
            var start = next.Location;
            TextSpan after;
            RuleToken kind;
            if (IsIdentifierStart(c))
            {
                after = next.Remainder;
                while (!after.IsAtEnd && IsIdentifierPart(after.ConsumeChar().Value)) after = after.ConsumeChar().Remainder;
                kind = RuleToken.Identifier;
            }
            else if (char.IsAsciiDigit(c))
            {
                after = next.Remainder;
                while (!after.IsAtEnd && char.IsAsciiDigit(after.ConsumeChar().Value)) after = after.ConsumeChar().Remainder;
                kind = RuleToken.Number;
            }
            else if (c == '"')
            {
                after = ScanString(next.Remainder, start);
                kind = RuleToken.String;
            }
            else
            {
                after = next.Remainder;
                kind = c switch
                {
                    '{' => RuleToken.LeftBrace,
                    '}' => RuleToken.RightBrace,
                    '(' => RuleToken.LeftParen,
                    ')' => RuleToken.RightParen,
                    '=' => RuleToken.Equals,
                    '|' => RuleToken.Pipe,
                    ':' => RuleToken.Colon,
                    ',' => RuleToken.Comma,
                    '/' => RuleToken.Slash,
                    '.' => RuleToken.Dot,
                    _ => RuleToken.Unknown,
                };
                if (kind == RuleToken.Unknown)
                {
                    // A character outside the Basic Multilingual Plane is two UTF-16 units: report it once, whole.
                    if (char.IsHighSurrogate(c) && !after.IsAtEnd && char.IsLowSurrogate(after.ConsumeChar().Value))
                    {
                        var low = after.ConsumeChar();
                        _problems.Add((start.Position.Absolute, 2, SyntaxDiagnostics.UnexpectedCharacter,
                            new object?[] { $"'{char.ConvertFromUtf32(char.ConvertToUtf32(c, low.Value))}'" }));
                        after = low.Remainder;
                    }
                    else
                        _problems.Add((start.Position.Absolute, 1, SyntaxDiagnostics.UnexpectedCharacter, new object?[] { Describe(c) }));
                }
            }
            yield return Result.Value(kind, start, after);
            rest = SkipWhiteSpaceAndComments(after);
        }
    }

    /// <summary>Scans past the closing quote; a string may not run past the end of its line.</summary>
    private TextSpan ScanString(TextSpan afterQuote, TextSpan start)
    {
        var rest = afterQuote;
        while (!rest.IsAtEnd)
        {
            var ch = rest.ConsumeChar();
            if (ch.Value == '"') return ch.Remainder;
            if (ch.Value == '\n' || ch.Value == '\r') break;
            if (ch.Value == '\\')
            {
                var escaped = ch.Remainder.ConsumeChar();
                if (!escaped.HasValue || escaped.Value == '\n' || escaped.Value == '\r') { rest = ch.Remainder; break; }
                if (escaped.Value is not ('"' or '\\' or 'n' or 't'))
                    _problems.Add((ch.Location.Position.Absolute, 2, SyntaxDiagnostics.InvalidEscape, new object?[] { "\\" + escaped.Value }));
                rest = escaped.Remainder;
                continue;
            }
            rest = ch.Remainder;
        }
        _problems.Add((start.Position.Absolute, 1, SyntaxDiagnostics.UnterminatedString, Array.Empty<object?>()));
        return rest;
    }

    private static TextSpan SkipWhiteSpaceAndComments(TextSpan span)
    {
        var rest = span;
        while (!rest.IsAtEnd)
        {
            var ch = rest.ConsumeChar();
            if (char.IsWhiteSpace(ch.Value)) { rest = ch.Remainder; continue; }
            if (ch.Value == '#')
            {
                rest = ch.Remainder;
                while (!rest.IsAtEnd)
                {
                    var cc = rest.ConsumeChar();
                    if (cc.Value == '\n') break;
                    rest = cc.Remainder;
                }
                continue;
            }
            break;
        }
        return rest;
    }

    internal static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
