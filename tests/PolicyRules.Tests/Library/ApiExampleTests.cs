using System.Text;
using System.Text.RegularExpressions;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Library;

/// <summary>The C# example of docs/api.md, run as written: the test fails if the two texts drift apart or the example stops working.</summary>
public class ApiExampleTests
{
    // The example prints with Console.WriteLine; inside this class that name binds to this capture,
    // so the documented text runs unchanged without redirecting the process's console under parallel tests.
    private static class Console
    {
        public static readonly StringBuilder Out = new();
        public static void WriteLine(string line) => Out.Append(line).Append('\n');
    }

    private static string Example()
    {
        Console.Out.Clear();
        // begin docs/api.md example
        var analyzer = PolicyAnalyzer.StandardPack();   // compiles the standard rule pack: do it once, reuse it

        var policy = """
            # Privacy Policy
            We use the content you submit to train and improve our models, unless you opt out in your settings.
            We keep your chat history for 30 days after you delete it.
            """;
        var result = analyzer.AnalyzeText(policy, "example-chat/privacy-policy/2025-06-01.md");

        foreach (var finding in result.Findings)
        {
            Console.WriteLine($"{finding.RuleId} {finding.Provision.Key} (line {finding.Location.Start.Line}): \"{finding.Excerpt}\"");
            Console.WriteLine($"  {finding.Summary}");
        }
        // end docs/api.md example
        return Console.Out.ToString();
    }

    [Fact]
    public void The_documented_example_is_the_code_this_test_runs()
    {
        var documented = Lines(DocumentedBlock("csharp")).Where(l => !l.StartsWith("using ", StringComparison.Ordinal));

        var source = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "PolicyRules.Tests", "Library", "ApiExampleTests.cs"));
        var start = source.IndexOf("// begin docs/api.md example", StringComparison.Ordinal);
        var end = source.IndexOf("// end docs/api.md example", StringComparison.Ordinal);
        var tested = Lines(source[(source.IndexOf('\n', start) + 1)..end]);

        Assert.Equal(string.Join("\n", documented), string.Join("\n", tested));
    }

    [Fact]
    public void The_example_prints_the_documented_output()
    {
        var output = Lines(Example());
        var documented = Lines(DocumentedBlock("text"));
        Assert.NotEmpty(documented);
        Assert.Equal(documented, output);
    }

    [Fact]
    public void The_example_quotes_and_locates_what_it_finds()
    {
        // Independently of the docs: the training clause (line 2) and the bounded retention (line 3),
        // quoted exactly, with summaries that name the service read from the document's name.
        var output = Example();
        Assert.Contains("training.user-content (line 2): \"We use the content you submit to train and improve our models, unless you opt out in your settings.\"", output);
        Assert.Contains("training.opt-out (line 2)", output);
        Assert.Contains("retention.period (line 3): \"We keep your chat history for 30 days after you delete it.\"", output);
        Assert.Contains("Example Chat states a retention period of 30 days for chat history.", output);
    }

    private static string DocumentedBlock(string language)
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "api.md")).Replace("\r\n", "\n");
        var block = Regex.Match(doc, "```" + language + "\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, $"docs/api.md has no ```{language} block");
        return block.Groups[1].Value;
    }

    /// <summary>Non-blank lines with the common indentation removed, so the docs and the test may indent differently.</summary>
    private static List<string> Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return lines.Where(l => l.Length > 0).Select(l => l[indent..]).ToList();
    }
}
