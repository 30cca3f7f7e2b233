using System.Globalization;
using System.Text;
using PolicyRules.Binding;
using PolicyRules.Documents;
using PolicyRules.Matching;

namespace PolicyRules.Reporting;

/// <summary>One labelled unit: a passage (dev layout) or a sentence (CLAUDETTE layout).</summary>
public sealed record LabelledUnit(string Id, string Document, string Text, IReadOnlySet<string> Gold, string Note);

/// <summary>Precision, recall and F1 of one key.</summary>
public sealed record KeyScore(string Key, int Support, int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>Of the units predicted to have the key, the share that do (1 when none were predicted and none had it).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? (Support == 0 ? 1 : 0) : (double)TruePositives / (TruePositives + FalsePositives);
    /// <summary>Of the units that have the key, the share predicted (1 when none have it).</summary>
    public double Recall => Support == 0 ? 1 : (double)TruePositives / Support;
    /// <summary>The harmonic mean of precision and recall.</summary>
    public double F1 => TruePositives == 0 ? (Support == 0 && FalsePositives == 0 ? 1 : 0) : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>The measured quality of a rule pack on a labelled file.</summary>
public sealed class EvaluationResult
{
    /// <summary><c>passages</c> (an <c>id</c>/<c>text</c>/<c>keys</c> file) or <c>sentences</c> (a CLAUDETTE-style <c>doc</c>/<c>sentence_id</c> file).</summary>
    public required string Layout { get; init; }
    /// <summary>The labelled units, in file order.</summary>
    public required IReadOnlyList<LabelledUnit> Units { get; init; }
    /// <summary>The keys predicted for each unit, in the order of <see cref="Units"/>.</summary>
    public required IReadOnlyList<IReadOnlySet<string>> Predicted { get; init; }
    /// <summary>The keys scored.</summary>
    public required IReadOnlyList<string> Keys { get; init; }
    /// <summary>One score per key of <see cref="Keys"/>.</summary>
    public required IReadOnlyList<KeyScore> Scores { get; init; }

    /// <summary>The mean of the keys' F1.</summary>
    public double MacroF1 => Scores.Count == 0 ? 0 : Scores.Average(s => s.F1);
    /// <summary>F1 over every key's counts pooled.</summary>
    public double MicroF1
    {
        get
        {
            int tp = Scores.Sum(s => s.TruePositives), fp = Scores.Sum(s => s.FalsePositives), fn = Scores.Sum(s => s.FalseNegatives);
            return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
    }

    /// <summary>
    /// LexGLUE's UNFAIR-ToS scoring: every unit gets the label vector of the evaluated keys plus a
    /// "no label" column (set when no key is), then F1 is averaged over the columns (macro) or
    /// pooled (micro), ×100.
    /// </summary>
    public (double Macro, double Micro) LexGlue()
    {
        var columns = Keys.Append("(none)").ToList();
        var counts = columns.ToDictionary(c => c, _ => (Tp: 0, Fp: 0, Fn: 0));
        for (var i = 0; i < Units.Count; i++)
        {
            var gold = Units[i].Gold.Where(Keys.Contains).ToHashSet();
            var pred = Predicted[i].Where(Keys.Contains).ToHashSet();
            if (gold.Count == 0) gold.Add("(none)");
            if (pred.Count == 0) pred.Add("(none)");
            foreach (var c in columns)
            {
                var (tp, fp, fn) = counts[c];
                bool g = gold.Contains(c), p = pred.Contains(c);
                counts[c] = (tp + (g && p ? 1 : 0), fp + (!g && p ? 1 : 0), fn + (g && !p ? 1 : 0));
            }
        }
        double F(int tp, int fp, int fn) => tp == 0 ? (fp == 0 && fn == 0 ? 1 : 0) : 2.0 * tp / (2.0 * tp + fp + fn);
        var macro = columns.Average(c => F(counts[c].Tp, counts[c].Fp, counts[c].Fn)) * 100;
        var micro = F(counts.Values.Sum(v => v.Tp), counts.Values.Sum(v => v.Fp), counts.Values.Sum(v => v.Fn)) * 100;
        return (macro, micro);
    }
}

/// <summary>
/// <c>policyrules eval</c>: reads both layouts of ../shared/eval (design.md, "Quality bar") and
/// scores a rule pack. A finding of <c>liability.cap</c> also counts as <c>liability.limitation</c>,
/// in the labels as in the predictions.
/// </summary>
public static class Evaluator
{
    /// <summary>The keys CLAUDETTE's eight categories map to.</summary>
    public static readonly string[] ClaudetteKeys =
    {
        "acceptance.by-use", "changes.unilateral", "content.removal", "disputes.arbitration",
        "disputes.governing-law", "disputes.venue", "liability.limitation", "termination.unilateral",
    };

    /// <summary>Reads a labelled TSV file of either layout; throws <see cref="InvalidDataException"/> for a malformed one.</summary>
    public static List<LabelledUnit> Read(string path, out string layout)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new InvalidDataException($"{path}: the file is empty");
        var header = lines[0].Split('\t');
        int Column(string name) => Array.FindIndex(header, h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        var units = new List<LabelledUnit>();
        if (Column("doc") >= 0 && Column("sentence_id") >= 0)
        {
            layout = "sentences";
            int doc = Column("doc"), sid = Column("sentence_id"), text = Column("text"), keys = Column("keys");
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                var c = lines[i].Split('\t');
                if (c.Length <= Math.Max(text, doc)) throw new InvalidDataException($"{path}({i + 1}): expected {header.Length} tab-separated columns");
                units.Add(new LabelledUnit($"{c[doc]}#{c[sid]}", c[doc], c[text], Keys(c.Length > keys ? c[keys] : ""), ""));
            }
        }
        else if (Column("id") >= 0 && Column("text") >= 0)
        {
            layout = "passages";
            int id = Column("id"), text = Column("text"), keys = Column("keys"), note = Column("note");
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                var c = lines[i].Split('\t');
                if (c.Length <= text) throw new InvalidDataException($"{path}({i + 1}): expected {header.Length} tab-separated columns");
                units.Add(new LabelledUnit(c[id], c[id], c[text], Keys(keys >= 0 && c.Length > keys ? c[keys] : ""), note >= 0 && c.Length > note ? c[note] : ""));
            }
        }
        else throw new InvalidDataException($"{path}(1): expected a header 'id, text, keys, note' or 'doc, sentence_id, text, keys'");
        return units;
    }

    private static IReadOnlySet<string> Keys(string cell) =>
        Expand(cell.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static HashSet<string> Expand(IEnumerable<string> keys)
    {
        var set = new HashSet<string>(keys, StringComparer.Ordinal);
        if (set.Contains("liability.cap")) set.Add("liability.limitation");
        return set;
    }

    /// <summary>Runs the rules on every unit of a labelled file and scores them per key; with <paramref name="lexglue"/> (always for the sentence layout) only the keys CLAUDETTE labels are scored, else every key of the gold labels.</summary>
    public static EvaluationResult Evaluate(string path, CompiledRuleSet rules, bool lexglue = false)
    {
        var units = Read(path, out var layout);
        var analyzer = new Analyzer(rules);
        var predicted = layout == "passages" ? PredictPassages(units, analyzer) : PredictSentences(units, analyzer);
        var keys = lexglue || layout == "sentences"
            ? ClaudetteKeys.ToList()
            : units.SelectMany(u => u.Gold).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var scores = keys.Select(key =>
        {
            int tp = 0, fp = 0, fn = 0, support = 0;
            for (var i = 0; i < units.Count; i++)
            {
                bool g = units[i].Gold.Contains(key), p = predicted[i].Contains(key);
                if (g) support++;
                if (g && p) tp++;
                else if (p) fp++;
                else if (g) fn++;
            }
            return new KeyScore(key, support, tp, fp, fn);
        }).ToList();
        return new EvaluationResult { Layout = layout, Units = units, Predicted = predicted, Keys = keys, Scores = scores };
    }

    /// <summary>Each passage is one plain-text document.</summary>
    private static List<IReadOnlySet<string>> PredictPassages(List<LabelledUnit> units, Analyzer analyzer)
    {
        var result = new IReadOnlySet<string>[units.Count];
        Parallel.For(0, units.Count, i =>
        {
            var document = DocumentLoader.Parse(units[i].Text, units[i].Id + ".txt", DocumentFormat.Text);
            result[i] = Expand(analyzer.Analyze(document).Select(f => f.Provision.Key));
        });
        return result.ToList();
    }

    /// <summary>The sentences of one doc, in order and each its own paragraph, are one document; a finding counts for every sentence its span overlaps.</summary>
    private static List<IReadOnlySet<string>> PredictSentences(List<LabelledUnit> units, Analyzer analyzer)
    {
        var result = new IReadOnlySet<string>[units.Count];
        var groups = units.Select((u, i) => (u, i)).GroupBy(x => x.u.Document).ToList();
        Parallel.ForEach(groups, group =>
        {
            var items = group.ToList();
            var text = new StringBuilder();
            var spans = new List<(int Start, int End)>();
            foreach (var (u, _) in items)
            {
                if (text.Length > 0) text.Append("\n\n");
                // A sentence is one paragraph: line breaks inside it would split it.
                var clean = u.Text.Replace('\n', ' ').Replace('\r', ' ');
                spans.Add((text.Length, text.Length + clean.Length));
                text.Append(clean);
            }
            var document = DocumentLoader.Parse(text.ToString(), group.Key + ".txt", DocumentFormat.Text);
            var findings = analyzer.Analyze(document);
            var sets = items.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
            foreach (var f in findings)
            {
                // The loaded text of a plain-text document is the file text, so spans compare directly.
                for (var k = 0; k < spans.Count; k++)
                    if (f.Span.Start < spans[k].End && spans[k].Start < f.Span.End) sets[k].Add(f.Provision.Key);
            }
            for (var k = 0; k < items.Count; k++) result[items[k].i] = Expand(sets[k]);
        });
        return result.ToList();
    }

    /// <summary>The scores as a text table, as <c>policyrules eval</c> prints them; <paramref name="errors"/> adds the misclassified units.</summary>
    public static string Format(EvaluationResult result, bool lexglue, bool errors)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var width = Math.Max(24, result.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max());
        sb.Append($"{"key".PadRight(width)}  support    tp    fp    fn  precision  recall     f1\n");
        foreach (var s in result.Scores)
            sb.Append(string.Format(inv, "{0}  {1,7}  {2,4}  {3,4}  {4,4}  {5,9:0.000}  {6,6:0.000}  {7,5:0.000}\n",
                s.Key.PadRight(width), s.Support, s.TruePositives, s.FalsePositives, s.FalseNegatives, s.Precision, s.Recall, s.F1));
        sb.Append(string.Format(inv, "\n{0} {1}, {2} keys: macro-F1 {3:0.000}, micro-F1 {4:0.000}\n",
            result.Units.Count, result.Layout, result.Keys.Count, result.MacroF1, result.MicroF1));
        if (lexglue)
        {
            var (macro, micro) = result.LexGlue();
            sb.Append(string.Format(inv, "LexGLUE-style (with a no-label column): macro-F1 {0:0.0}, micro-F1 {1:0.0}   (published: TF-IDF SVM 78.8 / 95.4, Legal-BERT 83.0 / 96.0)\n", macro, micro));
        }
        if (errors)
        {
            sb.Append('\n');
            for (var i = 0; i < result.Units.Count; i++)
            {
                var gold = result.Units[i].Gold.Where(result.Keys.Contains).ToHashSet();
                var pred = result.Predicted[i].Where(result.Keys.Contains).ToHashSet();
                foreach (var fp in pred.Except(gold).OrderBy(k => k, StringComparer.Ordinal))
                    sb.Append($"FP {fp}  {result.Units[i].Id}: {result.Units[i].Text}\n");
                foreach (var fn in gold.Except(pred).OrderBy(k => k, StringComparer.Ordinal))
                    sb.Append($"FN {fn}  {result.Units[i].Id}: {result.Units[i].Text}\n");
            }
        }
        return sb.ToString();
    }
}
