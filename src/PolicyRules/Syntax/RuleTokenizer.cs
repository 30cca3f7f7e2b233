using PolicyRules.Diagnostics;
using Superpower.Model;
using TextSpan = Superpower.Model.TextSpan;

namespace PolicyRules.Syntax;

/// <summary>
/// A permissive tokenizer: it never fails. Unknown characters and unterminated strings become
/// diagnostics and the token stream goes on, so the parser can report every later error too.
/// It scans the string directly (Superpower's character-by-character spans are far slower) and
/// hands Superpower tokens whose spans carry absolute offsets, lines and columns.
/// </summary>
internal sealed class RuleTokenizer
{
    private readonly List<(int Offset, int Length, DiagnosticDescriptor Descriptor, object?[] Args)> _problems = new();

    public IReadOnlyList<(int Offset, int Length, DiagnosticDescriptor Descriptor, object?[] Args)> Problems => _problems;

    public static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';
    public static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '-';

    public Token<RuleToken>[] Tokenize(string text)
    {
        var tokens = new List<Token<RuleToken>>(text.Length / 6 + 4);
        int i = 0, line = 1, lineStart = 0;

        void Emit(RuleToken kind, int start, int end) =>
            tokens.Add(new Token<RuleToken>(kind, new TextSpan(text, new Position(start, line, start - lineStart + 1), end - start)));

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n') { i++; line++; lineStart = i; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            var start = i;
            if (IsIdentifierStart(c))
            {
                i++;
                while (i < text.Length && IsIdentifierPart(text[i])) i++;
                Emit(RuleToken.Identifier, start, i);
            }
            else if (char.IsAsciiDigit(c))
            {
                i++;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                Emit(RuleToken.Number, start, i);
            }
            else if (c == '"')
            {
                i = ScanString(text, start);
                Emit(RuleToken.String, start, i);
            }
            else
            {
                var kind = c switch
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
                i++;
                if (kind == RuleToken.Unknown)
                {
                    // A character outside the Basic Multilingual Plane is two UTF-16 units: report it once, whole.
                    if (char.IsHighSurrogate(c) && i < text.Length && char.IsLowSurrogate(text[i]))
                    {
                        _problems.Add((start, 2, SyntaxDiagnostics.UnexpectedCharacter, new object?[] { $"'{char.ConvertFromUtf32(char.ConvertToUtf32(c, text[i]))}'" }));
                        i++;
                    }
                    else
                        _problems.Add((start, 1, SyntaxDiagnostics.UnexpectedCharacter, new object?[] { Describe(c) }));
                }
                Emit(kind, start, i);
            }
        }
        return tokens.ToArray();
    }

    /// <summary>Scans past the closing quote; a string may not run past the end of its line.</summary>
    private int ScanString(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"') return i + 1;
            if (c is '\n' or '\r') break;
            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is '\n' or '\r') { i++; break; }
                if (text[i + 1] is not ('"' or '\\' or 'n' or 't'))
                    _problems.Add((i, 2, SyntaxDiagnostics.InvalidEscape, new object?[] { "\\" + text[i + 1] }));
                i += 2;
                continue;
            }
            i++;
        }
        _problems.Add((start, 1, SyntaxDiagnostics.UnterminatedString, Array.Empty<object?>()));
        return i;
    }

    internal static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
