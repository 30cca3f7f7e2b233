using Xunit;
using System.Text;
using System.Text.RegularExpressions;
using PolicyRules.Binding;
using PolicyRules.Changes;
using PolicyRules.Matching;
using PolicyRules.Analysis;
using PolicyRules.Indexing;

namespace PolicyRules.Tests.Changes;

/// <summary>Small rule sets and document rewrites shared by the change and archive tests.</summary>
public static class ChangeTestKit
{
    /// <summary>Retention and training rules small enough to reason about in a test.</summary>
    public const string Rules = """
        lexicon keep = "retain" | "keep" | "store"
        lexicon train = "train" | "machine learning"
        lexicon content = "your content" | "conversations" | "inputs"
        lexicon opt-out = "opt out" | "turn off"
        lexicon carve = "safety review" | "feedback"
        rule T01 "Retention period" {
          provision retention.period
          match keep near/12 period: duration and not negated(keep)
          summary "Data is kept for {{ period | array.first }}."
        }
        rule T02 "Training on content" {
          provision training.user-content
          match data: content near train and not negated(train)
        }
        rule T03 "Opt-out with carve-outs" {
          provision training.opt-out-carve-out
          scope block
          match train near content and opt-out unless carve_outs: carve
        }
        """;

    private static readonly Lazy<CompiledRuleSet> Compiled = new(() =>
    {
        var set = RuleCompiler.CompileText(Rules, "test.rules");
        if (set.HasErrors) throw new InvalidOperationException(string.Join("\n", set.Diagnostics));
        return set;
    });

    public static ArchiveAnalyzer Analyzer { get; } = new(new AnalysisRunner(Compiled.Value, new AnalysisOptions { Configuration = SeverityConfiguration.FromText(""), MaxParallelism = 1 }));

    public static ArchiveAnalyzer BuiltIn { get; } = new(new AnalysisRunner(RuleCompiler.Load(null, includeBuiltIn: true),
        new AnalysisOptions { Configuration = SeverityConfiguration.FromText(""), MaxParallelism = 1 }));

    public static List<ProvisionRecord> Records(string markdown, ArchiveAnalyzer? analyzer = null) =>
        Records(Encoding.UTF8.GetBytes(markdown), "example-ai/privacy-policy/2025-01-01.md", analyzer);

    public static List<ProvisionRecord> Records(byte[] bytes, string path, ArchiveAnalyzer? analyzer = null)
    {
        var analysis = (analyzer ?? Analyzer).Runner.AnalyzeBytes(bytes, DocumentInfo.FromPath(path));
        Assert.False(analysis.Failed, string.Join("\n", analysis.Diagnostics));
        return ProvisionRecord.FromFindings(analysis.Findings);
    }

    public static IReadOnlyList<ProvisionChange> Diff(string before, string after, ArchiveAnalyzer? analyzer = null) =>
        ChangeSummarizer.Summarize(ProvisionDiff.Compare(Records(before, analyzer), Records(after, analyzer)).Changes,
            new ChangeContext("example-ai", "privacy-policy", "2025-01-01", "2025-08-29"));

    /// <summary>Every Markdown link target replaced by another URL with tracking parameters.</summary>
    public static string RewriteLinks(string markdown) =>
        Regex.Replace(markdown, @"\]\((https?://[^)\s]+)\)", m => $"](https://mirror.example.org/{m.Groups[1].Value.Length}?utm_source=newsletter&utm_medium=email)");

    /// <summary>Paragraph lines re-wrapped at about 60 characters; headings, list items and tables are left alone.</summary>
    public static string Rewrap(string markdown)
    {
        var sb = new StringBuilder();
        foreach (var line in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var trimmed = line.TrimStart();
            var plain = trimmed.Length > 0 && char.IsLetter(trimmed[0]) && !line.StartsWith(' ') && !trimmed.Contains('|');
            if (!plain) { sb.Append(line).Append('\n'); continue; }
            var width = 0;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                // Only break before a word that cannot start a list item or a heading.
                if (width > 60 && char.IsLetter(words[i][0])) { sb.Append('\n'); width = 0; }
                else if (i > 0) { sb.Append(' '); width++; }
                sb.Append(words[i]);
                width += words[i].Length;
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
