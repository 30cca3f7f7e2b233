using PolicyRules.Changes;

namespace PolicyRules.Archive;

/// <summary>
/// Where the archive keeps its data: documents and their versions (the bytes as added), analyses (one per
/// rule pack), the change events between consecutive versions, and the provision registry. Storage only:
/// it neither analyses nor diffs (that is <c>Indexing.ArchiveIndexer</c>, above it), its reads never write,
/// and each read is one set-based query. SQLite is one implementation; a server database can be another.
/// </summary>
public interface IArchiveStore : IDisposable
{
    /// <summary>Where the archive is (a file path or a connection's name), for messages.</summary>
    string Path { get; }

    /// <summary>Runs <paramref name="body"/> as one transaction: all its writes land, or none.</summary>
    T Write<T>(Func<T> body);

    /// <summary>The id of a tracked document, creating it (and its service) when new. Inside <see cref="Write{T}"/>.</summary>
    long EnsureDocument(string service, string docType);
    /// <summary>Ids of every tracked document (or one service's), ordered by service and type.</summary>
    IReadOnlyList<long> DocumentIds(string? service = null);
    /// <summary>The slugs of every service with a tracked document, sorted.</summary>
    IReadOnlyList<string> Services();
    /// <summary>Every tracked document, ordered by service and type.</summary>
    IReadOnlyList<ArchivedDocument> ListDocuments();
    /// <summary>The versions of a document in date order, each with the later dates its text was seen again.</summary>
    IReadOnlyList<ArchivedVersion> Versions(long documentId);
    /// <summary>The versions of a document in date order (empty when the archive does not hold it).</summary>
    IReadOnlyList<ArchivedVersion> Versions(string service, string docType);
    /// <summary>Stores a new version and returns its id.</summary>
    long AddVersion(long documentId, string date, string sha256, string contentSha256, string fileName, string source, byte[] content);
    /// <summary>Moves a version to an earlier date (a backfill of the same text).</summary>
    void MoveVersion(long versionId, string date);
    /// <summary>Records that a version's text was seen again on a date (once per date).</summary>
    void AddVerification(long versionId, string date, string source);
    /// <summary>The stored bytes of a version, as they were added.</summary>
    byte[] ReadContent(long versionId);

    /// <summary>The stored analyses of a document's versions under a pack, by version id (versions without one are absent).</summary>
    IReadOnlyDictionary<long, IReadOnlyList<ProvisionRecord>> Analyses(long documentId, string packHash);
    /// <summary>Stores (or replaces) the analysis of a version under a pack.</summary>
    void StoreAnalysis(long versionId, string packHash, IReadOnlyList<ProvisionRecord> records);

    /// <summary>For each version of a document with a change event under the pack: the version the event starts from (null for a first version).</summary>
    IReadOnlyDictionary<long, long?> ChangeEventSources(long documentId, string packHash);
    /// <summary>Stores (or replaces) the change event that leads to a version.</summary>
    void StoreChangeEvent(long documentId, long? fromVersionId, long toVersionId, string packHash, IReadOnlyList<ProvisionChange> changes);
    /// <summary>Every version of a service's documents (by type, then date) with its stored changes and provision count under the pack.</summary>
    IReadOnlyList<TimelineEntry> Timeline(string service, string packHash);
    /// <summary>The change events under the pack whose new version is dated on or after <paramref name="since"/>, ordered by service, type and date.</summary>
    IReadOnlyList<ChangeSet> ChangeSetsSince(string since, string packHash);

    /// <summary>The provision instances of a document under a pack, with the versions each spans (to keep their ids when rebuilt).</summary>
    IReadOnlyList<RegisteredInstance> Instances(long documentId, string packHash);
    /// <summary>Replaces a document's provision instances under a pack; an instance keeps its <see cref="NewInstance.PreferredId"/> when it has one.</summary>
    void ReplaceInstances(long documentId, string packHash, IReadOnlyList<NewInstance> instances);
    /// <summary>The provision registry under a pack, by service, document type, first version and id.</summary>
    IReadOnlyList<ProvisionInstance> Registry(string packHash, string? provision = null, string? service = null);

    /// <summary>A check of the store's own consistency: "ok" when sound.</summary>
    string IntegrityCheck();
}

/// <summary>A stored provision instance as the registry rebuild reads it: its id, its signature and the versions it spans.</summary>
public sealed record RegisteredInstance(long Id, string Signature, IReadOnlySet<long> VersionIds);

/// <summary>A provision instance to store: what its first finding says, and the versions it spans.</summary>
/// <param name="PreferredId">The id to keep (an instance found again), or 0 for a new one.</param>
/// <param name="Provision">The provision key.</param>
/// <param name="RuleId">The rule that found it.</param>
/// <param name="Signature">What identifies the instance across versions.</param>
/// <param name="Excerpt">The excerpt of its first finding.</param>
/// <param name="Captures">The captures of its first finding.</param>
/// <param name="VersionIds">The versions it spans.</param>
public sealed record NewInstance(long PreferredId, string Provision, string RuleId, string Signature, string Excerpt,
    IReadOnlyDictionary<string, string[]> Captures, IReadOnlyList<long> VersionIds);
