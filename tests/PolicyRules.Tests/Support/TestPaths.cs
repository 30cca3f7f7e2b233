namespace PolicyRules.Tests.Support;

/// <summary>Where tests find the repository and its data: everything lives in the clone (data/, docs/examples).</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>POLICYRULES_CORPUS</c> (a larger corpus laid out the same way), else the repository's <c>data/corpus</c>.</summary>
    public static string Corpus { get; } =
        Environment.GetEnvironmentVariable("POLICYRULES_CORPUS") is { Length: > 0 } env
            ? env
            : Path.Combine(RepoRoot, "data", "corpus");

    /// <summary>The example rules of docs/language.md (training, retention, a template).</summary>
    public static string Examples => Path.Combine(RepoRoot, "docs", "examples");
    /// <summary>The labelled evaluation files (data/eval/README.md).</summary>
    public static string Eval => Path.Combine(RepoRoot, "data", "eval");

    /// <summary>Every document of the corpus, in a stable order.</summary>
    public static IEnumerable<string> CorpusDocuments() =>
        Directory.EnumerateFiles(Corpus, "*.md", SearchOption.AllDirectories)
            .Where(p => !Path.GetFileName(p).StartsWith("LICENSE", StringComparison.Ordinal)
                        && !Path.GetFileName(p).Equals("README.md", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PolicyRules.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PolicyRules.sln not found above " + AppContext.BaseDirectory);
    }
}
