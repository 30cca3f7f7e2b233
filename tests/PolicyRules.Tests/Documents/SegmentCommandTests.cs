using System.Text.Json;
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
        Assert.Equal(["headingPath", "start", "length"], section.EnumerateObject().Select(p => p.Name).Take(3));
        Assert.Equal(["Privacy", "Retention"], section.GetProperty("headingPath").EnumerateArray().Select(e => e.GetString()));

        var block = doc.GetProperty("blocks")[3];
        Assert.Equal(["kind", "start", "length", "section"], block.EnumerateObject().Select(p => p.Name));
        Assert.Equal("listitem", block.GetProperty("kind").GetString());
        Assert.Equal(2, block.GetProperty("section").GetInt32());

        var sentence = doc.GetProperty("sentences")[3];
        Assert.Equal(["text", "start", "length", "block", "headingPath"], sentence.EnumerateObject().Select(p => p.Name).Take(5));
        Assert.Equal("We do not sell them unless you agree.", sentence.GetProperty("text").GetString());
        Assert.Equal(2, sentence.GetProperty("block").GetInt32());
        Assert.Equal(5, sentence.GetProperty("line").GetInt32());

        Assert.Equal("do not", doc.GetProperty("negations")[0].GetProperty("cue").GetString());
        Assert.Equal("you agree", doc.GetProperty("exceptions")[0].GetProperty("governed").GetString());
        Assert.Equal("P30D", doc.GetProperty("entities")[0].GetProperty("value").GetString());

        // deterministic: the same input gives the same bytes
        Assert.Equal(output, Run("segment", path, "--format", "json").Out);
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
