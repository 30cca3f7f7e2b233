using PolicyRules.Binding;
using PolicyRules.Matching;
using PolicyRules.Summaries;
using PolicyRules.Analysis;

namespace PolicyRules.Compare;

/// <summary>A document chosen for comparison: the newest file of its (service, document type).</summary>
public sealed record ComparisonInput(string Path, string Service, string DocType, string Date, int OlderVersions);

/// <summary>Chooses the newest version of every document, analyses them and builds the <see cref="Comparison"/>.</summary>
public static class ComparisonBuilder
{
    /// <summary>
    /// Groups files by (service, document type) read from a <c>SERVICE/DOC-TYPE/DATE.ext</c> path (or the
    /// overrides) and keeps the newest of each group: the greatest date, then the greatest path. A file
    /// outside that layout is a platform of its own, named after the file.
    /// </summary>
    public static IReadOnlyList<ComparisonInput> SelectNewest(IEnumerable<string> files, string? service = null, string? docType = null)
    {
        var groups = new Dictionary<(string Service, string DocType), List<DocumentInfo>>();
        foreach (var file in files)
        {
            var info = DocumentInfo.FromPath(file, service, docType);
            var key = (ServiceOf(info), info.DocType);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<DocumentInfo>();
            list.Add(info);
        }
        return groups
            .Select(g =>
            {
                var newest = g.Value.OrderBy(i => i.Date, StringComparer.Ordinal).ThenBy(i => i.Path, StringComparer.Ordinal).Last();
                return new ComparisonInput(newest.Path, g.Key.Service, g.Key.DocType, newest.Date, g.Value.Count - 1);
            })
            .OrderBy(i => i.Service, StringComparer.Ordinal).ThenBy(i => i.DocType, StringComparer.Ordinal).ThenBy(i => i.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The platform a document belongs to: its service, or for a loose file its file name.</summary>
    public static string ServiceOf(DocumentInfo info) =>
        info.Service.Length > 0 ? info.Service : System.IO.Path.GetFileNameWithoutExtension(info.Path);

    /// <summary>Analyses the chosen documents (in parallel, results in order) and compares them.</summary>
    public static Comparison Run(AnalysisRunner runner, IReadOnlyList<ComparisonInput> inputs, string? area = null)
    {
        var byPath = inputs.ToDictionary(i => i.Path, StringComparer.Ordinal);
        var documents = runner.Stream(inputs.Select(i => i.Path)).Select(analysis =>
        {
            var input = byPath[analysis.Info.Path];
            return new ComparedDocument { Service = input.Service, DocType = input.DocType, Analysis = analysis, OlderVersions = input.OlderVersions };
        });
        return Build(runner.Rules, documents, area);
    }

    /// <summary>Areas a comparison can be limited to: the taxonomy's, then any other category a rule declares.</summary>
    public static IReadOnlyList<string> KnownAreas(CompiledRuleSet rules) => Areas.Ordered(rules.Rules.Select(r => r.Provision.Area));

    /// <summary>The comparison of analysed documents, limited to one area when <paramref name="area"/> is given (an unknown area throws <see cref="ArgumentException"/>).</summary>
    public static Comparison Build(CompiledRuleSet rules, IEnumerable<ComparedDocument> documents, string? area = null)
    {
        if (area is not null && !KnownAreas(rules).Contains(area))
            throw new ArgumentException($"'{area}' is not an area (one of: {string.Join(", ", KnownAreas(rules))})", nameof(area));

        var docs = documents
            .OrderBy(d => d.Service, StringComparer.Ordinal).ThenBy(d => d.DocType, StringComparer.Ordinal).ThenBy(d => d.Path, StringComparer.Ordinal)
            .ToList();
        var services = docs.GroupBy(d => d.Service, StringComparer.Ordinal)
            .Select(g => new ComparedService { Slug = g.Key, Name = DisplayNames.ServiceName(g.Key), Documents = g.ToList() })
            .OrderBy(s => s.Slug, StringComparer.Ordinal)
            .ToList();

        // Taxonomy order first; a provision key the taxonomy does not know (none today) goes last, by key.
        var checkedKeys = rules.Rules.Select(r => r.Provision.Key).ToHashSet(StringComparer.Ordinal);
        var provisions = Taxonomy.All
            .Concat(rules.Rules.Select(r => r.Provision).Where(p => Taxonomy.Find(p.Key) is null)
                .DistinctBy(p => p.Key).OrderBy(p => p.Key, StringComparer.Ordinal))
            .Where(p => area is null || p.Area == area)
            .Select(p => new ProvisionComparison
            {
                Provision = p,
                Checked = checkedKeys.Contains(p.Key),
                Entries = docs.Select(d => Entry(d, p.Key)).OfType<ProvisionEntry>().ToList(),
            })
            .ToList();

        return new Comparison { Rules = rules, Services = services, Documents = docs, Provisions = provisions, Area = area };
    }

    private static ProvisionEntry? Entry(ComparedDocument document, string provisionKey)
    {
        var findings = document.Findings.Where(f => f.Provision.Key == provisionKey)
            .OrderBy(f => f.Span.Start).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
        if (findings.Count == 0) return null;
        var captures = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var name in findings.SelectMany(f => f.Captures.Keys).Distinct(StringComparer.Ordinal))
        {
            // "Inputs" and "inputs" say the same thing: keep the first spelling.
            var texts = findings.SelectMany(f => f.Captures.TryGetValue(name, out var t) ? t : Array.Empty<string>())
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (texts.Count > 0) captures[name] = texts;
        }
        return new ProvisionEntry { Document = document, Findings = findings, Captures = captures };
    }
}
