using PolicyRules.Tests.Archive;
using Xunit;

namespace PolicyRules.Tests.Cli;

/// <summary>Every command that needs a whole rule pack meets a broken one the same way: the errors and one
/// closing line on standard error, nothing on standard output, exit code 1.</summary>
[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public class RuleErrorPathTests
{
    // {doc}, {doc2}, {db}, {dir} and {tsv} are filled in per run; the broken rules are added to each.
    [Theory]
    [InlineData("analyze {doc}")]
    [InlineData("compare {dir}")]
    [InlineData("diff {doc} {doc2}")]
    [InlineData("test")]
    [InlineData("eval {tsv}")]
    [InlineData("suggest training.opt-out --from {tsv}")]
    [InlineData("archive add {doc} --db {db}")]
    [InlineData("archive import {dir} --db {db}")]
    [InlineData("archive digest --since 2020-01-01 --db {db}")]
    [InlineData("archive registry --db {db}")]
    [InlineData("timeline svc --db {db}")]
    public void A_broken_rule_pack_stops_the_command_with_one_message(string command)
    {
        using var dir = new TempDir();
        var doc = dir.Write("tree/svc/privacy-policy/2025-01-01.md", ArchiveTestKit.V1);
        var doc2 = dir.Write("tree/svc/privacy-policy/2025-02-01.md", ArchiveTestKit.V2);
        var tsv = dir.Write("l.tsv", "id\ttext\tkeys\tnote\n1\tWe train on your data.\ttraining.user-content\t\n");
        var rules = dir.Write("broken.rules", "rule B001 \"b\" {\n  provision training.opt-out\n  match nothing_defined\n}\n");
        // The archive commands that read must find an archive: make one with good rules first.
        Assert.Equal(0, CliRunner.Run("archive", "add", doc, "--db", dir.Db).ExitCode);
        var args = command.Replace("{doc2}", doc2).Replace("{doc}", doc).Replace("{db}", dir.Db)
            .Replace("{dir}", Path.Combine(dir.Path, "tree")).Replace("{tsv}", tsv)
            .Split(' ').Concat(new[] { "--rules", rules }).ToArray();
        var r = CliRunner.Run(args);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("error PR1101: 'nothing_defined'", lines[0]);
        Assert.Equal("policyrules: the rules have errors; run 'policyrules check' for details", lines[^1]);
    }
}
