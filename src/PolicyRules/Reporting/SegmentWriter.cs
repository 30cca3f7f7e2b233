using System.Text;
using System.Text.Json;
using PolicyRules.Documents;

namespace PolicyRules.Reporting;

/// <summary>What the engine sees in a document (<c>segment</c>): sections, blocks, sentences, tokens, negation, exceptions, entities.</summary>
public static class SegmentWriter
{
    internal static string KindName(BlockKind kind) => kind switch
    {
        BlockKind.Paragraph => "paragraph",
        BlockKind.ListItem => "listitem",
        BlockKind.TableCell => "tablecell",
        BlockKind.Heading => "heading",
        BlockKind.Quote => "quote",
        BlockKind.Code => "code",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string EntityName(EntityKind kind) => kind.ToString().ToLowerInvariant();

    // ---------------- JSON ----------------

    /// <summary><c>segment --format json</c>: sections, blocks, sentences (and tokens) of each document.</summary>
    public static string Json(IReadOnlyList<PolicyDocument> documents, bool withTokens) => JsonOutput.Render(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("documents");
        foreach (var d in documents) WriteDocument(w, d, withTokens);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteDocument(Utf8JsonWriter w, PolicyDocument d, bool withTokens)
    {
        w.WriteStartObject();
        w.WriteString("path", d.Path);
        w.WriteString("format", d.Format.ToString().ToLowerInvariant());

        w.WriteStartArray("sections");
        foreach (var s in d.Sections)
        {
            w.WriteStartObject();
            WriteStrings(w, "headingPath", s.HeadingPath);
            JsonOutput.WriteRange(w, d, s.Span);
            w.WriteNumber("level", s.Level);
            w.WriteNumber("parent", s.Parent);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("blocks");
        foreach (var b in d.Blocks)
        {
            w.WriteStartObject();
            w.WriteString("kind", KindName(b.Kind));
            JsonOutput.WriteRange(w, d, b.Span);
            w.WriteNumber("section", b.Section);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("sentences");
        for (var i = 0; i < d.Sentences.Length; i++)
        {
            var s = d.Sentences[i];
            var position = d.GetOriginalLinePosition(s.Span.Start);
            w.WriteStartObject();
            w.WriteString("text", d.GetText(s.Span));
            JsonOutput.WriteRange(w, d, s.Span);
            w.WriteNumber("block", s.Block);
            WriteStrings(w, "headingPath", d.GetHeadingPath(s.Block));
            w.WriteNumber("line", position.Line);
            w.WriteNumber("column", position.Column);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("negations");
        foreach (var n in d.Negations)
        {
            w.WriteStartObject();
            w.WriteString("cue", n.CueText);
            JsonOutput.WriteRange(w, d, n.Cue);
            w.WriteString("scope", d.GetText(n.Scope));
            JsonOutput.WriteRange(w, d, n.Scope, "scope");
            w.WriteNumber("sentence", n.Sentence);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("exceptions");
        foreach (var e in d.Exceptions)
        {
            w.WriteStartObject();
            w.WriteString("cue", e.CueText);
            JsonOutput.WriteRange(w, d, e.Cue);
            w.WriteString("governed", d.GetText(e.Governed));
            JsonOutput.WriteRange(w, d, e.Governed, "governed");
            w.WriteNumber("sentence", e.Sentence);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("entities");
        foreach (var e in d.Entities)
        {
            w.WriteStartObject();
            w.WriteString("kind", EntityName(e.Kind));
            w.WriteString("text", e.Text);
            w.WriteString("value", e.Value);
            JsonOutput.WriteRange(w, d, e.Span);
            if (e.Qualifier.Length > 0) w.WriteString("qualifier", e.Qualifier);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (withTokens)
        {
            w.WriteStartArray("tokens");
            foreach (var t in d.Tokens)
            {
                w.WriteStartObject();
                w.WriteString("text", d.GetText(t.Span));
                JsonOutput.WriteRange(w, d, t.Span);
                w.WriteString("kind", t.Kind.ToString().ToLowerInvariant());
                w.WriteString("normalized", t.Normalized);
                w.WriteString("stem", t.Stem);
                w.WriteNumber("sentence", t.Sentence);
                if (t.Flags != TokenFlags.None) w.WriteString("flags", t.Flags.ToString().ToLowerInvariant());
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        w.WriteStartArray("diagnostics");
        foreach (var diagnostic in d.Diagnostics) w.WriteStringValue(diagnostic.ToString());
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    // ---------------- text ----------------

    /// <summary><c>segment</c> as text: an outline of each document with its sentences marked.</summary>
    public static void WriteText(TextWriter o, IReadOnlyList<PolicyDocument> documents, bool withTokens)
    {
        foreach (var d in documents)
        {
            o.WriteLine($"{d.Path} ({d.Format.ToString().ToLowerInvariant()}): {d.Sections.Length - 1} section(s), {d.Blocks.Length} block(s), " +
                        $"{d.Sentences.Length} sentence(s), {d.Tokens.Length} token(s), {d.Entities.Length} entit(ies)");
            var section = -1;
            var negation = 0;
            var exception = 0;
            var entity = 0;
            for (var bi = 0; bi < d.Blocks.Length; bi++)
            {
                var b = d.Blocks[bi];
                if (b.Section != section)
                {
                    section = b.Section;
                    var path = d.Sections[section].HeadingPath;
                    o.WriteLine();
                    o.WriteLine(path.IsEmpty ? "§ (before the first heading)" : "§ " + string.Join(" › ", path));
                }
                var at = d.GetOriginalLinePosition(b.Span.Start);
                o.WriteLine($"  {KindName(b.Kind)} {at.Line}:{at.Column}");
                for (var si = b.FirstSentence; si < b.SentenceEnd; si++)
                {
                    var s = d.Sentences[si];
                    var sp = d.GetOriginalLinePosition(s.Span.Start);
                    o.WriteLine($"    {sp.Line}:{sp.Column}  {Marked(d, s)}");
                    for (; negation < d.Negations.Length && d.Negations[negation].Sentence == si; negation++)
                        o.WriteLine($"        not: \"{d.Negations[negation].CueText}\" → \"{d.GetText(d.Negations[negation].Scope)}\"");
                    for (; exception < d.Exceptions.Length && d.Exceptions[exception].Sentence == si; exception++)
                        o.WriteLine($"        exception: \"{d.Exceptions[exception].CueText}\" → \"{d.GetText(d.Exceptions[exception].Governed)}\"");
                    for (; entity < d.Entities.Length && d.Entities[entity].Span.Start < s.Span.End; entity++)
                    {
                        var e = d.Entities[entity];
                        var q = e.Qualifier.Length > 0 ? $" ({e.Qualifier})" : "";
                        o.WriteLine($"        {EntityName(e.Kind)}: \"{e.Text}\" = {e.Value}{q}");
                    }
                    if (withTokens)
                    {
                        var parts = new List<string>();
                        foreach (var t in d.GetTokens(s))
                            parts.Add(t.Stem == t.Normalized ? t.Normalized : $"{t.Normalized}/{t.Stem}");
                        o.WriteLine("        tokens: " + string.Join(" ", parts));
                    }
                }
            }
            foreach (var diagnostic in d.Diagnostics) o.WriteLine(diagnostic.ToString());
            o.WriteLine();
        }
    }

    /// <summary>The sentence with negated stretches in ⟦…⟧ so polarity is visible at a glance.</summary>
    private static string Marked(PolicyDocument d, Sentence s)
    {
        var text = d.Text.Text;
        var sb = new StringBuilder(s.Span.Length + 8);
        var pos = s.Span.Start;
        var open = false;
        var tokens = d.GetTokens(s);
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t.Span.Start < pos) continue; // expanded contraction: same span
            var negated = t.IsNegated;
            if (negated && !open) { sb.Append(text, pos, t.Span.Start - pos).Append('⟦'); open = true; pos = t.Span.Start; }
            else if (!negated && open) { sb.Append(text, pos, PreviousEnd(tokens, i) - pos).Append('⟧'); open = false; pos = PreviousEnd(tokens, i); }
            sb.Append(text, pos, t.Span.End - pos);
            pos = t.Span.End;
        }
        if (open) sb.Append('⟧');
        return sb.ToString();
    }

    private static int PreviousEnd(ReadOnlySpan<Token> tokens, int i) => i > 0 ? tokens[i - 1].Span.End : tokens[i].Span.Start;
}
