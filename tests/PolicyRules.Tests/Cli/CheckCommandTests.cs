using System.Text.Json;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Cli;

[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public class CheckCommandTests
{
    [Fact]
    public void Check_on_the_shared_examples_is_clean()
    {
        var r = CliRunner.Run("check", "--no-default-rules", "--rules", TestPaths.Examples);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("0 errors, 0 warnings; 4 rules compiled from 2 files.\n", r.Out);
    }

    [Fact]
    public void Check_on_the_built_in_pack_is_clean()
    {
        var r = CliRunner.Run("check");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("0 errors, 0 warnings;", r.Out);
    }

    [Fact]
    public void Check_reports_every_error_in_every_file_and_exits_1()
    {
        var dir = Directory.CreateTempSubdirectory("pr-check").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.rules"), "lexicon w = \"train\"\nrule A001 \"a\" {\n  provision training.opt-outt\n  match w and\n}\n");
            File.WriteAllText(Path.Combine(dir, "b.rules"), "rule B001 \"b\" {\n  provision training.opt-out\n  match w unles x\n  severity high\n}\n");
            var r = CliRunner.Run("check", "--no-default-rules", "--rules", dir);
            Assert.Equal(1, r.ExitCode);
            var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Replace(dir + "/", "")).ToArray();
            Assert.Equal(new[]
            {
                "a.rules(3,13): error PR1104: 'training.opt-outt' is not a provision key of the taxonomy; did you mean 'training.opt-out'?",
                "a.rules(4,14): error PR1002: unexpected end of field 'match', expected pattern",
                "b.rules(3,11): error PR1002: unexpected name 'unles', expected an operator (and, or, near, near/N, then, unless) or the end of the pattern; did you mean 'unless'?",
                "b.rules(4,12): error PR1105: 'high' is not a severity: use info, notice, warning or error",
                "4 errors, 0 warnings; 0 rules compiled from 2 files.",
            }, lines);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData(new[] { "check", "--rules", "/no/such/dir" }, "policyrules: rules path '/no/such/dir' does not exist")]
    [InlineData(new[] { "check", "--no-default-rules" }, "policyrules: --no-default-rules needs at least one --rules path")]
    [InlineData(new[] { "check", "--bogus" }, "policyrules: Unrecognized command or argument '--bogus'.")]
    [InlineData(new[] { "rules", "--format", "xml" }, "policyrules: Argument 'xml' not recognized. Must be one of:")]
    public void Usage_errors_exit_2_with_one_line(string[] args, string expected)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(expected, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Rules_json_follows_the_contract()
    {
        var r = CliRunner.Run("rules", "--format", "json", "--no-default-rules", "--rules", TestPaths.Examples);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var rules = doc.RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(new[] { "RET001", "RET002", "TRN001", "TRN003" }, rules.Select(x => x.GetProperty("id").GetString()));
        var trn003 = rules[3];
        Assert.Equal("Training opt-out with carve-outs", trn003.GetProperty("title").GetString());
        Assert.Equal("training.opt-out-carve-out", trn003.GetProperty("provision").GetString());
        Assert.Equal("training", trn003.GetProperty("category").GetString());
        Assert.Equal("warning", trn003.GetProperty("severity").GetString());
        Assert.Equal("block", trn003.GetProperty("scope").GetString());
        Assert.Equal(1, trn003.GetProperty("examples").GetInt32());
        Assert.Equal(1, trn003.GetProperty("counters").GetInt32());
        Assert.EndsWith("training.rules", trn003.GetProperty("file").GetString());
        Assert.Equal(23, trn003.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Rules_text_lists_one_line_per_rule()
    {
        var r = CliRunner.Run("rules", "--no-default-rules", "--rules", TestPaths.Examples);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("RET001  info     sentence  retention.period ", lines[0]);
        Assert.Equal("4 rules.", lines[4]);
    }
}
