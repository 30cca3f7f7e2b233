using Xunit;
using System.Text;
using PolicyRules.Changes;
using PolicyRules.Tests.Support;
using PolicyRules.Indexing;

namespace PolicyRules.Tests.Changes;

/// <summary>Change detection on the real version pairs of data/corpus (README "Documents with history").</summary>
public class CorpusChangeTests
{
    private static string Doc(string relative) => Path.Combine(TestPaths.Corpus, relative);

    [Theory]
    [InlineData("anthropic-claude/privacy-policy/2025-08-29.md")]
    [InlineData("zoom/terms-of-service/2023-08-11.md")]
    [InlineData("x-twitter/privacy-policy/2023-09-29.md")]
    public void Rewritten_links_and_rewrapped_lines_are_no_change(string relative)
    {
        var original = File.ReadAllText(Doc(relative));
        var edited = ChangeTestKit.Rewrap(ChangeTestKit.RewriteLinks(original));
        Assert.NotEqual(original, edited);
        Assert.True(edited.Split('\n').Length > original.Split('\n').Length, "lines were re-wrapped");
        Assert.DoesNotContain(System.Text.RegularExpressions.Regex.Matches(original, @"\]\((https?://[^)\s]+)\)").Select(m => m.Value), edited.Contains);
        foreach (var analyzer in new[] { ChangeTestKit.Analyzer, ChangeTestKit.BuiltIn })
        {
            var before = ChangeTestKit.Records(Encoding.UTF8.GetBytes(original), relative, analyzer);
            var after = ChangeTestKit.Records(Encoding.UTF8.GetBytes(edited), relative, analyzer);
            var changes = ProvisionDiff.Compare(before, after).Changes;
            Assert.True(changes.Count == 0, string.Join("\n", changes.Select(c => $"{c.KindName} {c.Provision}: {c.Before?.Excerpt} | {c.After?.Excerpt}")));
        }
    }

    [Fact]
    public void An_edit_of_only_links_and_line_breaks_is_a_verification_in_the_archive()
    {
        const string relative = "anthropic-claude/privacy-policy/2025-08-29.md";
        var original = File.ReadAllBytes(Doc(relative));
        var edited = Encoding.UTF8.GetBytes(ChangeTestKit.Rewrap(ChangeTestKit.RewriteLinks(Encoding.UTF8.GetString(original))));
        using var dir = new Archive.TempDir();
        using var store = PolicyRules.Archive.SqliteArchiveStore.Open(dir.Db);
        new ArchiveIndexer(store, ChangeTestKit.Analyzer).Add(original, "a.md", "anthropic-claude", "privacy-policy", "2025-08-29", "corpus");
        var again = new ArchiveIndexer(store, ChangeTestKit.Analyzer).Add(edited, "b.md", "anthropic-claude", "privacy-policy", "2025-09-15", "edited");
        Assert.Equal(AddOutcome.Verified, again.Outcome);
    }

    /// <summary>The real 2026-07-23 version of the Copilot terms differs from 2026-04-27 only in two link targets.</summary>
    [Fact]
    public void A_real_version_that_changed_only_link_targets_is_a_verification()
    {
        using var dir = new Archive.TempDir();
        using var store = PolicyRules.Archive.SqliteArchiveStore.Open(dir.Db);
        foreach (var date in new[] { "2026-04-27", "2026-07-23" })
        {
            var path = Doc($"github-copilot/terms-of-service/{date}.md");
            var result = new ArchiveIndexer(store, ChangeTestKit.Analyzer).Add(File.ReadAllBytes(path), date + ".md", "github-copilot", "terms-of-service", date, path);
            Assert.Equal(date == "2026-04-27" ? AddOutcome.Added : AddOutcome.Verified, result.Outcome);
        }
    }

    /// <summary>
    /// The training / opt-out changes of the real pairs, with the built-in pack: each pair must show an
    /// added, removed or changed provision in the training area.
    /// </summary>
    [Theory]
    [InlineData("anthropic-claude/privacy-policy", "2025-08-16", "2025-08-29")]
    [InlineData("mistral-le-chat/privacy-policy", "2024-02-08", "2024-05-29")]
    [InlineData("github-copilot/terms-of-service", "2025-09-30", "2026-04-27")]
    public void Real_pairs_show_the_training_change(string document, string oldDate, string newDate) =>
        AssertTrainingChange(document, oldDate, newDate);

    /// <summary>Pairs whose wording only the standard pack reads ("information we collect … to train", "does not use … to train").</summary>
    [Theory]
    [InlineData("x-twitter/privacy-policy", "2023-05-18", "2023-09-29")]
    [InlineData("zoom/terms-of-service", "2023-08-07", "2023-08-11")]
    [InlineData("linkedin/privacy-policy", "2024-08-01", "2024-09-19")]
    public void Real_pairs_show_the_training_change_with_the_standard_pack(string document, string oldDate, string newDate) =>
        AssertTrainingChange(document, oldDate, newDate);

    private static void AssertTrainingChange(string document, string oldDate, string newDate)
    {
        string[] trainingKeys = { "training.user-content", "training.opt-out", "training.opt-out-carve-out", "training.no-training" };
        var oldPath = Path.Combine(document, oldDate + ".md");
        var newPath = Path.Combine(document, newDate + ".md");
        Assert.True(File.Exists(Doc(oldPath)) && File.Exists(Doc(newPath)), $"corpus pair {document} {oldDate} → {newDate} missing");
        var before = ChangeTestKit.Records(File.ReadAllBytes(Doc(oldPath)), oldPath, ChangeTestKit.BuiltIn);
        var after = ChangeTestKit.Records(File.ReadAllBytes(Doc(newPath)), newPath, ChangeTestKit.BuiltIn);
        var parts = document.Split('/');
        var changes = ChangeSummarizer.Summarize(ProvisionDiff.Compare(before, after).Changes, new ChangeContext(parts[0], parts[1], oldDate, newDate));
        var training = changes.Where(c => trainingKeys.Contains(c.Provision)).ToList();
        Assert.True(training.Count > 0, $"{document} {oldDate} → {newDate}: no training change among: " + string.Join("; ", changes.Select(c => $"{c.KindName} {c.Provision}")));
        Assert.All(training, c => Assert.StartsWith($"Since {newDate}, ", c.Summary));
    }
}
