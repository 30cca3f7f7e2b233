using PolicyRules.Tests.Cli;
using PolicyRules.Tests.Support;

namespace PolicyRules.Tests.Compare;

/// <summary>
/// A small input tree for compare/site tests, in a temp folder: a few corpus services (copied, with the
/// corpus README that carries the attribution), a hostile service whose folder name and documents try
/// to inject markup, script and template syntax, and a rule folder (the shared examples plus a hostile rule).
/// </summary>
public sealed class SiteFixture : IDisposable
{
    public static readonly string[] CorpusServices = { "anthropic-claude", "mistral-le-chat", "zoom" };
    public const string HostileService = "hostile<img src=x onerror=alert(1)>";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "policyrules-site-" + Guid.NewGuid().ToString("N")[..8]);
    public string Input => Path.Combine(Root, "corpus");
    public string Rules => Path.Combine(Root, "rules");
    public string Site => Path.Combine(Root, "site");
    public CliRunner.Result Build { get; }

    public SiteFixture()
    {
        Directory.CreateDirectory(Input);
        foreach (var service in CorpusServices) CopyDirectory(Path.Combine(TestPaths.Corpus, service), Path.Combine(Input, service));
        File.Copy(Path.Combine(TestPaths.Corpus, "README.md"), Path.Combine(Input, "README.md"));
        WriteHostile(Input);
        CopyDirectory(TestPaths.Examples, Rules);
        File.WriteAllText(Path.Combine(Rules, "hostile.rules"), HostileRules);
        Build = CliRunner.Run(SiteArgs(Site));
    }

    public string[] SiteArgs(string output, params string[] extra) =>
        new[] { "site", Input, "--output", output, "--no-default-rules", "--rules", Rules }.Concat(extra).ToArray();

    public IEnumerable<string> Pages => Directory.EnumerateFiles(Site, "*.html").OrderBy(p => p, StringComparer.Ordinal);

    public string Page(string name) => File.ReadAllText(Path.Combine(Site, name));

    public const string HostileRules = """
        rule HOS001 "Evil <script>alert('rule')</script> clause {{ 6 * 7 }}" {
          provision liability.cap
          severity  error
          scope     sentence
          match     "evil clause"
          summary   "<img src=x onerror=alert('summary')> says: {{ excerpt }}"
          help      "<a href='javascript:alert(1)'>help</a>"
          example   "This evil clause applies."
        }
        """;

    /// <summary>The same hostile strings in plain text, Markdown (code spans keep them as text) and HTML (entities decode to them).</summary>
    public static void WriteHostile(string root)
    {
        var dir = Path.Combine(root, HostileService);
        Directory.CreateDirectory(Path.Combine(dir, "terms-of-service"));
        Directory.CreateDirectory(Path.Combine(dir, "privacy-policy"));
        Directory.CreateDirectory(Path.Combine(dir, "acceptable-use-policy"));
        File.WriteAllText(Path.Combine(dir, "terms-of-service", "2026-01-01.txt"), """
            TERMS <script>alert('title')</script>

            We retain your conversations <script>alert(1)</script> for 30 days.

            We may use your inputs to train our models <img src=x onerror=alert(2)> see javascript:alert(3) {{ 7 * 7 }} {{ include 'layout' }} </pre></mark></div><!--.

            This evil clause <script>document.title='pwned'</script> applies "><svg onload=alert(4)> ' onmouseover='alert(5).
            """);
        File.WriteAllText(Path.Combine(dir, "privacy-policy", "2026-01-01.md"), """
            # Privacy `<script>alert(6)</script>`

            We retain your conversations `<img src=x onerror=alert(7)>` for 30 days. [Click me](javascript:alert(8)) {{ 7 * 7 }}

            We may use your inputs to train our models `"><iframe src=javascript:alert(9)>` unless you opt out.
            """);
        File.WriteAllText(Path.Combine(dir, "acceptable-use-policy", "2026-01-01.html"), """
            <!DOCTYPE html><html><head><title>x</title><script>alert(10)</script></head><body>
            <h1>Usage &lt;script&gt;alert(11)&lt;/script&gt;</h1>
            <p>We retain your conversations &lt;img src=x onerror=alert(12)&gt; for 30 days.</p>
            <p><a href="javascript:alert(13)" onclick="alert(14)">This evil clause &#123;&#123; 7 * 7 &#125;&#125; applies.</a></p>
            <img src=x onerror=alert(15)>
            </body></html>
            """);
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
