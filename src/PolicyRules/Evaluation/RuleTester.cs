using System.Text;
using PolicyRules.Binding;
using PolicyRules.Documents;
using PolicyRules.Matching;
using PolicyRules.Reporting;

namespace PolicyRules.Evaluation;

/// <summary>The outcome of one inline example or counter-example.</summary>
public sealed record ExampleResult(CompiledRule Rule, RuleExample Example, bool Passed, string Failure);

/// <summary>
/// Runs every rule's inline examples (must match; a marked span must be reported: a finding covers
/// it and every mention that decided the finding lies inside it) and counter-examples (must not match).
/// </summary>
public static class RuleTester
{
    /// <summary>Checks every example and counter-example of every rule, rule by rule.</summary>
    public static IReadOnlyList<ExampleResult> Run(CompiledRuleSet rules, Analyzer? analyzer = null)
    {
        analyzer ??= new Analyzer(rules);
        var results = new List<ExampleResult>();
        foreach (var rule in rules.Rules)
            foreach (var example in rule.Examples.Concat(rule.Counters))
                results.Add(Check(analyzer, rule, example));
        return results;
    }

    /// <summary>Checks one example or counter-example of a rule.</summary>
    public static ExampleResult Check(Analyzer analyzer, CompiledRule rule, RuleExample example)
    {
        var document = DocumentLoader.Parse(example.Text, $"{rule.Id} example", DocumentFormat.Text);
        var findings = analyzer.Analyze(document, new[] { rule });
        string? problem = null;
        if (example.IsCounter)
        {
            if (findings.Count > 0)
                problem = $"counter-example matched: \"{findings[0].Excerpt}\"";
        }
        else if (findings.Count == 0)
            problem = "example did not match";
        else
        {
            foreach (var marked in example.ExpectedSpans)
            {
                var covering = findings.Any(f => f.Span.Contains(marked) && f.Mentions.All(m => marked.Contains(m)));
                if (!covering)
                {
                    var reported = string.Join("; ", findings.Select(f =>
                        $"\"{example.Text.Substring(f.Span.Start, f.Span.Length)}\" decided by {string.Join(", ", f.Mentions.Select(m => $"'{example.Text.Substring(m.Start, m.Length)}'"))}"));
                    problem = $"marked span \"{example.Text.Substring(marked.Start, marked.Length)}\" is not the reported span; reported: {reported}";
                    break;
                }
            }
        }
        if (problem is null) return new ExampleResult(rule, example, true, "");

        var sb = new StringBuilder();
        var where = example.Location;
        sb.Append($"{where.Path}({where.Start.Line},{where.Start.Column}): error {rule.Id}: {problem}\n");
        for (var s = 0; s < document.Sentences.Length; s++) sb.Append(ExplainWriter.Tokens(document, s));
        sb.Append(ExplainWriter.Write(analyzer, document, rule));
        return new ExampleResult(rule, example, false, sb.ToString());
    }
}
