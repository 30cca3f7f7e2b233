using System.Text.Json;
using System.Text.Json.Serialization;
using PolicyRules.Matching;

namespace PolicyRules.Changes;

/// <summary>
/// A finding reduced to what change detection compares and what the archive stores: the provision,
/// the rule, the quoted excerpt and its captures. Independent of the document it came from.
/// </summary>
public sealed record ProvisionRecord
{
    public required string Provision { get; init; }
    public required string RuleId { get; init; }
    public string Title { get; init; } = "";
    public string Severity { get; init; } = "";
    public required string Excerpt { get; init; }
    public IReadOnlyDictionary<string, string[]> Captures { get; init; } = new Dictionary<string, string[]>();
    /// <summary>The cue words of the carve-outs that decided the match ("unless", "even if").</summary>
    public string[] Carveouts { get; init; } = Array.Empty<string>();
    public string? Summary { get; init; }
    /// <summary>
    /// Offsets into the document text as loaded (not the source file, unlike report output): they
    /// only put changes in reading order and are never shown, and archived analyses store them.
    /// </summary>
    public int Start { get; init; }
    public int Length { get; init; }
    public string[] Section { get; init; } = Array.Empty<string>();

    public static ProvisionRecord From(Finding f) => new()
    {
        Provision = f.Provision.Key,
        RuleId = f.RuleId,
        Title = f.Title,
        Severity = f.Severity.ToString().ToLowerInvariant(),
        Excerpt = f.Excerpt,
        Captures = f.Captures.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
        Carveouts = f.Carveouts.Select(c => c.CueText).ToArray(),
        Summary = f.Summary,
        Start = f.Span.Start,
        Length = f.Span.Length,
        Section = f.Section.ToArray(),
    };

    /// <summary>Suppressed findings are left out: what a reader was never shown cannot change for them.</summary>
    public static List<ProvisionRecord> FromFindings(IEnumerable<Finding> findings) =>
        findings.Where(f => !f.IsSuppressed).Select(From).ToList();

    private static readonly Archive.ArchiveJsonContext Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string ToJson(IReadOnlyList<ProvisionRecord> records) => JsonSerializer.Serialize(records, Json.IReadOnlyListProvisionRecord);

    public static List<ProvisionRecord> FromJson(string json) =>
        JsonSerializer.Deserialize(json, Json.ListProvisionRecord) ?? new List<ProvisionRecord>();
}
