using System.Security.Cryptography;
using System.Text;
using PolicyRules.Analysis;
using PolicyRules.Archive;
using PolicyRules.Changes;
using PolicyRules.Matching;

namespace PolicyRules.Indexing;

/// <summary>What adding a document did.</summary>
public enum AddOutcome
{
    /// <summary>A new version was stored and analysed.</summary>
    Added,
    /// <summary>The text equals the version before it: only the date it was seen again was recorded.</summary>
    Verified,
    /// <summary>The same text was already stored for this date: nothing was written.</summary>
    Unchanged,
}

/// <summary>What <see cref="ArchiveIndexer.Add"/> did with a document, and the change sets it recomputed.</summary>
/// <param name="Outcome">Whether a version was added, a version verified, or nothing written.</param>
/// <param name="Service">The document's service.</param>
/// <param name="DocType">The document's type.</param>
/// <param name="Date">The date it was added for.</param>
/// <param name="Sha256">The hash of its normalised text (what tells versions apart).</param>
/// <param name="ChangeSets">Change sets that the write created or changed (empty when nothing changed).</param>
public sealed record AddResult(AddOutcome Outcome, string Service, string DocType, string Date, string Sha256, IReadOnlyList<ChangeSet> ChangeSets);

/// <summary>The rules an archive analyses with, and the hash its stored analyses are filed under.</summary>
public sealed record ArchiveAnalyzer(AnalysisRunner Runner)
{
    /// <summary>The hash of the rule pack (<see cref="Binding.CompiledRuleSet.SourceHash"/>).</summary>
    public string PackHash => Runner.Rules.SourceHash;
}

/// <summary>
/// Keeps an archive's derived data current for a rule pack, above the store: analyses each version
/// (from its stored bytes when the pack is new), diffs consecutive versions into change events, and
/// rebuilds the provision registry. The store only stores; this decides what to compute. Reading
/// calls here first bring the pack's data up to date (<see cref="Refresh"/>), then read the store.
/// </summary>
public sealed class ArchiveIndexer(IArchiveStore store, ArchiveAnalyzer analyzer)
{
    /// <summary>The store indexed.</summary>
    public IArchiveStore Store => store;

    /// <summary>The hash of the pack whose analyses, change events and registry this keeps current.</summary>
    public string PackHash => analyzer.PackHash;

    /// <summary>
    /// Adds one version of a document: analyses it, then in one transaction stores the version (or
    /// only a verification date when the text is unchanged), its analysis, the change events around
    /// it (recomputed for the next version when it is a backfill) and the document's registry.
    /// </summary>
    public AddResult Add(byte[] bytes, string fileName, string service, string docType, string date, string source)
    {
        CheckSlug(service, "service");
        CheckSlug(docType, "document type");
        if (!IsDate(date)) throw new ArchiveException($"'{date}' is not a date (YYYY-MM-DD)");
        var analysis = Analyze(bytes, fileName, service, docType, date);
        var sha = NormalizedHash(analysis);
        var contentSha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var records = ProvisionRecord.FromFindings(analysis.Findings);

        return store.Write(() =>
        {
            var documentId = store.EnsureDocument(service, docType);
            var versions = store.Versions(documentId);
            var same = versions.FirstOrDefault(v => v.Date == date);
            if (same is not null)
            {
                if (same.Sha256 == sha) return new AddResult(AddOutcome.Unchanged, service, docType, date, sha, Array.Empty<ChangeSet>());
                throw new ArchiveException($"{store.Path}: {service}/{docType} already has a different version dated {date}; nothing was overwritten");
            }
            var previous = versions.LastOrDefault(v => string.CompareOrdinal(v.Date, date) < 0);
            var next = versions.FirstOrDefault(v => string.CompareOrdinal(v.Date, date) > 0);
            if (previous is not null && previous.Sha256 == sha)
            {
                store.AddVerification(previous.Id, date, source);
                return new AddResult(AddOutcome.Verified, service, docType, date, sha, Array.Empty<ChangeSet>());
            }
            if (next is not null && next.Sha256 == sha)
            {
                // A backfill of the text the next version already holds: that version was first seen earlier.
                store.MoveVersion(next.Id, date);
                store.AddVerification(next.Id, next.Date, source);
                var moved = RecomputeChanges(documentId);
                RebuildRegistry(documentId);
                return new AddResult(AddOutcome.Verified, service, docType, date, sha, moved.Where(c => c.NewDate == date).ToList());
            }
            var id = store.AddVersion(documentId, date, sha, contentSha, fileName, source, bytes);
            store.StoreAnalysis(id, PackHash, records);
            var sets = RecomputeChanges(documentId);
            RebuildRegistry(documentId);
            return new AddResult(AddOutcome.Added, service, docType, date, sha,
                sets.Where(s => s.NewDate == date || (next is not null && s.NewDate == next.Date)).ToList());
        });
    }

    /// <summary>
    /// Makes the stored analyses, change events and registry of every document (or one service's)
    /// current for the pack; computes only what is missing or stale.
    /// </summary>
    public void Refresh(string? service = null)
    {
        foreach (var documentId in store.DocumentIds(service))
            store.Write(() =>
            {
                var stale = RecomputeChanges(documentId);
                if (stale.Count > 0 || store.Instances(documentId, PackHash).Count == 0) RebuildRegistry(documentId);
                return 0;
            });
    }

    /// <summary>The findings of a version under the pack (computed and stored when missing).</summary>
    public IReadOnlyList<ProvisionRecord> Findings(ArchivedVersion version) =>
        store.Write(() => AnalysesOf(version.DocumentId, new[] { version })[version.Id]);

    /// <summary>Every version of a service's documents (by document type, then date) with its changes since the version before.</summary>
    public IReadOnlyList<TimelineEntry> Timeline(string service)
    {
        Refresh(service);
        return store.Timeline(service, PackHash);
    }

    /// <summary>The provision registry under the pack, by service, document type, first version and id.</summary>
    public IReadOnlyList<ProvisionInstance> Registry(string? provision = null, string? service = null)
    {
        Refresh(service);
        return store.Registry(PackHash, provision, service);
    }

    /// <summary>
    /// Recomputes the change event of every version of a document whose stored event is missing or
    /// refers to a previous version that is no longer the one before it (after a backfill).
    /// Returns the change sets it wrote.
    /// </summary>
    private List<ChangeSet> RecomputeChanges(long documentId)
    {
        var versions = store.Versions(documentId);
        var sources = store.ChangeEventSources(documentId, PackHash);
        var stale = versions.Where((v, i) => !sources.TryGetValue(v.Id, out var from) || from != (i > 0 ? versions[i - 1].Id : null))
            .Select(v => v.Id).ToHashSet();
        var written = new List<ChangeSet>();
        if (stale.Count == 0) return written;
        var analyses = AnalysesOf(documentId, versions);
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            if (!stale.Contains(v.Id)) continue;
            var previous = i > 0 ? versions[i - 1] : null;
            var changes = previous is null ? Array.Empty<ProvisionChange>() : Diff(previous, v, analyses[previous.Id], analyses[v.Id]);
            store.StoreChangeEvent(documentId, previous?.Id, v.Id, PackHash, changes);
            written.Add(new ChangeSet(v.Service, v.DocType, previous?.Date, v.Date, v.Sha256, changes));
        }
        return written;
    }

    private static IReadOnlyList<ProvisionChange> Diff(ArchivedVersion from, ArchivedVersion to, IReadOnlyList<ProvisionRecord> before, IReadOnlyList<ProvisionRecord> after) =>
        ChangeSummarizer.Summarize(ProvisionDiff.Compare(before, after).Changes, new ChangeContext(to.Service, to.DocType, from.Date, to.Date));

    /// <summary>The stored analyses of the given versions under the pack; those missing are computed from the stored bytes and stored.</summary>
    private Dictionary<long, IReadOnlyList<ProvisionRecord>> AnalysesOf(long documentId, IReadOnlyList<ArchivedVersion> versions)
    {
        var analyses = new Dictionary<long, IReadOnlyList<ProvisionRecord>>(store.Analyses(documentId, PackHash));
        foreach (var version in versions)
        {
            if (analyses.ContainsKey(version.Id)) continue;
            var analysis = Analyze(store.ReadContent(version.Id), version.FileName, version.Service, version.DocType, version.Date);
            var records = ProvisionRecord.FromFindings(analysis.Findings);
            store.StoreAnalysis(version.Id, PackHash, records);
            analyses[version.Id] = records;
        }
        return analyses;
    }

    /// <summary>
    /// Rebuilds the provision instances of one document: a finding continues the instance of the
    /// previous version's finding it matches with the same meaning (same words and captures, or a
    /// light rewording of them); anything else starts a new instance. Ids of instances that keep
    /// their provision, text and (some of their) versions are kept, so ids survive later versions
    /// and backfills.
    /// </summary>
    private void RebuildRegistry(long documentId)
    {
        var versions = store.Versions(documentId);
        var analyses = AnalysesOf(documentId, versions);
        var chains = new List<(ProvisionRecord First, string Signature, List<long> Versions)>();
        int[] previousChain = Array.Empty<int>();
        IReadOnlyList<ProvisionRecord>? previous = null;
        foreach (var v in versions)
        {
            var records = analyses[v.Id];
            var current = new int[records.Count];
            Array.Fill(current, -1);
            if (previous is not null)
                foreach (var pair in ProvisionDiff.Compare(previous, records).Pairs.Where(p => p.SameMeaning))
                    current[pair.New] = previousChain[pair.Old];
            for (var i = 0; i < records.Count; i++)
            {
                if (current[i] < 0)
                {
                    chains.Add((records[i], Signature(records[i]), new List<long>()));
                    current[i] = chains.Count - 1;
                }
                var list = chains[current[i]].Versions;
                if (list.Count == 0 || list[^1] != v.Id) list.Add(v.Id);
            }
            previous = records;
            previousChain = current;
        }

        // The old instances, to keep their ids where the same chain is found again.
        var old = store.Instances(documentId, PackHash);
        var reused = new HashSet<long>();
        var instances = new List<NewInstance>(chains.Count);
        foreach (var (first, signature, chainVersions) in chains)
        {
            var match = old.FirstOrDefault(o => !reused.Contains(o.Id) && o.Signature == signature && chainVersions.Any(o.VersionIds.Contains));
            if (match is not null) reused.Add(match.Id);
            instances.Add(new NewInstance(match?.Id ?? 0, first.Provision, first.RuleId, signature, first.Excerpt, first.Captures, chainVersions));
        }
        store.ReplaceInstances(documentId, PackHash, instances);
    }

    /// <summary>What stays the same while an instance lives: provision, rule, words and captures.</summary>
    private static string Signature(ProvisionRecord r) =>
        r.Provision + "\u0001" + r.RuleId + "\u0001" + string.Join(' ', ExcerptText.Words(ExcerptText.Normalize(r.Excerpt))) + "\u0001" + ExcerptText.CaptureKey(r.Captures);

    /// <summary>Analyses a document as it will be stored; a document that cannot be loaded is refused.</summary>
    private DocumentAnalysis Analyze(byte[] bytes, string fileName, string service, string docType, string date)
    {
        // A path in the archive's own layout: gives the loader the format and the summaries the service.
        var extension = System.IO.Path.GetExtension(fileName);
        var info = new DocumentInfo($"{service}/{docType}/{date}{extension}", service, docType, date);
        var analysis = analyzer.Runner.AnalyzeBytes(bytes, info);
        if (analysis.Failed)
            throw new ArchiveException($"{fileName}: cannot be read as a document ({analysis.Diagnostics.FirstOrDefault()?.Message ?? "unknown error"})");
        return analysis;
    }

    /// <summary>SHA-256 of the loaded text with whitespace folded and tracking parameters dropped: the identity of a version.</summary>
    public static string NormalizedHash(DocumentAnalysis analysis) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ExcerptText.Normalize(analysis.Document!.Text.Text))));

    /// <summary>Whether a text is a date in the archive's form, <c>YYYY-MM-DD</c>.</summary>
    public static bool IsDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    private static void CheckSlug(string slug, string what)
    {
        if (slug.Length == 0 || slug.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new ArchiveException($"'{slug}' is not a valid {what} (letters, digits, '-', '_', '.')");
    }
}
