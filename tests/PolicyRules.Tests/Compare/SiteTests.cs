using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using PolicyRules.Binding;
using PolicyRules.Compare;
using PolicyRules.Reporting.Site;
using PolicyRules.Summaries;
using PolicyRules.Tests.Cli;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Compare;

[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public class SiteTests(SiteFixture fixture) : IClassFixture<SiteFixture>
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public void Site_builds_every_kind_of_page_with_safe_file_names()
    {
        Assert.True(fixture.Build.ExitCode == 0, fixture.Build.Err);
        Assert.Contains("wrote", fixture.Build.Err);
        var names = fixture.Pages.Select(Path.GetFileName).ToList();
        Assert.Contains("index.html", names);
        Assert.Contains("about.html", names);
        Assert.Contains("platform-anthropic-claude.html", names);
        Assert.Contains("document-anthropic-claude-privacy-policy.html", names);
        Assert.Contains("provision-training-user-content.html", names);
        Assert.Equal(Taxonomy.All.Count, names.Count(n => n!.StartsWith("provision-", StringComparison.Ordinal)));
        Assert.Equal(SiteFixture.CorpusServices.Length + 1, names.Count(n => n!.StartsWith("platform-", StringComparison.Ordinal)));
        // The hostile folder name becomes a plain slug.
        Assert.Contains("platform-hostile-img-src-x-onerror-alert-1.html", names);
        Assert.All(names, n => Assert.Matches("^[a-z0-9-]+\\.html$", n!));
        Assert.True(File.Exists(Path.Combine(fixture.Site, SiteGenerator.MarkerFile)));
    }

    [Fact]
    public void Hostile_document_and_rule_text_is_escaped_on_every_page()
    {
        var pages = fixture.Pages.ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var html = File.ReadAllText(page);
            var name = Path.GetFileName(page);
            // Nothing of ours is a script, an image or an embedded frame, so any such tag came from a document.
            foreach (var tag in new[] { "<script", "<img", "<iframe", "<svg onload", "<a href=\"javascript", "<!--" })
                Assert.False(html.Contains(tag, StringComparison.OrdinalIgnoreCase), $"{name} contains {tag}");
            var dom = Parser.ParseDocument(html);
            Assert.Empty(dom.QuerySelectorAll("script, img, iframe, object, embed, base, link, form"));
            foreach (var element in dom.All)
                foreach (var attribute in element.Attributes)
                {
                    Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{name}: <{element.LocalName} {attribute.Name}=…>");
                    if (attribute.Name is "href" or "src" or "action" or "xlink:href")
                    {
                        var value = attribute.Value.Trim();
                        Assert.False(value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), $"{name}: {attribute.Name}={value}");
                        Assert.DoesNotContain("://", value);
                    }
                }
            // The template engine never sees document text as a template: no page shows 7 * 7 evaluated.
            Assert.DoesNotContain(">49<", html);
        }

        // The hostile strings are shown as text where they belong.
        var platform = Parser.ParseDocument(fixture.Page("platform-hostile-img-src-x-onerror-alert-1.html"));
        Assert.Contains("<img src=x onerror=alert(1)>", platform.QuerySelector("h1")!.TextContent, StringComparison.OrdinalIgnoreCase);
        var terms = Parser.ParseDocument(fixture.Page("document-hostile-img-src-x-onerror-alert-1-terms-of-service.html"));
        var text = terms.QuerySelector(".doc-text")!.TextContent;
        Assert.Contains("<script>alert(1)</script>", text);
        Assert.Contains("{{ 7 * 7 }}", text);
        Assert.Contains("{{ include 'layout' }}", text);
        Assert.Contains("</pre></mark></div><!--", text);
        Assert.Contains("\"><svg onload=alert(4)>", text);
        // Findings in the hostile text are still highlighted, and the hostile rule's title and summary are text.
        Assert.NotEmpty(terms.QuerySelectorAll(".doc-text mark"));
        var cards = string.Join("\n", terms.QuerySelectorAll(".finding").Select(c => c.TextContent));
        Assert.Contains("HOS001 Evil <script>alert('rule')</script> clause {{ 6 * 7 }}", cards);
        Assert.Contains("<img src=x onerror=alert('summary')> says: This evil clause <script>document.title='pwned'</script>", cards);
        var md = Parser.ParseDocument(fixture.Page("document-hostile-img-src-x-onerror-alert-1-privacy-policy.html")).QuerySelector(".doc-text")!.TextContent;
        Assert.Contains("<img src=x onerror=alert(7)>", md);
        Assert.Contains("\"><iframe src=javascript:alert(9)>", md);
        var html5 = Parser.ParseDocument(fixture.Page("document-hostile-img-src-x-onerror-alert-1-acceptable-use-policy.html")).QuerySelector(".doc-text")!.TextContent;
        Assert.Contains("<script>alert(11)</script>", html5);
        Assert.Contains("{{ 7 * 7 }}", html5);
        var about = Parser.ParseDocument(fixture.Page("about.html")).QuerySelector("table")!.TextContent;
        Assert.Contains("Evil <script>alert('rule')</script> clause", about);
    }

    [Fact]
    public void Every_link_leads_to_a_page_and_anchor_of_the_site()
    {
        var ids = fixture.Pages.ToDictionary(p => Path.GetFileName(p), p => Parser.ParseDocument(File.ReadAllText(p)).All
            .Select(e => e.Id).OfType<string>().ToHashSet(StringComparer.Ordinal));
        var checkedLinks = 0;
        foreach (var page in fixture.Pages)
        {
            var dom = Parser.ParseDocument(File.ReadAllText(page));
            foreach (var a in dom.QuerySelectorAll("a[href]"))
            {
                var href = a.GetAttribute("href")!;
                var hash = href.IndexOf('#');
                var file = hash < 0 ? href : href[..hash];
                var target = file.Length == 0 ? Path.GetFileName(page) : file;
                Assert.True(ids.ContainsKey(target), $"{Path.GetFileName(page)} links to missing {href}");
                if (hash >= 0 && hash < href.Length - 1)
                    Assert.True(ids[target].Contains(href[(hash + 1)..]), $"{Path.GetFileName(page)} links to missing anchor {href}");
                checkedLinks++;
            }
        }
        Assert.True(checkedLinks > 500, $"only {checkedLinks} links");
    }

    [Fact]
    public void Pages_are_offline_and_responsive()
    {
        foreach (var page in fixture.Pages)
        {
            var html = File.ReadAllText(page);
            Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
            Assert.Contains("default-src 'none'", html);
            Assert.Contains("@media (max-width:640px)", html);
            // No stylesheet, font, image or script is fetched: every URL in an attribute is a page of the site.
            Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase), html);
            Assert.DoesNotContain("@import", html);
            Assert.DoesNotContain("url(", html);
        }
    }

    [Fact]
    public void Index_matrix_has_a_row_per_provision_and_a_column_per_platform()
    {
        var dom = Parser.ParseDocument(fixture.Page("index.html"));
        var columns = dom.QuerySelectorAll("table.matrix th.col").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(SiteFixture.CorpusServices.Length + 1, columns.Count);
        Assert.Contains("Anthropic Claude", columns);
        var rows = dom.QuerySelectorAll("table.matrix th.row");
        Assert.Equal(Taxonomy.All.Count, rows.Length);
        Assert.Equal(Taxonomy.All.Select(t => t.Title), rows.Select(r => r.TextContent.Trim()));
        var row = dom.QuerySelectorAll("table.matrix tr").First(r => r.QuerySelector("th.row")?.TextContent.Trim() == "Training opt-out with carve-outs");
        var anthropic = row.QuerySelectorAll("td.cell")[0].QuerySelector("a")!;
        Assert.Equal("c-warning", anthropic.ClassName);
        Assert.Equal("provision-training-opt-out-carve-out.html#p-anthropic-claude", anthropic.GetAttribute("href"));
        // Provisions that no loaded rule looks for are marked as not checked, never as "not found".
        var unchecked_ = dom.QuerySelectorAll("table.matrix tr").First(r => r.QuerySelector("th.row")?.TextContent.Trim() == "Mandatory arbitration");
        Assert.All(unchecked_.QuerySelectorAll("td.cell span"), s => Assert.Equal("c-unchecked", s.ClassName));
        Assert.Equal("no rule", unchecked_.QuerySelector("td.n")!.TextContent);
    }

    [Fact]
    public void Provision_page_compares_platforms_side_by_side()
    {
        var dom = Parser.ParseDocument(fixture.Page("provision-training-opt-out-carve-out.html"));
        Assert.Equal("Training opt-out with carve-outs", dom.QuerySelector("h1")!.TextContent);
        Assert.Contains("identified across 1 of 4 platforms", dom.Body!.TextContent);
        var headers = dom.QuerySelectorAll("table.side th").Select(h => h.TextContent).ToList();
        Assert.Contains("carve outs", headers);
        var card = dom.QuerySelector("#p-anthropic-claude")!;
        Assert.Contains("flagged for safety review", card.QuerySelector("dl.captures")!.TextContent);
        Assert.StartsWith("We may use your Inputs and Outputs to train", card.QuerySelector("blockquote")!.TextContent);
        var notFound = dom.QuerySelectorAll("h2").First(h => h.TextContent == "Not found").NextElementSibling!.TextContent;
        Assert.Contains("Zoom", notFound);
    }

    [Fact]
    public void Document_page_groups_the_summary_by_area_and_says_when_an_area_has_no_finding()
    {
        var dom = Parser.ParseDocument(fixture.Page("document-zoom-terms-of-service.html"));
        var areas = dom.QuerySelectorAll("section.area h2").Select(h => h.TextContent).ToList();
        Assert.Equal(new[] { Areas.Title("training"), Areas.Title("retention"), Areas.Title("liability") }, areas);
        var nones = dom.QuerySelectorAll("section.area p.none").Select(p => p.TextContent).ToList();
        Assert.Contains(Areas.NoneFound("liability"), nones);
        Assert.Contains("Not checked", dom.Body!.TextContent);
        // Each finding card links to its highlighted passage, and the passage back to the card.
        var anthropic = Parser.ParseDocument(fixture.Page("document-anthropic-claude-privacy-policy.html"));
        var first = anthropic.QuerySelector(".finding")!;
        Assert.Equal($"#{first.Id}-text", first.QuerySelector("p.meta a")!.GetAttribute("href"));
        Assert.NotNull(anthropic.GetElementById($"{first.Id}-text"));
        Assert.Contains(anthropic.QuerySelectorAll(".doc-text mark a"), a => a.GetAttribute("href") == $"#{first.Id}");
        Assert.NotEmpty(anthropic.QuerySelectorAll(".doc-text h3, .doc-text h4"));
    }

    [Fact]
    public void About_page_carries_the_corpus_attribution_and_the_disclaimer()
    {
        var about = Parser.ParseDocument(fixture.Page("about.html")).Body!.TextContent;
        Assert.Contains("Contains data from Open Terms Archive (https://opentermsarchive.org), © Open Terms Archive contributors, distributed under ODC-BY 1.0.", about);
        Assert.Contains("Lab Platform Governance, Media and Technology of ZeMKI, University of Bremen", about);
        Assert.Contains("ODC-BY 1.0", about);
        Assert.Contains(DisplayNames.Disclaimer, about);
        // Every page carries the disclaimer.
        foreach (var page in fixture.Pages) Assert.Contains(DisplayNames.Disclaimer.Replace("'", "&#39;"), File.ReadAllText(page));
    }

    [Fact]
    public void Same_input_gives_byte_identical_files()
    {
        var again = Path.Combine(fixture.Root, "again");
        var r = CliRunner.Run(fixture.SiteArgs(again));
        Assert.True(r.ExitCode == 0, r.Err);
        var first = fixture.Pages.Select(p => Path.GetFileName(p)).ToList();
        var second = Directory.EnumerateFiles(again, "*.html").Select(p => Path.GetFileName(p)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(first, second);
        foreach (var name in first)
            Assert.True(File.ReadAllBytes(Path.Combine(fixture.Site, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, name))), name);
        // Rebuilding into the same folder is allowed (it is marked as ours) and gives the same files.
        r = CliRunner.Run(fixture.SiteArgs(again));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(second, Directory.EnumerateFiles(again, "*.html").Select(p => Path.GetFileName(p)).OrderBy(p => p, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void A_folder_not_made_by_the_site_command_is_refused()
    {
        var other = Path.Combine(fixture.Root, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "notes.txt"), "mine");
        var r = CliRunner.Run(fixture.SiteArgs(other));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not empty", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.Equal(new[] { "notes.txt" }, Directory.EnumerateFiles(other).Select(Path.GetFileName));
    }

    [Fact]
    public void Db_reads_the_archive_and_refuses_a_corrupt_one()
    {
        // A corrupt database: one line naming it, exit 2, the file left as it was.
        var bad = Path.Combine(fixture.Root, "corrupt.db");
        File.WriteAllBytes(bad, "SQLite format 3\0"u8.ToArray());
        var r = CliRunner.Run(fixture.SiteArgs(Path.Combine(fixture.Root, "with-bad-db"), "--db", bad));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(bad, r.Err);
        Assert.Equal("SQLite format 3\0"u8.ToArray(), File.ReadAllBytes(bad));

        // A real archive of two Zoom versions: a timeline page with the change chart.
        var db = Path.Combine(fixture.Root, "archive.db");
        var zoom = Path.Combine(Support.TestPaths.Corpus, "zoom", "terms-of-service");
        foreach (var date in new[] { "2023-08-07", "2023-08-11" })
            Assert.Equal(0, CliRunner.Run("archive", "add", Path.Combine(zoom, date + ".md"), "--service", "zoom", "--doc-type", "terms-of-service",
                "--date", date, "--db", db, "--no-default-rules", "--rules", Support.TestPaths.Examples).ExitCode);
        var output = Path.Combine(fixture.Root, "with-db");
        var ok = CliRunner.Run(fixture.SiteArgs(output, "--db", db));
        Assert.Equal(0, ok.ExitCode);
        var page = File.ReadAllText(Path.Combine(output, "timeline-zoom.html"));
        Assert.Contains("<svg", page);
        Assert.Contains("2023-08-11", page);
        var missing = CliRunner.Run(fixture.SiteArgs(Path.Combine(fixture.Root, "x"), "--db", Path.Combine(fixture.Root, "nope.db")));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Err);
    }

    [Fact]
    public void Timeline_pages_draw_provision_changes_as_inline_svg()
    {
        var json = """
            {"service":"zoom","versions":[
              {"docType":"terms-of-service","date":"2023-03-01","sha256":"a","changes":[]},
              {"docType":"terms-of-service","date":"2023-04-01","sha256":"b","changes":[
                {"provision":"training.user-content","kind":"added","ruleId":"TRN001","summary":"Zoom may use <script>alert(1)</script> content."}]},
              {"docType":"terms-of-service","date":"2023-08-11","sha256":"c","changes":[
                {"provision":"training.user-content","kind":"removed","ruleId":"TRN001","summary":""},
                {"provision":"training.no-training","kind":"added","ruleId":"TRN009","summary":"No training."}]}]}
            """;
        var file = Path.Combine(fixture.Root, "timeline.json");
        File.WriteAllText(file, json);
        var output = Path.Combine(fixture.Root, "with-timeline");
        var r = CliRunner.Run(fixture.SiteArgs(output, "--db", file));
        Assert.True(r.ExitCode == 0, r.Err);
        var page = File.ReadAllText(Path.Combine(output, "timeline-zoom.html"));
        var dom = Parser.ParseDocument(page);
        var svg = dom.QuerySelector("svg.chart")!;
        Assert.Equal(2, svg.QuerySelectorAll("rect.added").Length);
        Assert.Single(svg.QuerySelectorAll("rect.removed"));
        Assert.Single(svg.QuerySelectorAll("circle.same"));
        Assert.Contains("Zoom may use <script>alert(1)</script> content.", dom.Body!.TextContent);
        Assert.DoesNotContain("<script", page);
        Assert.Contains("timeline-zoom.html", File.ReadAllText(Path.Combine(output, "platform-zoom.html")));
        Assert.Empty(Directory.EnumerateFiles(output, "timeline-anthropic*.html"));
    }

    [Fact]
    public void Templates_escape_whatever_they_print()
    {
        var comparison = ComparisonBuilder.Build(RuleCompiler.Load(new[] { TestPaths.Examples }, includeBuiltIn: false), Array.Empty<ComparedDocument>());
        var pages = SiteGenerator.Render(comparison, new SiteOptions { Title = "<b>Title</b> {{ 1 + 1 }}" });
        Assert.Equal(new[] { "about.html", "index.html" }, pages.Keys.Where(k => !k.StartsWith("provision-", StringComparison.Ordinal)));
        Assert.Contains("&lt;b&gt;Title&lt;/b&gt; {{ 1 + 1 }}", pages["index.html"]);
        Assert.DoesNotContain("<b>Title", pages["index.html"]);
    }
}
