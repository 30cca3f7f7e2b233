using System.Text;
using System.Text.RegularExpressions;
using PolicyRules.Documents;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Documents;

/// <summary>One policy as Markdown, as HTML (rendered by Markdig) and as plain text gives the same sentences.</summary>
public class CrossFormatTests
{
    [Theory]
    [InlineData("openai-chatgpt/terms-of-service-eu/2026-07-25.md")]
    [InlineData("anthropic-claude/terms-of-service/2025-08-29.md")]
    [InlineData("mistral-le-chat/privacy-policy/2025-02-06.md")]
    [InlineData("zoom/terms-of-service/2023-08-11.md")]
    [InlineData("github-copilot/terms-of-service/2026-04-27.md")]
    [InlineData("linkedin/privacy-policy/2024-09-19.md")]
    [InlineData("x-twitter/privacy-policy/2024-11-15.md")]
    public void MarkdownHtmlAndTextGiveTheSameSentences(string relative)
    {
        var path = Path.Combine(TestPaths.Corpus, relative);
        Assert.True(File.Exists(path), path);
        var markdown = File.ReadAllText(path);
        var md = DocumentLoader.Parse(markdown, "policy.md");

        var html = DocumentLoader.Parse(SourceRanges.ToHtml(markdown), "policy.html");
        DocumentInvariants.Check(html);

        var plain = new StringBuilder();
        foreach (var b in md.Blocks) plain.Append(md.GetText(b.Span)).Append("\n\n");
        var text = DocumentLoader.Parse(plain.ToString(), "policy.txt");
        DocumentInvariants.Check(text);

        var expected = Sentences(md);
        AssertSame(expected, Sentences(html), "html");
        AssertSame(expected, Sentences(text), "text");
    }

    private static List<string> Sentences(PolicyDocument d) =>
        d.Sentences.Select(s => Regex.Replace(d.GetText(s.Span), @"\s+", " ")).ToList();

    private static void AssertSame(List<string> expected, List<string> actual, string format)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.True(expected[i] == actual[i], $"{format}: sentence {i} differs:\n  md:  {expected[i]}\n  {format}: {actual[i]}");
        Assert.Equal(expected.Count, actual.Count);
    }
}
