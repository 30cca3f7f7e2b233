using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PolicyRules.Documents;

namespace PolicyRules.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "corpus";
        switch (mode)
        {
            case "corpus":
                return Corpus.Run(args.Length > 1 && args[1].Length > 0 ? args[1] : DefaultCorpus(), args.Length > 2 ? int.Parse(args[2]) : 10);
            case "stages":
                return Stages.Run(args.Length > 1 && args[1].Length > 0 ? args[1] : DefaultCorpus(), args.Length > 2 ? int.Parse(args[2]) : 3, args.Skip(3).ToArray());
            case "compile":
                for (var i = 0; i < (args.Length > 1 ? int.Parse(args[1]) : 3); i++)
                {
                    var sw = Stopwatch.StartNew();
                    var set = PolicyRules.Binding.RuleCompiler.Load(null, includeBuiltIn: true);
                    Console.WriteLine($"compile {i + 1}: {sw.Elapsed.TotalMilliseconds:F0} ms, {set.Rules.Count} rules");
                }
                return 0;
            case "corners":
                return Corners.Run();
            case "loaders":
                return Loaders.Run(args.Length > 1 && args[1].Length > 0 ? args[1] : DefaultCorpus(), args.Length > 2 ? int.Parse(args[2]) : 5);
            case "bdn":
                var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
                BenchmarkRunner.Run<DocumentBenchmarks>(config, args.Skip(1).ToArray());
                return 0;
            default:
                Console.Error.WriteLine("usage: PolicyRules.Bench corpus [DIR] [PASSES] | stages [DIR] [PASSES] [RULES...] | loaders [DIR] [PASSES] | compile [N] | corners | bdn [BenchmarkDotNet args]");
                return 2;
        }
    }

    /// <summary><c>POLICYRULES_CORPUS</c>, else the repository's <c>data/corpus</c>.</summary>
    internal static string DefaultCorpus()
    {
        var env = Environment.GetEnvironmentVariable("POLICYRULES_CORPUS");
        if (!string.IsNullOrEmpty(env)) return env;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PolicyRules.sln"))) dir = dir.Parent;
        return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "data", "corpus"));
    }

    /// <summary>Tokens and sentences of every block of a loaded document, into the given (cleared) lists.</summary>
    internal static void Segment(PolicyDocument d, List<TokenDraft> tokens, List<(int First, int Count)> sentences)
    {
        tokens.Clear();
        sentences.Clear();
        var text = d.Text.Text;
        foreach (var block in d.Blocks)
        {
            var first = tokens.Count;
            Tokenizer.Tokenize(text, block.Span.Start, block.Span.End, tokens);
            if (tokens.Count > first) SentenceSplitter.Split(text, tokens, first, tokens.Count, sentences);
        }
    }

    internal static List<(string Path, byte[] Bytes)> ReadCorpus(string dir) =>
        Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories)
            .Where(p => Path.GetExtension(p) is ".md" or ".html" or ".htm" or ".txt")
            .Where(p => !Path.GetFileName(p).StartsWith("LICENSE", StringComparison.Ordinal) && Path.GetFileName(p) != "README.md")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllBytes(p)))
            .ToList();
}

/// <summary>Load + segment + annotate every document, single-threaded, several timed passes after a warm-up.</summary>
internal static class Corpus
{
    public static int Run(string dir, int passes)
    {
        if (!Directory.Exists(dir)) { Console.Error.WriteLine($"corpus folder not found: {dir}"); return 2; }
        var files = Program.ReadCorpus(dir);
        var bytes = files.Sum(f => (long)f.Bytes.Length);
        Console.WriteLine($"{files.Count} documents, {bytes / 1e6:F2} MB, {passes} timed passes, 1 thread");

        var counts = LoadAll(files); // warm-up: JIT tiers up over several passes
        for (var w = 0; w < 4; w++) LoadAll(files);
        Console.WriteLine($"  {counts.Sentences:N0} sentences, {counts.Tokens:N0} tokens, {counts.Entities:N0} entities, {counts.Negations:N0} negation cues, {counts.Exceptions:N0} exception clauses");

        // Wall time and this process's CPU time: on a shared machine the CPU time is the fairer "per core" figure.
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        var total = 0.0;
        var process = Process.GetCurrentProcess();
        for (var p = 0; p < passes; p++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            LoadAll(files);
            sw.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            var s = sw.Elapsed.TotalSeconds;
            best = Math.Min(best, s);
            bestCpu = Math.Min(bestCpu, cpu);
            total += s;
            Console.WriteLine($"  pass {p + 1}: {sw.Elapsed.TotalMilliseconds:F0} ms wall, {cpu * 1000:F0} ms cpu, {bytes / 1e6 / s:F1} MB/s");
        }
        Console.WriteLine($"mean {bytes / 1e6 / (total / passes):F1} MB/s, best {bytes / 1e6 / best:F1} MB/s wall, {bytes / 1e6 / bestCpu:F1} MB/s of CPU time (single thread)");
        return 0;
    }

    private static (long Sentences, long Tokens, long Entities, long Negations, long Exceptions) LoadAll(List<(string Path, byte[] Bytes)> files)
    {
        long sentences = 0, tokens = 0, entities = 0, negations = 0, exceptions = 0;
        foreach (var (path, data) in files)
        {
            var d = DocumentLoader.Load(data, path);
            sentences += d.Sentences.Length;
            tokens += d.Tokens.Length;
            entities += d.Entities.Length;
            negations += d.Negations.Length;
            exceptions += d.Exceptions.Length;
        }
        return (sentences, tokens, entities, negations, exceptions);
    }
}

/// <summary>
/// CPU time of each stage over the whole corpus with the built-in pack, single-threaded: load
/// (decode, segment, annotate), match (term automaton and rule evaluation), render (summaries).
/// Tells where an analyze run spends its time before anything is optimised.
/// </summary>
internal static class Stages
{
    /// <summary>Per stage on one thread; <paramref name="extraRules"/> are rule files added to the built-in pack (e.g. a generated pack).</summary>
    public static int Run(string dir, int passes, string[] extraRules)
    {
        var files = Program.ReadCorpus(dir);
        var bytes = files.Sum(f => (long)f.Bytes.Length);
        var rules = PolicyRules.Binding.RuleCompiler.Load(extraRules, includeBuiltIn: true);
        var analyzer = new PolicyRules.Matching.Analyzer(rules);
        Console.WriteLine($"{files.Count} documents, {bytes / 1e6:F2} MB, {rules.Rules.Count} rules, 1 thread, best of {passes} passes after a warm-up");
        double load = double.MaxValue, match = double.MaxValue, render = double.MaxValue;
        long loadBytes = 0, matchBytes = 0, renderBytes = 0; // allocated per pass (the same every pass)
        for (var p = 0; p <= passes; p++)
        {
            double l = 0, m = 0, r = 0;
            long la = 0, ma = 0, ra = 0;
            var findings = 0;
            foreach (var (path, data) in files)
            {
                var a0 = GC.GetAllocatedBytesForCurrentThread();
                var t0 = Stopwatch.GetTimestamp();
                var d = DocumentLoader.Load(data, path);
                var t1 = Stopwatch.GetTimestamp();
                var a1 = GC.GetAllocatedBytesForCurrentThread();
                var found = analyzer.Analyze(d);
                var t2 = Stopwatch.GetTimestamp();
                var a2 = GC.GetAllocatedBytesForCurrentThread();
                var info = PolicyRules.Matching.DocumentInfo.FromPath(path);
                foreach (var f in found) f.Summary = PolicyRules.Summaries.SummaryRenderer.Render(f, info);
                var t3 = Stopwatch.GetTimestamp();
                var a3 = GC.GetAllocatedBytesForCurrentThread();
                l += Stopwatch.GetElapsedTime(t0, t1).TotalSeconds;
                m += Stopwatch.GetElapsedTime(t1, t2).TotalSeconds;
                r += Stopwatch.GetElapsedTime(t2, t3).TotalSeconds;
                la += a1 - a0; ma += a2 - a1; ra += a3 - a2;
                findings += found.Count;
            }
            if (p == 0) { Console.WriteLine($"  {findings:N0} findings"); continue; }
            load = Math.Min(load, l); match = Math.Min(match, m); render = Math.Min(render, r);
            (loadBytes, matchBytes, renderBytes) = (la, ma, ra);
        }
        var mb = bytes / 1e6;
        // Allocation is the hidden cost: every allocated byte is collected later, on the same cores.
        Console.WriteLine($"  load   {load * 1000,7:F0} ms  {mb / load,6:F1} MB/s  {loadBytes / 1e6,7:F0} MB allocated");
        Console.WriteLine($"  match  {match * 1000,7:F0} ms  {mb / match,6:F1} MB/s  {matchBytes / 1e6,7:F0} MB allocated");
        Console.WriteLine($"  render {render * 1000,7:F0} ms  {mb / render,6:F1} MB/s  {renderBytes / 1e6,7:F0} MB allocated");
        Console.WriteLine($"  total  {(load + match + render) * 1000,7:F0} ms  {mb / (load + match + render),6:F1} MB/s per core  {(loadBytes + matchBytes + renderBytes) / 1e6,7:F0} MB allocated");
        return 0;
    }
}

/// <summary>
/// Each part of loading on its own, one thread, best of the passes (issue 16's "loaders and the
/// splitter"): the Markdown loader (decode, Markdig, the walk into blocks), the HTML loader (the same
/// documents rendered to HTML, AngleSharp and the walk), the splitter (tokens and sentences of every
/// block), the annotators (negation, exceptions, entities), and the whole load for comparison.
/// </summary>
internal static class Loaders
{
    public static int Run(string dir, int passes)
    {
        var files = Program.ReadCorpus(dir);
        var markdownBytes = files.Sum(f => (long)f.Bytes.Length);
        var html = files.Select(f => "<html><body>" + Markdig.Markdown.ToHtml(System.Text.Encoding.UTF8.GetString(f.Bytes)) + "</body></html>").ToList();
        var htmlBytes = html.Sum(h => (long)System.Text.Encoding.UTF8.GetByteCount(h));
        var loaded = files.Select(f => DocumentLoader.Load(f.Bytes, f.Path)).ToList();
        var textBytes = loaded.Sum(d => (long)System.Text.Encoding.UTF8.GetByteCount(d.Text.Text));
        Console.WriteLine($"{files.Count} documents: {markdownBytes / 1e6:F2} MB of Markdown, {htmlBytes / 1e6:F2} MB as HTML, {textBytes / 1e6:F2} MB of loaded text; 1 thread, best of {passes} passes after a warm-up");

        var tokens = new List<TokenDraft>();
        var sentences = new List<(int First, int Count)>();
        var results = new (string Name, long Bytes, Action Body)[]
        {
            ("Markdown loader (decode, Markdig, blocks)", markdownBytes, () =>
            {
                foreach (var (path, bytes) in files)
                {
                    var text = TextDecoder.Decode(bytes, path, out _);
                    var builder = new DocumentBuilder(new PolicyRules.Text.SourceText(text, path));
                    MarkdownLoader.TryLoad(builder);
                    builder.Finish();
                }
            }),
            ("HTML loader (AngleSharp, blocks)", htmlBytes, () =>
            {
                foreach (var h in html)
                {
                    var builder = new DocumentBuilder(new PolicyRules.Text.SourceText(h, "p.html"));
                    HtmlLoader.Load(builder);
                    builder.Finish();
                }
            }),
            ("splitter (tokens, sentences)", textBytes, () =>
            {
                foreach (var d in loaded) Program.Segment(d, tokens, sentences);
            }),
            ("annotators (negation, exceptions, entities)", textBytes, () =>
            {
                foreach (var d in loaded)
                {
                    Program.Segment(d, tokens, sentences);
                    var text = d.Text.Text;
                    var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens);
                    ClauseAnnotator.Annotate(text, span, sentences, new List<NegationCue>(), new List<ExceptionClause>());
                    EntityRecognizer.Recognize(text, span, sentences, new List<Entity>());
                }
            }),
            ("whole load (all of the above, Markdown)", markdownBytes, () =>
            {
                foreach (var (path, bytes) in files) DocumentLoader.Load(bytes, path);
            }),
        };
        double Best(Action body)
        {
            body(); // warm-up
            var best = double.MaxValue;
            for (var p = 0; p < passes; p++)
            {
                var sw = Stopwatch.StartNew();
                body();
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            return best;
        }
        var splitter = results.First(r => r.Name.StartsWith("splitter", StringComparison.Ordinal));
        double? splitterSeconds = null;
        var only = Environment.GetEnvironmentVariable("POLICYRULES_BENCH_ONLY");
        foreach (var (name, bytes, body) in results)
        {
            if (!string.IsNullOrEmpty(only) && !name.StartsWith(only, StringComparison.Ordinal)) continue;
            var best = Best(body);
            if (ReferenceEquals(body, splitter.Body)) splitterSeconds = best;
            // The annotators' line includes the splitter it needs; its own share is the difference
            // (the splitter timed here too when POLICYRULES_BENCH_ONLY skipped its line).
            var own = name.StartsWith("annotators", StringComparison.Ordinal) ? best - (splitterSeconds ??= Best(splitter.Body)) : best;
            Console.WriteLine($"  {name,-46} {own * 1000,6:F0} ms  {bytes / 1e6 / own,6:F1} MB/s");
        }
        return 0;
    }
}

[MemoryDiagnoser]
public class DocumentBenchmarks
{
    private byte[] _markdown = [];
    private string _html = "";
    private string _text = "";
    private PolicyDocument _document = null!;
    private List<TokenDraft> _drafts = new();
    private List<(int First, int Count)> _sentences = new();
    private PolicyRules.Matching.Analyzer _analyzer = null!;
    private IReadOnlyList<PolicyRules.Matching.Finding> _findings = [];
    private PolicyRules.Matching.DocumentInfo _info = null!;

    [GlobalSetup]
    public void Setup()
    {
        var files = Program.ReadCorpus(Program.DefaultCorpus());
        // the largest document: the per-byte cost without per-file overhead dominating
        var (path, bytes) = files.OrderByDescending(f => f.Bytes.Length).First();
        _markdown = bytes;
        _document = DocumentLoader.Load(bytes, path);
        _html = "<html><body>" + Markdig.Markdown.ToHtml(_document.Original.Text) + "</body></html>";
        _text = string.Join("\n\n", _document.Blocks.Select(b => _document.GetText(b.Span)));
        Segment();
        _analyzer = new PolicyRules.Matching.Analyzer(PolicyRules.Binding.RuleCompiler.Load(null, includeBuiltIn: true));
        _findings = _analyzer.Analyze(_document);
        _info = PolicyRules.Matching.DocumentInfo.FromPath(path);
    }

    /// <summary>Everything: decode, Markdown, segment, annotate.</summary>
    [Benchmark(Baseline = true)]
    public PolicyDocument LoadMarkdown() => DocumentLoader.Load(_markdown, "policy.md");

    [Benchmark]
    public PolicyDocument LoadHtml() => DocumentLoader.Parse(_html, "policy.html");

    [Benchmark]
    public PolicyDocument LoadText() => DocumentLoader.Parse(_text, "policy.txt");

    /// <summary>Tokens and sentences of every block of the loaded text.</summary>
    [Benchmark]
    public int Segment()
    {
        Program.Segment(_document, _drafts, _sentences);
        return _sentences.Count;
    }

    /// <summary>Negation scopes, exception clauses and entities over the segmented text.</summary>
    [Benchmark]
    public int Annotate()
    {
        var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_drafts);
        var negations = new List<NegationCue>();
        var exceptions = new List<ExceptionClause>();
        var entities = new List<Entity>();
        ClauseAnnotator.Annotate(_document.Text.Text, tokens, _sentences, negations, exceptions);
        EntityRecognizer.Recognize(_document.Text.Text, tokens, _sentences, entities);
        return negations.Count + exceptions.Count + entities.Count;
    }

    /// <summary>The term automaton and every rule of the standard pack.</summary>
    [Benchmark]
    public int Match() => _analyzer.Analyze(_document).Count;

    /// <summary>The plain-language summary of every finding.</summary>
    [Benchmark]
    public int Render()
    {
        var length = 0;
        foreach (var f in _findings) length += PolicyRules.Summaries.SummaryRenderer.Render(f, _info).Length;
        return length;
    }
}

/// <summary>
/// The corners where a matcher turns quadratic: each case at size n and 4n; a linear (or n log n)
/// cost grows about 4x, a quadratic one 16x.
/// </summary>
internal static class Corners
{
    public static int Run()
    {
        const string lexicons = "lexicon train = \"train\" | \"training\"\nlexicon content = \"content\" | \"conversations\"\nlexicon flag = \"flagged\" | \"safety review\"\n";
        var cases = new (string Name, string Rule, Func<int, string> Text)[]
        {
            ("near/5 with many hits in one sentence", "match train near/5 content",
                n => string.Join(" ", Enumerable.Repeat("train conversations", n)) + "."),
            ("a very long sentence, few hits", "match train near/5 content and not flag",
                n => "We train " + string.Join(" ", Enumerable.Repeat("on the", n)) + " conversations."),
            ("dense trigger terms in a block", "scope block match train and content and not flag",
                n => string.Concat(Enumerable.Repeat("Train content train content. ", n))),
            ("many overlapping findings with carve-outs", "scope block match c: content near train unless f: flag",
                n => string.Concat(Enumerable.Repeat("We train on conversations even if flagged for safety review. ", n))),
        };
        Console.WriteLine("case                                          n       time(n)   time(4n)  ratio (4 = linear, 16 = quadratic)");
        foreach (var (name, rule, text) in cases)
        {
            var set = PolicyRules.Binding.RuleCompiler.CompileText(lexicons + $"rule T001 \"t\" {{ provision training.user-content {rule} }}", "corners.rules");
            if (set.HasErrors) { Console.Error.WriteLine(string.Join("\n", set.Diagnostics)); return 1; }
            var analyzer = new PolicyRules.Matching.Analyzer(set);
            const int n = 2_000;
            double Time(int size)
            {
                var document = DocumentLoader.Parse(text(size), "corner.txt", DocumentFormat.Text);
                analyzer.Analyze(document); // warm-up
                var best = double.MaxValue;
                for (var i = 0; i < 3; i++)
                {
                    var sw = Stopwatch.StartNew();
                    analyzer.Analyze(document);
                    best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
                }
                return best;
            }
            var small = Time(n);
            var large = Time(4 * n);
            Console.WriteLine($"{name,-44} {n,6} {small,8:F1} ms {large,8:F1} ms  {large / small,5:F1}x");
        }
        return 0;
    }
}
