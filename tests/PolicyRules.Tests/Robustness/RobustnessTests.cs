using System.Text;
using PolicyRules.Tests.Cli;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Robustness;

/// <summary>
/// Bad input never crashes, hangs or loses data: every case ends with exit 0, 1 or 2, a one-line
/// message that names the file, no stack trace, in bounded time.
/// </summary>
[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public class RobustnessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pr-robust").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private static void AssertClean(CliRunner.Result r, params int[] codes)
    {
        Assert.Contains(r.ExitCode, codes);
        Assert.DoesNotContain("   at ", r.Out + r.Err);
        Assert.DoesNotContain("Exception", r.Err.Replace("DocumentLoadException", ""));
    }

    // One line per case: file name, content kind, expected exit code, and what stderr/stdout must say.
    [Theory]
    [InlineData("empty.md", "empty", 0, "0 findings in 1 document.")]
    [InlineData("binary.md", "binary", 2, "looks like a binary file")]
    [InlineData("invalid.txt", "invalid-utf8", 0, "warning PR2001: invalid UTF-8")]
    [InlineData("bom.md", "bom", 0, "1 document")]
    [InlineData("nested.html", "nested-html", 0, "warning PR2004")]
    [InlineData("triggers.txt", "triggers", 0, "in 1 document")]
    public void Bad_documents_give_a_clear_message(string name, string kind, int exit, string expected)
    {
        var path = kind switch
        {
            "empty" => Write(name, Array.Empty<byte>()),
            "binary" => Write(name, new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0, 0 }),
            "invalid-utf8" => Write(name, new byte[] { 0x57, 0x65, 0x20, 0xff, 0xfe, 0x20, 0x73, 0x65, 0x6c, 0x6c, 0x2e }),
            "bom" => Write(name, new byte[] { 0xef, 0xbb, 0xbf }.Concat(Encoding.UTF8.GetBytes("# Policy\n\nWe retain data for 30 days.\n")).ToArray()),
            "nested-html" => Write(name, string.Concat(Enumerable.Repeat("<div>", 100_000)) + "We sell data." + string.Concat(Enumerable.Repeat("</div>", 100_000))),
            _ => Write(name, string.Join(" ", Enumerable.Repeat("train arbitration liable retain sell opt out terminate", 20_000)) + "."),
        };
        var r = CliRunner.Run("analyze", path);
        AssertClean(r, exit);
        Assert.Contains(expected, r.Out + r.Err);
        if (exit == 2) Assert.Contains(path, r.Out + r.Err);
    }

    [Fact]
    public void A_missing_path_is_one_line_naming_it()
    {
        var missing = Path.Combine(_dir, "nope.md");
        var r = CliRunner.Run("analyze", missing);
        AssertClean(r, 2);
        Assert.Equal($"policyrules: '{missing}' does not exist\n", r.Err);
    }

    [Fact]
    public void An_unreadable_file_is_reported_and_the_others_are_still_analysed()
    {
        var good = Write("a.md", "We retain your data for 30 days.");
        var locked = Write("b.md", "We retain your data for 30 days.");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var r = CliRunner.Run("analyze", _dir);
            if (Environment.UserName == "root") { AssertClean(r, 0); return; } // root reads anything
            AssertClean(r, 2);
            Assert.Contains(locked, r.Out);
            Assert.Contains(good, r.Out);
        }
        finally { File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite); }
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_with_the_limit_named()
    {
        var path = Write("big.md", new string('a', 2 * 1024 * 1024));
        var r = CliRunner.Run("analyze", path, "--max-document-mb", "1");
        AssertClean(r, 2);
        Assert.Contains("the limit is 1,048,576", r.Out);
        Assert.Contains("--max-document-mb", r.Out);
    }

    [Fact]
    public void A_twenty_megabyte_line_without_punctuation_finishes()
    {
        var words = new[] { "data", "users", "service", "content", "policy", "terms", "access", "account" };
        var sb = new StringBuilder(20 * 1024 * 1024);
        for (var i = 0; sb.Length < 20 * 1024 * 1024; i++) sb.Append(words[i % words.Length]).Append(' ');
        var path = Write("line.txt", sb.ToString());
        var r = ChildProcess.RunCli(TimeSpan.FromMinutes(4), "analyze", path, "--format", "json", "-o", Path.Combine(_dir, "out.json"));
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void A_hundred_megabyte_document_stays_under_four_gigabytes()
    {
        // Real policy text, repeated: every rule has something to find.
        var text = File.ReadAllText(Path.Combine(TestPaths.Corpus, "anthropic-claude", "privacy-policy", "2026-08-22.md"));
        var path = Path.Combine(_dir, "huge.md");
        using (var writer = new StreamWriter(path))
            for (long written = 0; written < 100L * 1024 * 1024; written += text.Length) writer.Write(text);
        var r = ChildProcess.RunCli(TimeSpan.FromMinutes(8), "analyze", path, "--format", "jsonl", "-o", Path.Combine(_dir, "huge.jsonl"));
        Assert.Equal(0, r.ExitCode);
        // Issue 9 asked for 3 GB. With the 155-rule pack (288k findings on this document instead of 184k)
        // the native executable peaks at 3.08 GB by /usr/bin/time (2026-12-03, identical before and after
        // the architecture step) and VmHWM sampled under a loaded CI run reached 3.6 GB; the JIT build
        // peaks between 3.1 and 3.8 GB. Both are held to 4 GB until memory is made flat in document size
        // (issue 16, the next performance step), which brings the bound back down.
        var native = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POLICYRULES_CLI_EXE"));
        var limit = 4L * 1024 * 1024 * 1024;
        Assert.True(r.PeakBytes < limit, $"peak memory {r.PeakBytes / (1024 * 1024)} MB ({(native ? "native" : "JIT")})");
        Assert.True(new FileInfo(Path.Combine(_dir, "huge.jsonl")).Length > 0);
    }

    [Fact]
    public void A_rule_with_ten_thousand_parentheses_is_a_rule_error()
    {
        var rules = Write("deep.rules", "rule T001 \"t\" { provision training.opt-out match " + new string('(', 10_000) + "\"x\"" + new string(')', 10_000) + " }");
        var r = CliRunner.Run("check", "--no-default-rules", "--rules", rules);
        AssertClean(r, 1);
        Assert.Contains("error PR1005: pattern nested more than 100 levels deep", r.Out);
    }

    [Theory]
    [InlineData("{{ while true }}x{{ end }}", "PR1133", "loop")]
    [InlineData("{{ func f(n); ret f(n); end; f(1) }}", "PR1133", "recursive")]
    public void A_template_that_never_ends_is_a_rule_error_at_its_position(string template, string id, string word)
    {
        var rules = Write("loop.rules", $"rule T001 \"t\" {{ provision training.opt-out match \"x\" summary \"{template.Replace("\"", "\\\"")}\" }}");
        var r = CliRunner.Run("check", "--no-default-rules", "--rules", rules);
        AssertClean(r, 1);
        var line = Assert.Single(r.Out.Split('\n'), l => l.Contains(id));
        Assert.Matches(@"loop\.rules\(1,\d+\): error PR1133", line);
        Assert.Contains(word, line, StringComparison.OrdinalIgnoreCase);
    }
}
