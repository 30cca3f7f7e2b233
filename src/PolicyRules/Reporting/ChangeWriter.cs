using System.Text;
using System.Text.Json;
using PolicyRules.Changes;

namespace PolicyRules.Reporting;

/// <summary>
/// <c>diff --format text|json|markdown</c>. JSON follows docs/contracts.md
/// <c>{"old","new","changes":[{"provision","kind","ruleId","before","after","summary"}]}</c>;
/// text and Markdown add a word-level diff of each changed excerpt.
/// </summary>
public static class ChangeWriter
{
    /// <summary>The changes between two labelled versions as a JSON document.</summary>
    public static string Json(string oldLabel, string newLabel, IReadOnlyList<ProvisionChange> changes)
    {
        return JsonOutput.Render(json =>
        {
            json.WriteStartObject();
            json.WriteString("old", oldLabel);
            json.WriteString("new", newLabel);
            WriteChanges(json, changes);
            json.WriteEndObject();
        });
    }

    /// <summary>Writes the <c>changes</c> array property into an open JSON object.</summary>
    public static void WriteChanges(Utf8JsonWriter json, IReadOnlyList<ProvisionChange> changes)
    {
        json.WriteStartArray("changes");
        foreach (var c in changes)
        {
            json.WriteStartObject();
            json.WriteString("provision", c.Provision);
            json.WriteString("kind", c.KindName);
            json.WriteString("ruleId", c.RuleId);
            WriteSide(json, "before", c.Before);
            WriteSide(json, "after", c.After);
            json.WriteString("summary", c.Summary);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteSide(Utf8JsonWriter json, string name, ProvisionRecord? record)
    {
        if (record is null) { json.WriteNull(name); return; }
        json.WriteStartObject(name);
        json.WriteString("excerpt", record.Excerpt);
        JsonOutput.WriteCaptures(json, record.Captures);
        json.WriteEndObject();
    }

    /// <summary>The changes as plain text, with a word-level diff of each changed excerpt.</summary>
    public static string Text(string oldLabel, string newLabel, IReadOnlyList<ProvisionChange> changes)
    {
        var sb = new StringBuilder();
        sb.Append(oldLabel).Append(" → ").Append(newLabel).Append(": ").Append(Count(changes)).Append('\n');
        foreach (var c in changes)
        {
            sb.Append('\n');
            AppendText(sb, c, "  ");
        }
        return sb.ToString();
    }

    /// <summary>One change as indented text lines (also used by <c>timeline</c> and <c>archive digest</c>).</summary>
    public static void AppendText(StringBuilder sb, ProvisionChange c, string indent)
    {
        sb.Append(indent).Append(c.KindName).Append(' ').Append(c.Provision).Append(" (").Append(c.RuleId).Append(")\n");
        sb.Append(indent).Append("  ").Append(c.Summary).Append('\n');
        if (c.Before is not null && c.After is not null)
            sb.Append(indent).Append("  words: ").Append(WordDiff.Render(c.Before.Excerpt, c.After.Excerpt, WordDiff.Style.Text)).Append('\n');
        else if (c.After is not null)
            sb.Append(indent).Append("  + ").Append(ExcerptText.Normalize(c.After.Excerpt)).Append('\n');
        else if (c.Before is not null)
            sb.Append(indent).Append("  - ").Append(ExcerptText.Normalize(c.Before.Excerpt)).Append('\n');
    }

    /// <summary>The changes as a Markdown document, with a word-level diff of each changed excerpt.</summary>
    public static string Markdown(string oldLabel, string newLabel, IReadOnlyList<ProvisionChange> changes)
    {
        var sb = new StringBuilder();
        sb.Append("# Changes: ").Append(WordDiff.EscapeMarkdown(oldLabel)).Append(" → ").Append(WordDiff.EscapeMarkdown(newLabel)).Append("\n\n");
        sb.Append(Count(changes)).Append(".\n");
        foreach (var c in changes) AppendMarkdown(sb, c, "##");
        sb.Append('\n').Append("_").Append(Summaries.DisplayNames.Disclaimer).Append("_\n");
        return sb.ToString();
    }

    /// <summary>One change as a Markdown section under a heading of the given level (<c>##</c>, <c>###</c>, …).</summary>
    public static void AppendMarkdown(StringBuilder sb, ProvisionChange c, string heading)
    {
        sb.Append('\n').Append(heading).Append(' ').Append(c.KindName).Append(": `").Append(c.Provision).Append("` (").Append(c.RuleId).Append(")\n\n");
        sb.Append(WordDiff.EscapeMarkdown(c.Summary)).Append("\n\n");
        if (c.Before is not null && c.After is not null)
            sb.Append("> ").Append(WordDiff.Render(c.Before.Excerpt, c.After.Excerpt, WordDiff.Style.Markdown)).Append('\n');
        else if (c.After is not null)
            sb.Append("> ").Append(WordDiff.EscapeMarkdown(ExcerptText.Normalize(c.After.Excerpt))).Append('\n');
        else if (c.Before is not null)
            sb.Append("> ~~").Append(WordDiff.EscapeMarkdown(ExcerptText.Normalize(c.Before.Excerpt))).Append("~~\n");
    }

    /// <summary>"no provision changed", "1 provision change" or "N provision changes".</summary>
    public static string Count(IReadOnlyList<ProvisionChange> changes) => changes.Count switch
    {
        0 => "no provision changed",
        1 => "1 provision change",
        var n => $"{n} provision changes",
    };
}
