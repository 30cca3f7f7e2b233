using Microsoft.Playwright;
using PolicyRules.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace PolicyRules.Tests.Compare;

/// <summary>
/// Drives Debian's chromium through the generated site as a reader would: index → provision → platform →
/// document, by clicking. Chromium is required (CI installs it): a missing browser fails the test.
/// Screenshots go to TestResults/screenshots in the repository.
/// </summary>
[Trait("Category", "Cli")] // also run against the native executable by .ci/run
[Collection(nameof(BrowserCollection))]
public class SiteBrowserTests(SiteFixture fixture, ITestOutputHelper output) : IClassFixture<SiteFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Shots = Path.Combine(TestPaths.RepoRoot, "TestResults", "screenshots");

    [Fact]
    public async Task Reader_navigates_index_to_provision_to_platform_by_clicking()
    {
        Assert.True(fixture.Build.ExitCode == 0, fixture.Build.Err);
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does");
        Directory.CreateDirectory(Shots);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking" },
            Timeout = 180_000,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // The suite runs in parallel on two shared cores: Playwright's 30 s per action was seen to run out.
        context.SetDefaultTimeout(180_000);
        context.SetDefaultNavigationTimeout(180_000);
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        var requests = new List<string>();
        var errors = new List<string>();
        page.Dialog += async (_, dialog) => { dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        page.Request += (_, request) => requests.Add(request.Url);
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);

        // Index: the matrix, one column per platform.
        await page.GotoAsync(new Uri(Path.Combine(fixture.Site, "index.html")).AbsoluteUri);
        Assert.Equal("What the terms of 4 platforms say", (await page.TextContentAsync("h1"))?.Trim());
        Assert.Equal(SiteFixture.CorpusServices.Length + 1, await page.Locator("table.matrix th.col").CountAsync());
        await Shot(page, "index.png");

        // Click a provision row → the provision page compares the platforms.
        await page.Locator("table.matrix th.row a", new PageLocatorOptions { HasTextString = "Training opt-out with carve-outs" }).ClickAsync();
        await AtUrl(page, "**/provision-training-opt-out-carve-out.html");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Training opt-out with carve-outs");
        Assert.Contains("identified across 1 of 4 platforms", await page.InnerTextAsync("main"));
        var card = page.Locator("#p-anthropic-claude");
        await Assertions.Expect(card).ToBeVisibleAsync();
        Assert.Contains("flagged for safety review", await card.InnerTextAsync());
        await Shot(page, "provision.png");

        // Click the platform → its page, summary grouped by area.
        await card.Locator("a", new LocatorLocatorOptions { HasTextString = "Anthropic Claude" }).ClickAsync();
        await AtUrl(page, "**/platform-anthropic-claude.html");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Anthropic Claude");
        await page.Locator("section.area h2").First.WaitForAsync();
        var areas = await page.Locator("section.area h2").AllInnerTextsAsync();
        Assert.Contains("Training on user content", areas);
        await Shot(page, "platform.png");

        // Read a finding in context → the document page scrolls to the highlighted passage.
        await page.Locator("section.area .finding a", new PageLocatorOptions { HasTextString = "Read it in context" }).First.ClickAsync();
        await AtUrl(page, "**/document-anthropic-claude-*.html#f-*-text");
        var fragment = new Uri(page.Url).Fragment.TrimStart('#');
        var passage = page.Locator($".doc-text mark:has(#{fragment})").First;
        await Assertions.Expect(passage).ToBeVisibleAsync();
        await Assertions.Expect(passage).ToBeInViewportAsync();
        await Shot(page, "document.png");
        // The passage links back to its card in the summary.
        await passage.Locator("a").ClickAsync();
        await AtUrl(page, "**/document-anthropic-claude-*.html#f-*");
        await Assertions.Expect(page.Locator($"#{fragment[..^"-text".Length]}")).ToBeVisibleAsync();

        // Back to the matrix, then a coloured cell opens the provision page at that platform.
        await page.Locator("header.top a.brand").ClickAsync();
        await AtUrl(page, "**/index.html");
        await page.Locator("table.matrix td.cell a").First.ClickAsync();
        await AtUrl(page, "**/provision-*.html#p-*");

        // The hostile platform's pages run nothing and show the text as text.
        await page.GotoAsync(new Uri(Path.Combine(fixture.Site, "document-hostile-img-src-x-onerror-alert-1-terms-of-service.html")).AbsoluteUri);
        Assert.Contains("<script>alert(1)</script>", await page.InnerTextAsync(".doc-text"));
        Assert.DoesNotContain("pwned", await page.TitleAsync());
        await page.GotoAsync(new Uri(Path.Combine(fixture.Site, "platform-hostile-img-src-x-onerror-alert-1.html")).AbsoluteUri);
        Assert.Contains("<img src=x onerror=alert(1)>", await page.InnerTextAsync("h1"), StringComparison.OrdinalIgnoreCase);

        // A phone: the page itself does not scroll sideways (the matrix scrolls inside its frame).
        var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, DeviceScaleFactor = 2 });
        phone.Request += (_, request) => requests.Add(request.Url);
        phone.Dialog += async (_, dialog) => { dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        await phone.GotoAsync(new Uri(Path.Combine(fixture.Site, "index.html")).AbsoluteUri);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "the index is wider than a 390 px phone screen");
        await Shot(phone, "index-phone.png");

        Assert.Empty(dialogs);
        Assert.Empty(errors);
        Assert.All(requests, url => Assert.StartsWith("file://", url));
    }

    // Poll the page's URL instead of waiting for a navigation event: on a loaded machine Chromium has
    // missed load events on file:// pages, and a navigation that finishes before the wait starts is
    // never reported again (the locators that follow wait for what they need).
    private static Task AtUrl(IPage page, string glob) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(
            "^.*" + System.Text.RegularExpressions.Regex.Escape(glob.TrimStart('*')).Replace("\\*", ".*") + "$"),
            new PageAssertionsToHaveURLOptions { Timeout = 30_000 });

    private async Task Shot(IPage page, string name)
    {
        var path = Path.Combine(Shots, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        Assert.True(new FileInfo(path).Length > 1000, path);
        output.WriteLine($"screenshot: {path}");
        Console.WriteLine($"screenshot: {path}");
    }
}

/// <summary>
/// The browser test runs alone, after the parallel tests: under the full suite's load on two cores,
/// Chromium once missed an event and the test waited out its timeout.
/// </summary>
[CollectionDefinition(nameof(BrowserCollection), DisableParallelization = true)]
public sealed class BrowserCollection;
