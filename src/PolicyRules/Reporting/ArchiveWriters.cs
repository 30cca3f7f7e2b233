using System.Text;
using System.Text.Json;
using PolicyRules.Changes;
using PolicyRules.Summaries;
using PolicyRules.Archive;
using PolicyRules.Indexing;

namespace PolicyRules.Reporting;

/// <summary>Output of <c>timeline</c>, <c>archive registry</c> and <c>archive digest</c>. Deterministic: ordered by service, document type, date.</summary>
public static class ArchiveWriters
{
    /// <summary><c>{"service","versions":[{"docType","date","sha256","changes":[…]}]}</c> (docs/contracts.md) plus verification dates.</summary>
    public static string TimelineJson(string service, IReadOnlyList<TimelineEntry> entries) => JsonOutput.Render(json =>
    {
        json.WriteStartObject();
        json.WriteString("service", service);
        json.WriteStartArray("versions");
        foreach (var e in entries)
        {
            json.WriteStartObject();
            json.WriteString("docType", e.Version.DocType);
            json.WriteString("date", e.Version.Date);
            json.WriteString("sha256", e.Version.Sha256);
            if (e.PreviousDate is null) json.WriteNull("previousDate"); else json.WriteString("previousDate", e.PreviousDate);
            json.WriteStartArray("verified");
            foreach (var d in e.Version.Verified) json.WriteStringValue(d);
            json.WriteEndArray();
            json.WriteNumber("provisions", e.ProvisionCount);
            ChangeWriter.WriteChanges(json, e.Changes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>A service's timeline as plain text.</summary>
    public static string TimelineText(string service, IReadOnlyList<TimelineEntry> entries)
    {
        var sb = new StringBuilder();
        sb.Append(service).Append(": ").Append(entries.Count).Append(entries.Count == 1 ? " version" : " versions").Append('\n');
        foreach (var group in entries.GroupBy(e => e.Version.DocType))
        {
            sb.Append('\n').Append(group.Key).Append('\n');
            foreach (var e in group)
            {
                sb.Append("  ").Append(e.Version.Date).Append("  ").Append(e.Version.Sha256[..12]).Append("  ");
                sb.Append(e.PreviousDate is null ? FirstVersion(e, capital: false) : ChangeWriter.Count(e.Changes));
                if (e.Version.Verified.Count > 0) sb.Append("  (unchanged on ").Append(string.Join(", ", e.Version.Verified)).Append(')');
                sb.Append('\n');
                foreach (var c in e.Changes) ChangeWriter.AppendText(sb, c, "    ");
            }
        }
        return sb.ToString();
    }

    /// <summary>A service's timeline as Markdown.</summary>
    public static string TimelineMarkdown(string service, IReadOnlyList<TimelineEntry> entries)
    {
        var sb = new StringBuilder();
        sb.Append("# Timeline: ").Append(WordDiff.EscapeMarkdown(DisplayNames.ServiceName(service))).Append("\n");
        foreach (var group in entries.GroupBy(e => e.Version.DocType))
        {
            sb.Append("\n## ").Append(WordDiff.EscapeMarkdown(DisplayNames.DocTypeName(group.Key))).Append('\n');
            foreach (var e in group)
            {
                sb.Append("\n### ").Append(e.Version.Date).Append("\n\n");
                sb.Append(e.PreviousDate is null ? FirstVersion(e, capital: true) : Capital(ChangeWriter.Count(e.Changes)))
                    .Append(" (sha256 `").Append(e.Version.Sha256[..12]).Append("`).\n");
                foreach (var c in e.Changes) ChangeWriter.AppendMarkdown(sb, c, "####");
            }
        }
        sb.Append("\n_").Append(DisplayNames.Disclaimer).Append("_\n");
        return sb.ToString();
    }

    /// <summary>A self-contained page (template <c>html/timeline</c>); every character that comes from a document or the archive is escaped.</summary>
    public static string TimelineHtml(string service, IReadOnlyList<TimelineEntry> entries) =>
        HtmlTemplates.Render("html/timeline", new Dictionary<string, object?>
        {
            ["platform"] = DisplayNames.ServiceName(service),
            ["disclaimer"] = DisplayNames.Disclaimer,
            ["documents"] = entries.GroupBy(e => e.Version.DocType).Select(g => new
            {
                title = DisplayNames.DocTypeName(g.Key),
                versions = g.Select(e => new
                {
                    date = e.Version.Date,
                    description = e.PreviousDate is null ? FirstVersion(e, capital: true) : Capital(ChangeWriter.Count(e.Changes)),
                    sha = e.Version.Sha256[..12],
                    changes = e.Changes.Select(c => new
                    {
                        kind = c.KindName,
                        provision = c.Provision,
                        rule = c.RuleId,
                        summary = c.Summary,
                        before = c.Before is null ? null : ExcerptText.Normalize(c.Before.Excerpt),
                        after = c.After is null ? null : ExcerptText.Normalize(c.After.Excerpt),
                    }).ToList(),
                }).ToList(),
            }).ToList(),
        });

    /// <summary>Provision instances of the registry as JSON.</summary>
    public static string RegistryJson(IReadOnlyList<ProvisionInstance> instances) => JsonOutput.Render(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("provisions");
        foreach (var p in instances)
        {
            json.WriteStartObject();
            json.WriteString("id", p.DisplayId);
            json.WriteString("provision", p.Provision);
            json.WriteString("ruleId", p.RuleId);
            json.WriteString("service", p.Service);
            json.WriteString("docType", p.DocType);
            json.WriteString("firstSeen", p.FirstSeen);
            json.WriteString("lastSeen", p.LastSeen);
            json.WriteString("excerpt", p.Excerpt);
            JsonOutput.WriteCaptures(json, p.Captures);
            json.WriteStartArray("versions");
            foreach (var d in p.Versions) json.WriteStringValue(d);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>Provision instances of the registry as plain text, one per line.</summary>
    public static string RegistryText(IReadOnlyList<ProvisionInstance> instances)
    {
        var sb = new StringBuilder();
        foreach (var p in instances)
            sb.Append(p.DisplayId).Append("  ").Append(p.Service).Append('/').Append(p.DocType).Append("  ").Append(p.Provision)
                .Append(" (").Append(p.RuleId).Append(")  ").Append(p.FirstSeen).Append(" … ").Append(p.LastSeen)
                .Append("  ").Append(p.Versions.Count).Append(p.Versions.Count == 1 ? " version\n" : " versions\n");
        if (instances.Count == 0) sb.Append("no provisions in the archive\n");
        return sb.ToString();
    }

    /// <summary>The change sets since a date as JSON.</summary>
    public static string DigestJson(string since, IReadOnlyList<ChangeSet> sets) => JsonOutput.Render(json =>
    {
        json.WriteStartObject();
        json.WriteString("since", since);
        json.WriteStartArray("changeSets");
        foreach (var s in sets)
        {
            json.WriteStartObject();
            WriteChangeSetFields(json, s);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>The change sets since a date as plain text.</summary>
    public static string DigestText(string since, IReadOnlyList<ChangeSet> sets)
    {
        var sb = new StringBuilder();
        sb.Append("Provision changes since ").Append(since).Append(": ").Append(sets.Sum(s => s.Changes.Count)).Append(" in ")
            .Append(sets.Count).Append(sets.Count == 1 ? " document version\n" : " document versions\n");
        foreach (var s in sets)
        {
            sb.Append('\n').Append(s.Service).Append('/').Append(s.DocType).Append(' ').Append(s.OldDate ?? "(none)").Append(" → ").Append(s.NewDate)
                .Append(": ").Append(ChangeWriter.Count(s.Changes)).Append('\n');
            foreach (var c in s.Changes) ChangeWriter.AppendText(sb, c, "  ");
        }
        return sb.ToString();
    }

    private static string FirstVersion(TimelineEntry e, bool capital) =>
        (capital ? "First" : "first") + " version, " + e.ProvisionCount + (e.ProvisionCount == 1 ? " provision" : " provisions");

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>The fields of a change set, as the digest and every alert write them.</summary>
    internal static void WriteChangeSetFields(Utf8JsonWriter json, ChangeSet set)
    {
        json.WriteString("service", set.Service);
        json.WriteString("docType", set.DocType);
        if (set.OldDate is null) json.WriteNull("oldDate"); else json.WriteString("oldDate", set.OldDate);
        json.WriteString("newDate", set.NewDate);
        json.WriteString("sha256", set.Sha256);
        ChangeWriter.WriteChanges(json, set.Changes);
    }

    /// <summary><c>archive list --format json</c>: every archived document with its versions and dates.</summary>
    public static string DocumentsJson(IReadOnlyList<ArchivedDocument> docs) => JsonOutput.Render(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("documents");
        foreach (var d in docs)
        {
            json.WriteStartObject();
            json.WriteString("service", d.Service);
            json.WriteString("docType", d.DocType);
            json.WriteNumber("versions", d.Versions);
            json.WriteString("firstDate", d.FirstDate);
            json.WriteString("lastDate", d.LastDate);
            if (d.LastVerified is null) json.WriteNull("lastVerified"); else json.WriteString("lastVerified", d.LastVerified);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary><c>archive list</c>: one aligned line per archived document.</summary>
    public static string DocumentsText(IReadOnlyList<ArchivedDocument> docs)
    {
        var sb = new StringBuilder();
        if (docs.Count == 0) sb.Append("the archive is empty\n");
        var width = docs.Count == 0 ? 0 : docs.Max(d => d.Service.Length + d.DocType.Length + 1);
        foreach (var d in docs)
            sb.Append($"{(d.Service + "/" + d.DocType).PadRight(width)}  {d.Versions,3} {(d.Versions == 1 ? "version " : "versions")}  {d.FirstDate} … {d.LastDate}")
                .Append(d.LastVerified is null ? "" : $"  verified {d.LastVerified}").Append('\n');
        return sb.ToString();
    }

    /// <summary><c>archive show SERVICE/DOC-TYPE</c>: the versions of a document.</summary>
    public static string VersionsText(string service, string docType, IReadOnlyList<ArchivedVersion> versions)
    {
        var sb = new StringBuilder();
        sb.Append(service).Append('/').Append(docType).Append(": ").Append(versions.Count).Append(versions.Count == 1 ? " version\n" : " versions\n");
        foreach (var v in versions)
            sb.Append("  ").Append(v.Date).Append("  ").Append(v.Sha256[..12]).Append("  ").Append(v.Source)
                .Append(v.Verified.Count > 0 ? "  (unchanged on " + string.Join(", ", v.Verified) + ")" : "").Append('\n');
        return sb.ToString();
    }

    /// <summary><c>archive show SERVICE/DOC-TYPE@DATE</c>: one version and its provisions.</summary>
    public static string VersionText(ArchivedVersion version, IReadOnlyList<ProvisionRecord> findings)
    {
        var sb = new StringBuilder();
        sb.Append(version.Service).Append('/').Append(version.DocType).Append('@').Append(version.Date).Append("  sha256 ").Append(version.Sha256).Append('\n');
        sb.Append("source: ").Append(version.Source).Append('\n');
        if (version.Verified.Count > 0) sb.Append("unchanged on: ").Append(string.Join(", ", version.Verified)).Append('\n');
        sb.Append(findings.Count).Append(findings.Count == 1 ? " provision\n" : " provisions\n");
        foreach (var f in findings.OrderBy(f => f.Start).ThenBy(f => f.RuleId, StringComparer.Ordinal))
            sb.Append("\n  ").Append(f.RuleId).Append(' ').Append(f.Provision).Append("\n    ").Append(f.Summary)
                .Append("\n    \"").Append(ExcerptText.Normalize(f.Excerpt)).Append("\"\n");
        return sb.ToString();
    }

    /// <summary><c>archive digest --format markdown</c>.</summary>
    public static string DigestMarkdown(string since, IReadOnlyList<ChangeSet> sets)
    {
        var sb = new StringBuilder();
        sb.Append("# Provision changes since ").Append(since).Append('\n');
        if (sets.Count == 0) sb.Append("\nNo provision changed.\n");
        foreach (var s in sets)
        {
            sb.Append("\n## ").Append(WordDiff.EscapeMarkdown($"{DisplayNames.ServiceName(s.Service)}, {DisplayNames.DocTypeName(s.DocType)}, {s.OldDate ?? "(none)"} → {s.NewDate}")).Append('\n');
            foreach (var c in s.Changes) ChangeWriter.AppendMarkdown(sb, c, "###");
        }
        sb.Append("\n_").Append(DisplayNames.Disclaimer).Append("_\n");
        return sb.ToString();
    }

    /// <summary>The line <c>archive add</c>, <c>import</c> and <c>fetch</c> print for each version.</summary>
    public static string AddResultLine(AddResult r)
    {
        var name = $"{r.Service}/{r.DocType}@{r.Date}";
        return r.Outcome switch
        {
            AddOutcome.Unchanged => $"unchanged {name}: already archived",
            AddOutcome.Verified => $"verified  {name}: same text as an archived version",
            _ => $"added     {name}: " + (r.ChangeSets.FirstOrDefault(s => s.NewDate == r.Date) is { OldDate: not null } s
                ? ChangeWriter.Count(s.Changes) + " since " + s.OldDate
                : "first version"),
        };
    }
}
