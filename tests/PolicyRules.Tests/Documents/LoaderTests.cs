using System.Diagnostics;
using System.Text;
using PolicyRules.Documents;
using Xunit;

namespace PolicyRules.Tests.Documents;

/// <summary>Decoding, format detection, the three loaders and bad input.</summary>
public class LoaderTests
{
    [Fact]
    public void EmptyFileLoads()
    {
        var d = DocumentLoader.Load([], "empty.md");
        Assert.Empty(d.Blocks);
        Assert.Empty(d.Sentences);
        Assert.Single(d.Sections);
        Assert.Empty(d.Diagnostics);
        Assert.Equal(0, d.MapToOriginal(0));
    }

    [Fact]
    public void ByteOrderMarkIsDropped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("# Title\n\nText.")).ToArray();
        var d = DocumentLoader.Load(bytes, "bom.md");
        Assert.Equal('#', d.Original[0]);
        Assert.Equal(["Title"], d.Sections[1].HeadingPath.ToArray());
    }

    [Fact]
    public void Utf16WithByteOrderMarkIsDecoded()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("We do not sell data.")).ToArray();
        var d = DocumentLoader.Load(bytes, "utf16.txt");
        Assert.Equal("We do not sell data.", d.Text.Text);
    }

    [Fact]
    public void InvalidUtf8IsAWarningNotACrash()
    {
        var bytes = Encoding.UTF8.GetBytes("Hello ").Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes(" world. We keep data.")).ToArray();
        var d = DocumentLoader.Load(bytes, "bad.txt");
        var warning = Assert.Single(d.Diagnostics);
        Assert.Equal("PR2001", warning.Id);
        Assert.Equal(PolicyRules.Diagnostics.Severity.Warning, warning.Severity);
        Assert.StartsWith("bad.txt(1,7): warning PR2001: invalid UTF-8 at byte 6", warning.ToString());
        Assert.Contains('\uFFFD', d.Original.Text);
        Assert.Equal(2, d.Sentences.Length);
    }

    [Fact]
    public void BinaryInputIsRefusedWithAnErrorNamingTheFile()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D };
        var e = Assert.Throws<DocumentLoadException>(() => DocumentLoader.Load(bytes, "logo.png"));
        Assert.Equal("PR2002", e.Diagnostic.Id);
        Assert.Equal("logo.png", e.Path);
        Assert.Equal("logo.png: error PR2002: 'logo.png' looks like a binary file (NUL byte at offset 8), not a policy document", e.Message);
    }

    [Fact]
    public void ManyControlCharactersAreBinary()
    {
        var bytes = Enumerable.Range(0, 400).Select(i => (byte)(i % 3 == 0 ? 0x01 : 0x41)).ToArray();
        Assert.Equal("PR2002", Assert.Throws<DocumentLoadException>(() => DocumentLoader.Load(bytes, "x.bin")).Diagnostic.Id);
    }

    [Fact]
    public void MissingFileIsAnErrorNamingTheFile()
    {
        var e = Assert.Throws<DocumentLoadException>(() => DocumentLoader.Load("/no/such/dir/policy.md"));
        Assert.Equal("PR2003", e.Diagnostic.Id);
        Assert.Contains("/no/such/dir/policy.md", e.Message);
    }

    [Fact]
    public void HundredThousandNestedHtmlElementsDoNotCrash()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "deep text" + string.Concat(Enumerable.Repeat("</div>", 100_000));
        var sw = Stopwatch.StartNew();
        var d = DocumentLoader.Parse(html, "deep.html");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"took {sw.Elapsed}");
        Assert.Equal("deep text", d.Text.Text);
        Assert.Equal("PR2004", Assert.Single(d.Diagnostics).Id);
        DocumentInvariants.Check(d);
        Assert.Equal(html.IndexOf("deep", StringComparison.Ordinal), d.MapToOriginal(0));
    }

    [Fact]
    public void HundredThousandNestedInlineElementsDoNotCrash()
    {
        var html = "<p>" + string.Concat(Enumerable.Repeat("<b>", 100_000)) + "bold";
        var d = DocumentLoader.Parse(html, "deep.html");
        Assert.Equal("bold", d.Text.Text);
    }

    [Fact]
    public void DeeplyNestedMarkdownFallsBackToText()
    {
        var d = DocumentLoader.Parse(new string('>', 100_000) + " hi\n", "deep.md");
        Assert.Equal("PR2004", Assert.Single(d.Diagnostics).Id);
        Assert.EndsWith("hi", d.Text.Text);
    }

    [Theory]
    [InlineData(DocumentFormat.Text)]
    [InlineData(DocumentFormat.Markdown)]
    [InlineData(DocumentFormat.Html)]
    public void MegabyteLineWithoutPunctuationIsFast(DocumentFormat format)
    {
        var text = string.Concat(Enumerable.Repeat("data we collect ", 70_000)); // ~1.1 MB
        var sw = Stopwatch.StartNew();
        var d = DocumentLoader.Parse(text, "long", format);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
        Assert.Single(d.Sentences);
        Assert.Equal(210_000, d.Tokens.Length);
    }

    [Theory]
    [InlineData("policy.md", "x", DocumentFormat.Markdown)]
    [InlineData("policy.MARKDOWN", "x", DocumentFormat.Markdown)]
    [InlineData("policy.htm", "x", DocumentFormat.Html)]
    [InlineData("policy.txt", "<html>", DocumentFormat.Text)]
    [InlineData("policy", "<!DOCTYPE html><html><body><p>x</p></body></html>", DocumentFormat.Html)]
    [InlineData("policy", "<div><p>Hello</p><p>World</p></div>", DocumentFormat.Html)]
    [InlineData("policy", "# Privacy\n\nWe collect [data](http://x).\n", DocumentFormat.Markdown)]
    [InlineData("policy.dat", "Privacy Policy\n\nWe collect data.\n", DocumentFormat.Text)]
    public void FormatByExtensionThenContent(string path, string content, DocumentFormat expected) =>
        Assert.Equal(expected, DocumentLoader.DetectFormat(path, content));

    [Fact]
    public void MarkdownDropsMarkupButKeepsLinkText()
    {
        var md = "# Data *Use*\n\nWe **never** sell [your data](https://a.example/x) ![logo](l.png) to <span>brokers</span> &amp; others\\!\n\n---\n\n| Plan | Training |\n|---|---|\n| Free | Opt-out |\n\n> Quoted text.\n\n```\ncode line\n```\n";
        var d = DocumentLoader.Parse(md, "p.md");
        Assert.Equal("Data Use\n\nWe never sell your data to brokers & others!\n\nPlan\nTraining\nFree\nOpt-out\n\nQuoted text.\n\ncode line", d.Text.Text);
        Assert.Equal([BlockKind.Heading, BlockKind.Paragraph, BlockKind.TableCell, BlockKind.TableCell, BlockKind.TableCell, BlockKind.TableCell, BlockKind.Quote, BlockKind.Code],
            d.Blocks.Select(b => b.Kind));
        // a changed link target changes nothing
        var other = DocumentLoader.Parse(md.Replace("https://a.example/x", "https://b.example/y/z"), "p.md");
        Assert.Equal(d.Text.Text, other.Text.Text);
        // positions lead back to the file
        var sell = d.Text.Text.IndexOf("sell", StringComparison.Ordinal);
        Assert.Equal(md.IndexOf("sell", StringComparison.Ordinal), d.MapToOriginal(sell));
        var amp = d.Text.Text.IndexOf('&');
        Assert.Equal(md.IndexOf("&amp;", StringComparison.Ordinal), d.MapToOriginal(amp));
        var location = d.GetOriginalLocation(d.Sentences[1].Span);
        Assert.Equal((3, 1), (location.Start.Line, location.Start.Column));
    }

    [Fact]
    public void HtmlDropsChromeAndKeepsStructure()
    {
        var html = """
            <!DOCTYPE html><html><head><title>Policy</title><style>p{}</style><script>var x = "<p>no</p>";</script></head>
            <body><header><nav><a href="/">Home</a></nav></header>
            <main><h1>Privacy &amp; Terms</h1>
            <p>We do <b>not</b> sell
               your data.</p>
            <h2>Retention</h2>
            <ul><li>Chats: 30 days</li><li><p>Logs: 1 year</p></li></ul>
            <table><tr><th>Plan</th><td>Free</td></tr></table>
            <blockquote>Quoted.</blockquote>
            <button>Accept cookies</button><div hidden>secret</div><div aria-hidden="true">icon</div>
            </main><footer>© 2024 Acme</footer><noscript>Enable JS</noscript></body></html>
            """;
        var d = DocumentLoader.Parse(html, "p.html");
        Assert.Equal("Privacy & Terms\n\nWe do not sell your data.\n\nRetention\n\nChats: 30 days\nLogs: 1 year\n\nPlan\nFree\n\nQuoted.", d.Text.Text);
        Assert.Equal([BlockKind.Heading, BlockKind.Paragraph, BlockKind.Heading, BlockKind.ListItem, BlockKind.ListItem, BlockKind.TableCell, BlockKind.TableCell, BlockKind.Quote],
            d.Blocks.Select(b => b.Kind));
        Assert.Equal(["Privacy & Terms", "Retention"], d.Sections[2].HeadingPath.ToArray());
        Assert.Equal(2, d.Blocks[3].Section);
        var sell = d.Text.Text.IndexOf("sell", StringComparison.Ordinal);
        Assert.Equal(html.IndexOf("sell", StringComparison.Ordinal), d.MapToOriginal(sell));
        var your = d.Text.Text.IndexOf("your", StringComparison.Ordinal);
        Assert.Equal(html.IndexOf("your", StringComparison.Ordinal), d.MapToOriginal(your));
        DocumentInvariants.Check(d);
    }

    [Fact]
    public void PlainTextFindsHeadingsFromNumberingAndCapitals()
    {
        var text = "PRIVACY POLICY\n\n1. Introduction\n\nWe collect data.\nMore on a second line.\n\n4.2 Retention\n\nWe keep it.\n\nSection 7\n\nLaw.\n\nARTICLE V\n\n- first item\n- second item\n\n1. We collect your data when you use the Services.\n";
        var d = DocumentLoader.Parse(text, "p.txt");
        var headings = d.Sections.Skip(1).Select(s => $"{s.Level}:{s.Heading}").ToArray();
        Assert.Equal(["1:PRIVACY POLICY", "1:1. Introduction", "2:4.2 Retention", "2:Section 7", "1:ARTICLE V"], headings);
        Assert.Contains(d.Blocks, b => b.Kind == BlockKind.ListItem && d.GetText(b.Span) == "second item");
        Assert.Contains(d.Sentences, s => d.GetText(s.Span) == "More on a second line.");
        Assert.Equal("We collect data. More on a second line.", d.GetText(d.Blocks[2].Span));
        Assert.Equal(BlockKind.Paragraph, d.Blocks[^1].Kind);
    }

    // One line per case: a one-line plain-text paragraph and whether it is a heading.
    [Theory]
    [InlineData("LIMITATION OF LIABILITY", true)]
    [InlineData("HOW LONG WE KEEP YOUR DATA", true)]
    [InlineData("THE SERVICES ARE PROVIDED \"AS IS\" WITH ALL FAULTS", false)]   // a disclaimer without its full stop
    [InlineData("WE MAY SUSPEND YOUR ACCOUNT AT ANY TIME", false)]
    [InlineData("The services are provided as is", false)]
    public void PlainTextAllCapsLineIsAHeadingOnlyWithoutAFiniteVerb(string line, bool heading)
    {
        var d = DocumentLoader.Parse(line + "\n\nMore text.\n", "p.txt");
        Assert.Equal(heading ? BlockKind.Heading : BlockKind.Paragraph, d.Blocks[0].Kind);
    }
}
