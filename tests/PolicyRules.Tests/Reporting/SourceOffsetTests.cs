using System.Text.Json;
using PolicyRules.Documents;
using PolicyRules.Tests.Cli;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Reporting;

/// <summary>
/// Issue 13: every <c>start</c>/<c>length</c> a JSON report gives is a range of the source file, and
/// that range holds exactly the passage quoted — over every finding (with the standard pack) and every
/// sentence of the whole corpus as Markdown, as HTML and as wrapped plain text, and of the samples.
/// </summary>
[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public sealed class SourceOffsetTests : IClassFixture<SourceOffsetTests.Renderings>
{
    private readonly Renderings _renderings;

    public SourceOffsetTests(Renderings renderings) => _renderings = renderings;

    /// <summary>The corpus written once as HTML and as plain text, in a folder removed afterwards.</summary>
    public sealed class Renderings : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("pr-offsets-").FullName;
        private readonly Lazy<string> _html;
        private readonly Lazy<string> _text;

        public Renderings()
        {
            _html = new(() => Write("html", ".html", (markdown, _) => SourceRanges.ToHtml(markdown)));
            _text = new(() => Write("text", ".txt", (markdown, path) => SourceRanges.ToWrappedText(DocumentLoader.Parse(markdown, path))));
        }

        public string Folder(string set) => set switch
        {
            "corpus-markdown" => TestPaths.Corpus,
            "corpus-html" => _html.Value,
            "corpus-text" => _text.Value,
            "samples" => Path.Combine(TestPaths.RepoRoot, "samples"),
            _ => throw new ArgumentException(set),
        };

        private string Write(string name, string extension, Func<string, string, string> render)
        {
            var folder = Path.Combine(_root, name);
            foreach (var path in TestPaths.CorpusDocuments())
            {
                var target = Path.Combine(folder, Path.ChangeExtension(Path.GetRelativePath(TestPaths.Corpus, path), extension));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, render(File.ReadAllText(path), path));
            }
            return folder;
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }

    // set, at least this many findings (a run that checks nothing must fail)
    [Theory]
    [InlineData("corpus-markdown", 2000)]
    [InlineData("corpus-html", 2000)]
    [InlineData("corpus-text", 2000)]
    [InlineData("samples", 10)]
    public void Every_finding_and_carve_out_is_where_its_quote_is_in_the_file(string set, int atLeast) =>
        CheckEvery("analyze", set, "findings", atLeast, d => finding =>
        {
            var location = finding.GetProperty("location");
            var what = $"{d.Path} {finding.GetProperty("ruleId").GetString()}";
            var (start, end) = Range(location);
            var format = SourceRanges.FormatOf(d.Path);
            Check(d.Problems, what, format, d.Source, start, end, finding.GetProperty("excerpt").GetString()!);
            Expect(d.Problems, what, "start line/column", SourceRanges.LineColumn(d.Source, start), (location.GetProperty("startLine").GetInt32(), location.GetProperty("startColumn").GetInt32()));
            Expect(d.Problems, what, "end line/column", SourceRanges.LineColumn(d.Source, end), (location.GetProperty("endLine").GetInt32(), location.GetProperty("endColumn").GetInt32()));
            if (finding.TryGetProperty("carveouts", out var carveouts))
                foreach (var c in carveouts.EnumerateArray())
                {
                    var (cueStart, cueEnd) = Range(c);
                    Check(d.Problems, what + " carve-out", format, d.Source, cueStart, cueEnd, c.GetProperty("cue").GetString()!);
                }
        });

    [Theory]
    [InlineData("corpus-markdown", 30000)]
    [InlineData("corpus-html", 30000)]
    [InlineData("corpus-text", 30000)]
    [InlineData("samples", 20)]
    public void Every_sentence_is_where_its_text_is_in_the_file(string set, int atLeast) =>
        CheckEvery("segment", set, "sentences", atLeast, d =>
        {
            var blockKinds = d.Document.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("kind").GetString()!).ToList();
            var index = 0;
            return sentence =>
            {
                var (start, end) = Range(sentence);
                var what = $"{d.Path} sentence {index++}";
                var format = SourceRanges.FormatOf(d.Path, blockKinds[sentence.GetProperty("block").GetInt32()]);
                Check(d.Problems, what, format, d.Source, start, end, sentence.GetProperty("text").GetString()!);
                Expect(d.Problems, what, "line/column", SourceRanges.LineColumn(d.Source, start), (sentence.GetProperty("line").GetInt32(), sentence.GetProperty("column").GetInt32()));
            };
        });

    private sealed record DocumentUnderTest(JsonElement Document, string Path, string Source, List<string> Problems);

    /// <summary>Runs <paramref name="command"/> over a set in JSON and checks every item of every document; at least <paramref name="atLeast"/> must be checked.</summary>
    private void CheckEvery(string command, string set, string items, int atLeast, Func<DocumentUnderTest, Action<JsonElement>> forDocument)
    {
        var r = CliRunner.Run(command, _renderings.Folder(set), "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var document in json.RootElement.GetProperty("documents").EnumerateArray())
        {
            var path = document.GetProperty("path").GetString()!;
            var check = forDocument(new DocumentUnderTest(document, path, File.ReadAllText(path), problems));
            foreach (var item in document.GetProperty(items).EnumerateArray())
            {
                check(item);
                checkedCount++;
            }
        }
        Assert.True(checkedCount >= atLeast, $"only {checkedCount} {items} checked, expected at least {atLeast}");
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) in {checkedCount} {items}:\n" + string.Join("\n", problems.Take(25)));
    }

    private static (int Start, int End) Range(JsonElement e)
    {
        var start = e.GetProperty("start").GetInt32();
        return (start, start + e.GetProperty("length").GetInt32());
    }

    /// <summary>
    /// The passage at [start, end) of the file begins with the quote's first character and ends with
    /// its last (markup outside), its first and last words are the quote's, and with markup removed
    /// and whitespace collapsed it is the quote.
    /// </summary>
    private static void Check(List<string> problems, string what, string format, string source, int start, int end, string quote)
    {
        if (start < 0 || end > source.Length || end < start) { problems.Add($"{what}: [{start}, {end}) is outside the file ({source.Length} chars)"); return; }
        var passage = source[start..end];
        if (!SourceRanges.TightEdges(passage, quote))
            problems.Add($"{what}: the passage does not begin and end where the quote does\n    file:  «{passage}»\n    quote: «{quote}»");
        var clean = SourceRanges.CleanSource(format, source, start, end);
        var expected = SourceRanges.CleanQuote(format, quote);
        if (SourceRanges.EdgeWords(clean) != SourceRanges.EdgeWords(expected))
            problems.Add($"{what}: first/last words {SourceRanges.EdgeWords(clean)} in the file, {SourceRanges.EdgeWords(expected)} in the quote");
        if (clean != expected)
            problems.Add($"{what}: the passage is not the quote\n    file:  «{clean}»\n    quote: «{expected}»");
    }

    private static void Expect<T>(List<string> problems, string what, string name, T counted, T reported)
    {
        if (!EqualityComparer<T>.Default.Equals(counted, reported)) problems.Add($"{what}: {name} reported {reported}, counted {counted}");
    }
}
