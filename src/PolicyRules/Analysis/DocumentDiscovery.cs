namespace PolicyRules.Analysis;

/// <summary>Which files a command reads when it is given files and folders: one rule for every command.</summary>
public static class DocumentDiscovery
{
    /// <summary>Extensions every command picks up when given a folder.</summary>
    public static readonly string[] DocumentExtensions = { ".md", ".markdown", ".html", ".htm", ".txt" };

    /// <summary>Files named, and documents below folders named, in ordinal path order. A missing path throws <see cref="FileNotFoundException"/>.</summary>
    public static List<string> CollectFiles(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                result.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => DocumentExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Where(f => !Path.GetFileName(f).StartsWith('.') && !IsProjectFile(Path.GetFileName(f)))
                    .Select(f => f.Replace('\\', '/'))
                    .OrderBy(f => f, StringComparer.Ordinal));
            }
            else if (File.Exists(path)) result.Add(path);
            else throw new FileNotFoundException($"'{path}' does not exist", path);
        }
        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>README, LICENSE and CHANGELOG files describe a folder; they are not policies (name them explicitly to analyse them).</summary>
    private static bool IsProjectFile(string name) =>
        name.StartsWith("README", StringComparison.OrdinalIgnoreCase) || name.StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("CHANGELOG", StringComparison.OrdinalIgnoreCase);
}
