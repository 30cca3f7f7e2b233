using PolicyRules.Documents;
using PolicyRules.Text;
using Xunit;

namespace PolicyRules.Tests.Documents;

/// <summary>Structural checks every loaded document must pass, whatever its format.</summary>
internal static class DocumentInvariants
{
    public static void Check(PolicyDocument d)
    {
        var text = d.Text.Text;
        var n = text.Length;

        // source map: monotonic and in range
        var previous = 0;
        for (var i = 0; i <= n; i++)
        {
            var o = d.MapToOriginal(i);
            Assert.InRange(o, 0, d.Original.Length);
            Assert.True(o >= previous, $"MapToOriginal not monotonic at {i}: {o} < {previous}");
            previous = o;
        }

        // blocks: ordered, disjoint, trimmed, non-empty
        var lastEnd = 0;
        for (var b = 0; b < d.Blocks.Length; b++)
        {
            var block = d.Blocks[b];
            InRange(block.Span, n);
            Assert.True(block.Span.Start >= lastEnd, $"block {b} overlaps the previous one");
            Assert.False(block.Span.IsEmpty, $"block {b} is empty");
            Assert.False(char.IsWhiteSpace(text[block.Span.Start]) || char.IsWhiteSpace(text[block.Span.End - 1]), $"block {b} not trimmed");
            Assert.InRange(block.Section, 0, d.Sections.Length - 1);
            Assert.True(d.Sections[block.Section].Span.Contains(block.Span), $"block {b} outside its section");
            lastEnd = block.Span.End;

            // sentences tile the block with whitespace-only gaps
            Assert.True(block.SentenceCount > 0, $"block {b} has no sentence");
            var pos = block.Span.Start;
            for (var s = block.FirstSentence; s < block.SentenceEnd; s++)
            {
                var sentence = d.Sentences[s];
                Assert.Equal(b, sentence.Block);
                Assert.True(block.Span.Contains(sentence.Span), $"sentence {s} outside block {b}");
                Assert.True(sentence.Span.Start >= pos, $"sentence {s} overlaps");
                Assert.True(string.IsNullOrWhiteSpace(text[pos..sentence.Span.Start]), $"non-space gap before sentence {s}: '{text[pos..sentence.Span.Start]}'");
                pos = sentence.Span.End;
                Assert.Equal(d.GetText(sentence.Span), text.Substring(sentence.Span.Start, sentence.Span.Length));

                // tokens inside the sentence, ordered; only contraction expansions share a span
                Assert.True(sentence.TokenCount > 0);
                Assert.Equal(sentence.Span.Start, d.Tokens[sentence.FirstToken].Span.Start);
                Assert.Equal(sentence.Span.End, d.Tokens[sentence.TokenEnd - 1].Span.End);
                var tokenEnd = sentence.Span.Start;
                for (var t = sentence.FirstToken; t < sentence.TokenEnd; t++)
                {
                    var token = d.Tokens[t];
                    Assert.Equal(s, token.Sentence);
                    Assert.True(sentence.Span.Contains(token.Span), $"token {t} outside sentence {s}");
                    var shared = t > sentence.FirstToken && d.Tokens[t - 1].Span == token.Span;
                    Assert.True(shared || token.Span.Start >= tokenEnd, $"token {t} overlaps");
                    Assert.False(token.Span.IsEmpty);
                    var tokenText = d.GetText(token.Span);
                    Assert.Equal(tokenText.Trim(), tokenText);
                    Assert.False(string.IsNullOrEmpty(token.Normalized));
                    tokenEnd = token.Span.End;
                }
            }
            Assert.Equal(block.Span.End, pos);
            Assert.Equal(block.TokenCount, d.Sentences[block.SentenceEnd - 1].TokenEnd - d.Sentences[block.FirstSentence].FirstToken);
        }
        Assert.Equal(d.Tokens.Length, d.Blocks.Sum(b => b.TokenCount));

        // sections: nested spans, heading paths grow by one
        Assert.Empty(d.Sections[0].HeadingPath);
        for (var s = 1; s < d.Sections.Length; s++)
        {
            var section = d.Sections[s];
            Assert.True(d.Sections[section.Parent].Span.Contains(section.Span));
            Assert.Equal(d.Sections[section.Parent].HeadingPath.Length + 1, section.HeadingPath.Length);
            Assert.Equal(d.GetText(section.HeadingSpan), section.Heading);
            Assert.Equal(BlockKind.Heading, d.Blocks[section.HeadingBlock].Kind);
        }

        // annotations stay inside their sentence; entities sorted and disjoint
        foreach (var neg in d.Negations)
        {
            var sentence = d.Sentences[neg.Sentence].Span;
            Assert.True(sentence.Contains(neg.Cue) && (neg.Scope.IsEmpty || sentence.Contains(neg.Scope)));
        }
        foreach (var ex in d.Exceptions)
        {
            var sentence = d.Sentences[ex.Sentence].Span;
            Assert.True(sentence.Contains(ex.Cue) && (ex.Governed.IsEmpty || sentence.Contains(ex.Governed)));
            Assert.Equal(d.GetText(ex.Cue), ex.CueText);
        }
        var entityEnd = 0;
        foreach (var e in d.Entities)
        {
            InRange(e.Span, n);
            Assert.True(e.Span.Start >= entityEnd, $"entity '{e.Text}' overlaps the previous one");
            Assert.Equal(d.GetText(e.Span), e.Text);
            Assert.False(string.IsNullOrEmpty(e.Value));
            entityEnd = e.Span.End;
        }
    }

    private static void InRange(TextSpan span, int length)
    {
        Assert.True(span.Start >= 0 && span.Length >= 0 && span.End <= length, $"span {span} outside text of length {length}");
    }
}
