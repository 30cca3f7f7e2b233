using PolicyRules.Changes;

namespace PolicyRules.Archive;

/// <summary>A problem with the archive file itself (corrupt, foreign, newer schema) or a conflicting write: one line, naming the file.</summary>
public sealed class ArchiveException(string message, bool fileProblem = false) : Exception(message)
{
    /// <summary>The archive file itself is unusable (as opposed to one document or one write being refused).</summary>
    public bool IsFileProblem { get; } = fileProblem;
}

/// <summary>The provision changes from one version of a document to the next (<see cref="OldDate"/> null for a first version).</summary>
public sealed record ChangeSet(string Service, string DocType, string? OldDate, string NewDate, string Sha256, IReadOnlyList<ProvisionChange> Changes);

/// <summary>A tracked document: one service's document of one type, over its versions.</summary>
/// <param name="Service">The service slug.</param>
/// <param name="DocType">The document type.</param>
/// <param name="Versions">How many versions are stored.</param>
/// <param name="FirstDate">The date of the oldest version.</param>
/// <param name="LastDate">The date of the newest version.</param>
/// <param name="LastVerified">The last date the newest text was seen again, or null.</param>
public sealed record ArchivedDocument(string Service, string DocType, int Versions, string FirstDate, string LastDate, string? LastVerified);

/// <summary>One stored version of a document.</summary>
/// <param name="Id">The version's row id (for <see cref="IArchiveStore.ReadContent"/>).</param>
/// <param name="DocumentId">The row id of its document.</param>
/// <param name="Service">The service slug.</param>
/// <param name="DocType">The document type.</param>
/// <param name="Date">The date the version was first seen.</param>
/// <param name="Sha256">The hash of its normalised text (what tells versions apart).</param>
/// <param name="ContentSha256">The hash of the stored bytes.</param>
/// <param name="FileName">The name of the file it was added from.</param>
/// <param name="Source">Where it came from (a path or URL).</param>
/// <param name="Verified">Later dates on which the same text was seen again.</param>
public sealed record ArchivedVersion(long Id, long DocumentId, string Service, string DocType, string Date, string Sha256, string ContentSha256, string FileName, string Source, IReadOnlyList<string> Verified);

/// <summary>A version in a timeline with the provision changes since the version before it.</summary>
public sealed record TimelineEntry(ArchivedVersion Version, string? PreviousDate, IReadOnlyList<ProvisionChange> Changes, int ProvisionCount);

/// <summary>A provision instance of the registry: one provision, the same in meaning across consecutive versions.</summary>
public sealed record ProvisionInstance(long Id, string Provision, string RuleId, string Service, string DocType, string FirstSeen, string LastSeen,
    string Excerpt, IReadOnlyDictionary<string, string[]> Captures, IReadOnlyList<string> Versions)
{
    /// <summary>The id as shown to users: <c>PV-</c> and six digits.</summary>
    public string DisplayId => $"PV-{Id:D6}";
}

