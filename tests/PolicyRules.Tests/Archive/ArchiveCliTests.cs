using Xunit;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PolicyRules.Archive;
using PolicyRules.Tests.Changes;
using PolicyRules.Tests.Cli;
using PolicyRules.Tests.Support;
using PolicyRules.Monitoring;

namespace PolicyRules.Tests.Archive;

[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public class ArchiveCliTests
{
    private static CliRunner.Result Run(TempDir dir, params string[] args) =>
        CliRunner.Run(args.Concat(new[] { "--db", dir.Db }).Concat(ArchiveTestKit.RuleArgs(dir)).ToArray());

    [Theory]
    [InlineData("not a database at all, just text")]
    [InlineData("SQLite format 3\0garbage garbage garbage garbage")]
    public void A_corrupt_file_is_refused_in_one_line_and_left_unchanged(string content)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Db, content);
        var before = File.ReadAllBytes(dir.Db);
        var doc = dir.Write("a.md", ArchiveTestKit.V1);
        foreach (var args in new[] { new[] { "archive", "add", doc, "--service", "s", "--doc-type", "t" }, new[] { "archive", "list" } })
        {
            var r = args[1] == "list" ? CliRunner.Run("archive", "list", "--db", dir.Db) : Run(dir, args);
            Assert.Equal(2, r.ExitCode);
            var line = Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
            Assert.Contains(dir.Db, line);
        }
        Assert.Equal(before, File.ReadAllBytes(dir.Db));
    }

    public static TheoryData<string, string[], string> UsageErrors => new()
    {
        { "missing file", new[] { "archive", "add", "nope.md", "--service", "s", "--doc-type", "t" }, "does not exist" },
        { "no service", new[] { "archive", "add", "@doc", "--doc-type", "t" }, "--service is required" },
        { "bad date", new[] { "archive", "add", "@doc", "--service", "s", "--doc-type", "t", "--date", "2025-13-01" }, "not a date" },
        { "bad slug", new[] { "archive", "add", "@doc", "--service", "a b", "--doc-type", "t", "--date", "2025-01-01" }, "not a valid service" },
        { "bad reference", new[] { "archive", "show", "just-a-service" }, "is not SERVICE/DOC-TYPE" },
        { "unknown document", new[] { "archive", "show", "x/y" }, "is not in the archive" },
        { "unknown service", new[] { "timeline", "nobody" }, "is not in the archive" },
        { "diff of nothing", new[] { "diff", "a", "b" }, "neither a file nor an archive reference" },
        { "digest date", new[] { "archive", "digest", "--since", "yesterday" }, "not a date" },
        { "fetch url", new[] { "archive", "fetch", "ftp://example.org/x", "--service", "s", "--doc-type", "t" }, "not an http or https URL" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void Usage_errors_are_one_line_and_exit_2(string name, string[] args, string message)
    {
        using var dir = new TempDir();
        // An archive with one document, so that commands reading it get as far as their own checks.
        Run(dir, "archive", "add", dir.Write("s/t/2025-01-01.md", ArchiveTestKit.V1));
        var doc = dir.Write("doc.md", ArchiveTestKit.V1);
        var r = Run(dir, args.Select(a => a == "@doc" ? doc : a).ToArray());
        Assert.True(r.ExitCode == 2, $"{name}: exit {r.ExitCode}: {r.Err}");
        Assert.Contains(message, r.Err);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_foreign_sqlite_database_is_refused()
    {
        using var dir = new TempDir();
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dir.Db};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers(id INTEGER, name TEXT)";
            cmd.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(dir.Db);
        var r = Run(dir, "archive", "add", dir.Write("a.md", ArchiveTestKit.V1), "--service", "s", "--doc-type", "t", "--date", "2025-01-01");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a PolicyRules archive", r.Err);
        Assert.Equal(before, File.ReadAllBytes(dir.Db));
    }

    [Fact]
    public void Add_list_show_diff_timeline_and_alert_file()
    {
        using var dir = new TempDir();
        var alerts = dir.File("alerts.jsonl");
        var v1 = dir.Write("v1.md", ArchiveTestKit.V1);
        var v2 = dir.Write("v2.md", ArchiveTestKit.V2);
        Assert.Equal(0, Run(dir, "archive", "add", v1, "--service", "example-ai", "--doc-type", "privacy-policy", "--date", "2025-01-01", "--alert-file", alerts).ExitCode);
        var added = Run(dir, "archive", "add", v2, "--service", "example-ai", "--doc-type", "privacy-policy", "--date", "2025-08-29", "--alert-file", alerts);
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("2 provision changes since 2025-01-01", added.Out);
        var again = Run(dir, "archive", "add", v2, "--service", "example-ai", "--doc-type", "privacy-policy", "--date", "2025-08-29", "--alert-file", alerts);
        Assert.Contains("already archived", again.Out);

        var line = Assert.Single(File.ReadAllLines(alerts));
        using (var payload = System.Text.Json.JsonDocument.Parse(line))
        {
            Assert.Equal("2025-08-29", payload.RootElement.GetProperty("newDate").GetString());
            Assert.Equal(2, payload.RootElement.GetProperty("changes").GetArrayLength());
        }

        Assert.Contains("example-ai/privacy-policy    2 versions  2025-01-01 … 2025-08-29", CliRunner.Run("archive", "list", "--db", dir.Db).Out);
        var show = Run(dir, "archive", "show", "example-ai/privacy-policy@2025-08-29");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("training.user-content", show.Out);

        var diff = Run(dir, "diff", "example-ai/privacy-policy@2025-01-01", "example-ai/privacy-policy@2025-08-29", "--format", "json");
        Assert.Equal(0, diff.ExitCode);
        Assert.Contains("\"kind\": \"added\"", diff.Out);
        var text = Run(dir, "diff", v1, v2);
        Assert.Contains("[-30 days.-] {+5 years.+}", text.Out);

        var timeline = Run(dir, "timeline", "example-ai", "--format", "json");
        using var json = System.Text.Json.JsonDocument.Parse(timeline.Out);
        Assert.Equal("example-ai", json.RootElement.GetProperty("service").GetString());
        var versions = json.RootElement.GetProperty("versions");
        Assert.Equal(2, versions.GetArrayLength());
        Assert.Equal(2, versions[1].GetProperty("changes").GetArrayLength());
        Assert.Equal(64, versions[1].GetProperty("sha256").GetString()!.Length);

        var digest = Run(dir, "archive", "digest", "--since", "2025-06-01", "--format", "json");
        Assert.Contains("\"newDate\": \"2025-08-29\"", digest.Out);
        var registry = Run(dir, "archive", "registry", "--provision", "retention.period", "--format", "json");
        Assert.Contains("\"id\": \"PV-", registry.Out);
        Assert.DoesNotContain("training.user-content", registry.Out);
    }

    [Fact]
    public void Timeline_html_escapes_document_text()
    {
        using var dir = new TempDir();
        var evil = "# P\n\nWe retain your conversations for 30 days <script>alert(1)</script> & more.\n";
        Run(dir, "archive", "add", dir.Write("a.md", evil), "--service", "x", "--doc-type", "privacy-policy", "--date", "2025-01-01");
        Run(dir, "archive", "add", dir.Write("b.md", evil.Replace("30 days", "6 months")), "--service", "x", "--doc-type", "privacy-policy", "--date", "2025-02-01");
        var html = Run(dir, "timeline", "x", "--format", "html");
        Assert.Equal(0, html.ExitCode);
        Assert.DoesNotContain("<script>", html.Out);
        Assert.Contains("6 months", html.Out);
    }

    [Fact]
    public void Import_of_a_corpus_folder_then_timeline_lists_every_version()
    {
        using var dir = new TempDir();
        // Every document of one service of the corpus, plus one version of another service.
        var source = Path.Combine(TestPaths.Corpus, "anthropic-claude");
        var corpus = Path.Combine(dir.Path, "corpus");
        var files = Directory.GetFiles(source, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var f in files.Append(Path.Combine(TestPaths.Corpus, "zoom", "terms-of-service", "2023-08-11.md")))
        {
            var target = Path.Combine(corpus, Path.GetRelativePath(TestPaths.Corpus, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        var import = Run(dir, "archive", "import", corpus);
        Assert.Equal(0, import.ExitCode);
        var timeline = Run(dir, "timeline", "anthropic-claude", "--format", "json");
        using var json = System.Text.Json.JsonDocument.Parse(timeline.Out);
        var versions = json.RootElement.GetProperty("versions").EnumerateArray().ToList();
        // Ordered by document type, then date: exactly the corpus files.
        Assert.Equal(files.Select(f => Path.GetFileName(Path.GetDirectoryName(f)) + "@" + Path.GetFileNameWithoutExtension(f)),
            versions.Select(v => v.GetProperty("docType").GetString() + "@" + v.GetProperty("date").GetString()));
        var privacy = versions.Single(v => v.GetProperty("docType").GetString() == "privacy-policy" && v.GetProperty("date").GetString() == "2025-08-29");
        Assert.Contains(privacy.GetProperty("changes").EnumerateArray(), c => c.GetProperty("provision").GetString()!.StartsWith("training.", StringComparison.Ordinal));
        Assert.Contains($"0 added, 0 verified, {files.Count + 1} already archived", Run(dir, "archive", "import", corpus).Out);
        var text = Run(dir, "timeline", "anthropic-claude");
        Assert.Contains("privacy-policy\n  2025-08-16", text.Out);
    }

    [Fact]
    public void Fetch_from_a_local_server_with_size_limit_and_webhook_alert()
    {
        using var dir = new TempDir();
        var pages = new Queue<string>(new[] { ArchiveTestKit.V1, ArchiveTestKit.V2, new string('x', 3 * 1024 * 1024) });
        var posts = new List<string>();
        using var server = new LoopbackServer(request =>
        {
            if (request.StartsWith("POST", StringComparison.Ordinal)) { lock (posts) posts.Add(request); return ("application/json", "{}"); }
            return ("text/markdown", pages.Dequeue());
        });
        var url = server.Url + "privacy";
        Assert.Equal(0, Run(dir, "archive", "fetch", url, "--service", "ex", "--doc-type", "privacy-policy", "--date", "2025-01-01").ExitCode);
        var second = Run(dir, "archive", "fetch", url, "--service", "ex", "--doc-type", "privacy-policy", "--date", "2025-02-01", "--alert-webhook", server.Url + "hook");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("provision changes since 2025-01-01", second.Out);
        Assert.Contains(posts, p => p.Contains("\"newDate\":\"2025-02-01\""));
        var big = Run(dir, "archive", "fetch", url, "--service", "ex", "--doc-type", "privacy-policy", "--max-mb", "1");
        Assert.Equal(2, big.ExitCode);
        Assert.Contains("limit", big.Err);
    }

    [Fact]
    public void Fetch_gives_up_after_the_time_limit()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(_ => { Thread.Sleep(3000); return ("text/markdown", ArchiveTestKit.V1); });
        var r = Run(dir, "archive", "fetch", server.Url + "slow", "--service", "ex", "--doc-type", "pp", "--timeout", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no complete answer within 1 s (raise it with --timeout)", r.Err);
        Assert.False(File.Exists(dir.Db) && new FileInfo(dir.Db).Length > 0 && CliRunner.Run("archive", "list", "--db", dir.Db).Out.Contains("ex/pp"));
    }

    [Fact]
    public void A_webhook_is_retried_after_a_server_error()
    {
        var attempts = 0;
        using var server = new LoopbackServer(_ => Interlocked.Increment(ref attempts) < 3 ? (503, "text/plain", "busy") : (200, "application/json", "{}"));
        var sender = new AlertSender(server.Url + "hook", null) { FirstDelay = TimeSpan.FromMilliseconds(10) };
        var set = new ChangeSet("ex", "pp", "2025-01-01", "2025-02-01", "abc", ChangeTestKit.Diff(ArchiveTestKit.V1, ArchiveTestKit.V2));
        var warnings = sender.SendAsync(new[] { set }).GetAwaiter().GetResult();
        Assert.Empty(warnings);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public void A_webhook_that_fails_does_not_undo_the_write()
    {
        using var dir = new TempDir();
        Run(dir, "archive", "add", dir.Write("a.md", ArchiveTestKit.V1), "--service", "ex", "--doc-type", "pp", "--date", "2025-01-01");
        // Nothing listens on this port: every attempt fails, the version is still archived.
        var port = LoopbackServer.FreePort();
        var r = Run(dir, "archive", "add", dir.Write("b.md", ArchiveTestKit.V2), "--service", "ex", "--doc-type", "pp", "--date", "2025-02-01", "--alert-webhook", $"http://127.0.0.1:{port}/hook");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning: alert webhook", r.Err);
        using var store = SqliteArchiveStore.Open(dir.Db);
        Assert.Equal(2, store.Versions("ex", "pp").Count);
    }
}

/// <summary>A minimal HTTP/1.1 server on a loopback port: one request per connection.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public LoopbackServer(Func<string, (string ContentType, string Body)> handle) : this(r => { var (t, b) = handle(r); return (200, t, b); }) { }

    public LoopbackServer(Func<string, (int Status, string ContentType, string Body)> handle)
    {
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); } catch { return; }
                using (client)
                {
                    var stream = client.GetStream();
                    var request = await ReadRequest(stream);
                    var (status, type, body) = handle(request);
                    var bytes = Encoding.UTF8.GetBytes(body);
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
                    try { await stream.WriteAsync(head); await stream.WriteAsync(bytes); } catch (IOException) { }
                }
            }
        });
    }

    public string Url { get; }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static async Task<string> ReadRequest(NetworkStream stream)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var n = await stream.ReadAsync(chunk);
            if (n == 0) break;
            buffer.Write(chunk, 0, n);
            var text = Encoding.UTF8.GetString(buffer.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) continue;
            var match = System.Text.RegularExpressions.Regex.Match(text, @"Content-Length: (\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var length = match.Success ? int.Parse(match.Groups[1].Value) : 0;
            if (Encoding.UTF8.GetByteCount(text) - Encoding.UTF8.GetByteCount(text[..(end + 4)]) >= length) return text;
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
