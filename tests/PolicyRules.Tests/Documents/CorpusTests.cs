using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PolicyRules.Documents;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Documents;

/// <summary>Every document of the shared corpus: exact spans, a faithful source map, sections that follow the headings.</summary>
public class CorpusTests
{
    private static readonly ConcurrentDictionary<string, PolicyDocument> Cache = new();

    internal static PolicyDocument Loaded(string path) => Cache.GetOrAdd(path, p => DocumentLoader.Load(p));

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var p in TestPaths.CorpusDocuments()) data.Add(Path.GetRelativePath(TestPaths.Corpus, p));
        return data;
    }

    [Fact]
    public void CorpusIsThere() => Assert.Equal(146, TestPaths.CorpusDocuments().Count());

    [Theory]
    [MemberData(nameof(Documents))]
    public void SpansAreExactOrderedAndMapped(string relative)
    {
        var d = Loaded(Path.Combine(TestPaths.Corpus, relative));
        Assert.Equal(DocumentFormat.Markdown, d.Format);
        DocumentInvariants.Check(d);

        // The source map leads back to the same characters: nearly every visible character of the
        // text is the character at its mapped offset (the rest are decoded entities and escapes).
        int visible = 0, same = 0;
        var t = d.Text.Text;
        for (var i = 0; i < t.Length; i++)
        {
            if (char.IsWhiteSpace(t[i])) continue;
            visible++;
            var o = d.MapToOriginal(i);
            if (o < d.Original.Length && d.Original[o] == t[i]) same++;
        }
        Assert.True(same >= visible * 0.995, $"{visible - same} of {visible} characters differ from the source at their mapped offset");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void SectionsFollowTheMarkdownHeadings(string relative)
    {
        var path = Path.Combine(TestPaths.Corpus, relative);
        var d = Loaded(path);
        var markdown = Markdown.Parse(File.ReadAllText(path), new MarkdownPipelineBuilder().UsePipeTables().Build());
        var headings = markdown.Descendants<HeadingBlock>().Where(HasVisibleText).ToList();
        Assert.Equal(headings.Count, d.Blocks.Count(b => b.Kind == BlockKind.Heading));
        Assert.Equal(headings.Count + 1, d.Sections.Length);
        var levels = d.Sections.Skip(1).Select(s => s.Level).ToList();
        Assert.Equal(headings.Select(h => h.Level).ToList(), levels);
    }

    private static bool HasVisibleText(HeadingBlock h) =>
        h.Inline is not null && h.Inline.Descendants<Inline>().Any(i =>
            (i is LiteralInline l && !string.IsNullOrWhiteSpace(l.Content.ToString()) && !InsideImage(i))
            || (i is CodeInline c && !string.IsNullOrWhiteSpace(c.Content)) || i is HtmlEntityInline || i is AutolinkInline);

    private static bool InsideImage(Inline i)
    {
        for (var p = i.Parent; p is not null; p = p.Parent) if (p is LinkInline { IsImage: true }) return true;
        return false;
    }

    /// <summary>The abbreviations of the sentence splitter's contract, as written: no sentence may end with one.</summary>
    internal static readonly string[] Abbreviations =
    [
        "e.g.", "i.e.", "etc.", "Inc.", "Ltd.", "LLC.", "Corp.", "Co.", "U.S.", "U.K.", "E.U.", "No.", "Nos.", "Art.", "Arts.", "Sec.", "Secs.",
        "v.", "vs.", "Mr.", "Ms.", "Dr.", "St.", "cf.", "approx.", "incl.", "p.", "pp.",
        "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    ];

    private static readonly Regex EndsWithAbbreviation = new(
        @"(?<![\p{L}\p{N}.])(" + string.Join("|", Abbreviations.Select(Regex.Escape)) + @")[""”’')\]]*$", RegexOptions.Compiled);

    [Theory]
    [MemberData(nameof(Documents))]
    public void NoSentenceEndsInsideAnAbbreviation(string relative)
    {
        var d = Loaded(Path.Combine(TestPaths.Corpus, relative));
        foreach (var s in d.Sentences)
        {
            var b = d.Blocks[s.Block];
            if (s.Span.End == b.Span.End) continue; // the block ended it, not the splitter
            var text = d.GetText(s.Span);
            Assert.False(EndsWithAbbreviation.IsMatch(text), $"split after an abbreviation: '{text}'");
        }
    }
}
