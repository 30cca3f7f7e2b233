using Microsoft.Data.Sqlite;
using PolicyRules.Tests.Changes;

namespace PolicyRules.Tests.Archive;

/// <summary>A temporary folder that is deleted (with its databases) when the test ends.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("policyrules-archive-").FullName;
    public string Db => System.IO.Path.Combine(Path, "test.db");
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class ArchiveTestKit
{
    /// <summary>The rule options that make CLI runs use the small test rules.</summary>
    public static string[] RuleArgs(TempDir dir)
    {
        var rules = System.IO.Path.Combine(dir.Path, "rules", "test.rules");
        if (!File.Exists(rules))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(rules)!);
            File.WriteAllText(rules, ChangeTestKit.Rules);
        }
        return new[] { "--no-default-rules", "--rules", rules };
    }

    public const string V1 = "# Privacy\n\nWe retain your conversations for 30 days.\n\nWe are a company.\n";
    public const string V2 = "# Privacy\n\nWe retain your conversations for 5 years.\n\nWe are a company.\n\nWe may use your conversations to train our models.\n";
    public const string V3 = "# Privacy\n\nWe retain your conversations for 5 years.\n\nWe are a company.\n";
}
