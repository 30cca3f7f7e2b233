namespace PolicyRules.Tests.Support;

/// <summary>Where tests find the repository and the shared corpus (never copied into the project).</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>POLICYRULES_CORPUS</c>, else <c>../shared/corpus</c> beside the checkout.</summary>
    public static string Corpus { get; } =
        Environment.GetEnvironmentVariable("POLICYRULES_CORPUS") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));

    public static string Shared { get; } = Path.GetFullPath(Path.Combine(Corpus, ".."));
    public static string Examples => Path.Combine(Shared, "docs", "examples");
    public static string Eval => Path.Combine(Shared, "eval");

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
