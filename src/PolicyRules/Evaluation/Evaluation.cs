using System.Globalization;
using System.Text;
using PolicyRules.Binding;
using PolicyRules.Documents;
using PolicyRules.Matching;
using PolicyRules.Text;
using PolicyRules.Reporting;

namespace PolicyRules.Evaluation;

/// <summary>One labelled unit: a passage (dev layout) or a sentence (CLAUDETTE layout, or a sentence of a real document).</summary>
public sealed record LabelledUnit(string Id, string Document, string Text, IReadOnlySet<string> Gold, string Note)
{
    /// <summary>What a split assigns to one half: the service (a corpus path's first folder, a ToS;DR note's service) or the document.</summary>
    public string Group { get; init; } = Document;
    /// <summary>Where the sentence is in <see cref="Document"/>'s source file, when the file names one (start/length columns); else -1.</summary>
    public int SourceStart { get; init; } = -1;
    /// <summary>The sentence's length in the source file (with <see cref="SourceStart"/>).</summary>
    public int SourceLength { get; init; }
}

/// <summary>How <see cref="Evaluator.Evaluate(string, CompiledRuleSet, EvaluationOptions)"/> scores a file.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Score CLAUDETTE's eight keys with LexGLUE's no-label column as well.</summary>
    public bool LexGlue { get; init; }
    /// <summary>Only the units whose group the splits file puts in this half (<c>tune</c> or <c>check</c>); null for all.</summary>
    public string? Split { get; init; }
    /// <summary>The splits file; null for <c>splits.tsv</c> beside the labelled file.</summary>
    public string? SplitsFile { get; init; }
    /// <summary>Macro averages count the keys with at least this many positives in the scored units.</summary>
    public int MinSupport { get; init; } = 1;
    /// <summary>Say for each missed key which rule came nearest and what failed (slower: <c>--errors</c>).</summary>
    public bool ExplainMisses { get; init; }
}

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
    /// <summary>Every unit has a key: there are no negatives, so precision means nothing and only recall is reported.</summary>
    public bool PositivesOnly { get; init; }
    /// <summary>The half scored (<c>tune</c>, <c>check</c>), or null for the whole file.</summary>
    public string? Split { get; init; }
    /// <summary>Macro averages count the keys with at least this many positives.</summary>
    public int MinSupport { get; init; } = 1;
    /// <summary>The rules whose findings gave each unit each predicted key (for <c>--errors</c>).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>>? FiredBy { get; init; }
    /// <summary>For each unit and each gold key the pack missed: the nearest rule and what failed.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>>? NearestMisses { get; init; }

    /// <summary>The keys that count in the macro averages: at least <see cref="MinSupport"/> positives.</summary>
    public IEnumerable<KeyScore> Averaged => Scores.Where(s => s.Support >= Math.Max(1, MinSupport));
    /// <summary>The mean F1 of the <see cref="Averaged"/> keys.</summary>
    public double MacroF1 => Averaged.Select(s => s.F1).DefaultIfEmpty(0).Average();
    /// <summary>The mean recall of the <see cref="Averaged"/> keys (the measure of a positives-only file).</summary>
    public double MacroRecall => Averaged.Select(s => s.Recall).DefaultIfEmpty(0).Average();
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
/// <c>policyrules eval</c>: reads both layouts of data/eval (docs/contracts.md, "Labelled files") and
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

    /// <summary>
    /// Reads a labelled file. Sentences: <c>doc, sentence_id, text, keys</c>, plus optional <c>service</c>
    /// (the split group) and <c>start, length</c> (the sentence in the source file that <c>doc</c> names,
    /// relative to the labelled file: the real document is analysed then). Passages: <c>id, text, keys,
    /// note</c>; a note <c>service: …</c> (ToS;DR) names the split group.
    /// </summary>
    public static List<LabelledUnit> Read(string path, out string layout)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new InvalidDataException($"{path}: the file is empty");
        var header = lines[0].Split('\t');
        int Column(string name) => Array.FindIndex(header, h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        string Cell(string[] c, int column) => column >= 0 && column < c.Length ? c[column] : "";
        var units = new List<LabelledUnit>();
        if (Column("doc") >= 0 && Column("sentence_id") >= 0)
        {
            layout = "sentences";
            int doc = Column("doc"), sid = Column("sentence_id"), text = Column("text"), keys = Column("keys");
            int service = Column("service"), start = Column("start"), length = Column("length");
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                var c = lines[i].Split('\t');
                if (c.Length <= Math.Max(text, doc)) throw new InvalidDataException($"{path}({i + 1}): expected {header.Length} tab-separated columns");
                var unit = new LabelledUnit($"{c[doc]}#{c[sid]}", c[doc], c[text], Keys(Cell(c, keys)), "");
                if (service >= 0) unit = unit with { Group = Cell(c, service) };
                if (start >= 0 && length >= 0)
                {
                    if (!int.TryParse(Cell(c, start), NumberStyles.None, CultureInfo.InvariantCulture, out var s0)
                        || !int.TryParse(Cell(c, length), NumberStyles.None, CultureInfo.InvariantCulture, out var l0))
                        throw new InvalidDataException($"{path}({i + 1}): start and length must be whole numbers");
                    unit = unit with { SourceStart = s0, SourceLength = l0 };
                }
                units.Add(unit);
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
                var n = Cell(c, note);
                var colon = n.IndexOf(':');
                units.Add(new LabelledUnit(c[id], c[id], c[text], Keys(Cell(c, keys)), n) { Group = colon > 0 ? n[..colon].Trim() : c[id] });
            }
        }
        else throw new InvalidDataException($"{path}(1): expected a header 'id, text, keys, note' or 'doc, sentence_id, text, keys'");
        return units;
    }

    /// <summary>Whether the <c>splits.tsv</c> beside a labelled file splits that file.</summary>
    public static bool HasDefaultSplits(string labelledFile)
    {
        var splits = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(labelledFile))!, "splits.tsv");
        var name = Path.GetFileName(labelledFile);
        return File.Exists(splits) && File.ReadLines(splits).Skip(1).Any(l => l.Split('\t')[0] == name);
    }

    /// <summary>
    /// The half each group belongs to, from a splits file (<c>file, group, split</c>): the rows whose
    /// <c>file</c> is the labelled file's name.
    /// </summary>
    public static Dictionary<string, string> ReadSplits(string splitsPath, string labelledFile)
    {
        if (!File.Exists(splitsPath)) throw new InvalidDataException($"{splitsPath}: no splits file (file, group, split), so no half can be chosen");
        var name = Path.GetFileName(labelledFile);
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(splitsPath);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#')) continue;
            var c = lines[i].Split('\t');
            if (c.Length < 3) throw new InvalidDataException($"{splitsPath}({i + 1}): expected 'file, group, split'");
            if (c[2] is not ("tune" or "check")) throw new InvalidDataException($"{splitsPath}({i + 1}): the split is 'tune' or 'check', not '{c[2]}'");
            if (c[0] == name && !groups.TryAdd(c[1], c[2])) throw new InvalidDataException($"{splitsPath}({i + 1}): '{c[1]}' is already in a split");
        }
        if (groups.Count == 0) throw new InvalidDataException($"{splitsPath}: no split is defined for '{name}'");
        return groups;
    }

    private static IReadOnlySet<string> Keys(string cell) =>
        Expand(cell.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static HashSet<string> Expand(IEnumerable<string> keys)
    {
        var set = new HashSet<string>(keys, StringComparer.Ordinal);
        if (set.Contains("liability.cap")) set.Add("liability.limitation");
        return set;
    }

    /// <summary>Scores the rules on the whole file; with <paramref name="lexglue"/> only CLAUDETTE's keys are scored, else every key of the gold labels.</summary>
    public static EvaluationResult Evaluate(string path, CompiledRuleSet rules, bool lexglue = false) =>
        Evaluate(path, rules, new EvaluationOptions { LexGlue = lexglue });

    /// <summary>Runs the rules on the units of a labelled file (one half of it, with a split) and scores them per key.</summary>
    public static EvaluationResult Evaluate(string path, CompiledRuleSet rules, EvaluationOptions options)
    {
        var all = Read(path, out var layout);
        // The keys come from the whole file, so that both halves of a split report the same keys.
        var keys = options.LexGlue
            ? ClaudetteKeys.ToList()
            : all.SelectMany(u => u.Gold).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var units = all;
        if (options.Split is { } split)
        {
            if (split is not ("tune" or "check")) throw new InvalidDataException($"the split is 'tune' or 'check', not '{split}'");
            var splitsPath = options.SplitsFile ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "splits.tsv");
            var groups = ReadSplits(splitsPath, path);
            var unassigned = all.Select(u => u.Group).Where(g => !groups.ContainsKey(g)).Distinct().OrderBy(g => g, StringComparer.Ordinal).ToList();
            if (unassigned.Count > 0)
                throw new InvalidDataException($"{splitsPath}: no split for {string.Join(", ", unassigned.Take(5).Select(g => $"'{g}'"))}{(unassigned.Count > 5 ? $" and {unassigned.Count - 5} more" : "")} of {Path.GetFileName(path)}");
            units = all.Where(u => groups[u.Group] == split).ToList();
        }
        var analyzer = new Analyzer(rules);
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var explain = options.ExplainMisses;
        var predictions = layout == "passages" ? PredictPassages(units, analyzer, explain)
            : units.Count > 0 && units.All(u => u.SourceStart >= 0) ? PredictSourceSentences(units, analyzer, baseDir, explain)
            : PredictSentences(units, analyzer, explain);
        var scores = keys.Select(key =>
        {
            int tp = 0, fp = 0, fn = 0, support = 0;
            for (var i = 0; i < units.Count; i++)
            {
                bool g = units[i].Gold.Contains(key), p = predictions[i].Keys.Contains(key);
                if (g) support++;
                if (g && p) tp++;
                else if (p) fp++;
                else if (g) fn++;
            }
            return new KeyScore(key, support, tp, fp, fn);
        }).ToList();
        return new EvaluationResult
        {
            Layout = layout, Units = units, Predicted = predictions.Select(p => (IReadOnlySet<string>)p.Keys).ToList(),
            Keys = keys, Scores = scores, Split = options.Split, MinSupport = options.MinSupport,
            PositivesOnly = layout == "passages" && all.Count > 0 && all.All(u => u.Gold.Count > 0),
            FiredBy = predictions.Select(p => p.FiredBy).ToList(), NearestMisses = predictions.Select(p => p.Misses).ToList(),
        };
    }

    /// <summary>What the pack predicted for one unit: the keys, the rules behind each, and why each missed gold key was missed.</summary>
    private sealed class Prediction
    {
        public readonly HashSet<string> Keys = new(StringComparer.Ordinal);
        public readonly Dictionary<string, string> FiredBy = new(StringComparer.Ordinal);
        public readonly Dictionary<string, string> Misses = new(StringComparer.Ordinal);

        public void Add(Finding f)
        {
            foreach (var key in Expand(new[] { f.Provision.Key }))
            {
                Keys.Add(key);
                FiredBy[key] = FiredBy.TryGetValue(key, out var ids) && !ids.Split(',').Contains(f.RuleId) ? ids + "," + f.RuleId : f.RuleId;
            }
        }

        /// <summary>For each gold key the pack missed, the nearest rule and what failed (for --errors).</summary>
        public void ExplainMisses(LabelledUnit unit, Analyzer analyzer, PolicyDocument document, TextSpan span)
        {
            foreach (var key in unit.Gold.Where(k => !Keys.Contains(k)).OrderBy(k => k, StringComparer.Ordinal))
                Misses[key] = ExplainWriter.NearestMiss(analyzer, document, key, span);
        }
    }

    /// <summary>The text span of a source range: the monotonic source map searched backwards.</summary>
    private static TextSpan SourceToText(PolicyDocument document, TextSpan source)
    {
        int First(int original)
        {
            int lo = 0, hi = document.Text.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (document.MapToOriginal(mid) < original) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
        return TextSpan.FromBounds(First(source.Start), Math.Max(First(source.Start), First(source.End)));
    }

    /// <summary>Each passage is one plain-text document.</summary>
    private static List<Prediction> PredictPassages(List<LabelledUnit> units, Analyzer analyzer, bool explain)
    {
        var result = new Prediction[units.Count];
        Parallel.For(0, units.Count, i =>
        {
            var document = DocumentLoader.Parse(units[i].Text, units[i].Id + ".txt", DocumentFormat.Text);
            var p = result[i] = new Prediction();
            foreach (var f in analyzer.Analyze(document)) p.Add(f);
            if (explain) p.ExplainMisses(units[i], analyzer, document, new TextSpan(0, document.Text.Length));
        });
        return result.ToList();
    }

    /// <summary>The sentences of one doc, in order and each its own paragraph, are one document; a finding counts for every sentence its span overlaps.</summary>
    private static List<Prediction> PredictSentences(List<LabelledUnit> units, Analyzer analyzer, bool explain)
    {
        var result = new Prediction[units.Count];
        var groups = units.Select((u, i) => (u, i)).GroupBy(x => x.u.Document).ToList();
        Parallel.ForEach(groups, group =>
        {
            var items = group.ToList();
            var text = new StringBuilder();
            var spans = new List<TextSpan>();
            foreach (var (u, _) in items)
            {
                if (text.Length > 0) text.Append("\n\n");
                // A sentence is one paragraph: line breaks inside it would split it.
                var clean = u.Text.Replace('\n', ' ').Replace('\r', ' ');
                spans.Add(new TextSpan(text.Length, clean.Length));
                text.Append(clean);
            }
            var document = DocumentLoader.Parse(text.ToString(), group.Key + ".txt", DocumentFormat.Text);
            // The loaded text of a plain-text document is the file text, so spans compare directly.
            Assign(items, spans, analyzer, document, f => f.Span, result, explain);
        });
        return result.ToList();
    }

    /// <summary>
    /// Sentences of real documents (the <c>doc</c> column names the file, <c>start</c>/<c>length</c> the
    /// sentence in it): the file is analysed as it is, headings and lists included, and a finding counts
    /// for every labelled sentence its source range overlaps.
    /// </summary>
    private static List<Prediction> PredictSourceSentences(List<LabelledUnit> units, Analyzer analyzer, string baseDir, bool explain)
    {
        var result = new Prediction[units.Count];
        var groups = units.Select((u, i) => (u, i)).GroupBy(x => x.u.Document).ToList();
        foreach (var group in groups)
        {
            var file = Path.Combine(baseDir, group.Key);
            if (!File.Exists(file)) throw new InvalidDataException($"{file}: the labelled document does not exist");
        }
        Parallel.ForEach(groups, group =>
        {
            var items = group.ToList();
            PolicyDocument document;
            try { document = DocumentLoader.Load(Path.Combine(baseDir, group.Key)); }
            catch (DocumentLoadException e) { throw new InvalidDataException(e.Diagnostic.ToString()); }
            var spans = items.Select(x => new TextSpan(x.u.SourceStart, x.u.SourceLength)).ToList();
            Assign(items, spans, analyzer, document, f => f.Location.Span, result, explain, s => SourceToText(document, s));
        });
        return result.ToList();
    }

    private static void Assign(List<(LabelledUnit u, int i)> items, List<TextSpan> spans, Analyzer analyzer, PolicyDocument document,
        Func<Finding, TextSpan> spanOf, Prediction[] result, bool explain, Func<TextSpan, TextSpan>? toText = null)
    {
        var predictions = items.Select(_ => new Prediction()).ToList();
        foreach (var f in analyzer.Analyze(document))
        {
            var span = spanOf(f);
            // Spans are in order: find the first that may overlap, then walk while they start before the end.
            var k = spans.FindIndex(s => s.End > span.Start);
            for (; k >= 0 && k < spans.Count && spans[k].Start < span.End; k++)
                if (spans[k].OverlapsWith(span)) predictions[k].Add(f);
        }
        for (var k = 0; k < items.Count; k++)
        {
            if (explain) predictions[k].ExplainMisses(items[k].u, analyzer, document, toText is null ? spans[k] : toText(spans[k]));
            result[items[k].i] = predictions[k];
        }
    }

    /// <summary>The report of <c>policyrules eval</c>: the half scored, per-key scores, averages, optional LexGLUE scores and error list.</summary>
    public static string Format(EvaluationResult result, bool lexglue, bool errors)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var width = Math.Max(24, result.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max());
        var half = result.Split switch
        {
            "tune" => "the tuning half (text the rules were tuned on: not a measure of generalisation)",
            "check" => "the checking half (text the rules were not tuned on)",
            _ => "the whole file",
        };
        sb.Append($"scored on {half}\n");
        if (result.PositivesOnly)
        {
            sb.Append("positives only: every unit has a key and none is a negative, so only recall is measured\n\n");
            sb.Append($"{"key".PadRight(width)}  support    tp    fn  recall\n");
            foreach (var s in result.Scores.Where(s => s.Support > 0))
                sb.Append(string.Format(inv, "{0}  {1,7}  {2,4}  {3,4}  {4,6:0.000}\n", s.Key.PadRight(width), s.Support, s.TruePositives, s.FalseNegatives, s.Recall));
            sb.Append(string.Format(inv, "\n{0} {1}, {2} keys with at least {3} positive(s): macro-recall {4:0.000}\n",
                result.Units.Count, result.Layout, result.Averaged.Count(), Math.Max(1, result.MinSupport), result.MacroRecall));
        }
        else
        {
            sb.Append($"{"key".PadRight(width)}  support    tp    fp    fn  precision  recall     f1\n");
            foreach (var s in result.Scores)
                sb.Append(string.Format(inv, "{0}  {1,7}  {2,4}  {3,4}  {4,4}  {5,9:0.000}  {6,6:0.000}  {7,5:0.000}{8}\n",
                    s.Key.PadRight(width), s.Support, s.TruePositives, s.FalsePositives, s.FalseNegatives, s.Precision, s.Recall, s.F1,
                    s.Support >= Math.Max(1, result.MinSupport) ? "" : "  (not averaged)"));
            sb.Append(string.Format(inv, "\n{0} {1}, {2} keys with at least {3} positive(s): macro-F1 {4:0.000}, micro-F1 {5:0.000}\n",
                result.Units.Count, result.Layout, result.Averaged.Count(), Math.Max(1, result.MinSupport), result.MacroF1, result.MicroF1));
        }
        if (lexglue)
        {
            var (macro, micro) = result.LexGlue();
            sb.Append(string.Format(inv, "LexGLUE-style (with a no-label column): macro-F1 {0:0.0}, micro-F1 {1:0.0}", macro, micro));
            // Published figures are on the UNFAIR-ToS test documents: only text the rules never saw compares with them.
            sb.Append(result.Split == "check"
                ? "   (published on the UNFAIR-ToS test documents: TF-IDF SVM 78.8 / 95.4, Legal-BERT 83.0 / 96.0)\n"
                : "\n");
        }
        if (errors)
        {
            sb.Append('\n');
            for (var i = 0; i < result.Units.Count; i++)
            {
                var gold = result.Units[i].Gold.Where(result.Keys.Contains).ToHashSet();
                var pred = result.Predicted[i].Where(result.Keys.Contains).ToHashSet();
                if (!result.PositivesOnly)
                    foreach (var fp in pred.Except(gold).OrderBy(k => k, StringComparer.Ordinal))
                    {
                        var by = result.FiredBy is { } f && f[i].TryGetValue(fp, out var ids) ? $" [{ids}]" : "";
                        sb.Append($"FP {fp}{by}  {result.Units[i].Id}: {result.Units[i].Text}\n");
                    }
                foreach (var fn in gold.Except(pred).OrderBy(k => k, StringComparer.Ordinal))
                {
                    sb.Append($"FN {fn}  {result.Units[i].Id}: {result.Units[i].Text}\n");
                    if (result.NearestMisses is { } m && m[i].TryGetValue(fn, out var why)) sb.Append("   ").Append(why).Append('\n');
                }
            }
        }
        return sb.ToString();
    }
}
