using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PolicyRules.Tests.Cli;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Reporting;

/// <summary>
/// <c>analyze --format sarif</c> is a valid SARIF 2.1.0 log by the OASIS schema, and each result's
/// <c>charOffset</c>/<c>charLength</c> is the region of the artifact its lines and columns give.
/// </summary>
[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public sealed class SarifSchemaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pr-sarif-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// The OASIS SARIF 2.1.0 schema (errata 01, sarif-2.1/schema/sarif-schema-2.1.0.json of
    /// oasis-tcs/sarif-spec), kept verbatim beside this file. It is written in draft-04, which
    /// JsonSchema.Net does not implement; its only draft-04 spellings are the root's <c>$schema</c>
    /// and <c>id</c>, so it is read as draft-07 with <c>$id</c>: every keyword it uses means the same there.
    /// </summary>
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "PolicyRules.Tests", "Reporting", "sarif-schema-2.1.0.json")))!.AsObject();
        Assert.Equal("http://json-schema.org/draft-04/schema#", (string?)root["$schema"]);
        Assert.Equal("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json", (string?)root["id"]);
        // draft-04 keywords whose meaning changed in draft-06/07 (a boolean exclusiveMinimum, say) would make the reading wrong
        Assert.DoesNotContain("exclusiveM", root.ToJsonString());
        var draft07 = new JsonObject(); // the same keys in the same order ($id must come first, as id did)
        foreach (var (key, value) in root.ToList())
        {
            root.Remove(key);
            draft07[key == "id" ? "$id" : key] = key == "$schema" ? "http://json-schema.org/draft-07/schema#" : value;
        }
        return JsonSchema.FromText(draft07.ToJsonString());
    });

    private static readonly EvaluationOptions Strict = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private static string Corpus(string relative) => Path.Combine(TestPaths.Corpus, relative);

    // A name, and what to analyse: corpus documents (one, one with many inline links, several versions), the samples
    // (Markdown, HTML, text), suppressed findings, and a folder with load diagnostics.
    public static TheoryData<string> Cases() => new() { "anthropic", "x-twitter", "github-versions", "samples", "suppressed", "diagnostics" };

    private string[] Inputs(string name) => name switch
    {
        "anthropic" => [Corpus("anthropic-claude/privacy-policy/2026-08-22.md")],
        "x-twitter" => [Corpus("x-twitter/privacy-policy/2024-11-15.md")],
        "github-versions" => [Corpus("github-copilot/terms-of-service")],
        "samples" => [Path.Combine(TestPaths.RepoRoot, "samples")],
        "suppressed" => [Suppressed()],
        "diagnostics" => [Diagnostics()],
        _ => throw new ArgumentException(name),
    };

    /// <summary>A copy of a policy beside a configuration that switches two rules off.</summary>
    private string Suppressed()
    {
        var folder = Path.Combine(_dir, "suppressed", "anthropic-claude", "privacy-policy");
        Directory.CreateDirectory(folder);
        File.Copy(Corpus("anthropic-claude/privacy-policy/2026-08-22.md"), Path.Combine(folder, "2026-08-22.md"));
        File.WriteAllText(Path.Combine(_dir, "suppressed", ".policyrules"), "root = true\n[*]\ncategory.training.severity = none\ncategory.retention.severity = none\n");
        return Path.Combine(_dir, "suppressed");
    }

    /// <summary>Invalid UTF-8 (a warning, the document is still analysed) and a binary file (an error).</summary>
    private string Diagnostics()
    {
        var folder = Path.Combine(_dir, "diagnostics");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "bad-utf8.txt"), [.. "We keep your chats for 30 days. "u8, 0xFF, 0xFE, .. " We sell your data to advertisers.\n"u8]);
        File.WriteAllBytes(Path.Combine(folder, "image.md"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]);
        return folder;
    }

    private JsonElement Analyze(string name)
    {
        var r = CliRunner.Run(["analyze", .. Inputs(name), "--format", "sarif"]);
        Assert.True(r.ExitCode is 0 or 2, r.Err); // 2: the binary file of "diagnostics"
        return JsonDocument.Parse(r.Out).RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_is_valid_by_the_sarif_2_1_0_schema(string name)
    {
        var log = Analyze(name);
        var result = Schema.Value.Evaluate(log, Strict);
        Assert.True(result.IsValid, $"{name}: not valid SARIF 2.1.0:\n{Errors(result)}");
        var run = log.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        var notifications = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray().ToList();
        // each case shows what it is for, so that none validates an empty log
        switch (name)
        {
            case "suppressed":
                Assert.Contains(results, x => x.TryGetProperty("suppressions", out _));
                Assert.Contains(results, x => !x.TryGetProperty("suppressions", out _));
                break;
            case "diagnostics":
                Assert.Equal(["PR2001", "PR2002"], notifications.Select(n => n.GetProperty("descriptor").GetProperty("id").GetString()).Order());
                Assert.NotEmpty(results);
                break;
            default:
                Assert.True(results.Count >= 5, $"{name}: {results.Count} results");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Char_offset_and_length_are_the_region_of_the_artifact(string name)
    {
        var log = Analyze(name);
        var results = log.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        var problems = new List<string>();
        foreach (var result in results)
        {
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            var contents = File.ReadAllText(new Uri(uri).LocalPath); // absolute inputs: file:// URIs
            var region = physical.GetProperty("region");
            var start = region.GetProperty("charOffset").GetInt32();
            var end = start + region.GetProperty("charLength").GetInt32();
            var what = $"{uri} {result.GetProperty("ruleId").GetString()} [{start}, {end})";
            if ((SourceRanges.LineColumn(contents, start), SourceRanges.LineColumn(contents, end))
                != ((region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32()), (region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32())))
                problems.Add($"{what}: lines and columns are not those of the offsets");
            var snippet = region.GetProperty("snippet").GetProperty("text").GetString()!;
            if (!SourceRanges.TightEdges(contents[start..end], snippet))
                problems.Add($"{what}: «{contents[start..end]}» does not begin and end like the snippet «{snippet}»");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    /// <summary>The validation can fail: real output with one thing broken is refused.</summary>
    [Theory]
    [InlineData("runs/0/results/0/level", "\"warn\"")]
    [InlineData("runs/0/results/0/locations/0/physicalLocation/region/startLine", "0")]
    [InlineData("runs/0/results/0/locations/0/physicalLocation/region/charOffset", "-2")] // -1 is the schema's "unset"
    [InlineData("runs/0/tool/driver/name", "null")]
    [InlineData("runs/0/results/0/suppressions", "[{\"kind\":\"somewhere\"}]")]
    public void Broken_output_is_refused(string pointer, string value)
    {
        var log = JsonNode.Parse(Analyze("anthropic").GetRawText())!;
        var parts = pointer.Split('/');
        var parent = parts[..^1].Aggregate(log, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!);
        parent[parts[^1]] = JsonNode.Parse(value);
        var result = Schema.Value.Evaluate(JsonDocument.Parse(log.ToJsonString()).RootElement, Strict);
        Assert.False(result.IsValid, $"{pointer} = {value} was accepted");
    }

    private static string Errors(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation}: {e.Key}: {e.Value}")).Take(30));
}
