using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PolicyRules.Binding;

namespace PolicyRules.Tests.Language;

/// <summary>No input makes the compiler throw: everything comes back as diagnostics, positioned inside the file.</summary>
public class CompilerPropertyTests
{
    private static readonly string[] Vocabulary =
    {
        "rule", "lexicon", "define", "provision", "match", "severity", "scope", "section", "category", "summary", "file",
        "refs", "help", "example", "counter", "and", "or", "not", "near", "then", "unless", "negated", "near/3", "near/",
        "duration", "money", "age", "place", "date", "train", "x", "T001", "training.opt-out", "warning", "block",
        "\"phrase\"", "\"* gap\"", "\"[|span|]\"", "\"{{ service }}\"", "\"{{ if }}\"", "\"unterminated", "\"\\q\"",
        "{", "}", "(", ")", "=", "|", ":", ",", "/", ".", "#", "@", "\n", "0", "999999999999", "carve_outs:",
    };

    private static bool CompilesWithoutThrowing(string text)
    {
        var set = RuleCompiler.CompileText(text, "p.rules");
        return set.Diagnostics.All(d => d.Location.Span.Start >= 0 && d.Location.Span.End <= text.Length + 1);
    }

    [Property(MaxTest = 500)]
    public bool Arbitrary_text_never_makes_the_compiler_throw(string text) => CompilesWithoutThrowing(text ?? "");

    [Property(MaxTest = 1000)]
    public Property Arbitrary_token_sequences_never_make_the_compiler_throw() =>
        Prop.ForAll(
            Gen.Elements(Vocabulary).ArrayOf().Select(tokens => string.Join(" ", tokens)).ToArbitrary(),
            CompilesWithoutThrowing);

    [Property(MaxTest = 300)]
    public Property Arbitrary_patterns_inside_a_rule_never_make_the_compiler_throw() =>
        Prop.ForAll(
            Gen.Elements(Vocabulary).ArrayOf().Select(tokens => "lexicon train = \"train\"\nrule T001 \"t\" { provision training.opt-out match " + string.Join(" ", tokens) + " }").ToArbitrary(),
            CompilesWithoutThrowing);
}
