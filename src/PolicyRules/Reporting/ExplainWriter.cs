using System.Text;
using PolicyRules.Binding;
using PolicyRules.Documents;
using PolicyRules.Matching;

namespace PolicyRules.Reporting;

/// <summary>
/// The analyst's debugger: for each candidate unit of one rule, which sub-pattern held where, which
/// term matched which tokens, which cue governed what, and why a near miss failed.
/// </summary>
public static class ExplainWriter
{
    /// <summary>
    /// Why no rule of <paramref name="key"/> found the provision in <paramref name="span"/> (text offsets):
    /// the rule that came closest (the most sub-patterns held in a candidate unit overlapping the span)
    /// and the first sub-pattern that failed there, as <c>explain</c> says it.
    /// </summary>
    internal static string NearestMiss(Analyzer analyzer, PolicyDocument document, string key, Text.TextSpan span)
    {
        (double Score, string Reason)? best = null;
        foreach (var rule in analyzer.Rules.Rules)
        {
            if (rule.Provision.Key != key) continue;
            foreach (var (unit, trace, inSection, findings, _) in analyzer.Explain(document, rule))
            {
                var unitSpan = TextSpanOf(document, unit);
                if (!unitSpan.OverlapsWith(span)) continue;
                var steps = trace.Where(t => t is not null).ToList();
                if (steps.Count == 0) continue;
                var score = steps.Count(t => t.Witnesses > 0) / (double)steps.Count + (inSection ? 0 : -1);
                string reason;
                if (findings.Count > 0) reason = "a finding, but not over this sentence";
                else if (!inSection) reason = "outside the sections the rule applies to";
                else
                {
                    var failed = steps.First(t => t.Witnesses == 0);
                    var deepest = steps.Where(t => t.Witnesses == 0 && t.Notes.Count > 0).LastOrDefault() ?? failed;
                    reason = $"'{Shorten(deepest.Pattern.SourceText, 80)}' failed" + (deepest.Notes.Count > 0 ? ": " + Shorten(string.Join("; ", deepest.Notes), 160) : "");
                }
                if (best is null || score > best.Value.Score) best = (score, $"nearest {rule.Id}: {reason}");
            }
        }
        if (best is not null) return best.Value.Reason;
        var ids = analyzer.Rules.Rules.Where(r => r.Provision.Key == key).Select(r => r.Id).ToList();
        return ids.Count == 0 ? $"no rule reports {key}" : $"no candidate: {string.Join(", ", ids)} each need a term this sentence lacks";
    }

    /// <summary>Why <paramref name="rule"/> matched <paramref name="document"/> or did not, as text; <paramref name="showTokens"/> adds each sentence's tokens.</summary>
    public static string Write(Analyzer analyzer, PolicyDocument document, CompiledRule rule, bool showTokens = false)
    {
        var sb = new StringBuilder();
        sb.Append($"{rule.Id} \"{rule.Title}\" ({rule.Provision.Key}, {rule.Severity.ToString().ToLowerInvariant()}, scope {rule.Scope.ToString().ToLowerInvariant()})\n");
        sb.Append($"  match   {rule.Match.SourceText}\n");
        if (rule.Section is not null) sb.Append($"  section {rule.Section.SourceText}\n");
        sb.Append($"  in      {document.Path}\n\n");

        var units = analyzer.Explain(document, rule);
        if (units.Count == 0)
        {
            sb.Append("No candidate unit: no sentence of the document mentions a term this rule needs.\n");
            return sb.ToString();
        }
        var n = 0;
        foreach (var (unit, trace, inSection, findings, leadInNote) in units)
        {
            n++;
            var start = document.GetOriginalLinePosition(document.Tokens[unit.FirstToken].Span.Start);
            var end = document.GetOriginalLinePosition(document.Tokens[unit.EndToken - 1].Span.End);
            var verdict = findings.Count > 0 ? $"MATCH ({findings.Count} finding{(findings.Count == 1 ? "" : "s")})" : "no match";
            sb.Append($"Candidate {n}: {rule.Scope.ToString().ToLowerInvariant()} at {start.Line}:{start.Column}-{end.Line}:{end.Column} — {verdict}\n");
            sb.Append("  text: ").Append(Shorten(document.Text.ToString(TextSpanOf(document, unit)), 300)).Append('\n');
            if (!inSection) sb.Append($"  ✗ outside the sections the rule applies to (heading path: {string.Join(" › ", document.GetHeadingPath(document.Sentences[unit.FirstSentence].Block))})\n");
            foreach (var step in trace)
            {
                if (step is null) continue;
                var indent = new string(' ', 2 + step.Depth * 2);
                var mark = step.Witnesses > 0 ? "✓" : "✗";
                sb.Append(indent).Append(mark).Append(' ').Append(Shorten(Label(step.Pattern), 120));
                if (step.Unit != unit) sb.Append("   [in the exception after a cue]");
                sb.Append('\n');
                foreach (var note in step.Notes) sb.Append(indent).Append("    ").Append(note).Append('\n');
            }
            if (leadInNote is not null) sb.Append("  ✗ ").Append(Shorten(leadInNote, 240)).Append('\n');
            foreach (var f in findings)
            {
                sb.Append($"  → finding at {f.Location.Start.Line}:{f.Location.Start.Column}: \"{Shorten(f.Excerpt, 160)}\"\n");
                foreach (var (name, texts) in f.Captures) sb.Append($"    {name} = [{string.Join("; ", texts)}]\n");
                foreach (var c in f.Carveouts)
                    sb.Append($"    carve-out: cue '{c.CueText}' governs {string.Join(", ", c.Mentions.Select(m => $"'{document.Text.ToString(m)}'"))}\n");
            }
            if (showTokens)
                for (var s = unit.FirstSentence; s < unit.EndSentence; s++) sb.Append(Tokens(document, s));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A sentence as the engine sees it: each token with its normal form, stem and flags.</summary>
    public static string Tokens(PolicyDocument document, int sentence)
    {
        var sb = new StringBuilder();
        var s = document.Sentences[sentence];
        var position = document.GetOriginalLinePosition(s.Span.Start);
        sb.Append($"  sentence {position.Line}:{position.Column}: \"{Shorten(document.Text.ToString(s.Span), 200)}\"\n    tokens:");
        for (var i = s.FirstToken; i < s.TokenEnd; i++)
        {
            var t = document.Tokens[i];
            sb.Append(' ').Append(t.Normalized);
            if (t.Stem != t.Normalized) sb.Append('/').Append(t.Stem);
            var flags = (t.IsNegated ? "¬" : "") + (t.Has(TokenFlags.NegationCue) ? "N" : "") + (t.Has(TokenFlags.ExceptionCue) ? "X" : "") + (t.Has(TokenFlags.InException) ? "e" : "");
            if (flags.Length > 0) sb.Append('[').Append(flags).Append(']');
        }
        sb.Append('\n');
        foreach (var cue in document.GetNegations(sentence))
            sb.Append($"    negation '{cue.CueText}' covers \"{Shorten(document.Text.ToString(cue.Scope), 100)}\"\n");
        foreach (var ex in document.GetExceptions(sentence))
            sb.Append($"    exception '{ex.CueText}' governs \"{Shorten(document.Text.ToString(ex.Governed), 100)}\"\n");
        foreach (var e in document.GetEntities(s.Span))
            sb.Append($"    {e.Kind.ToString().ToLowerInvariant()} \"{e.Text}\" = {e.Value}\n");
        return sb.ToString();
    }

    internal static Text.TextSpan TextSpanOf(PolicyDocument d, ScopeUnit unit) =>
        Text.TextSpan.FromBounds(d.Tokens[unit.FirstToken].Span.Start, d.Tokens[unit.EndToken - 1].Span.End);

    internal static string Label(Pattern p) => p switch
    {
        LexiconPattern l => $"{l.Lexicon.Name} (lexicon: {string.Join(" | ", l.Lexicon.Phrases.Take(6).Select(x => $"\"{x.Text}\""))}{(l.Lexicon.Phrases.Count > 6 ? " | …" : "")})",
        DefinePattern d => $"{d.Name} = {d.Body.SourceText}",
        _ => p.SourceText,
    };

    internal static string Shorten(string text, int max)
    {
        var one = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return one.Length <= max ? one : one[..(max - 1)] + "…";
    }
}
