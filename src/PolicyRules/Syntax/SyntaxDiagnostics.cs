using PolicyRules.Diagnostics;

namespace PolicyRules.Syntax;

/// <summary>Errors of reading a rule file (PR1001–PR1099). Every id is documented in docs/diagnostics.md.</summary>
internal static class SyntaxDiagnostics
{
    private const string Category = "Syntax";

    public static readonly DiagnosticDescriptor UnterminatedString = new(
        "PR1001", "Unterminated string", "unterminated string: a string must close with '\"' on the same line", Category, Severity.Error);

    public static readonly DiagnosticDescriptor UnexpectedToken = new(
        "PR1002", "Syntax error", "{0}", Category, Severity.Error);

    public static readonly DiagnosticDescriptor UnexpectedCharacter = new(
        "PR1003", "Unexpected character", "unexpected character {0}", Category, Severity.Error);

    public static readonly DiagnosticDescriptor InvalidEscape = new(
        "PR1004", "Invalid escape sequence", "invalid escape sequence '{0}': use \\\", \\\\, \\n or \\t", Category, Severity.Error);

    public static readonly DiagnosticDescriptor NestingTooDeep = new(
        "PR1005", "Pattern nested too deeply", "pattern nested more than {0} levels deep", Category, Severity.Error);

    public static readonly DiagnosticDescriptor MissingCloseBrace = new(
        "PR1006", "Rule not closed", "expected '}}' to close rule {0}", Category, Severity.Error);

    public static readonly DiagnosticDescriptor ExpectedDeclaration = new(
        "PR1007", "Expected a declaration", "unexpected {0}, expected 'rule', 'lexicon' or 'define'", Category, Severity.Error);

    public static readonly DiagnosticDescriptor ExpectedField = new(
        "PR1008", "Expected a rule field", "unexpected {0}, expected a rule field ({1}){2}", Category, Severity.Error);

    public static readonly DiagnosticDescriptor EmptyField = new(
        "PR1009", "Field without a value", "field '{0}' needs {1}", Category, Severity.Error);

    public static readonly DiagnosticDescriptor RuleFileTooLarge = new(
        "PR1010", "Rule file too large", "rule file is {0:N0} characters; the limit is {1:N0}", Category, Severity.Error);

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        UnterminatedString, UnexpectedToken, UnexpectedCharacter, InvalidEscape, NestingTooDeep,
        MissingCloseBrace, ExpectedDeclaration, ExpectedField, EmptyField, RuleFileTooLarge,
    };
}
