using PolicyRules.Binding;
using PolicyRules.Tests.Support;
using Xunit;
using PolicyRules.Evaluation;

namespace PolicyRules.Tests.Evaluation;

/// <summary>
/// The standard pack's measured quality, guarded against regressions: a change to a rule or to the
/// matcher that loses more than a little on any labelled file fails here. The floors sit just under the
/// figures of docs/evaluation.md; raise them when the pack improves.
/// </summary>
public class PackQualityTests
{
    private static readonly Lazy<CompiledRuleSet> Pack = new(() => RuleCompiler.Load(null, includeBuiltIn: true));

    private static EvaluationResult Eval(string file, string? split, bool lexglue = false, int minSupport = 1) =>
        Evaluator.Evaluate(Path.Combine(TestPaths.Eval, file), Pack.Value, new EvaluationOptions { Split = split, LexGlue = lexglue, MinSupport = minSupport });

    // One line per figure: file, half, measure, floor.
    [Theory]
    [InlineData("dev.tsv", null, "macro-F1", 0.95)]                                          // measured 0.985
    [InlineData("policies.tsv", "check", "macro-F1 (keys with >= 5 positives)", 0.62)]   // measured 0.643
    [InlineData("policies.tsv", "tune", "macro-F1 (keys with >= 5 positives)", 0.85)]    // measured 0.872
    [InlineData("claudette-dev.tsv", "check", "LexGLUE macro-F1", 0.83)]                  // measured 83.8
    [InlineData("claudette-dev.tsv", "tune", "LexGLUE macro-F1", 0.844)]                  // measured 85.3
    [InlineData("tosdr-dev.tsv", "check", "macro-recall", 0.70)]                            // measured 0.724
    [InlineData("tosdr-dev.tsv", "tune", "macro-recall", 0.77)]                             // measured 0.793
    [InlineData("probes.tsv", null, "macro-F1", 0.94)]                                        // measured 0.954 (tuned on)
    public void Figure_stays_above_its_floor(string file, string? split, string measure, double floor)
    {
        var result = Eval(file, split, lexglue: measure.StartsWith("LexGLUE"), minSupport: measure.Contains(">= 5") ? 5 : 1);
        var value = measure switch
        {
            "macro-recall" => result.MacroRecall,
            "LexGLUE macro-F1" => result.LexGlue().Macro / 100,
            _ => result.MacroF1,
        };
        Assert.True(value >= floor, $"{file} ({split ?? "whole file"}) {measure}: {value:0.000} fell below {floor:0.000}");
    }
}
