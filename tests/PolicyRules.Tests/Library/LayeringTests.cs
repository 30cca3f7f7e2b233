using System.Text.RegularExpressions;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Library;

/// <summary>
/// The library's folders form a stack (docs/architecture.md): each may use only the folders before it.
/// A file that uses a later folder, by a using directive or a fully qualified name, fails here.
/// </summary>
public class LayeringTests
{
    // Bottom first. Each folder may use every folder listed before it, and nothing after it.
    private static readonly string[] Layers =
    {
        "Text", "Diagnostics", "Documents", "Syntax", "Binding", "Matching", "Summaries", "Analysis",
        "Changes", "Archive", "Indexing", "Compare", "Reporting", "Evaluation", "Monitoring",
    };

    private static string LibraryRoot => Path.Combine(TestPaths.RepoRoot, "src", "PolicyRules");

    public static TheoryData<string> Folders()
    {
        var data = new TheoryData<string>();
        foreach (var layer in Layers) data.Add(layer);
        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_only_the_folders_before_it(string folder)
    {
        var index = Array.IndexOf(Layers, folder);
        var allowed = Layers.Take(index + 1).ToHashSet();
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(LibraryRoot, folder), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in Regex.Matches(text, @"\bPolicyRules\.([A-Z]\w*)"))
            {
                var used = m.Groups[1].Value;
                if (Layers.Contains(used) && !allowed.Contains(used))
                    violations.Add($"{Path.GetRelativePath(LibraryRoot, file)}: uses {used}");
            }
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations.Distinct()));
    }

    [Fact]
    public void Every_folder_of_the_library_has_a_place_in_the_stack()
    {
        var folders = Directory.EnumerateDirectories(LibraryRoot).Select(Path.GetFileName)
            .Where(n => n is not ("bin" or "obj")).ToList();
        Assert.Empty(folders.Except(Layers));
    }

    [Fact]
    public void The_architecture_document_shows_the_same_stack()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "architecture.md"));
        var positions = Layers.Select(l => doc.IndexOf($"`{l}/`", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.OrderBy(p => p), positions);
    }
}
