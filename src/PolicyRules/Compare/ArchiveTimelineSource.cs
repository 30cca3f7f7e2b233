using PolicyRules.Archive;
using PolicyRules.Changes;

namespace PolicyRules.Compare;

/// <summary>The SQLite archive as the site's timeline source: each platform's versions with the provision changes between them.</summary>
public sealed class ArchiveTimelineSource(string path, ArchiveAnalyzer analyzer) : ITimelineSource
{
    /// <inheritdoc/>
    public ServiceTimeline? GetTimeline(string service)
    {
        using var store = ArchiveStore.Open(path, mustExist: true);
        if (!store.Services().Contains(service)) return null;
        var versions = store.Timeline(service, analyzer)
            .Select(e => new TimelineVersion(e.Version.DocType, e.Version.Date, e.Version.Sha256,
                e.Changes.Select(c => new TimelineChange(c.Provision, Kind(c.Kind), c.RuleId, c.Summary)).ToList()))
            .ToList();
        return new ServiceTimeline(service, versions);
    }

    private static TimelineChangeKind Kind(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => TimelineChangeKind.Added,
        ChangeKind.Removed => TimelineChangeKind.Removed,
        _ => TimelineChangeKind.Changed,
    };
}
