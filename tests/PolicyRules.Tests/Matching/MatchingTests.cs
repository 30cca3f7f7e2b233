using PolicyRules.Binding;
using PolicyRules.Documents;
using PolicyRules.Matching;
using Xunit;

namespace PolicyRules.Tests.Matching;

public class MatchingTests
{
    private const string Lexicons =
        "lexicon train = \"train\" | \"improve our models\" | \"develop * models\"\n" +
        "lexicon content = \"your content\" | \"conversations\" | \"inputs\" | \"prompts\"\n" +
        "lexicon optout = \"opt out\" | \"turn off\"\n" +
        "lexicon flag = \"flagged for safety review\" | \"safety review\"\n" +
        "lexicon report = \"feedback\" | \"report\"\n" +
        "lexicon keep = \"retain\" | \"keep\" | \"store\"\n" +
        "lexicon sell = \"sell\"\n";

    /// <summary>Compiles one rule with the given match and scope, runs it on the passage, and describes the findings.</summary>
    private static string Run(string match, string passage, string scope = "sentence")
    {
        var set = RuleCompiler.CompileText(Lexicons + $"rule T001 \"t\" {{ provision training.user-content scope {scope} match {match} }}", "m.rules");
        Assert.False(set.HasErrors, string.Join("\n", set.Diagnostics));
        var document = DocumentLoader.Parse(passage, "p.txt", DocumentFormat.Text);
        var findings = new Analyzer(set).Analyze(document);
        return string.Join(" || ", findings.Select(f =>
            f.Excerpt + string.Concat(f.Captures.Where(c => c.Value.Count > 0).Select(c => $" [{c.Key}={string.Join("; ", c.Value)}]"))));
    }

    // One line per case: pattern, passage, scope, and the findings (excerpt [capture=texts]), "" when none.
    [Theory]
    [InlineData("train", "We train our models.", "sentence", "We train our models.")]
    [InlineData("train", "We trained models. Training continues.", "sentence", "We trained models. || Training continues.")]
    [InlineData("train", "We do not train our models.", "sentence", "")]
    [InlineData("negated(train)", "We do not train our models.", "sentence", "We do not train our models.")]
    [InlineData("negated(train)", "We train our models.", "sentence", "")]
    [InlineData("train near content", "We use your content to train models.", "sentence", "We use your content to train models.")]
    [InlineData("train near content", "We train models. We store your content.", "block", "")]
    [InlineData("train and content", "We train models. We store your content.", "block", "We train models. We store your content.")]
    [InlineData("train near/3 content", "We train on your content.", "sentence", "We train on your content.")]
    [InlineData("train near/3 content", "We train models that are large and fast on your content.", "sentence", "")]
    [InlineData("train then content", "We train on your content.", "sentence", "We train on your content.")]
    [InlineData("content then train", "We train on your content.", "sentence", "")]
    [InlineData("train and not optout", "We train on your content.", "sentence", "We train on your content.")]
    [InlineData("train and not optout", "We train on your content unless you opt out.", "sentence", "")]
    [InlineData("train or sell", "We sell data.", "sentence", "We sell data.")]
    [InlineData("\"opt out\"", "You can opt-out at any time.", "sentence", "You can opt-out at any time.")]
    [InlineData("\"opt out\"", "You can OPT‑OUT at any time.", "sentence", "You can OPT‑OUT at any time.")]
    [InlineData("train", "We don't train our models.", "sentence", "")]
    [InlineData("d: duration", "We retain logs for 30 days.", "sentence", "We retain logs for 30 days. [d=30 days]")]
    [InlineData("keep near/12 p: duration", "We retain logs for 30 days and backups for 5 years.", "sentence", "We retain logs for 30 days and backups for 5 years. [p=30 days; 5 years]")]
    [InlineData("m: money", "Our liability is limited to $100.", "sentence", "Our liability is limited to $100. [m=$100]")]
    [InlineData("a: age", "You must be at least 18 years old.", "sentence", "You must be at least 18 years old. [a=at least 18 years old]")]
    [InlineData("\"laws of\" near p: place", "These Terms are governed by the laws of the State of California.", "sentence", "These Terms are governed by the laws of the State of California. [p=the State of California]")]
    [InlineData("train near c: content", "We use your content and conversations to train models.", "sentence", "We use your content and conversations to train models. [c=your content; conversations]")]
    [InlineData("train near c: (\"your content\" or \"content and conversations\")", "We train on your content and conversations.", "sentence", "We train on your content and conversations. [c=your content and conversations]")]
    [InlineData("\"develop * models\"", "We develop new models.", "sentence", "We develop new models.")]
    [InlineData("\"develop * models\"", "We develop models.", "sentence", "")]
    [InlineData("train unless c: (flag or report)", "We train on your content unless it is flagged for safety review.", "sentence", "We train on your content unless it is flagged for safety review. [c=flagged for safety review]")]
    [InlineData("train unless c: (flag or report)", "We train on your content. Even if you opt out, we use feedback.", "block", "We train on your content. Even if you opt out, we use feedback. [c=feedback]")]
    [InlineData("train unless c: (flag or report)", "We train on your content. We also use feedback.", "block", "")]
    [InlineData("train unless c: (flag or report)", "We train on your content unless you opt out.", "sentence", "")]
    [InlineData("train unless c: (flag or report)", "We review feedback. We train on your content.", "block", "")]
    [InlineData("train unless flag", "Flagged for safety review content is used. We train on your content, except as required by law.", "block", "")]
    // Alternatives of conjunctions: candidate units need a term of each side's every group joined (issue 16); none may be lost.
    [InlineData("(train near content) or (keep near sell)", "We keep and sell data.", "sentence", "We keep and sell data.")]
    [InlineData("(train near content) or (keep near sell)", "We train on your content.", "sentence", "We train on your content.")]
    [InlineData("(train near content) or (keep near sell)", "We train and sell.", "sentence", "")]
    [InlineData("(train and optout) or (keep and (sell or report))", "We keep feedback.", "sentence", "We keep feedback.")]
    [InlineData("((train and optout) or keep) and (content or sell)", "We keep your content.", "sentence", "We keep your content.")]
    [InlineData("((train and optout) or keep) and (content or sell)", "We train your content; opt out.", "sentence", "We train your content; opt out.")]
    [InlineData("((train and optout) or not keep) and content", "We use your content.", "sentence", "We use your content.")]
    [InlineData("(train and not sell) or (keep and not sell)", "We keep it.", "sentence", "We keep it.")]
    [InlineData("(train and not sell) or (keep and not sell)", "We keep and sell it.", "sentence", "")]
    public void Semantics(string match, string passage, string scope, string expected)
    {
        Assert.Equal(expected, Run(match, passage, scope));
        // Evaluations that find nothing share one empty result: nothing may ever be added to it.
        Assert.Empty(PatternEvaluator.NoWitnesses);
    }

    [Fact]
    public void A_finding_covers_only_the_sentences_that_decided_it()
    {
        var set = RuleCompiler.CompileText(Lexicons + "rule T001 \"t\" { provision training.user-content scope block match train and content }", "m.rules");
        var document = DocumentLoader.Parse("Intro sentence here. We train models. Other words. We store your content. Closing words.", "p.txt", DocumentFormat.Text);
        var finding = Assert.Single(new Analyzer(set).Analyze(document));
        Assert.Equal("We train models. Other words. We store your content.", finding.Excerpt);
        Assert.Equal(document.Text.ToString(finding.Span), finding.Excerpt);
    }

    [Fact]
    public void Carveouts_are_reported_with_their_cue()
    {
        var set = RuleCompiler.CompileText(Lexicons + "rule T001 \"t\" { provision training.opt-out-carve-out scope block match train and optout unless c: (flag or report) }", "m.rules");
        var document = DocumentLoader.Parse("We may use your Inputs to train our models unless you opt out. Even if you opt out, we use conversations flagged for safety review and feedback you send.", "p.txt", DocumentFormat.Text);
        var finding = Assert.Single(new Analyzer(set).Analyze(document));
        var carveout = Assert.Single(finding.Carveouts);
        Assert.Equal("Even if", document.Text.ToString(carveout.Cue), ignoreCase: true);
        Assert.Equal(new[] { "flagged for safety review", "feedback" }, finding.Captures["c"]);
    }

    [Fact]
    public void Section_condition_restricts_to_matching_headings()
    {
        var rules = Lexicons + "rule T001 \"t\" { provision retention.period match keep section \"retention\" or \"how long\" }";
        var set = RuleCompiler.CompileText(rules, "m.rules");
        var document = DocumentLoader.Parse("# Policy\n\n## Data retention\n\nWe keep logs.\n\n## Sharing\n\nWe keep partners informed.\n", "p.md", DocumentFormat.Markdown);
        var finding = Assert.Single(new Analyzer(set).Analyze(document));
        Assert.Equal("We keep logs.", finding.Excerpt);
        Assert.Equal(new[] { "Policy", "Data retention" }, finding.Section);
    }

    [Fact]
    public void Many_rules_share_one_pass_and_do_not_interfere()
    {
        var rules = Lexicons + string.Concat(Enumerable.Range(0, 200).Select(i => $"rule R{i:000} \"r\" {{ provision training.user-content match \"word{i}\" }}\n"))
                    + "rule T001 \"t\" { provision training.user-content match train }";
        var set = RuleCompiler.CompileText(rules, "m.rules");
        var document = DocumentLoader.Parse("We train. Word7 appears. Word150 too.", "p.txt", DocumentFormat.Text);
        var ids = new Analyzer(set).Analyze(document).Select(f => f.RuleId).ToArray();
        Assert.Equal(new[] { "T001", "R007", "R150" }, ids);
    }

    [Fact]
    public void Many_overlapping_carve_outs_and_captures_give_one_finding()
    {
        var set = RuleCompiler.CompileText(Lexicons + "rule T001 \"t\" { provision training.opt-out-carve-out scope block match c: content near train unless f: (flag or report) }", "m.rules");
        // One block of 5,000 sentences, every one a condition and a carve-out.
        var text = string.Concat(Enumerable.Repeat("We train on conversations even if flagged for safety review and feedback. ", 5_000));
        var document = DocumentLoader.Parse(text, "p.txt", DocumentFormat.Text);
        // How the time grows with such input is measured in bench ('corners'), not asserted here.
        var finding = Assert.Single(new Analyzer(set).Analyze(document));
        Assert.Equal(new[] { "flagged for safety review", "feedback" }, finding.Captures["f"].Take(2));
    }

    [Fact]
    public void Dense_trigger_terms_in_a_long_sentence_give_one_finding()
    {
        var set = RuleCompiler.CompileText(Lexicons + "rule T001 \"t\" { provision training.user-content match train near/5 content and not optout }", "m.rules");
        var text = string.Join(" ", Enumerable.Repeat("train conversations", 20_000)) + ".";
        var document = DocumentLoader.Parse(text, "p.txt", DocumentFormat.Text);
        var findings = new Analyzer(set).Analyze(document);
        Assert.Single(findings);
    }
}
