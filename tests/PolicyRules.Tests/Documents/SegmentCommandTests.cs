using System.Text.Json;
using PolicyRules.Documents;
using Xunit;

namespace PolicyRules.Tests.Documents;

/// <summary><c>policyrules segment</c>: the JSON contract, the outline, and bad input.</summary>
[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public class SegmentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segment-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var r = Cli.CliRunner.Run(args);
        return (r.ExitCode, r.Out, r.Err);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void JsonFollowsTheContract()
    {
        var path = Write("p.md", "# Privacy\n\n## Retention\n\nWe keep chats for 30 days. We do not sell them unless you agree.\n\n- Logs: 1 year\n");
        var (code, output, err) = Run("segment", path, "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        using var json = JsonDocument.Parse(output);
        var doc = json.RootElement.GetProperty("documents")[0];
        Assert.Equal(path, doc.GetProperty("path").GetString());

        var names = doc.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["path", "format", "sections", "blocks", "sentences", "negations", "exceptions", "entities", "diagnostics"], names);

        var section = doc.GetProperty("sections")[2];
        Assert.Equal(["headingPath", "start", "length", "textStart", "textLength"], section.EnumerateObject().Select(p => p.Name).Take(5));
        Assert.Equal(["Privacy", "Retention"], section.GetProperty("headingPath").EnumerateArray().Select(e => e.GetString()));

        var block = doc.GetProperty("blocks")[3];
        Assert.Equal(["kind", "start", "length", "textStart", "textLength", "section"], block.EnumerateObject().Select(p => p.Name));
        Assert.Equal("listitem", block.GetProperty("kind").GetString());
        Assert.Equal(2, block.GetProperty("section").GetInt32());

        var sentence = doc.GetProperty("sentences")[3];
        Assert.Equal(["text", "start", "length", "textStart", "textLength", "block", "headingPath"], sentence.EnumerateObject().Select(p => p.Name).Take(7));
        Assert.Equal("We do not sell them unless you agree.", sentence.GetProperty("text").GetString());
        Assert.Equal(2, sentence.GetProperty("block").GetInt32());
        Assert.Equal(5, sentence.GetProperty("line").GetInt32());

        Assert.Equal("do not", doc.GetProperty("negations")[0].GetProperty("cue").GetString());
        Assert.Equal("you agree", doc.GetProperty("exceptions")[0].GetProperty("governed").GetString());
        Assert.Equal("P30D", doc.GetProperty("entities")[0].GetProperty("value").GetString());

        // deterministic: the same input gives the same bytes
        Assert.Equal(output, Run("segment", path, "--format", "json").Out);
    }

    /// <summary>
    /// start/length (and scopeStart/…, governedStart/…) are offsets into the file as written, markup
    /// included; textStart/textLength into the document text as loaded (issue 13).
    /// </summary>
    [Theory]
    [InlineData("p.md", "# Privacy Policy\n\nWe keep chats.\n", "blocks", 0, "", "Privacy Policy", "Privacy Policy")]
    [InlineData("p.md", "# Privacy Policy\n\nWe keep chats.\n", "sections", 1, "", "Privacy Policy\n\nWe keep chats.", "Privacy Policy\n\nWe keep chats.")]
    [InlineData("p.md", "# P\n\nWe **keep** [chats](https://a.example) for\n30 days.\n", "sentences", 1, "", "We **keep** [chats](https://a.example) for\n30 days.", "We keep chats for 30 days.")]
    [InlineData("p.md", "# P\n\nWe **keep** [chats](https://a.example) for\n30 days.\n", "entities", 0, "", "30 days", "30 days")]
    [InlineData("p.md", "- We do *not* sell [data](u) unless _you_ agree.\n", "negations", 0, "", "do *not", "do not")]
    [InlineData("p.md", "- We do *not* sell [data](u) unless _you_ agree.\n", "negations", 0, "scope", "sell [data", "sell data")]
    [InlineData("p.md", "- We do *not* sell [data](u) unless _you_ agree.\n", "exceptions", 0, "governed", "you_ agree", "you agree")]
    [InlineData("p.md", "- Notices:\n\n        Acme AI, Inc.\n        Email: legal@acme.example\n", "sentences", 1, "", "Acme AI, Inc.\n        Email: legal@acme.example", "Acme AI, Inc. Email: legal@acme.example")]
    [InlineData("p.html", "<h1>Terms &amp; Rules</h1><p>We call it &quot;Content&quot;</p>", "blocks", 0, "", "Terms &amp; Rules", "Terms & Rules")]
    [InlineData("p.html", "<h1>Terms &amp; Rules</h1><p>We call it &quot;Content&quot;</p>", "sentences", 1, "", "We call it &quot;Content&quot;", "We call it \"Content\"")]
    [InlineData("p.txt", "RETENTION\n\nWe keep chats\nfor 30 days.\n", "sentences", 1, "", "We keep chats\nfor 30 days.", "We keep chats for 30 days.")]
    public void JsonOffsetsAreIntoTheFileAndTextOffsetsIntoTheText(string name, string content, string array, int index, string prefix, string inFile, string inText)
    {
        var path = Write(name, content);
        var (code, output, _) = Run("segment", path, "--format", "json", "--tokens");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var item = json.RootElement.GetProperty("documents")[0].GetProperty(array)[index];
        int Get(string plain, string suffix) => item.GetProperty(prefix.Length == 0 ? plain : prefix + suffix).GetInt32();
        Assert.Equal(inFile, content.Substring(Get("start", "Start"), Get("length", "Length")));
        var text = DocumentLoader.Load(path).Text.Text;
        Assert.Equal(inText, text.Substring(Get("textStart", "TextStart"), Get("textLength", "TextLength")));
    }

    [Fact]
    public void TextIsAnOutline()
    {
        var path = Write("p.md", "# Privacy\n\nWe do not sell data unless you agree. We keep it for 30 days.\n");
        var (code, output, _) = Run("segment", path);
        Assert.Equal(0, code);
        Assert.Contains("§ Privacy", output);
        Assert.Contains("  paragraph 3:1", output);
        Assert.Contains("    3:1  We do not ⟦sell data⟧ unless you agree.", output);
        Assert.Contains("not: \"do not\" → \"sell data\"", output);
        Assert.Contains("exception: \"unless\" → \"you agree\"", output);
        Assert.Contains("duration: \"30 days\" = P30D", output);
    }

    [Fact]
    public void MissingPathIsAUsageError()
    {
        var (code, _, err) = Run("segment");
        Assert.Equal(2, code);
        Assert.Contains("missing PATH", err);
    }

    [Fact]
    public void BinaryInputIsOneLineNamingTheFile()
    {
        var path = Path.Combine(_dir, "image.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]);
        var (code, output, err) = Run("segment", path);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(path, line);
        Assert.Contains("error PR2002", line);
    }

    [Fact]
    public void MissingFileIsOneLineNamingTheFile()
    {
        var path = Path.Combine(_dir, "nope.md");
        var (code, _, err) = Run("segment", path);
        Assert.Equal(2, code);
        Assert.Contains(path, err);
        Assert.DoesNotContain("   at ", err);
    }
}
