using Superpower.Display;

namespace PolicyRules.Syntax;

/// <summary>Token kinds of the provision language. Keywords are identifiers, recognised by the parser.</summary>
internal enum RuleToken
{
    [Token(Description = "name")] Identifier,
    [Token(Description = "string")] String,
    [Token(Description = "number")] Number,
    [Token(Example = "{")] LeftBrace,
    [Token(Example = "}")] RightBrace,
    [Token(Example = "(")] LeftParen,
    [Token(Example = ")")] RightParen,
    [Token(Example = "=")] Equals,
    [Token(Example = "|")] Pipe,
    [Token(Example = ":")] Colon,
    [Token(Example = ",")] Comma,
    [Token(Example = "/")] Slash,
    [Token(Example = ".")] Dot,
    /// <summary>A character the language has no use for; reported by the tokenizer, kept so the parser resynchronises.</summary>
    [Token(Description = "unexpected character")] Unknown,
}
