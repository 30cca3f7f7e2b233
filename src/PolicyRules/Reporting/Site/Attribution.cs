using System.Text.RegularExpressions;

namespace PolicyRules.Reporting.Site;

/// <summary>The attribution a document collection asks for, quoted on the site's about page.</summary>
public sealed record SiteAttribution(string Text, string Licence, string SourceFile);

/// <summary>
/// Finds the attribution notice of the input documents: the first quoted paragraph after a line that
/// mentions "attribution" in a README.md beside the documents or in a folder above them (the shared
/// corpus's README carries the ODC-BY notice of Open Terms Archive). Quoted, never rewritten.
/// </summary>
internal static partial class AttributionFinder
{
    public static SiteAttribution? Find(IEnumerable<string> inputs)
    {
        foreach (var input in inputs)
        {
            var dir = new DirectoryInfo(Directory.Exists(input) ? input : Path.GetDirectoryName(Path.GetFullPath(input)) ?? ".");
            for (; dir is not null; dir = dir.Parent)
            {
                var readme = Path.Combine(dir.FullName, "README.md");
                if (File.Exists(readme) && Parse(File.ReadAllText(readme)) is { } found)
                    return found with { SourceFile = readme };
            }
        }
        return null;
    }

    /// <summary>The attribution quote of a README, or null when it has none.</summary>
    public static SiteAttribution? Parse(string readme)
    {
        var lines = readme.Replace("\r\n", "\n").Split('\n');
        var afterMention = false;
        var quote = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith('>') && afterMention) { quote.Add(line.TrimStart('>').Trim()); continue; }
            if (quote.Count > 0) break;
            if (line.Contains("attribution", StringComparison.OrdinalIgnoreCase)) afterMention = true;
        }
        if (quote.Count == 0) return null;
        // Markdown autolinks <https://…> read as the bare address (links to sources stay plain text).
        var text = AutoLink().Replace(string.Join(' ', quote), "$1");
        var licence = readme.Contains("ODC-BY 1.0", StringComparison.Ordinal) || readme.Contains("ODC-BY", StringComparison.Ordinal)
            ? "Open Data Commons Attribution License v1.0 (ODC-BY 1.0), https://opendatacommons.org/licenses/by/1-0/"
            : "";
        return new SiteAttribution(text, licence, "");
    }

    [GeneratedRegex(@"<(https?://[^>\s]+)>")]
    private static partial Regex AutoLink();
}
