using System.Text.Json.Serialization;

namespace PolicyRules.Changes;

/// <summary>
/// Compile-time JSON metadata for provision records, so that serialisation needs no reflection (the
/// published <c>policyrules</c> is compiled ahead of time). The archive has its own for what it stores.
/// </summary>
[JsonSerializable(typeof(List<ProvisionRecord>))]
[JsonSerializable(typeof(IReadOnlyList<ProvisionRecord>))]
internal sealed partial class ChangesJsonContext : JsonSerializerContext;
