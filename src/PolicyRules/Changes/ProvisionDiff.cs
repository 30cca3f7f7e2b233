namespace PolicyRules.Changes;

/// <summary>How a provision differs between two versions of a document.</summary>
public enum ChangeKind
{
    /// <summary>Only the new version has it.</summary>
    Added,
    /// <summary>Only the old version has it.</summary>
    Removed,
    /// <summary>Both have it, in different words or with different captures.</summary>
    Changed,
}

/// <summary>One provision that differs between two versions; <see cref="Before"/> is null when added, <see cref="After"/> when removed.</summary>
public sealed record ProvisionChange(string Provision, ChangeKind Kind, string RuleId, ProvisionRecord? Before, ProvisionRecord? After)
{
    /// <summary>The plain-language change summary (see <see cref="ChangeSummarizer"/>).</summary>
    public string Summary { get; init; } = "";

    /// <summary>The kind in lower case (<c>added</c>, <c>removed</c>, <c>changed</c>), as reports write it.</summary>
    public string KindName => Kind switch { ChangeKind.Added => "added", ChangeKind.Removed => "removed", _ => "changed" };
}

/// <summary>
/// A finding of the old version and one of the new that are one provision (index into each list):
/// <see cref="Same"/> when the words and captures are equal, else it changed; <see cref="Similarity"/> is the word-level Jaccard similarity.
/// </summary>
public readonly record struct ProvisionPair(int Old, int New, bool Same, double Similarity, bool SameRuleAndCaptures)
{
    /// <summary>Above this similarity, with the same rule and captures, a reworded provision keeps its meaning (and its registry id).</summary>
    public const double RewordingThreshold = 0.8;

    /// <summary>Whether the pair is one provision that kept its meaning: unchanged, or reworded above <see cref="RewordingThreshold"/>.</summary>
    public bool SameMeaning => Same || (SameRuleAndCaptures && Similarity >= RewordingThreshold);
}

/// <summary>The outcome of comparing two analyses: the changes, and which findings continue (for the provision registry).</summary>
public sealed record ProvisionDiffResult(IReadOnlyList<ProvisionChange> Changes, IReadOnlyList<ProvisionPair> Pairs);

/// <summary>
/// Provision-level diff of two analyses. Findings are matched within one provision key, by content:
/// the same words and captures are the same provision (whatever the bytes, line breaks or link
/// targets); otherwise the most similar pair by word-level Jaccard similarity, above a threshold,
/// is one provision that changed; what is left was added or removed.
/// </summary>
public static class ProvisionDiff
{
    /// <summary>Below this similarity two excerpts are different provisions, not one that changed.</summary>
    public const double ChangedThreshold = 0.35;

    /// <summary>Compares the provisions of an old and a new version; changes are in provision order.</summary>
    public static ProvisionDiffResult Compare(IReadOnlyList<ProvisionRecord> before, IReadOnlyList<ProvisionRecord> after)
    {
        var oldKeys = before.Select(Prepare).ToList();
        var newKeys = after.Select(Prepare).ToList();
        var pairs = new List<ProvisionPair>();
        var changes = new List<ProvisionChange>();
        var provisions = before.Select(r => r.Provision).Concat(after.Select(r => r.Provision)).Distinct().OrderBy(p => p, StringComparer.Ordinal);
        foreach (var provision in provisions)
        {
            var olds = Enumerable.Range(0, before.Count).Where(i => before[i].Provision == provision).ToList();
            var news = Enumerable.Range(0, after.Count).Where(i => after[i].Provision == provision).ToList();
            var candidates = new List<(double Score, int Old, int New, bool Same, double Similarity, bool SameRuleAndCaptures)>();
            foreach (var o in olds)
                foreach (var n in news)
                {
                    var a = oldKeys[o];
                    var b = newKeys[n];
                    var sameRule = before[o].RuleId == after[n].RuleId;
                    var same = sameRule && a.Sequence == b.Sequence && a.Captures == b.Captures;
                    var similarity = ExcerptText.Jaccard(a.Words, b.Words);
                    if (!same && similarity < ChangedThreshold) continue;
                    // Identical pairs first, then by similarity; same rule and captures break near-ties.
                    var score = (same ? 10 : 0) + similarity + (sameRule ? 0.01 : 0) + (a.Captures == b.Captures ? 0.005 : 0);
                    candidates.Add((score, o, n, same, similarity, sameRule && a.Captures == b.Captures));
                }
            var usedOld = new HashSet<int>();
            var usedNew = new HashSet<int>();
            foreach (var c in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Old).ThenBy(c => c.New))
            {
                if (usedOld.Contains(c.Old) || usedNew.Contains(c.New)) continue;
                usedOld.Add(c.Old);
                usedNew.Add(c.New);
                pairs.Add(new ProvisionPair(c.Old, c.New, c.Same, c.Similarity, c.SameRuleAndCaptures));
                if (!c.Same)
                    changes.Add(new ProvisionChange(provision, ChangeKind.Changed, after[c.New].RuleId, before[c.Old], after[c.New]));
            }
            foreach (var o in olds.Where(o => !usedOld.Contains(o)))
                changes.Add(new ProvisionChange(provision, ChangeKind.Removed, before[o].RuleId, before[o], null));
            foreach (var n in news.Where(n => !usedNew.Contains(n)))
                changes.Add(new ProvisionChange(provision, ChangeKind.Added, after[n].RuleId, null, after[n]));
        }
        // Reading order: by provision, then where the text stands in the new version (the old one for removals).
        var ordered = changes
            .OrderBy(c => c.Provision, StringComparer.Ordinal)
            .ThenBy(c => (c.After ?? c.Before)!.Start)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.RuleId, StringComparer.Ordinal)
            .ToList();
        return new ProvisionDiffResult(ordered, pairs.OrderBy(p => p.New).ToList());
    }

    private sealed record Prepared(List<string> Words, string Sequence, string Captures);

    private static Prepared Prepare(ProvisionRecord r)
    {
        var words = ExcerptText.Words(ExcerptText.Normalize(r.Excerpt));
        return new Prepared(words, string.Join(' ', words), ExcerptText.CaptureKey(r.Captures));
    }
}
