using PolicyRules.Documents;

namespace PolicyRules.Evaluation;

/// <summary>A candidate vocabulary item for a key: a phrase, or two words in one sentence (<c>A near B</c>).</summary>
public sealed record Suggestion(string Pattern, int MissesCaught, int FalseAlarmsAdded, IReadOnlyList<string> ExampleIds);

/// <summary>What <c>policyrules suggest</c> found for one key on one labelled file.</summary>
public sealed record SuggestionReport(string Key, int Positives, int Misses, int Negatives, bool PositivesOnly,
    IReadOnlyList<Suggestion> Phrases, IReadOnlyList<Suggestion> Pairs);

/// <summary>
/// Mines the labelled units a rule pack misses for candidate lexicon phrases and proximity pairs:
/// word sequences (by stem, as lexicons match) frequent in the misses and rare in the negatives. Each
/// candidate says how many misses it would catch and how many false alarms it would add (negatives
/// that contain it and that the pack does not already report with the key). Nothing is applied: the
/// analyst reads the list and edits the rules.
/// </summary>
public static class RuleSuggester
{
    // Function words never start or end a phrase and never form a pair: on their own they say nothing of a provision.
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "to", "and", "or", "in", "on", "for", "with", "by", "at", "as", "from", "into", "about",
        "is", "are", "be", "been", "was", "were", "we", "you", "your", "our", "us", "they", "their", "it", "its", "this",
        "that", "these", "those", "any", "such", "which", "who", "whom", "if", "all", "other", "may", "will", "can",
        "shall", "would", "could", "should", "has", "have", "had", "do", "does", "not", "no", "s", "i", "e", "g", "ie",
        "eg", "etc", "also", "than", "then", "so", "there", "here", "upon", "under", "over", "more", "each", "some",
    };

    /// <summary>Candidates for <paramref name="key"/> from the misses of an evaluation: the best <paramref name="top"/> phrases and pairs found in at least <paramref name="minCaught"/> misses.</summary>
    public static SuggestionReport Suggest(EvaluationResult result, string key, int top = 20, int minCaught = 2)
    {
        var misses = new List<int>();
        var negatives = new List<int>();
        var positives = 0;
        for (var i = 0; i < result.Units.Count; i++)
        {
            var gold = result.Units[i].Gold.Contains(key);
            if (gold) positives++;
            if (gold && !result.Predicted[i].Contains(key)) misses.Add(i);
            // A false alarm is only added where the pack is not already reporting the key.
            else if (!gold && !result.PositivesOnly && !result.Predicted[i].Contains(key)) negatives.Add(i);
        }
        var words = new Dictionary<int, (string[] Stems, string[] Forms)>();
        (string[] Stems, string[] Forms) WordsOf(int i)
        {
            if (words.TryGetValue(i, out var w)) return w;
            var d = DocumentLoader.Parse(result.Units[i].Text, "unit.txt", DocumentFormat.Text);
            var tokens = d.Tokens.Where(t => t.IsWord).ToList();
            return words[i] = (tokens.Select(t => t.Stem).ToArray(), tokens.Select(t => t.Normalized).ToArray());
        }

        // Phrases: every 1-3 word sequence of a miss that does not start or end with a function word.
        var phraseUnits = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var surface = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var pairUnits = new Dictionary<(string, string), HashSet<int>>();
        foreach (var i in misses)
        {
            var (stems, forms) = WordsOf(i);
            for (var n = 1; n <= 3; n++)
                for (var s = 0; s + n <= stems.Length; s++)
                {
                    if (FunctionWords.Contains(forms[s]) || FunctionWords.Contains(forms[s + n - 1])) continue;
                    var gram = string.Join(' ', stems, s, n);
                    (phraseUnits.TryGetValue(gram, out var set) ? set : phraseUnits[gram] = new HashSet<int>()).Add(i);
                    var form = string.Join(' ', forms, s, n);
                    var forms0 = surface.TryGetValue(gram, out var f) ? f : surface[gram] = new Dictionary<string, int>(StringComparer.Ordinal);
                    forms0[form] = forms0.GetValueOrDefault(form) + 1;
                }
            var content = stems.Where((_, k) => !FunctionWords.Contains(forms[k]) && forms[k].Length > 2).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            for (var a = 0; a < content.Length; a++)
                for (var b = a + 1; b < content.Length; b++)
                {
                    var pair = (content[a], content[b]);
                    (pairUnits.TryGetValue(pair, out var set) ? set : pairUnits[pair] = new HashSet<int>()).Add(i);
                }
        }

        var negativeStems = negatives.Select(i => (i, Stems: WordsOf(i).Stems)).ToList();
        var negativeSets = negativeStems.Select(n => (n.i, Set: n.Stems.ToHashSet(StringComparer.Ordinal))).ToList();
        string Surface(string gram) => surface[gram].OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;

        var phrases = phraseUnits.Where(kv => kv.Value.Count >= minCaught)
            .Select(kv =>
            {
                var grams = kv.Key.Split(' ');
                var fa = negativeStems.Count(n => ContainsSequence(n.Stems, grams));
                return new Suggestion($"\"{Surface(kv.Key)}\"", kv.Value.Count, fa, kv.Value.Order().Take(3).Select(i => result.Units[i].Id).ToList());
            });
        var pairs = pairUnits.Where(kv => kv.Value.Count >= minCaught)
            .Select(kv =>
            {
                var fa = negativeSets.Count(n => n.Set.Contains(kv.Key.Item1) && n.Set.Contains(kv.Key.Item2));
                var left = Surface(kv.Key.Item1);
                var right = Surface(kv.Key.Item2);
                return new Suggestion($"\"{left}\" near \"{right}\"", kv.Value.Count, fa, kv.Value.Order().Take(3).Select(i => result.Units[i].Id).ToList());
            });
        return new SuggestionReport(key, positives, misses.Count, negatives.Count, result.PositivesOnly, Rank(phrases, top), Rank(pairs, top));
    }

    // Best first: what a candidate catches net of what it would add, then more caught, then the pattern text.
    private static List<Suggestion> Rank(IEnumerable<Suggestion> candidates, int top) =>
        candidates.OrderByDescending(s => s.MissesCaught - 2 * s.FalseAlarmsAdded)
            .ThenByDescending(s => s.MissesCaught).ThenBy(s => s.Pattern, StringComparer.Ordinal).Take(top).ToList();

    private static bool ContainsSequence(string[] stems, string[] gram)
    {
        for (var s = 0; s + gram.Length <= stems.Length; s++)
        {
            var k = 0;
            while (k < gram.Length && stems[s + k] == gram[k]) k++;
            if (k == gram.Length) return true;
        }
        return false;
    }

    /// <summary>The report of <c>policyrules suggest</c>.</summary>
    public static string Format(SuggestionReport report, string? split)
    {
        var sb = new System.Text.StringBuilder();
        var half = split is null ? "the whole file" : $"the {split} half";
        sb.Append($"{report.Key} on {half}: {report.Positives} positives, {report.Misses} missed by the rules");
        sb.Append(report.PositivesOnly ? "; positives only, so false alarms cannot be counted\n" : $"; {report.Negatives} negatives the rules do not already report\n");
        if (report.Misses == 0) { sb.Append("Nothing to suggest: the rules miss no positive.\n"); return sb.ToString(); }
        void Table(string title, IReadOnlyList<Suggestion> items)
        {
            sb.Append('\n').Append(title).Append('\n');
            if (items.Count == 0) { sb.Append("  (none in at least two misses)\n"); return; }
            var width = Math.Max(10, items.Max(s => s.Pattern.Length));
            sb.Append($"  {"candidate".PadRight(width)}  catches  false alarms  e.g.\n");
            foreach (var s in items)
                sb.Append($"  {s.Pattern.PadRight(width)}  {s.MissesCaught,7}  {(report.PositivesOnly ? "n/a" : s.FalseAlarmsAdded.ToString(System.Globalization.CultureInfo.InvariantCulture)),12}  {string.Join(", ", s.ExampleIds)}\n");
        }
        Table("Phrases (a lexicon entry matches every inflection of these words):", report.Phrases);
        Table("Pairs of words in one sentence (a pattern 'A near B'):", report.Pairs);
        sb.Append("\nCounts are units of the labelled file. Nothing was changed: edit the rules, then run eval again on the checking half.\n");
        return sb.ToString();
    }
}
