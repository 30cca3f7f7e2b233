using PolicyRules.Binding;
using PolicyRules.Summaries;
using Scriban;
using Scriban.Runtime;

namespace PolicyRules.Changes;

/// <summary>What a change summary knows of the two versions: whose document, and the dates (empty when unknown).</summary>
public sealed record ChangeContext(string Service, string DocType, string OldDate, string NewDate);

/// <summary>
/// Renders the plain-language summary of each change from the embedded Scriban template
/// <c>templates/change.sbn</c>: what is true now, what was true before, and since when.
/// </summary>
public static class ChangeSummarizer
{
    private static readonly Lazy<Template> ChangeTemplate = new(() =>
    {
        using var stream = typeof(ChangeSummarizer).Assembly.GetManifestResourceStream("changes/change.sbn")
            ?? throw new InvalidOperationException("embedded template changes/change.sbn is missing");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), "changes/change.sbn");
        if (template.HasErrors) throw new InvalidOperationException("changes/change.sbn: " + string.Join("; ", template.Messages));
        return template;
    });

    /// <summary>The changes with their <see cref="ProvisionChange.Summary"/> rendered.</summary>
    public static IReadOnlyList<ProvisionChange> Summarize(IEnumerable<ProvisionChange> changes, ChangeContext context) =>
        changes.Select(c => c with { Summary = Render(c, context) }).ToList();

    /// <summary>The plain-language summary of one change.</summary>
    public static string Render(ProvisionChange change, ChangeContext context)
    {
        var taxonomy = Taxonomy.Find(change.Provision);
        var model = new ScriptObject
        {
            ["kind"] = change.KindName,
            ["provision"] = change.Provision,
            ["provision_title"] = taxonomy?.Title ?? change.Provision,
            ["service"] = DisplayNames.ServiceName(context.Service),
            ["doc_type"] = DisplayNames.DocTypeName(context.DocType),
            ["old_date"] = context.OldDate,
            ["new_date"] = context.NewDate,
            ["before"] = change.Before is null ? "" : Clause(change.Before, context, taxonomy),
            ["after"] = change.After is null ? "" : Clause(change.After, context, taxonomy),
            ["capture_changes"] = CaptureChanges(change).ToArray(),
        };
        var ctx = new TemplateContext { StrictVariables = true, LoopLimit = 1000, RecursiveLimit = 64 };
        ctx.PushGlobal(model);
        var text = ChangeTemplate.Value.Render(ctx);
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>"period: 30 days → 5 years" for each capture whose text differs between the versions.</summary>
    public static IEnumerable<string> CaptureChanges(ProvisionChange change)
    {
        if (change.Before is null || change.After is null) yield break;
        var names = change.Before.Captures.Keys.Concat(change.After.Captures.Keys).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var a = change.Before.Captures.GetValueOrDefault(name) ?? Array.Empty<string>();
            var b = change.After.Captures.GetValueOrDefault(name) ?? Array.Empty<string>();
            string Show(string[] v) => v.Length == 0 ? "none" : string.Join(", ", v.Select(ExcerptText.Normalize));
            if (!ExcerptText.CaptureValues(a).SequenceEqual(ExcerptText.CaptureValues(b)))
                yield return $"{name.Replace('_', ' ')}: {Show(a)} → {Show(b)}";
        }
    }

    // First words that start a sentence but not a name: lower-cased when the summary becomes a clause.
    private static readonly HashSet<string> CommonStarts = new(StringComparer.Ordinal)
    {
        "The", "This", "These", "That", "Data", "Your", "You", "Users", "User", "It", "There", "Personal", "A", "An", "No", "Any", "Content", "Conversations",
    };

    /// <summary>A finding's summary as a clause that can follow "Since DATE, ": no final full stop, a common first word lower-cased.</summary>
    private static string Clause(ProvisionRecord record, ChangeContext context, ProvisionKey? taxonomy)
    {
        var text = record.Summary is { Length: > 0 } s ? s.Trim()
            : $"the {DisplayNames.DocTypeName(context.DocType)} states that {taxonomy?.Description ?? record.Provision}";
        if (text.EndsWith('.')) text = text[..^1];
        var space = text.IndexOf(' ');
        var first = space < 0 ? text : text[..space];
        if (CommonStarts.Contains(first)) text = char.ToLowerInvariant(text[0]) + text[1..];
        return text;
    }
}
