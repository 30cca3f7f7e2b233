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
    /// <summary>The provision key.</summary>
    public required string Provision { get; init; }
    /// <summary>The id of the rule that found it.</summary>
    public required string RuleId { get; init; }
    /// <summary>The rule's title.</summary>
    public string Title { get; init; } = "";
    /// <summary>The finding's severity name (<c>notice</c>, <c>warning</c>, …).</summary>
    public string Severity { get; init; } = "";
    /// <summary>The quoted text.</summary>
    public required string Excerpt { get; init; }
    /// <summary>Captured texts by capture name.</summary>
    public IReadOnlyDictionary<string, string[]> Captures { get; init; } = new Dictionary<string, string[]>();
    /// <summary>The cue words of the carve-outs that decided the match ("unless", "even if").</summary>
    public string[] Carveouts { get; init; } = Array.Empty<string>();
    /// <summary>The finding's plain-language summary (null when the finding had none rendered).</summary>
    public string? Summary { get; init; }
    /// <summary>
    /// Offsets into the document text as loaded (not the source file, unlike report output): they
    /// only put changes in reading order and are never shown, and archived analyses store them.
    /// </summary>
    public int Start { get; init; }
    /// <summary>Length of the excerpt.</summary>
    public int Length { get; init; }
    /// <summary>The headings above the finding, outermost first.</summary>
    public string[] Section { get; init; } = Array.Empty<string>();

    /// <summary>The record of one finding.</summary>
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

    private static readonly ChangesJsonContext Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Records as JSON, the form the archive stores.</summary>
    public static string ToJson(IReadOnlyList<ProvisionRecord> records) => JsonSerializer.Serialize(records, Json.IReadOnlyListProvisionRecord);

    /// <summary>Records from <see cref="ToJson"/>'s JSON.</summary>
    public static List<ProvisionRecord> FromJson(string json) =>
        JsonSerializer.Deserialize(json, Json.ListProvisionRecord) ?? new List<ProvisionRecord>();
}
