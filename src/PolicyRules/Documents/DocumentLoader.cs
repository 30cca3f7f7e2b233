using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PolicyRules.Diagnostics;
using PolicyRules.Text;

namespace PolicyRules.Documents;

/// <summary>
/// Loads policy documents: decode, pick a loader (by extension, else by sniffing), segment into
/// sections ▸ blocks ▸ sentences ▸ tokens, annotate (negation, exceptions, entities). A file that
/// cannot be read at all (missing, unreadable, binary) throws <see cref="DocumentLoadException"/>
/// naming the file; anything that can be read loads, with warnings in <see cref="PolicyDocument.Diagnostics"/>.
/// </summary>
public static class DocumentLoader
{
    /// <summary>Reads and loads a file. Throws <see cref="DocumentLoadException"/> when it cannot be read or is binary.</summary>
    public static PolicyDocument Load(string path, DocumentFormat format = DocumentFormat.Unknown)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e switch
            {
                FileNotFoundException => "file not found",
                DirectoryNotFoundException => "directory not found",
                UnauthorizedAccessException when Directory.Exists(path) => "it is a directory",
                UnauthorizedAccessException => "access denied",
                _ => e.Message,
            };
            throw new DocumentLoadException(new Diagnostic(DocumentDiagnostics.Unreadable, Location.None(path), path, reason), e);
        }
        return Load(bytes, path, format);
    }

    /// <summary>Loads a file's bytes. Throws <see cref="DocumentLoadException"/> for binary input.</summary>
    public static PolicyDocument Load(byte[] bytes, string path, DocumentFormat format = DocumentFormat.Unknown)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var text = TextDecoder.Decode(bytes, path ?? "", out var invalidUtf8);
        return Parse(text, path ?? "", format, invalidUtf8);
    }

    /// <summary>Loads already decoded text. Never throws for any input string.</summary>
    public static PolicyDocument Parse(string text, string path, DocumentFormat format = DocumentFormat.Unknown) =>
        Parse(text ?? "", path ?? "", format, null);

    private static PolicyDocument Parse(string text, string path, DocumentFormat format, Func<SourceText, Diagnostic>? extra)
    {
        if (format == DocumentFormat.Unknown) format = DetectFormat(path, text);
        var original = new SourceText(text, path);
        var builder = new DocumentBuilder(original);
        if (extra is not null) builder.Diagnostics.Add(extra(original));
        switch (format)
        {
            case DocumentFormat.Markdown:
                if (!MarkdownLoader.TryLoad(builder))
                {
                    var diagnostics = builder.Diagnostics;
                    builder = new DocumentBuilder(original);
                    builder.Diagnostics.AddRange(diagnostics);
                    builder.Warn(DocumentDiagnostics.NestedTooDeeply, 0, "Markdown", "Markdig's limit", "the file was read as plain text");
                    PlainTextLoader.Load(builder);
                }
                break;
            case DocumentFormat.Html:
                HtmlLoader.Load(builder);
                break;
            default:
                format = DocumentFormat.Text;
                PlainTextLoader.Load(builder);
                break;
        }
        return DocumentAnalyzer.Build(path, format, original, builder);
    }

    /// <summary>By extension (.md/.markdown, .html/.htm, .txt); otherwise by content: markup → HTML, Markdown syntax → Markdown, else text.</summary>
    public static DocumentFormat DetectFormat(string path, string text)
    {
        switch (System.IO.Path.GetExtension(path ?? "").ToLowerInvariant())
        {
            case ".md": case ".markdown": case ".mdown": case ".mkd": case ".mkdn": return DocumentFormat.Markdown;
            case ".html": case ".htm": case ".xhtml": return DocumentFormat.Html;
            case ".txt": case ".text": return DocumentFormat.Text;
        }
        return Sniff(text ?? "");
    }

    internal static DocumentFormat Sniff(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 8192));
        var trimmed = head.TrimStart();
        if (trimmed.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return DocumentFormat.Html;
        var tags = 0;
        foreach (var tag in (ReadOnlySpan<string>)["<p>", "<p ", "<div", "<body", "<br", "<li>", "<h1", "<h2", "<table", "<span"])
            if (head.Contains(tag, StringComparison.OrdinalIgnoreCase)) tags++;
        if (tags >= 2 && trimmed.StartsWith("<")) return DocumentFormat.Html;

        var signals = 0;
        foreach (var line in head.EnumerateLines())
        {
            var l = line.TrimStart();
            if (l.StartsWith("# ") || l.StartsWith("## ") || l.StartsWith("### ") || l.StartsWith("> ") || l.StartsWith("|") || l.StartsWith("```")
                || l.StartsWith("===") || l.StartsWith("---") || l.StartsWith("* ")) signals++;
            if (l.Contains("](", StringComparison.Ordinal) || l.Contains("**", StringComparison.Ordinal)) signals++;
            if (signals >= 2) return DocumentFormat.Markdown;
        }
        return tags >= 3 ? DocumentFormat.Html : DocumentFormat.Text;
    }
}

/// <summary>From a loader's blocks to the finished document: tokens, sentences, sections, annotations.</summary>
internal static class DocumentAnalyzer
{
    [ThreadStatic] private static List<TokenDraft>? _tokens;
    [ThreadStatic] private static List<(int First, int Count)>? _sentences;

    public static PolicyDocument Build(string path, DocumentFormat format, SourceText original, DocumentBuilder builder)
    {
        var (text, map) = builder.Finish();
        var drafts = builder.Blocks;

        // Scratch lists are kept per thread: a corpus run then allocates them once, not per document.
        var tokens = _tokens ??= new List<TokenDraft>(1024);
        var sentences = _sentences ??= new List<(int First, int Count)>(256);
        tokens.Clear();
        sentences.Clear();
        // Room for the usual ~1 token per 4-5 characters up front: growing by doubling would hold the
        // old and the new buffer at once, which dominated the peak memory of a 100 MB document.
        if (tokens.Capacity < text.Length / 4) tokens.Capacity = text.Length / 4 + 16;
        var blockRanges = new (int FirstSentence, int SentenceCount, int FirstToken, int TokenCount)[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            var tf = tokens.Count;
            Tokenizer.Tokenize(text, d.Start, d.End, tokens);
            var sf = sentences.Count;
            if (tokens.Count > tf)
            {
                if (d.Kind == BlockKind.Heading) sentences.Add((tf, tokens.Count - tf));
                else SentenceSplitter.Split(text, tokens, tf, tokens.Count, sentences);
            }
            blockRanges[i] = (sf, sentences.Count - sf, tf, tokens.Count - tf);
        }

        var tokenArray = CollectionsMarshal.AsSpan(tokens);
        var negations = new List<NegationCue>();
        var exceptions = new List<ExceptionClause>();
        var entities = new List<Entity>();
        ClauseAnnotator.Annotate(text, tokenArray, sentences, negations, exceptions);
        NegateItemsOfNegatedLeadIns(text, drafts, blockRanges, sentences, tokenArray, negations);
        EntityRecognizer.Recognize(text, tokenArray, sentences, entities);

        var sections = BuildSections(text, drafts, out var blockSection);

        var blocks = new Block[drafts.Count];
        var sentenceArray = new Sentence[sentences.Count];
        var finalTokens = new Token[tokenArray.Length];
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            var r = blockRanges[i];
            blocks[i] = new Block(d.Kind, TextSpan.FromBounds(d.Start, d.End), blockSection[i], r.FirstSentence, r.SentenceCount, r.FirstToken, r.TokenCount, d.HeadingLevel) { ColumnHeader = d.ColumnHeader };
            for (var s = r.FirstSentence; s < r.FirstSentence + r.SentenceCount; s++)
            {
                var (first, count) = sentences[s];
                sentenceArray[s] = new Sentence(TextSpan.FromBounds(tokenArray[first].Start, tokenArray[first + count - 1].End), i, first, count);
                for (var t = first; t < first + count; t++)
                {
                    ref readonly var td = ref tokenArray[t];
                    finalTokens[t] = new Token(new TextSpan(td.Start, td.Length), td.Term, s, td.Kind, td.Flags);
                }
            }
        }

        if (tokens.Capacity > 1 << 22) _tokens = null; // do not keep a huge document's buffers alive
        if (sentences.Capacity > 1 << 20) _sentences = null;
        var diagnostics = builder.Diagnostics.ToArray();
        Array.Sort(diagnostics, Diagnostic.Compare);
        return new PolicyDocument(path, format, original, new SourceText(text, path), map,
            ImmutableCollectionsMarshal.AsImmutableArray(sections),
            ImmutableCollectionsMarshal.AsImmutableArray(blocks),
            ImmutableCollectionsMarshal.AsImmutableArray(sentenceArray),
            ImmutableCollectionsMarshal.AsImmutableArray(finalTokens),
            ImmutableCollectionsMarshal.AsImmutableArray(negations.ToArray()),
            ImmutableCollectionsMarshal.AsImmutableArray(exceptions.ToArray()),
            ImmutableCollectionsMarshal.AsImmutableArray(entities.ToArray()),
            ImmutableCollectionsMarshal.AsImmutableArray(diagnostics));
    }

    /// <summary>
    /// The items of a list whose lead-in is the provider's own sentence ending inside a negation ("We will
    /// never:") continue that negation: each item's tokens are negated as if they finished the lead-in's
    /// sentence. The cue stays the lead-in's (annotations never leave their sentence).
    /// </summary>
    private static void NegateItemsOfNegatedLeadIns(string text, IReadOnlyList<BlockDraft> drafts,
        (int FirstSentence, int SentenceCount, int FirstToken, int TokenCount)[] blockRanges,
        List<(int First, int Count)> sentences, Span<TokenDraft> tokens, List<NegationCue> negations)
    {
        if (negations.Count == 0) return;
        NegationCue? open = null;
        for (var b = 0; b < drafts.Count; b++)
        {
            var r = blockRanges[b];
            if (drafts[b].Kind == BlockKind.ListItem)
            {
                if (open is null) continue;
                for (var s = r.FirstSentence; s < r.FirstSentence + r.SentenceCount; s++)
                {
                    var (first, count) = sentences[s];
                    for (var t = first; t < first + count; t++) tokens[t].Flags |= TokenFlags.Negated;
                }
                continue;
            }
            open = null;
            if (r.SentenceCount == 0 || drafts[b].Kind is not (BlockKind.Paragraph or BlockKind.Heading)) continue;
            var lead = r.FirstSentence + r.SentenceCount - 1;
            var (lf, lc) = sentences[lead];
            if (lc < 2 || tokens[lf + lc - 1].Term.Normalized != ":") continue;
            var before = tokens[lf + lc - 2].Flags;
            if ((before & (TokenFlags.Negated | TokenFlags.NegationCue)) == 0) continue;
            NegationCue? last = null;
            foreach (var n in negations) if (n.Sentence == lead) last = n;
            if (last is { } c && SpeaksForProvider(tokens, lf, c.FirstCueToken)) open = c;
        }
    }

    // Only the provider's own negated lead-ins ("We will never:") carry over to their items. A list of
    // what users must not do ("You agree not to:") stays as it is: its items are the user's duties, and
    // reading them as negated would make them look like the provider's promises.
    private static bool SpeaksForProvider(Span<TokenDraft> tokens, int first, int cue)
    {
        var we = false;
        for (var t = first; t < cue; t++)
            switch (tokens[t].Term.Normalized)
            {
                case "we": case "us": case "our": we = true; break;
                case "you": case "your": case "user": case "users": case "customer": case "customers": return false;
            }
        return we;
    }

    private sealed class SectionDraft
    {
        public int Parent, Level, HeadingBlock, FirstBlock, LastBlock;
        public ImmutableArray<string> Path;
        public TextSpan HeadingSpan;
    }

    private static Section[] BuildSections(string text, IReadOnlyList<BlockDraft> blocks, out int[] blockSection)
    {
        var drafts = new List<SectionDraft>
        {
            new() { Parent = -1, Level = 0, HeadingBlock = -1, FirstBlock = 0, LastBlock = blocks.Count - 1, Path = ImmutableArray<string>.Empty },
        };
        var stack = new List<int> { 0 };
        blockSection = new int[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (b.Kind == BlockKind.Heading)
            {
                while (stack.Count > 1 && drafts[stack[^1]].Level >= b.HeadingLevel)
                {
                    drafts[stack[^1]].LastBlock = i - 1;
                    stack.RemoveAt(stack.Count - 1);
                }
                var parent = drafts[stack[^1]];
                var heading = text.Substring(b.Start, b.End - b.Start);
                drafts.Add(new SectionDraft
                {
                    Parent = stack[^1], Level = b.HeadingLevel, HeadingBlock = i, FirstBlock = i, LastBlock = blocks.Count - 1,
                    Path = parent.Path.Add(heading), HeadingSpan = TextSpan.FromBounds(b.Start, b.End),
                });
                stack.Add(drafts.Count - 1);
            }
            blockSection[i] = stack[^1];
        }

        var sections = new Section[drafts.Count];
        for (var s = 0; s < drafts.Count; s++)
        {
            var d = drafts[s];
            var span = s == 0
                ? new TextSpan(0, text.Length)
                : TextSpan.FromBounds(blocks[d.FirstBlock].Start, blocks[Math.Max(d.LastBlock, d.FirstBlock)].End);
            sections[s] = new Section(s, d.Parent, d.Level, d.Path, span, d.HeadingSpan, d.HeadingBlock, d.FirstBlock, Math.Max(0, d.LastBlock - d.FirstBlock + 1));
        }
        return sections;
    }
}
