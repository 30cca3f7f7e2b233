using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Matching;
using PolicyRules.Summaries;

namespace PolicyRules.Compare;

/// <summary>
/// The provision × platform view of a set of documents: for every provision of the taxonomy (in
/// taxonomy order), where it was found, with excerpts and captures. Built over the newest version of
/// each document; every list is in a fixed order so that writers are deterministic.
/// </summary>
public sealed class Comparison
{
    public required CompiledRuleSet Rules { get; init; }
    /// <summary>Platforms (services), ordered by slug.</summary>
    public required IReadOnlyList<ComparedService> Services { get; init; }
    /// <summary>Every compared document, ordered by service slug, then document type.</summary>
    public required IReadOnlyList<ComparedDocument> Documents { get; init; }
    /// <summary>Taxonomy order; with an area filter only that area's provisions.</summary>
    public required IReadOnlyList<ProvisionComparison> Provisions { get; init; }
    /// <summary>The area filter, or null for all areas.</summary>
    public string? Area { get; init; }

    public ProvisionComparison? Find(string provisionKey) =>
        Provisions.FirstOrDefault(p => p.Provision.Key == provisionKey);
}

/// <summary>One platform: a service slug and its newest documents.</summary>
public sealed class ComparedService
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<ComparedDocument> Documents { get; init; }
}

/// <summary>The newest version of one document of one platform, analysed.</summary>
public sealed class ComparedDocument
{
    public required string Service { get; init; }
    public required string DocType { get; init; }
    public required DocumentAnalysis Analysis { get; init; }
    /// <summary>How many older versions were left out (the comparison reads the newest only).</summary>
    public int OlderVersions { get; init; }
    public DocumentInfo Info => Analysis.Info;
    public string Date => Analysis.Info.Date;
    public string Path => Analysis.Info.Path;
    /// <summary>Findings that are not suppressed by configuration, in document order.</summary>
    public IReadOnlyList<Finding> Findings => _visible ??= Analysis.Findings.Where(f => !f.IsSuppressed).ToList();
    private IReadOnlyList<Finding>? _visible;
}

/// <summary>A provision across all platforms.</summary>
public sealed class ProvisionComparison
{
    public required ProvisionKey Provision { get; init; }
    /// <summary>False when no loaded rule looks for this provision: "not found" would then mean "not checked".</summary>
    public required bool Checked { get; init; }
    /// <summary>One entry per document where the provision was found, ordered like <see cref="Comparison.Documents"/>.</summary>
    public required IReadOnlyList<ProvisionEntry> Entries { get; init; }
    /// <summary>Distinct platforms where it was found.</summary>
    public int ServiceCount => Entries.Select(e => e.Document.Service).Distinct(StringComparer.Ordinal).Count();
    /// <summary>Capture names used by any entry, ordered by name (the columns of a side-by-side table).</summary>
    public IReadOnlyList<string> CaptureNames =>
        Entries.SelectMany(e => e.Captures.Keys).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
    public IEnumerable<ProvisionEntry> EntriesFor(string service) => Entries.Where(e => e.Document.Service == service);
}

/// <summary>A provision in one document: its first finding quoted, captures of all its findings merged.</summary>
public sealed class ProvisionEntry
{
    public required ComparedDocument Document { get; init; }
    /// <summary>All findings of the provision in the document, in document order (never empty).</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
    public Finding First => Findings[0];
    public string Excerpt => First.Excerpt;
    public string Summary => First.Summary ?? "";
    public Severity Severity => Findings.Max(f => f.Severity);
    /// <summary>Capture texts by name over every finding, in document order, without repeats (ignoring case).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Captures { get; init; }
    public IReadOnlyList<string> RuleIds => Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();
}
