using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PolicyRules.Binding;

namespace PolicyRules.Tests.Language;

/// <summary>
/// No rule disappears silently: over generated rule sets (lexicons that include each other, share phrases,
/// form cycles or name nothing; defines; rules that use any of them), every declared rule either compiles
/// or has at least one error whose span lies inside the rule's declaration.
/// </summary>
public class RuleSetPropertyTests
{
    private static readonly string[] Phrases = { "train", "use", "model", "data", "your data", "opt out", "x" };
    private static readonly string[] Names = { "la", "lb", "lc", "ld", "da", "db", "missing" };

    // One lexicon or define line: entries are phrases or names (a name may be a lexicon, a define, itself or nothing).
    private static Gen<string> Declaration(string name) =>
        from isDefine in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from entries in Gen.OneOf(
                Gen.Elements(Phrases).Select(p => "\"" + p + "\""),
                Gen.Elements(Names))
            .NonEmptyListOf()
        select isDefine
            ? $"define {name.Replace('l', 'd')} = {string.Join(" or ", entries.Take(3))}"
            : $"lexicon {name} = {string.Join(" | ", entries.Take(4))}";

    private static Gen<string> RuleText(int index) =>
        from left in Gen.Elements(Names.Concat(Phrases.Select(p => "\"" + p + "\"")).ToArray())
        from op in Gen.Elements(" and ", " near/5 ", " or ", " and not ", " then ")
        from right in Gen.Elements(Names.Concat(Phrases.Select(p => "\"" + p + "\"")).ToArray())
        select $"rule R{index:000} \"rule {index}\" {{\n  provision training.user-content\n  match {left}{op}{right}\n}}";

    private static readonly Gen<string> RuleSet =
        from declarations in Gen.CollectToArray(new[] { "la", "lb", "lc", "ld" }.Select(Declaration))
        from count in Gen.Choose(1, 4)
        from rules in Gen.CollectToArray(Enumerable.Range(1, count).Select(RuleText))
        select string.Join("\n", declarations) + "\n" + string.Join("\n", rules) + "\n";

    [Property(MaxTest = 500)]
    public Property Every_rule_compiles_or_has_an_error_inside_it() =>
        Prop.ForAll(RuleSet.ToArbitrary(), text =>
        {
            var set = RuleCompiler.CompileText(text, "p.rules");
            var compiled = set.Rules.Select(r => r.Id).ToHashSet();
            var errors = set.Diagnostics.Where(d => d.IsError).ToList();
            foreach (Match m in Regex.Matches(text, @"rule (R\d+) [^{]*\{[^}]*\}"))
            {
                var id = m.Groups[1].Value;
                if (compiled.Contains(id)) continue;
                var inside = errors.Any(e => e.Location.Span.Start >= m.Index && e.Location.Span.End <= m.Index + m.Length);
                if (!inside) return false.Label($"{id} did not compile and has no error inside it:\n{text}\n{string.Join("\n", set.Diagnostics)}");
            }
            return true.Label("ok");
        });
}
