using PolicyRules.Tests.Cli;
using Xunit;

namespace PolicyRules.Tests.Evaluation;

/// <summary>eval's splits and layouts, and suggest, on small labelled files written by each test.</summary>
[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public sealed class EvaluationToolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pr-eval").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Rules = """
        lexicon sell = "sell"
        lexicon data = "personal information" | "your data"
        rule S001 "Sells data" {
          provision sharing.sale
          match sell near/3 data
        }
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private CliRunner.Result Run(params string[] args) =>
        CliRunner.Run(args.Concat(new[] { "--no-default-rules", "--rules", Write("r.rules", Rules) }).ToArray());

    private string Passages() => Write("p.tsv",
        "id\ttext\tkeys\tnote\n" +
        "a1\tWe sold your personal information last year.\tsharing.sale\tacme: sale\n" +
        "a2\tWe do not share anything.\t\tacme: none\n" +
        "b1\tWe may sell your data to partners.\tsharing.sale\tbeta: sale\n" +
        "b2\tWe transfer your data to brokers for money.\tsharing.sale\tbeta: missed\n" +
        "b3\tSell-by dates are printed on the box.\t\tbeta: none\n" +
        "b4\tWe sell, for money or other value, your data.\tsharing.sale\tbeta: too far apart\n");

    [Fact]
    public void Each_half_scores_only_its_own_groups_and_says_which_half_it_is()
    {
        var file = Passages();
        Write("splits.tsv", "file\tgroup\tsplit\np.tsv\tacme\ttune\np.tsv\tbeta\tcheck\n");
        var tune = Run("eval", file, "--split", "tune");
        Assert.Equal(0, tune.ExitCode);
        Assert.Contains("scored on the tuning half", tune.Out);
        Assert.Contains("2 passages, 1 keys", tune.Out);
        // 'sold' is 'sell' (an irregular form), so the tuning half is perfect.
        Assert.Contains("macro-F1 1.000", tune.Out);
        var check = Run("eval", file, "--split", "check", "--errors");
        Assert.Contains("scored on the checking half", check.Out);
        Assert.Contains("4 passages, 1 keys", check.Out);
        Assert.Contains("FN sharing.sale  b2: We transfer your data to brokers for money.\n   no candidate: S001 each need a term this sentence lacks\n", check.Out);
        Assert.Contains("FN sharing.sale  b4: We sell, for money or other value, your data.\n   nearest S001: 'sell near/3 data' failed: ", check.Out);
    }

    [Fact]
    public void A_group_without_a_split_is_an_error_not_a_silent_omission()
    {
        var file = Passages();
        Write("splits.tsv", "file\tgroup\tsplit\np.tsv\tacme\ttune\n");
        var r = Run("eval", file, "--split", "check");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no split for 'beta' of p.tsv", r.Err);
    }

    [Fact]
    public void A_file_with_no_negative_reports_recall_only()
    {
        var file = Write("pos.tsv", "id\ttext\tkeys\tnote\nq1\tWe sell your data.\tsharing.sale\tx: a\nq2\tWe rent your data out.\tsharing.sale\ty: b\n");
        var r = Run("eval", file, "--errors");
        Assert.Contains("positives only", r.Out);
        Assert.Contains("macro-recall 0.500", r.Out);
        Assert.DoesNotContain("precision", r.Out);
        Assert.DoesNotContain("FP ", r.Out);
    }

    [Fact]
    public void Sentences_of_a_real_document_are_scored_where_the_file_puts_them()
    {
        var doc = Write("corpus/acme/privacy-policy/2026-01-01.md", "# Selling data\n\nWe **sell** your personal information.\n\nWe keep logs.\n");
        var source = File.ReadAllText(doc);
        int start1 = source.IndexOf("Selling", StringComparison.Ordinal), start2 = source.IndexOf("We **sell**", StringComparison.Ordinal), start3 = source.IndexOf("We keep", StringComparison.Ordinal);
        var file = Write("eval/doc.tsv",
            "doc\tsentence_id\tservice\tstart\tlength\ttext\tkeys\n" +
            $"../corpus/acme/privacy-policy/2026-01-01.md\t0\tacme\t{start1}\t12\tSelling data\t\n" +
            $"../corpus/acme/privacy-policy/2026-01-01.md\t1\tacme\t{start2}\t39\tWe sell your personal information.\tsharing.sale\n" +
            $"../corpus/acme/privacy-policy/2026-01-01.md\t2\tacme\t{start3}\t13\tWe keep logs.\t\n");
        var r = Run("eval", file, "--errors");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("3 sentences, 1 keys with at least 1 positive(s): macro-F1 1.000", r.Out);
    }

    [Fact]
    public void Suggest_lists_phrases_from_the_misses_with_what_they_would_cost()
    {
        var file = Write("s.tsv",
            "id\ttext\tkeys\tnote\n" +
            "m1\tWe rent out your data to brokers.\tsharing.sale\tm: a\n" +
            "m2\tWe may rent out personal information.\tsharing.sale\tm: b\n" +
            "n1\tYou may rent out your apartment.\t\tm: c\n" +
            "n2\tWe keep logs.\t\tm: d\n");
        // A splits.tsv beside the file that does not split it: the whole file is mined.
        Write("splits.tsv", "file\tgroup\tsplit\nother.tsv\tm\ttune\n");
        var r = Run("suggest", "sharing.sale", "--from", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("sharing.sale on the whole file:", r.Out);
        Assert.Contains("2 positives, 2 missed by the rules; 2 negatives", r.Out);
        Assert.Matches(@"""rent out""\s+2\s+1\s+m1, m2", r.Out);
        Assert.Contains("Nothing was changed", r.Out);
        // Once the splits file splits it, the tuning half is mined by default.
        Write("splits.tsv", "file\tgroup\tsplit\ns.tsv\tm\ttune\n");
        Assert.Contains("sharing.sale on the tune half:", Run("suggest", "sharing.sale", "--from", file).Out);
    }

    [Theory]
    [InlineData("sharing.sael", "did you mean 'sharing.sale'?")]
    public void Suggest_refuses_an_unknown_key(string key, string hint)
    {
        var r = Run("suggest", key, "--from", Passages());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(hint, r.Err);
    }
}
