using System.Text.Json;
using PolicyRules.Binding;
using PolicyRules.Compare;
using PolicyRules.Tests.Cli;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Compare;

[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public class CompareTests
{
    private static readonly string[] Services = { "anthropic-claude", "mistral-le-chat", "zoom" };
    private static string[] Dirs => Services.Select(s => Path.Combine(TestPaths.Corpus, s)).ToArray();

    private static CliRunner.Result Compare(params string[] args) =>
        CliRunner.Run(new[] { "compare", "--no-default-rules", "--rules", TestPaths.Examples }.Concat(args).ToArray());

    [Fact]
    public void Json_follows_the_contract_over_the_newest_version_of_each_document()
    {
        var r = Compare(Dirs.Append("--format").Append("json").ToArray());
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        var root = json.RootElement;
        Assert.Equal(Services, root.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        var provisions = root.GetProperty("provisions").EnumerateArray().ToList();
        // Every provision of the taxonomy, in taxonomy order.
        Assert.Equal(Taxonomy.All.Select(t => t.Key), provisions.Select(p => p.GetProperty("provision").GetString()));
        Assert.Equal(Taxonomy.All.Select(t => t.Title), provisions.Select(p => p.GetProperty("title").GetString()));

        var newest = Services.SelectMany(s => Directory.EnumerateDirectories(Path.Combine(TestPaths.Corpus, s)))
            .ToDictionary(d => (Path.GetFileName(Path.GetDirectoryName(d))!, Path.GetFileName(d)),
                d => Directory.EnumerateFiles(d).Select(Path.GetFileNameWithoutExtension).Max(StringComparer.Ordinal));
        var entries = 0;
        foreach (var p in provisions)
        {
            foreach (var e in p.GetProperty("services").EnumerateArray())
            {
                foreach (var field in new[] { "service", "docType", "date", "excerpt", "captures" })
                    Assert.True(e.TryGetProperty(field, out _), field);
                var key = (e.GetProperty("service").GetString()!, e.GetProperty("docType").GetString()!);
                Assert.Equal(newest[key], e.GetProperty("date").GetString());
                var path = e.GetProperty("path").GetString()!;
                Assert.EndsWith($"{key.Item1}/{key.Item2}/{newest[key]}.md", path);
                var text = PolicyRules.Documents.DocumentLoader.Load(path).Text.Text;
                Assert.Contains(e.GetProperty("excerpt").GetString()!, text);
                Assert.Equal(JsonValueKind.Object, e.GetProperty("captures").ValueKind);
                entries++;
            }
            var found = p.GetProperty("services").EnumerateArray().Select(e => e.GetProperty("service").GetString()).Distinct().Count();
            Assert.Equal(found, p.GetProperty("found").GetInt32());
            Assert.Equal(Services.Length, p.GetProperty("of").GetInt32());
        }
        Assert.True(entries > 0);

        var carveOut = provisions.Single(p => p.GetProperty("provision").GetString() == "training.opt-out-carve-out");
        var anthropic = carveOut.GetProperty("services").EnumerateArray().Single();
        Assert.Equal("anthropic-claude", anthropic.GetProperty("service").GetString());
        Assert.Equal("privacy-policy", anthropic.GetProperty("docType").GetString());
        var carveOuts = anthropic.GetProperty("captures").GetProperty("carve_outs").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.Contains("flagged for safety review", carveOuts);
        Assert.True(carveOut.GetProperty("checked").GetBoolean());
        var arbitration = provisions.Single(p => p.GetProperty("provision").GetString() == "disputes.arbitration");
        Assert.False(arbitration.GetProperty("checked").GetBoolean());
    }

    [Fact]
    public void Output_is_deterministic_whatever_the_argument_order()
    {
        var first = Compare(Dirs.Append("--format").Append("json").ToArray());
        var second = Compare(Dirs.Reverse().Append("--format").Append("json").ToArray());
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Out, second.Out);
        foreach (var format in new[] { "text", "markdown", "html" })
            Assert.Equal(Compare(Dirs.Append("--format").Append(format).ToArray()).Out, Compare(Dirs.Reverse().Append("--format").Append(format).ToArray()).Out);
    }

    [Fact]
    public void Every_format_says_across_how_many_platforms_a_provision_was_identified()
    {
        foreach (var format in new[] { "text", "markdown", "html" })
        {
            var r = Compare(Dirs.Append("--format").Append(format).ToArray());
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.Contains("dentified across 1 of 3 platforms", r.Out);
            Assert.Contains("flagged for safety review", r.Out);
        }
        var markdown = Compare(Dirs.Append("--format").Append("markdown").ToArray()).Out;
        Assert.Contains("| Platform | Document | carve outs | Excerpt |", markdown);
        var html = Compare(Dirs.Append("--format").Append("html").ToArray()).Out;
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Area_limits_the_provisions_and_an_unknown_area_is_a_usage_error()
    {
        var r = Compare(Dirs.Append("--area").Append("retention").Append("--format").Append("json").ToArray());
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal(new[] { "retention.period", "retention.indefinite", "retention.after-deletion" },
            json.RootElement.GetProperty("provisions").EnumerateArray().Select(p => p.GetProperty("provision").GetString()));

        var bad = Compare(Dirs.Append("--area").Append("nonsense").ToArray());
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--area: 'nonsense' is not an area", bad.Err);
        Assert.Contains("retention", bad.Err);
        Assert.DoesNotContain("   at ", bad.Err);

        var missing = Compare(Path.Combine(TestPaths.Corpus, "no-such-service"));
        Assert.Equal(2, missing.ExitCode);
        Assert.DoesNotContain("   at ", missing.Err);
    }

    [Fact]
    public void Service_and_doc_type_override_the_path()
    {
        var file = Path.Combine(TestPaths.Corpus, "anthropic-claude", "privacy-policy", "2025-08-29.md");
        var r = Compare(file, "--service", "acme", "--doc-type", "terms-of-service", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal(new[] { "acme" }, json.RootElement.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        var entry = json.RootElement.GetProperty("provisions").EnumerateArray()
            .SelectMany(p => p.GetProperty("services").EnumerateArray()).First();
        Assert.Equal("acme", entry.GetProperty("service").GetString());
        Assert.Equal("terms-of-service", entry.GetProperty("docType").GetString());
        Assert.Equal("2025-08-29", entry.GetProperty("date").GetString());
    }

    [Fact]
    public void An_unreadable_document_is_reported_and_the_others_are_still_compared()
    {
        var root = Path.Combine(Path.GetTempPath(), "policyrules-compare-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            SiteFixture.CopyDirectory(Path.Combine(TestPaths.Corpus, "zoom"), Path.Combine(root, "zoom"));
            Directory.CreateDirectory(Path.Combine(root, "broken", "privacy-policy"));
            File.WriteAllBytes(Path.Combine(root, "broken", "privacy-policy", "2026-01-01.txt"), new byte[] { 0, 1, 2, 0, 0, 0, 3, 0 });
            var r = Compare(root, "--format", "json");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("PR2002", r.Err);
            using var json = JsonDocument.Parse(r.Out);
            Assert.Equal(new[] { "broken", "zoom" }, json.RootElement.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
            var broken = json.RootElement.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("service").GetString() == "broken");
            Assert.Equal("PR2002", broken.GetProperty("diagnostics")[0].GetProperty("id").GetString());

            // The site is still built, and a site written inside its input is never read back as input.
            var site = Path.Combine(root, "site");
            var s1 = CliRunner.Run("site", root, "--output", site, "--no-default-rules", "--rules", TestPaths.Examples);
            Assert.Equal(2, s1.ExitCode);
            Assert.Contains("PR2002", File.ReadAllText(Path.Combine(site, "document-broken-privacy-policy.html")));
            var pages = Directory.EnumerateFiles(site).Count();
            var s2 = CliRunner.Run("site", root, "--output", site, "--no-default-rules", "--rules", TestPaths.Examples);
            Assert.Equal(2, s2.ExitCode);
            Assert.Equal(pages, Directory.EnumerateFiles(site).Count());
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void Newest_version_is_chosen_per_service_and_document_type()
    {
        var inputs = ComparisonBuilder.SelectNewest(new[]
        {
            "c/acme/privacy-policy/2024-01-01.md", "c/acme/privacy-policy/2025-06-01.md", "c/acme/privacy-policy/2023-12-31.md",
            "c/acme/terms-of-service/2022-01-01.md", "c/beta/privacy-policy/2021-01-01.html", "loose/notes.txt",
        });
        Assert.Equal(new[]
        {
            ("acme", "privacy-policy", "c/acme/privacy-policy/2025-06-01.md", 2),
            ("acme", "terms-of-service", "c/acme/terms-of-service/2022-01-01.md", 0),
            ("beta", "privacy-policy", "c/beta/privacy-policy/2021-01-01.html", 0),
            ("notes", "", "loose/notes.txt", 0),
        }, inputs.Select(i => (i.Service, i.DocType, i.Path, i.OlderVersions)));
    }
}
