using System.Text.Json.Serialization;

namespace PolicyRules.Archive;

/// <summary>
/// Compile-time JSON metadata for what the archive stores (change sets, captures), so that
/// serialisation needs no reflection (the published <c>policyrules</c> is compiled ahead of time).
/// </summary>
[JsonSerializable(typeof(List<StoredChange>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string[]>))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class ArchiveJsonContext : JsonSerializerContext;
