using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Matching;
using PolicyRules.Analysis;

namespace PolicyRules.Compare;

/// <summary>
/// The provision × platform view of a set of documents: for every provision of the taxonomy (in
/// taxonomy order), where it was found, with excerpts and captures. Built over the newest version of
/// each document; every list is in a fixed order so that writers are deterministic.
/// </summary>
public sealed class Comparison
{
    /// <summary>The rules the documents were analysed with.</summary>
    public required CompiledRuleSet Rules { get; init; }
    /// <summary>Platforms (services), ordered by slug.</summary>
    public required IReadOnlyList<ComparedService> Services { get; init; }
    /// <summary>Every compared document, ordered by service slug, then document type.</summary>
    public required IReadOnlyList<ComparedDocument> Documents { get; init; }
    /// <summary>Taxonomy order; with an area filter only that area's provisions.</summary>
    public required IReadOnlyList<ProvisionComparison> Provisions { get; init; }
    /// <summary>The area filter, or null for all areas.</summary>
    public string? Area { get; init; }

    /// <summary>The row of a provision key, or null (unknown key, or filtered out by area).</summary>
    public ProvisionComparison? Find(string provisionKey) =>
        Provisions.FirstOrDefault(p => p.Provision.Key == provisionKey);
}

/// <summary>One platform: a service slug and its newest documents.</summary>
public sealed class ComparedService
{
    /// <summary>The service's folder name, e.g. <c>anthropic</c>.</summary>
    public required string Slug { get; init; }
    /// <summary>The service's display name.</summary>
    public required string Name { get; init; }
    /// <summary>Its documents, ordered by document type.</summary>
    public required IReadOnlyList<ComparedDocument> Documents { get; init; }
}

/// <summary>The newest version of one document of one platform, analysed.</summary>
public sealed class ComparedDocument
{
    /// <summary>The service slug.</summary>
    public required string Service { get; init; }
    /// <summary>The document type, e.g. <c>privacy-policy</c>.</summary>
    public required string DocType { get; init; }
    /// <summary>The analysis of the newest version.</summary>
    public required DocumentAnalysis Analysis { get; init; }
    /// <summary>How many older versions were left out (the comparison reads the newest only).</summary>
    public int OlderVersions { get; init; }
    /// <summary>Path, service, type and date of the analysed version.</summary>
    public DocumentInfo Info => Analysis.Info;
    /// <summary>The analysed version's date; empty when unknown.</summary>
    public string Date => Analysis.Info.Date;
    /// <summary>The analysed file.</summary>
    public string Path => Analysis.Info.Path;
    /// <summary>Findings that are not suppressed by configuration, in document order.</summary>
    public IReadOnlyList<Finding> Findings => _visible ??= Analysis.Findings.Where(f => !f.IsSuppressed).ToList();
    private IReadOnlyList<Finding>? _visible;
}

/// <summary>A provision across all platforms.</summary>
public sealed class ProvisionComparison
{
    /// <summary>The provision of this row.</summary>
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
    /// <summary>The entries of one service (one per document where it was found).</summary>
    public IEnumerable<ProvisionEntry> EntriesFor(string service) => Entries.Where(e => e.Document.Service == service);
}

/// <summary>A provision in one document: its first finding quoted, captures of all its findings merged.</summary>
public sealed class ProvisionEntry
{
    /// <summary>The document the provision was found in.</summary>
    public required ComparedDocument Document { get; init; }
    /// <summary>All findings of the provision in the document, in document order (never empty).</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
    /// <summary>The first finding, the one quoted.</summary>
    public Finding First => Findings[0];
    /// <summary>The first finding's excerpt.</summary>
    public string Excerpt => First.Excerpt;
    /// <summary>The first finding's plain-language summary.</summary>
    public string Summary => First.Summary ?? "";
    /// <summary>The highest severity of the findings.</summary>
    public Severity Severity => Findings.Max(f => f.Severity);
    /// <summary>Capture texts by name over every finding, in document order, without repeats (ignoring case).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Captures { get; init; }
    /// <summary>The ids of the rules that found it, sorted.</summary>
    public IReadOnlyList<string> RuleIds => Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();
}
