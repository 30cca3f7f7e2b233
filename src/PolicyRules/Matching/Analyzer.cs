using System.Collections.Immutable;
using PolicyRules.Binding;
using PolicyRules.Documents;
using PolicyRules.Text;

namespace PolicyRules.Matching;

/// <summary>
/// Runs a compiled rule set over documents. Built once per rule set (the term automaton and each
/// rule's trigger terms); thread-safe, so documents can be analysed in parallel.
/// </summary>
public sealed class Analyzer
{
    private readonly TermAutomaton _automaton;
    private readonly Dictionary<CompiledRule, List<Triggers>> _triggers = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A group of terms of which at least one must occur in a unit for the rule to hold there:
    /// lexicon or phrase ids, and entity kinds. A rule needs every one of its groups; a rule
    /// without groups (<c>not x</c> alone) is evaluated in every unit.
    /// </summary>
    private sealed record Triggers(int[] TermSets, EntityKind[] Entities)
    {
        public int Size => TermSets.Length + Entities.Length;
    }

    /// <summary>Prepares the matcher for a rule set (builds the term automaton once); then <see cref="Analyze"/> may run on any number of documents, from any thread.</summary>
    public Analyzer(CompiledRuleSet rules)
    {
        Rules = rules;
        _automaton = TermAutomaton.Build(rules);
        foreach (var rule in rules.Rules) _triggers[rule] = TriggersOf(rule.Match, joinAll: true);
    }

    /// <summary>The rules this matcher applies.</summary>
    public CompiledRuleSet Rules { get; }

    /// <summary>Every finding of every rule in the document, ordered by offset then rule id. Suppression and summaries come later.</summary>
    public IReadOnlyList<Finding> Analyze(PolicyDocument document, IEnumerable<CompiledRule>? only = null)
    {
        var hits = _automaton.Run(document);
        var evaluator = new PatternEvaluator(document, hits, _automaton);
        var findings = new List<Finding>();
        var scratch = new CandidateScratch();
        foreach (var rule in only ?? Rules.Rules)
            AnalyzeRule(rule, document, hits, evaluator, scratch, findings);
        findings.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : string.CompareOrdinal(a.RuleId, b.RuleId));
        return findings;
    }

    /// <summary>For <c>explain</c>: every candidate unit of one rule, with the evaluation trace of each.</summary>
    internal IReadOnlyList<(ScopeUnit Unit, IReadOnlyList<TraceStep> Trace, bool SectionMatches, IReadOnlyList<Finding> Findings, string? Note)> Explain(PolicyDocument document, CompiledRule rule)
    {
        var hits = _automaton.Run(document);
        var result = new List<(ScopeUnit, IReadOnlyList<TraceStep>, bool, IReadOnlyList<Finding>, string?)>();
        var sectionCache = new Dictionary<int, bool>();
        var units = new CandidateScratch();
        // Explain casts a looser net (a term of each side's smallest group joined) so near misses stay visible;
        // built here, for the one rule explained, not for every rule at start-up.
        CandidateUnits(rule, document, hits, units, TriggersOf(rule.Match, joinAll: false));
        // The section condition and the lead-in's veto are reported on lines of their own, not in the pattern's trace.
        var untraced = new PatternEvaluator(document, hits, _automaton);
        foreach (var unit in units.Units)
        {
            var trace = new List<TraceStep>();
            var evaluator = new PatternEvaluator(document, hits, _automaton, trace);
            var inSection = SectionMatches(rule, document, unit, untraced, sectionCache);
            var witnesses = evaluator.Evaluate(rule.Match, unit);
            var findings = inSection ? ToFindings(rule, document, unit, witnesses) : new List<Finding>();
            string? note = null;
            if (findings.Count > 0 && VetoedByLeadIn(rule, document, untraced, unit) is var lead and >= 0)
            {
                findings = new List<Finding>();
                note = $"read with its lead-in \"{document.Text.ToString(document.Sentences[lead].Span)}\", the rule no longer holds: not a finding";
            }
            result.Add((unit, trace, inSection, findings, note));
        }
        return result;
    }

    /// <summary>Lists reused from rule to rule within one document: most rules have no candidate unit at all.</summary>
    private sealed class CandidateScratch
    {
        public readonly List<ScopeUnit> Units = new();
        public readonly List<int> Indexes = new();
        public readonly List<LeadInItem> Items = new();
    }

    private void AnalyzeRule(CompiledRule rule, PolicyDocument document, TermHit[][] hits, PatternEvaluator evaluator, CandidateScratch scratch, List<Finding> findings)
    {
        CandidateUnits(rule, document, hits, scratch, _triggers[rule]);
        // Only a rule with a section condition asks about sections (most have none, and most units none).
        var sectionCache = rule.Section is null ? null : new Dictionary<int, bool>();
        var before = findings.Count;
        foreach (var unit in scratch.Units)
        {
            if (!SectionMatches(rule, document, unit, evaluator, sectionCache)) continue;
            var witnesses = evaluator.Evaluate(rule.Match, unit);
            if (witnesses.Count == 0) continue;
            if (VetoedByLeadIn(rule, document, evaluator, unit) >= 0) continue;
            findings.AddRange(ToFindings(rule, document, unit, witnesses));
        }
        // A rule with a section condition already says which headings it reads: its items stand alone.
        if (rule.Scope != RuleScope.Sentence || rule.Section is not null || !document.HasLeadIns) return;
        LeadInUnits(rule, document, hits, scratch, findings, before);
        foreach (var item in scratch.Items)
        {
            if (!SectionMatches(rule, document, item.Unit, evaluator, sectionCache)) continue;
            var witnesses = ReadWithLeadIn(rule, document, evaluator, item);
            if (witnesses.Count > 0) findings.AddRange(ToFindings(rule, document, item.Unit, witnesses));
        }
    }

    /// <summary>
    /// A list item that matches on its own but not once read with its negated lead-in: the lead-in's words
    /// exclude it ("You will not do any of the following:" + "use any content for model training" is the
    /// user's duty). Only a lead-in with a negation counts: other lead-ins' words ("as described below")
    /// are not written to be read with every item. Returns the lead-in sentence, or -1 when the item stands.
    /// </summary>
    private static int VetoedByLeadIn(CompiledRule rule, PolicyDocument d, PatternEvaluator evaluator, ScopeUnit unit)
    {
        if (rule.Scope != RuleScope.Sentence || rule.Section is not null || !d.HasLeadIns) return -1;
        var lead = d.LeadInOf(unit.FirstSentence);
        if (lead < 0 || !d.HasNegation(lead)) return -1;
        return ReadWithLeadIn(rule, d, evaluator, ItemOf(d, unit.FirstSentence)).Count == 0 ? lead : -1;
    }

    /// <summary>
    /// The witnesses of a sentence rule on an item read with its lead-in. They count only where the item
    /// itself holds part of the match; an answer that denies its question ("No.") holds the denial, which
    /// is its part.
    /// </summary>
    private static List<Witness> ReadWithLeadIn(CompiledRule rule, PolicyDocument d, PatternEvaluator evaluator, LeadInItem item)
    {
        var question = d.IsQuestion(d.LeadInOf(item.Sentence));
        var denied = question && d.StartsWithDenial(item.Sentence);
        var witnesses = evaluator.EvaluateWithLeadIn(rule.Match, item.Unit, item.GapStart, item.GapEnd, item.Sentence, question, denied);
        var first = d.Sentences[item.Sentence].FirstToken;
        witnesses.RemoveAll(w => !w.HasMentions || !denied && w.End <= first);
        return witnesses;
    }

    // ---- list items read with their lead-in ----

    /// <summary>A list item evaluated as one sentence with the heading or "…:" sentence that introduces its list.</summary>
    private readonly record struct LeadInItem(ScopeUnit Unit, int GapStart, int GapEnd, int Sentence);

    /// <summary>Sentence <paramref name="s"/> and its lead-in as one unit; the tokens between them are the gap.</summary>
    private static LeadInItem ItemOf(PolicyDocument d, int s)
    {
        var leadIndex = d.LeadInOf(s);
        var lead = d.Sentences[leadIndex];
        var item = d.Sentences[s];
        return new LeadInItem(new ScopeUnit(lead.FirstToken, item.TokenEnd, leadIndex, s + 1), lead.TokenEnd, item.FirstToken, s);
    }

    /// <summary>
    /// List items where a sentence rule may hold once the item is read with its lead-in ("We use your
    /// personal data to:" + "train our models"): items with a term of the rule's rarest group in the
    /// item or its lead-in, every other group in one of the two, and no finding of the rule already.
    /// </summary>
    private void LeadInUnits(CompiledRule rule, PolicyDocument d, TermHit[][] hits, CandidateScratch scratch, List<Finding> findings, int firstFinding)
    {
        var items = scratch.Items;
        items.Clear();
        var groups = _triggers[rule];
        if (groups.Count == 0) return;
        var (seed, seedHits) = RarestGroup(groups, d, hits);
        if (seedHits == 0) return;
        var sentences = scratch.Indexes;
        sentences.Clear();
        foreach (var set in seed.TermSets)
            foreach (var hit in hits[set])
            {
                var s = d.Tokens[hit.First].Sentence;
                if (d.LeadInOf(s) >= 0) sentences.Add(s);
                // A lead-in's term reaches every item of its list (every cell of its column).
                foreach (var item in d.ItemsLedBy(s)) sentences.Add(item);
            }
        if (seed.Entities.Length > 0)
            for (var s = 0; s < d.Sentences.Length; s++)
                if (d.LeadInOf(s) >= 0) sentences.Add(s);
        if (sentences.Count == 0) return;
        sentences.Sort();
        var previous = -1;
        HashSet<int>? covered = null;
        foreach (var s in sentences)
        {
            if (s == previous) continue;
            previous = s;
            if ((covered ??= CoveredSentences(findings, firstFinding, d)).Contains(s)) continue;
            var leadIndex = d.LeadInOf(s);
            var lead = d.Sentences[leadIndex];
            var item = d.Sentences[s];
            // A sentence that elaborates or answers one of its own paragraph adds nothing when that one is already a finding.
            if (lead.Block == item.Block && covered.Contains(leadIndex)) continue;
            var leadUnit = new ScopeUnit(lead.FirstToken, lead.TokenEnd, leadIndex, leadIndex + 1);
            var itemUnit = new ScopeUnit(item.FirstToken, item.TokenEnd, s, s + 1);
            var all = true;
            foreach (var g in groups)
                if (!Occurs(g, leadUnit, d, hits) && !Occurs(g, itemUnit, d, hits)) { all = false; break; }
            if (all) items.Add(ItemOf(d, s));
        }
    }

    /// <summary>The sentences the rule's findings (<c>findings[first..]</c>) cover, built once per rule: each item then costs a lookup, not a scan.</summary>
    private static HashSet<int> CoveredSentences(List<Finding> findings, int first, PolicyDocument d)
    {
        var covered = new HashSet<int>();
        for (var i = first; i < findings.Count; i++)
            for (var s = d.SentenceAt(findings[i].Span.Start); s >= 0 && s < d.Sentences.Length && d.Sentences[s].Span.Start < findings[i].Span.End; s++)
                covered.Add(s);
        return covered;
    }

    // ---- scope units ----

    private static int UnitCount(RuleScope scope, PolicyDocument d) => scope switch
    {
        RuleScope.Sentence => d.Sentences.Length,
        RuleScope.Block => d.Blocks.Length,
        RuleScope.Section => d.Sections.Length,
        _ => d.Sentences.Length > 0 ? 1 : 0,
    };

    private static int UnitOfSentence(RuleScope scope, PolicyDocument d, int sentence) => scope switch
    {
        RuleScope.Sentence => sentence,
        RuleScope.Block => d.Sentences[sentence].Block,
        RuleScope.Section => d.Blocks[d.Sentences[sentence].Block].Section,
        _ => 0,
    };

    /// <summary>
    /// The unit itself. A section unit is the section's own blocks, up to its first subsection, so
    /// nested sections never report the same finding twice.
    /// </summary>
    private static ScopeUnit Unit(RuleScope scope, PolicyDocument d, int index)
    {
        switch (scope)
        {
            case RuleScope.Sentence:
            {
                var s = d.Sentences[index];
                return new ScopeUnit(s.FirstToken, s.TokenEnd, index, index + 1);
            }
            case RuleScope.Block:
            {
                var b = d.Blocks[index];
                return new ScopeUnit(b.FirstToken, b.TokenEnd, b.FirstSentence, b.SentenceEnd);
            }
            case RuleScope.Section:
            {
                var section = d.Sections[index];
                var firstBlock = section.FirstBlock;
                var endBlock = firstBlock + section.BlockCount;
                for (var next = index + 1; next < d.Sections.Length; next++)
                    if (d.Sections[next].BlockCount > 0) { endBlock = Math.Min(endBlock, d.Sections[next].FirstBlock); break; }
                return BlocksUnit(d, firstBlock, endBlock);
            }
            default:
                return BlocksUnit(d, 0, d.Blocks.Length);
        }
    }

    private static ScopeUnit BlocksUnit(PolicyDocument d, int firstBlock, int endBlock)
    {
        if (endBlock <= firstBlock || firstBlock >= d.Blocks.Length) return new ScopeUnit(0, 0, 0, 0);
        var first = d.Blocks[firstBlock];
        var last = d.Blocks[endBlock - 1];
        return new ScopeUnit(first.FirstToken, last.TokenEnd, first.FirstSentence, last.SentenceEnd);
    }

    /// <summary>
    /// Units where the rule can hold, in document order: seeded from the rarest of the rule's
    /// required term groups in this document, then kept only where every other group occurs too.
    /// Most rules are never evaluated in most units.
    /// </summary>
    private static void CandidateUnits(CompiledRule rule, PolicyDocument d, TermHit[][] hits, CandidateScratch scratch, List<Triggers> groups)
    {
        var result = scratch.Units;
        result.Clear();
        var scope = rule.Scope;
        if (groups.Count == 0)
        {
            var count = UnitCount(scope, d);
            for (var i = 0; i < count; i++) result.Add(Unit(scope, d, i));
            return;
        }
        var (seed, seedHits) = RarestGroup(groups, d, hits);
        if (seedHits == 0) return;

        var units = scratch.Indexes;
        units.Clear();
        foreach (var set in seed.TermSets)
            foreach (var hit in hits[set])
                units.Add(UnitOfSentence(scope, d, d.Tokens[hit.First].Sentence));
        if (seed.Entities.Length > 0)
            foreach (var entity in d.Entities)
            {
                if (Array.IndexOf(seed.Entities, entity.Kind) < 0) continue;
                var sentence = d.SentenceAt(entity.Span.Start);
                if (sentence >= 0) units.Add(UnitOfSentence(scope, d, sentence));
            }
        units.Sort();
        var previous = -1;
        foreach (var i in units)
        {
            if (i == previous) continue;
            previous = i;
            var unit = Unit(scope, d, i);
            if (unit.EndToken <= unit.FirstToken) continue;
            var all = true;
            foreach (var g in groups)
                if (!ReferenceEquals(g, seed) && !Occurs(g, unit, d, hits)) { all = false; break; }
            if (all) result.Add(unit);
        }
    }

    /// <summary>The required term group with the fewest hits in the document, and that count: where candidates are seeded.</summary>
    private static (Triggers Group, long Hits) RarestGroup(List<Triggers> groups, PolicyDocument d, TermHit[][] hits)
    {
        var seed = groups[0];
        var seedHits = long.MaxValue;
        foreach (var g in groups)
        {
            long n = 0;
            foreach (var t in g.TermSets) n += hits[t].Length;
            if (g.Entities.Length > 0) n += d.Entities.Length;
            if (n < seedHits) { seed = g; seedHits = n; }
        }
        return (seed, seedHits);
    }

    /// <summary>Whether a term of the group occurs inside the unit.</summary>
    private static bool Occurs(Triggers group, ScopeUnit unit, PolicyDocument d, TermHit[][] hits)
    {
        foreach (var t in group.TermSets)
        {
            var list = hits[t];
            int lo = 0, hi = list.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (list[mid].First < unit.FirstToken) lo = mid + 1; else hi = mid;
            }
            for (var k = lo; k < list.Length && list[k].First < unit.EndToken; k++)
                if (list[k].End <= unit.EndToken) return true;
        }
        if (group.Entities.Length > 0)
        {
            var span = TextSpan.FromBounds(d.Tokens[unit.FirstToken].Span.Start, d.Tokens[unit.EndToken - 1].Span.End);
            foreach (var e in d.GetEntities(span))
                if (Array.IndexOf(group.Entities, e.Kind) >= 0) return true;
        }
        return false;
    }

    private const int MaxJoinedGroups = 32;

    /// <summary>The term groups a pattern needs (see <see cref="Triggers"/>); empty when it can hold without any term.</summary>
    private List<Triggers> TriggersOf(Pattern pattern, bool joinAll)
    {
        var none = Array.Empty<EntityKind>();
        switch (pattern)
        {
            case LexiconPattern l: return new() { new Triggers(new[] { _automaton.IdOf(l.Lexicon) }, none) };
            case PhrasePattern p: return new() { new Triggers(new[] { _automaton.IdOf(p) }, none) };
            case EntityPattern e: return new() { new Triggers(Array.Empty<int>(), new[] { e.Kind }) };
            case DefinePattern d: return TriggersOf(d.Body, joinAll);
            case CapturePattern c: return TriggersOf(c.Operand, joinAll);
            case NegatedPattern n: return TriggersOf(n.Operand, joinAll);
            case UnlessPattern u: return TriggersOf(u.Condition, joinAll);
            case NotPattern: return new();
            case OrPattern or:
            {
                // Either side needs all its own groups, so every group of one side joined with every group
                // of the other is needed by the 'or': "(A near B) or (C near B)" needs A-or-C and B. Each
                // joined group narrows the candidate units; past a few dozen they add checks, not selectivity.
                // Without joinAll, only the smallest group of each side is joined (explain's looser net).
                var l = TriggersOf(or.Left, joinAll);
                var r = TriggersOf(or.Right, joinAll);
                if (l.Count == 0 || r.Count == 0) return new();
                var joined = new List<Triggers>();
                foreach (var a in l.OrderBy(g => g.Size).Take(joinAll ? l.Count : 1))
                    foreach (var b in r.OrderBy(g => g.Size).Take(joinAll ? r.Count : 1))
                    {
                        var group = new Triggers(a.TermSets.Union(b.TermSets).Order().ToArray(), a.Entities.Union(b.Entities).Order().ToArray());
                        if (!joined.Any(g => g.TermSets.AsSpan().SequenceEqual(group.TermSets) && g.Entities.AsSpan().SequenceEqual(group.Entities)))
                            joined.Add(group);
                        if (joined.Count == MaxJoinedGroups) return joined;
                    }
                return joined;
            }
            case AndPattern and:
                return TriggersOf(and.Left, joinAll).Concat(TriggersOf(and.Right, joinAll)).ToList();
            case ProximityPattern near:
                return TriggersOf(near.Left, joinAll).Concat(TriggersOf(near.Right, joinAll)).ToList();
            default: return new();
        }
    }

    // ---- section condition ----

    /// <summary>A section pattern holds when it holds in one of the headings above the unit.</summary>
    private static bool SectionMatches(CompiledRule rule, PolicyDocument d, ScopeUnit unit, PatternEvaluator evaluator, Dictionary<int, bool>? cache)
    {
        if (rule.Section is null || cache is null) return true;
        var section = d.Blocks[d.Sentences[unit.FirstSentence].Block].Section;
        if (cache.TryGetValue(section, out var known)) return known;
        var matches = false;
        for (var s = section; s >= 0 && !matches; s = d.Sections[s].Parent)
        {
            var heading = d.Sections[s].HeadingBlock;
            if (heading < 0) continue;
            var b = d.Blocks[heading];
            matches = evaluator.Evaluate(rule.Section, new ScopeUnit(b.FirstToken, b.TokenEnd, b.FirstSentence, b.SentenceEnd)).Count > 0;
        }
        cache[section] = matches;
        return matches;
    }

    // ---- findings ----

    /// <summary>
    /// One finding per decisive span: the sentences that decided a witness. Witnesses whose
    /// sentences overlap merge into one finding covering them, keeping all their captures.
    /// </summary>
    private static List<Finding> ToFindings(CompiledRule rule, PolicyDocument d, ScopeUnit unit, List<Witness> witnesses)
    {
        // Witnesses whose sentences overlap describe the same provision: one finding covers them all.
        var chosen = new List<(int First, int Last, List<Witness> Witnesses)>();
        if (witnesses.Count == 1)
        {
            // The common case: one witness, one finding.
            var (first, last) = SentencesOf(witnesses[0], unit);
            chosen.Add((first, last, witnesses));
        }
        else
        {
            var ordered = witnesses.Select(w => (Witness: w, Sentences: SentencesOf(w, unit)))
                .OrderBy(c => c.Sentences.First).ThenBy(c => c.Sentences.Last).ToList();
            foreach (var c in ordered)
            {
                if (chosen.Count > 0 && c.Sentences.First <= chosen[^1].Last)
                {
                    var last = chosen[^1];
                    last.Witnesses.Add(c.Witness);
                    chosen[^1] = (last.First, Math.Max(last.Last, c.Sentences.Last), last.Witnesses);
                }
                else chosen.Add((c.Sentences.First, c.Sentences.Last, new List<Witness> { c.Witness }));
            }
        }

        var result = new List<Finding>(chosen.Count);
        foreach (var (first, last, group) in chosen) // in order of first sentence, as built
        {
            // A heading names a topic; it does not state a provision ("How we use your data to train our models").
            if (OnlyHeadings(d, first, last)) continue;
            var span = TextSpan.FromBounds(d.Sentences[first].Span.Start, d.Sentences[last].Span.End);
            var captures = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var name in rule.CaptureNames) captures[name] = new List<string>();
            if (group.Any(w => w.Captures.Length > 0))
                foreach (var capture in Outermost(group.SelectMany(w => w.Captures)))
                {
                    var text = Normalize(d.Text.ToString(capture.Span));
                    var list = captures.TryGetValue(capture.Name, out var l) ? l : captures[capture.Name] = new List<string>();
                    if (!list.Contains(text, StringComparer.OrdinalIgnoreCase)) list.Add(text);
                }
            var mentions = group.Count == 1
                ? group[0].HasMentions ? new List<TextSpan> { group[0].Span } : new List<TextSpan>()
                : group.Where(w => w.HasMentions).Select(w => w.Span).Distinct().OrderBy(s => s.Start).ToList();
            var carveouts = group.All(w => w.Carveouts.Length == 0)
                ? new List<Carveout>()
                : group.SelectMany(w => w.Carveouts).DistinctBy(c => (c.Cue, string.Join(",", c.Mentions))).OrderBy(c => c.Cue.Start).ToList();
            result.Add(new Finding
            {
                Rule = rule,
                Severity = rule.Severity,
                Span = span,
                Excerpt = d.Text.ToString(span),
                Location = d.GetOriginalLocation(span),
                Section = d.GetHeadingPath(d.Sentences[first].Block),
                Captures = captures.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal),
                Mentions = mentions,
                Carveouts = carveouts,
            });
        }
        return result;
    }

    private static bool OnlyHeadings(PolicyDocument d, int firstSentence, int lastSentence)
    {
        for (var s = firstSentence; s <= lastSentence; s++)
            if (d.Blocks[d.Sentences[s].Block].Kind != BlockKind.Heading) return false;
        return true;
    }

    /// <summary>
    /// Captures in document order without repeats; "safety review" inside "flagged for safety
    /// review" is the same mention, so a capture inside a longer one of the same name is dropped,
    /// and captures of one name that overlap ("the content" and "content you submit") are one
    /// mention: their union. One sorted pass per name, so dense documents stay linear.
    /// </summary>
    private static IEnumerable<CapturedText> Outermost(IEnumerable<CapturedText> captures)
    {
        var kept = new List<CapturedText>();
        foreach (var byName in captures.Distinct().GroupBy(c => c.Name))
        {
            var first = kept.Count;
            foreach (var c in byName.OrderBy(c => c.Span.Start).ThenByDescending(c => c.Span.Length))
            {
                if (kept.Count > first && c.Span.Start < kept[^1].Span.End)
                {
                    // Inside or overlapping the previous capture of this name: one mention.
                    var previous = kept[^1];
                    if (c.Span.End > previous.Span.End) kept[^1] = previous with { Span = TextSpan.FromBounds(previous.Span.Start, c.Span.End) };
                    continue;
                }
                kept.Add(c);
            }
        }
        return kept.OrderBy(c => c.Span.Start).ThenBy(c => c.Span.Length);
    }

    private static (int First, int Last) SentencesOf(Witness w, ScopeUnit unit) =>
        w.HasMentions || w.FirstSentence <= w.LastSentence
            ? (Math.Max(w.FirstSentence, unit.FirstSentence), Math.Max(w.LastSentence, w.FirstSentence))
            : (unit.FirstSentence, unit.EndSentence - 1);

    /// <summary>Captured text with line breaks and runs of spaces folded, as a reader would quote it.</summary>
    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
