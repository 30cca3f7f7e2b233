using System.Text.Json;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Cli;

[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public class AnalyzeCommandTests
{
    private static string AnthropicPolicy => Path.Combine(TestPaths.Corpus, "anthropic-claude", "privacy-policy", "2026-08-22.md");

    private static CliRunner.Result AnalyzeExamples(params string[] extra) =>
        CliRunner.Run(new[] { "analyze", "--no-default-rules", "--rules", TestPaths.Examples }.Concat(extra).ToArray());

    [Fact]
    public void Trn003_finds_the_opt_out_with_both_carve_outs_in_the_anthropic_policy()
    {
        var r = AnalyzeExamples(AnthropicPolicy, "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Out);
        var findings = json.RootElement.GetProperty("documents")[0].GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "TRN003").ToList();
        var finding = Assert.Single(findings);
        var carveOuts = finding.GetProperty("captures").GetProperty("carve_outs").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("flagged for safety review", carveOuts);
        Assert.Contains("feedback", carveOuts);
        Assert.Contains("reported", carveOuts);
        var excerpt = finding.GetProperty("excerpt").GetString()!;
        Assert.StartsWith("We may use your Inputs and Outputs to train", excerpt);
        Assert.EndsWith("(for example via our feedback mechanisms).", excerpt);
        Assert.Contains("opt-out does not cover", finding.GetProperty("summary").GetString());
    }

    [Fact]
    public void Json_follows_the_contract_and_excerpts_are_exact()
    {
        var r = AnalyzeExamples(AnthropicPolicy, "--format", "json");
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        var document = json.RootElement.GetProperty("documents")[0];
        foreach (var field in new[] { "path", "service", "docType", "sha256", "findings", "diagnostics" })
            Assert.True(document.TryGetProperty(field, out _), field);
        Assert.Equal("anthropic-claude", document.GetProperty("service").GetString());
        Assert.Equal("privacy-policy", document.GetProperty("docType").GetString());
        Assert.Equal(64, document.GetProperty("sha256").GetString()!.Length);
        var loaded = PolicyRules.Documents.DocumentLoader.Load(AnthropicPolicy);
        var original = File.ReadAllText(AnthropicPolicy);
        var lines = original.Split('\n');
        foreach (var f in document.GetProperty("findings").EnumerateArray())
        {
            foreach (var field in new[] { "ruleId", "provision", "category", "severity", "title", "location", "section", "excerpt", "captures", "summary" })
                Assert.True(f.TryGetProperty(field, out _), field);
            var location = f.GetProperty("location");
            var excerpt = f.GetProperty("excerpt").GetString()!;
            // textStart/textLength: the excerpt in the document text as loaded.
            Assert.Equal(excerpt, loaded.Text.Text.Substring(location.GetProperty("textStart").GetInt32(), location.GetProperty("textLength").GetInt32()));
            // start/length: the same passage in the file on disk, where line and column point too.
            var start = location.GetProperty("start").GetInt32();
            var end = start + location.GetProperty("length").GetInt32();
            Assert.Equal(SourceRanges.LineColumn(original, start), (location.GetProperty("startLine").GetInt32(), location.GetProperty("startColumn").GetInt32()));
            Assert.Equal(SourceRanges.LineColumn(original, end), (location.GetProperty("endLine").GetInt32(), location.GetProperty("endColumn").GetInt32()));
            var words = excerpt.Split(' ');
            Assert.StartsWith(words[0], original[start..end]);
            Assert.EndsWith(words[^1], original[start..end]);
            var line = lines[location.GetProperty("startLine").GetInt32() - 1];
            Assert.StartsWith(words[0], line[(location.GetProperty("startColumn").GetInt32() - 1)..]);
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("html")]
    public void Two_runs_give_byte_identical_output(string format)
    {
        var a = AnalyzeExamples(Path.Combine(TestPaths.Corpus, "anthropic-claude"), "--format", format);
        var b = AnalyzeExamples(Path.Combine(TestPaths.Corpus, "anthropic-claude"), "--format", format);
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void Sarif_is_a_valid_2_1_0_log_with_rules_and_regions()
    {
        var r = AnalyzeExamples(AnthropicPolicy, "--format", "sarif");
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal("2.1.0", json.RootElement.GetProperty("version").GetString());
        var run = Assert.Single(json.RootElement.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(new[] { "RET001", "RET002", "TRN001", "TRN003" }, rules.Select(x => x.GetProperty("id").GetString()));
        Assert.All(rules, rule => Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString())));
        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var index = result.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(rules[index].GetProperty("id").GetString(), result.GetProperty("ruleId").GetString());
            Assert.Contains(result.GetProperty("level").GetString(), new[] { "note", "warning", "error" });
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            // Absolute paths must be file:// URIs (the SARIF validator's rule SARIF1004).
            Assert.StartsWith("file:///", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
            var region = physical.GetProperty("region");
            Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
            Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
            Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
        }
    }

    [Fact]
    public void Text_output_is_compiler_style_with_the_summary_below()
    {
        var r = AnalyzeExamples(AnthropicPolicy);
        var lines = r.Out.Split('\n');
        var header = lines.First(l => l.Contains("TRN003"));
        Assert.Matches(@"^.+2026-08-22\.md\(\d+,\d+\): warning TRN003: Training opt-out with carve-outs$", header);
        var summary = lines[Array.IndexOf(lines, header) + 1];
        Assert.StartsWith("    Anthropic Claude lets users opt out", summary);
        Assert.Matches(@"^\d+ findings in 1 document\.$", lines[^2]);
    }

    [Fact]
    public void Configuration_changes_and_suppresses_severities_and_sarif_keeps_suppressed_findings()
    {
        var dir = Directory.CreateTempSubdirectory("pr-config").FullName;
        try
        {
            var doc = Path.Combine(dir, "acme", "privacy-policy");
            Directory.CreateDirectory(doc);
            File.Copy(AnthropicPolicy, Path.Combine(doc, "2026-08-22.md"));
            File.WriteAllText(Path.Combine(dir, ".policyrules"), "root = true\n[*]\nrule.TRN001.severity = none\ncategory.training.severity = error\n");
            var text = AnalyzeExamples(dir);
            Assert.DoesNotContain("TRN001", text.Out);
            Assert.Contains("error TRN003", text.Out);
            Assert.Contains("suppressed", text.Out);
            var sarif = AnalyzeExamples(dir, "--format", "sarif");
            using var json = JsonDocument.Parse(sarif.Out);
            var results = json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
            var suppressed = results.Where(x => x.TryGetProperty("suppressions", out _)).ToList();
            Assert.NotEmpty(suppressed);
            Assert.All(suppressed, x => Assert.Equal("TRN001", x.GetProperty("ruleId").GetString()));
            var failing = AnalyzeExamples(dir, "--fail-on", "error");
            Assert.Equal(1, failing.ExitCode);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Html_report_escapes_document_text()
    {
        var dir = Directory.CreateTempSubdirectory("pr-html").FullName;
        try
        {
            var file = Path.Combine(dir, "hostile.txt");
            File.WriteAllText(file, "Policy <script>alert(1)</script>\n\nWe retain your conversations for 30 days. <img src=x onerror=alert(2)> [click](javascript:alert(3)) \"quoted\" & more.\n");
            var r = AnalyzeExamples(file, "--format", "html");
            Assert.Equal(0, r.ExitCode);
            Assert.DoesNotContain("<script>", r.Out);
            Assert.DoesNotContain("<img", r.Out);
            Assert.DoesNotContain("href=\"javascript:", r.Out);
            Assert.DoesNotContain("onerror=alert", r.Out.Replace("&lt;img src=x onerror=alert", ""));
            Assert.Contains("&lt;script&gt;", r.Out);
            Assert.Contains("<mark", r.Out);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Missing_paths_and_bad_options_are_usage_errors()
    {
        Assert.Equal(2, CliRunner.Run("analyze", "/no/such/file.md").ExitCode);
        Assert.Equal(2, CliRunner.Run("analyze", "--fail-on", "loud", TestPaths.Examples).ExitCode);
        Assert.Equal(2, CliRunner.Run("explain", AnthropicPolicy, "--rule", "NOPE1").ExitCode);
    }

    [Fact]
    public void Test_passes_on_the_shared_examples()
    {
        var r = CliRunner.Run("test", "--no-default-rules", "--rules", TestPaths.Examples);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("4 examples and 4 counter-examples of 4 rules: 8 passed, 0 failed.\n", r.Out);
    }

    [Fact]
    public void Test_prints_the_tokens_and_the_failing_part_of_the_pattern()
    {
        var dir = Directory.CreateTempSubdirectory("pr-test").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "t.rules"),
                "lexicon train = \"train\"\nlexicon data = \"your data\"\n" +
                "rule T001 \"t\" { provision training.user-content match train near data example \"We do not train on your data.\" counter \"We train on your data.\" }\n");
            var r = CliRunner.Run("test", "--no-default-rules", "--rules", dir);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("error T001: example did not match", r.Out);
            Assert.Contains("error T001: counter-example matched", r.Out);
            Assert.Contains("tokens: we do[N] not[N] train[¬] on[¬] your[¬] data[¬] .", r.Out);
            Assert.Contains("inside a negated clause", r.Out);
            Assert.EndsWith("1 examples and 1 counter-examples of 1 rules: 0 passed, 2 failed.\n", r.Out);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Explain_shows_the_trace_and_the_carve_out()
    {
        var r = CliRunner.Run("explain", AnthropicPolicy, "--rule", "TRN003", "--no-default-rules", "--rules", TestPaths.Examples);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("MATCH (1 finding)", r.Out);
        Assert.Contains("carve-out: cue 'Even if'", r.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no mention in this unit", r.Out);
    }

    [Fact]
    public void Jsonl_streams_one_object_per_document()
    {
        var r = AnalyzeExamples(Path.Combine(TestPaths.Corpus, "anthropic-claude", "privacy-policy"), "--format", "jsonl");
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Directory.GetFiles(Path.Combine(TestPaths.Corpus, "anthropic-claude", "privacy-policy")).Length, lines.Length);
        foreach (var line in lines) Assert.StartsWith("{\"path\":", line);
    }

    [Fact]
    public void Jsonl_reads_the_paths_from_standard_input_and_keeps_their_order()
    {
        var folder = Path.Combine(TestPaths.Corpus, "anthropic-claude", "privacy-policy");
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).Reverse().ToList();
        var r = CliRunner.RunWithInput(string.Join("\n", files) + "\n\n", "analyze", "-", "--format", "jsonl", "--no-default-rules", "--rules", TestPaths.Examples);
        Assert.Equal(0, r.ExitCode);
        var paths = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("path").GetString()).ToList();
        Assert.Equal(files.Select(f => f.Replace('\\', '/')), paths);
    }

    [Fact]
    public void A_missing_path_on_standard_input_is_a_usage_error()
    {
        var r = CliRunner.RunWithInput("no/such/file.md\n", "analyze", "-", "--format", "jsonl");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'no/such/file.md' does not exist", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
