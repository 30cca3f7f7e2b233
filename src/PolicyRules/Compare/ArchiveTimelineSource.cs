using PolicyRules.Archive;
using PolicyRules.Changes;
using PolicyRules.Indexing;

namespace PolicyRules.Compare;

/// <summary>
/// The archive as the site's timeline source: each platform's versions with the provision changes between
/// them. The archive is opened and brought up to date once, on the first request; every timeline is read
/// then, so a site asking for a platform's timeline twice reads it once.
/// </summary>
public sealed class ArchiveTimelineSource(Func<IArchiveStore> open, ArchiveAnalyzer analyzer) : ITimelineSource
{
    private Dictionary<string, ServiceTimeline>? _timelines;

    /// <summary>A source over the SQLite archive at <paramref name="path"/>.</summary>
    public ArchiveTimelineSource(string path, ArchiveAnalyzer analyzer) : this(() => SqliteArchiveStore.Open(path, mustExist: true), analyzer) { }

    /// <inheritdoc/>
    public ServiceTimeline? GetTimeline(string service)
    {
        _timelines ??= ReadAll();
        return _timelines.GetValueOrDefault(service);
    }

    private Dictionary<string, ServiceTimeline> ReadAll()
    {
        using var store = open();
        var indexer = new ArchiveIndexer(store, analyzer);
        indexer.Refresh();
        var result = new Dictionary<string, ServiceTimeline>(StringComparer.Ordinal);
        foreach (var service in store.Services())
        {
            var versions = store.Timeline(service, analyzer.PackHash)
                .Select(e => new TimelineVersion(e.Version.DocType, e.Version.Date, e.Version.Sha256,
                    e.Changes.Select(c => new TimelineChange(c.Provision, Kind(c.Kind), c.RuleId, c.Summary)).ToList()))
                .ToList();
            result[service] = new ServiceTimeline(service, versions);
        }
        return result;
    }

    private static TimelineChangeKind Kind(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => TimelineChangeKind.Added,
        ChangeKind.Removed => TimelineChangeKind.Removed,
        _ => TimelineChangeKind.Changed,
    };
}
