using System.Text.Json;

namespace PolicyRules.Compare;

/// <summary>What kind of change a version made to a provision (the <c>diff</c> contract's <c>kind</c>).</summary>
public enum TimelineChangeKind
{
    /// <summary>The version introduced the provision.</summary>
    Added,
    /// <summary>The version dropped the provision.</summary>
    Removed,
    /// <summary>The version reworded the provision or changed what it captures.</summary>
    Changed,
}

/// <summary>One provision-level change a version made.</summary>
public sealed record TimelineChange(string Provision, TimelineChangeKind Kind, string RuleId = "", string Summary = "");

/// <summary>One archived version of one document, with what changed since the previous version of that document.</summary>
public sealed record TimelineVersion(string DocType, string Date, string Sha256, IReadOnlyList<TimelineChange> Changes);

/// <summary>Every archived version of a platform's documents (the <c>timeline SERVICE --format json</c> shape).</summary>
public sealed record ServiceTimeline(string Service, IReadOnlyList<TimelineVersion> Versions);

/// <summary>
/// Where the site reads provision changes over time. The archive (SQLite) implements it; the site only
/// needs this much, so it does not depend on how the archive stores versions.
/// </summary>
public interface ITimelineSource
{
    /// <summary>The platform's versions in any order, or null when the source has none for it.</summary>
    ServiceTimeline? GetTimeline(string service);
}

/// <summary>A timeline source over timelines already in memory (tests, or a JSON export).</summary>
public sealed class InMemoryTimelineSource(IEnumerable<ServiceTimeline> timelines) : ITimelineSource
{
    private readonly Dictionary<string, ServiceTimeline> _byService = timelines.ToDictionary(t => t.Service, StringComparer.Ordinal);
    /// <inheritdoc/>
    public ServiceTimeline? GetTimeline(string service) => _byService.GetValueOrDefault(service);
}

/// <summary>Opens the timeline source that <c>site --db FILE</c> names.</summary>
public static class TimelineSources
{
    /// <summary>The reason <see cref="Open"/> gives for a database when the caller passes no archive reader.</summary>
    public const string ArchiveNotAvailable =
        "timelines are not available: no archive reader was configured for SQLite databases";

    /// <summary>
    /// A JSON file (one <c>timeline --format json</c> object, an array of them, or <c>{"timelines":[…]}</c>)
    /// is read directly; anything else goes to <paramref name="openArchive"/> (the caller builds it with the rules
    /// of its run: the site stage does not choose rules). Returns null with a reason when it cannot be opened.
    /// </summary>
    public static ITimelineSource? Open(string path, Func<string, ITimelineSource>? openArchive, out string? reason)
    {
        reason = null;
        if (!File.Exists(path)) { reason = $"'{path}' does not exist"; return null; }
        if (LooksLikeJson(path))
        {
            try { return new InMemoryTimelineSource(ReadJson(File.ReadAllText(path))); }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                reason = $"'{path}' is not a timeline JSON file: {e.Message}";
                return null;
            }
        }
        if (openArchive is null) { reason = ArchiveNotAvailable; return null; }
        return openArchive(path);
    }

    private static bool LooksLikeJson(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[64];
        var n = stream.Read(head);
        foreach (var b in head[..n])
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF) continue;
            return b is (byte)'{' or (byte)'[';
        }
        return false;
    }

    /// <summary>Parses timelines in the <c>timeline --format json</c> contract.</summary>
    public static IReadOnlyList<ServiceTimeline> ReadJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        IEnumerable<JsonElement> items = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray(),
            JsonValueKind.Object when root.TryGetProperty("timelines", out var list) => list.EnumerateArray(),
            JsonValueKind.Object => new[] { root },
            _ => throw new FormatException("expected an object or an array"),
        };
        return items.Select(t => new ServiceTimeline(
            t.GetProperty("service").GetString() ?? "",
            t.GetProperty("versions").EnumerateArray().Select(v => new TimelineVersion(
                Str(v, "docType"), Str(v, "date"), Str(v, "sha256"),
                v.TryGetProperty("changes", out var changes)
                    ? changes.EnumerateArray().Select(c => new TimelineChange(
                        Str(c, "provision"), ParseKind(Str(c, "kind")), Str(c, "ruleId"), Str(c, "summary"))).ToList()
                    : new List<TimelineChange>())).ToList())).ToList();
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static TimelineChangeKind ParseKind(string kind) => kind switch
    {
        "added" => TimelineChangeKind.Added,
        "removed" => TimelineChangeKind.Removed,
        "changed" => TimelineChangeKind.Changed,
        _ => throw new FormatException($"unknown change kind '{kind}'"),
    };
}
