using PolicyRules.Archive;
using PolicyRules.Indexing;

namespace PolicyRules.Monitoring;

/// <summary>
/// The digest of an archive: every provision change of the versions dated on or after a day, for a
/// reader who catches up on what changed (the written forms are in <c>Reporting.ArchiveWriters</c>).
/// </summary>
public static class ChangeDigest
{
    /// <summary>
    /// Change sets whose new version is dated on or after <paramref name="since"/> (YYYY-MM-DD), with
    /// at least one change; ordered by service, type, date. The archive's change events are brought up
    /// to date for the indexer's pack first.
    /// </summary>
    public static IReadOnlyList<ChangeSet> Since(ArchiveIndexer indexer, string since)
    {
        indexer.Refresh();
        return indexer.Store.ChangeSetsSince(since, indexer.PackHash).Where(s => s.Changes.Count > 0).ToList();
    }
}
