using System.Text;
using DiffPlex;

namespace PolicyRules.Changes;

/// <summary>A word-level diff of two excerpts (DiffPlex over one word per line), after normalisation.</summary>
public static class WordDiff
{
    /// <summary>How removed and added words are marked.</summary>
    public enum Style
    {
        /// <summary><c>[-removed-]</c> and <c>{+added+}</c>.</summary>
        Text,
        /// <summary><c>~~removed~~</c> and <c>**added**</c>.</summary>
        Markdown,
    }

    /// <summary>Text style marks <c>[-removed-]</c> and <c>{+added+}</c>; Markdown style <c>~~removed~~</c> and <c>**added**</c>.</summary>
    public static string Render(string before, string after, Style style)
    {
        var a = ExcerptText.Normalize(before).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var b = ExcerptText.Normalize(after).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = Differ.Instance.CreateLineDiffs(string.Join('\n', a), string.Join('\n', b), ignoreWhitespace: false);
        var sb = new StringBuilder();
        var i = 0;
        void Word(string w) { if (sb.Length > 0) sb.Append(' '); sb.Append(style == Style.Markdown ? EscapeMarkdown(w) : w); }
        void Run(IEnumerable<string> words, bool added)
        {
            var text = string.Join(' ', words.Select(w => style == Style.Markdown ? EscapeMarkdown(w) : w));
            if (text.Length == 0) return;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(style == Style.Markdown ? (added ? $"**{text}**" : $"~~{text}~~") : (added ? $"{{+{text}+}}" : $"[-{text}-]"));
        }
        foreach (var block in result.DiffBlocks)
        {
            for (; i < block.DeleteStartA; i++) Word(a[i]);
            Run(a.Skip(block.DeleteStartA).Take(block.DeleteCountA), added: false);
            Run(b.Skip(block.InsertStartB).Take(block.InsertCountB), added: true);
            i = block.DeleteStartA + block.DeleteCountA;
        }
        for (; i < a.Length; i++) Word(a[i]);
        return sb.ToString();
    }

    internal static string EscapeMarkdown(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
