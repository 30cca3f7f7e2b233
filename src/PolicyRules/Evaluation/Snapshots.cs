using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using PolicyRules.Analysis;

namespace PolicyRules.Evaluation;

/// <summary>The outcome of comparing one document's findings with its golden file.</summary>
public sealed record SnapshotResult(string DocumentPath, string GoldenPath, SnapshotStatus Status, string Diff, IReadOnlyList<string> Todos);

/// <summary>How a document's findings compared with its golden file.</summary>
public enum SnapshotStatus
{
    /// <summary>Equal to the golden file.</summary>
    Matched,
    /// <summary>Different, and the golden file was rewritten (accept mode).</summary>
    Accepted,
    /// <summary>No golden file existed; it was written (accept mode).</summary>
    Created,
    /// <summary>No golden file exists (a failure until accepted).</summary>
    Missing,
    /// <summary>Different from the golden file; the received file and a diff show how.</summary>
    Changed,
}

/// <summary>
/// Golden files for regressions, in Verify's convention: <c>X.verified.md</c> holds the reviewed
/// findings and summaries of a document; a mismatch writes <c>X.received.md</c> and shows a diff;
/// accepting rewrites the golden file. A line <c>&lt;!-- todo RULEID: … --&gt;</c> in a golden file
/// records a known gap: it is kept on accept, listed, and never fails a run. The same code serves
/// <c>policyrules test --snapshots</c> and the xunit suite.
/// </summary>
public static partial class Snapshots
{
    [GeneratedRegex(@"^<!--\s*todo\b.*-->\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TodoLine();

    /// <summary>The snapshot text of one analysed document: stable, reviewable Markdown.</summary>
    public static string Render(DocumentAnalysis document, string displayPath)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(displayPath.Replace('\\', '/')).Append("\n\n");
        foreach (var d in document.Diagnostics) sb.Append("- diagnostic ").Append(d.Id).Append(": ").Append(d.Message).Append('\n');
        if (document.Diagnostics.Count > 0) sb.Append('\n');
        var findings = document.Findings.Where(f => !f.IsSuppressed).ToList();
        if (findings.Count == 0) sb.Append("No findings.\n");
        foreach (var f in findings)
        {
            sb.Append("## ").Append(f.RuleId).Append(' ').Append(f.Provision.Key).Append(" (").Append(f.Severity.ToString().ToLowerInvariant())
              .Append(") line ").Append(f.Location.Start.Line).Append('\n');
            sb.Append('\n').Append(f.Summary).Append('\n');
            foreach (var (name, texts) in f.Captures.Where(c => c.Value.Count > 0).OrderBy(c => c.Key, StringComparer.Ordinal))
                sb.Append("\n- ").Append(name).Append(": ").Append(string.Join("; ", texts));
            if (f.Captures.Any(c => c.Value.Count > 0)) sb.Append('\n');
            sb.Append("\n> ").Append(string.Join(' ', f.Excerpt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Append("\n\n");
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Compares (or, with <paramref name="accept"/>, rewrites) one golden file.</summary>
    public static SnapshotResult Check(string documentPath, string goldenPath, string actual, bool accept)
    {
        var received = ReceivedPath(goldenPath);
        var exists = File.Exists(goldenPath);
        var golden = exists ? File.ReadAllText(goldenPath).Replace("\r\n", "\n") : "";
        var todos = golden.Split('\n').Where(l => TodoLine().IsMatch(l.Trim())).ToList();
        var expected = string.Join('\n', golden.Split('\n').Where(l => !TodoLine().IsMatch(l.Trim())));
        if (Normalize(expected) == Normalize(actual))
        {
            if (File.Exists(received)) File.Delete(received);
            return new SnapshotResult(documentPath, goldenPath, SnapshotStatus.Matched, "", todos);
        }
        if (accept)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(goldenPath))!);
            var text = todos.Count == 0 ? actual : string.Join('\n', todos) + "\n" + actual;
            File.WriteAllText(goldenPath, text);
            if (File.Exists(received)) File.Delete(received);
            return new SnapshotResult(documentPath, goldenPath, exists ? SnapshotStatus.Accepted : SnapshotStatus.Created, "", todos);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(received))!);
        File.WriteAllText(received, actual);
        return new SnapshotResult(documentPath, goldenPath, exists ? SnapshotStatus.Changed : SnapshotStatus.Missing,
            exists ? UnifiedDiff(expected, actual) : $"  no golden file {goldenPath}\n", todos);
    }

    /// <summary>Where the findings are written when they differ: <c>X.received.md</c> beside <c>X.verified.md</c>.</summary>
    public static string ReceivedPath(string goldenPath) =>
        goldenPath.EndsWith(".verified.md", StringComparison.Ordinal) ? goldenPath[..^".verified.md".Length] + ".received.md" : goldenPath + ".received";

    /// <summary>The golden file of a document: beside it (or under <paramref name="goldenRoot"/>, mirroring the document folder).</summary>
    public static string GoldenPath(string documentPath, string documentRoot, string? goldenRoot)
    {
        var relative = Path.GetRelativePath(documentRoot, documentPath);
        var withoutExtension = Path.ChangeExtension(relative, null);
        return Path.Combine(goldenRoot ?? documentRoot, withoutExtension + ".verified.md");
    }

    /// <summary>A line diff (DiffPlex) with two lines of context, "-" for the golden side and "+" for the new.</summary>
    public static string UnifiedDiff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var lines = model.Lines;
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Type != ChangeType.Unchanged)
                for (var j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++) keep[j] = true;
        var sb = new StringBuilder();
        var skipped = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!keep[i]) { skipped = true; continue; }
            if (skipped) { sb.Append("  …\n"); skipped = false; }
            var prefix = lines[i].Type switch { ChangeType.Deleted => "- ", ChangeType.Inserted => "+ ", _ => "  " };
            sb.Append(prefix).Append(lines[i].Text).Append('\n');
        }
        return sb.ToString();
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Trim('\n');
}
