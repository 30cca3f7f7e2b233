using PolicyRules.Binding;
using PolicyRules.Tests.Support;
using Xunit;
using PolicyRules.Analysis;
using PolicyRules.Evaluation;

namespace PolicyRules.Tests.Regression;

/// <summary>
/// A golden summary of the newest version of every document in the shared corpus, analysed with the
/// built-in pack: any rule change that changes a finding shows up as a reviewable diff. Accept new
/// goldens with <c>POLICYRULES_ACCEPT=1 dotnet test</c> (or <c>policyrules test --snapshots … --accept</c>).
/// </summary>
public class CorpusSnapshotTests
{
    private static readonly Lazy<AnalysisRunner> Runner = new(() => new AnalysisRunner(RuleCompiler.Load(null, includeBuiltIn: true)));

    public static string GoldenRoot => Path.Combine(TestPaths.RepoRoot, "tests", "PolicyRules.Tests", "Snapshots", "corpus");

    /// <summary>The newest version of each SERVICE/DOC-TYPE folder.</summary>
    public static IEnumerable<object[]> NewestDocuments() =>
        TestPaths.CorpusDocuments()
            .GroupBy(p => Path.GetDirectoryName(p)!)
            .Select(g => g.OrderBy(p => p, StringComparer.Ordinal).Last())
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new object[] { Path.GetRelativePath(TestPaths.Corpus, p).Replace('\\', '/') });

    [Theory]
    [MemberData(nameof(NewestDocuments))]
    public void Newest_version_matches_its_golden_summary(string relativePath)
    {
        var analysis = Runner.Value.AnalyzeFile(Path.Combine(TestPaths.Corpus, relativePath));
        Assert.Empty(PolicyRules.Matching.PatternEvaluator.NoWitnesses); // the shared empty result stayed empty
        var folder = Path.GetDirectoryName(relativePath)!; // SERVICE/DOC-TYPE: the golden survives a new version's date
        var golden = Path.Combine(GoldenRoot, folder + ".verified.md");
        var accept = Environment.GetEnvironmentVariable("POLICYRULES_ACCEPT") == "1";
        var result = Snapshots.Check(relativePath, golden, Snapshots.Render(analysis, relativePath), accept);
        Assert.True(result.Status is SnapshotStatus.Matched or SnapshotStatus.Accepted or SnapshotStatus.Created,
            $"{relativePath}: findings differ from {golden} (new version written to {Snapshots.ReceivedPath(golden)}):\n{result.Diff}");
    }

    [Fact]
    public void Every_corpus_folder_has_one_newest_document()
    {
        var newest = NewestDocuments().Select(x => (string)x[0]).ToList();
        Assert.True(newest.Count >= 40, $"only {newest.Count} documents");
        Assert.Equal(newest.Count, newest.Select(p => Path.GetDirectoryName(p)).Distinct().Count());
    }
}
