using PolicyRules.Binding;
using PolicyRules.Diagnostics;

namespace PolicyRules.Tests.Language;

/// <summary>Compiles rule text in memory and renders diagnostics as pinned strings.</summary>
internal static class LanguageTestKit
{
    /// <summary>Lexicons the one-line cases can refer to.</summary>
    public const string Prelude =
        "lexicon train = \"train\" | \"improve our models\"\n" +
        "lexicon content = \"your content\" | \"conversations\"\n" +
        "lexicon optout = \"opt out\" | \"turn off\"\n" +
        "lexicon flag = \"safety review\"\n";

    public static CompiledRuleSet Compile(string text, bool prelude = true) =>
        RuleCompiler.CompileText(prelude ? Prelude + text : text, "t.rules");

    /// <summary>Diagnostics at warning or above as <c>(line,col): error PR1002: message</c>, lines relative to the case.</summary>
    public static string[] Errors(string text, bool prelude = true)
    {
        var offset = prelude ? Prelude.Count(c => c == '\n') : 0;
        return Compile(text, prelude).Diagnostics
            .Where(d => d.Severity >= Severity.Warning)
            .Select(d => $"({d.Location.Start.Line - offset},{d.Location.Start.Column}): {d.Severity.ToName()} {d.Id}: {d.Message}")
            .ToArray();
    }
}
