using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PolicyRules.Binding;
using PolicyRules.Documents;
using PolicyRules.Matching;

namespace PolicyRules.Tests.Robustness;

/// <summary>The matcher with the whole standard pack: no text makes it throw, and every finding quotes exactly what lies at its span.</summary>
public class MatcherPropertyTests
{
    private static readonly Lazy<Analyzer> Pack = new(() => new Analyzer(RuleCompiler.Load(null, includeBuiltIn: true)));

    // Words the pack's rules trigger on, so arbitrary texts actually exercise the patterns.
    private static readonly string[] Words =
    {
        "we", "you", "not", "do", "may", "will", "train", "models", "your", "content", "conversations", "opt", "out", "unless",
        "except", "even", "if", "flagged", "safety", "review", "feedback", "retain", "data", "for", "30", "days", "years",
        "arbitration", "binding", "class", "action", "liable", "damages", "$100", "terminate", "account", "sell", "personal",
        "information", "laws", "of", "California", "courts", "under", "13", "terms", "change", "notice", "by", "using", ".", ",", ";",
        ":", "(", ")", "\n\n", "- ", "# ", "AS IS", "without", "warranties", "license", "remove", "any", "time",
    };

    private static bool Holds(string text, DocumentFormat format)
    {
        var document = DocumentLoader.Parse(text, "p", format);
        foreach (var f in Pack.Value.Analyze(document))
        {
            if (f.Span.Start < 0 || f.Span.End > document.Text.Length) return false;
            if (document.Text.ToString(f.Span) != f.Excerpt) return false;
            if (f.Mentions.Any(m => !f.Span.Contains(m) && !f.Carveouts.Any())) return false;
        }
        return true;
    }

    [Property(MaxTest = 200)]
    public bool Arbitrary_text_never_breaks_the_matcher(string text) => Holds(text ?? "", DocumentFormat.Text);

    [Property(MaxTest = 300)]
    public Property Sentences_of_trigger_words_never_break_the_matcher() =>
        Prop.ForAll(
            Gen.Elements(Words).ArrayOf().Select(w => string.Join(" ", w)).ToArbitrary(),
            text => Holds(text, DocumentFormat.Markdown) && Holds(text, DocumentFormat.Text));
}
