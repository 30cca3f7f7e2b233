using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Syntax;
using PolicyRules.Text;
using Xunit;
using static PolicyRules.Tests.Language.LanguageTestKit;

namespace PolicyRules.Tests.Language;

public class SyntaxTests
{
    private const string Head = "rule T001 \"Title\" { provision training.user-content match ";
    private const string Tail = " }";

    // Valid patterns: each case is the pattern and its bound form (precedence made explicit).
    [Theory]
    [InlineData("train", "train")]
    [InlineData("\"as long as necessary\"", "\"as long as necessary\"")]
    [InlineData("train and content", "(train and content)")]
    [InlineData("train or content and optout", "(train or (content and optout))")]
    [InlineData("train and content near optout", "(train and (content near optout))")]
    [InlineData("train near/5 content", "(train near/5 content)")]
    [InlineData("train then content", "(train then content)")]
    [InlineData("train near content near optout", "((train near content) near optout)")]
    [InlineData("not train and content", "(not train and content)")]
    [InlineData("not not train", "not not train")]
    [InlineData("negated(train)", "negated(train)")]
    [InlineData("negated(train or content)", "negated((train or content))")]
    [InlineData("(train or content) and optout", "((train or content) and optout)")]
    [InlineData("data: content near train", "(data: content near train)")]
    [InlineData("period: duration", "period: duration")]
    [InlineData("amount: money or age or place or date", "((amount: money or age) or (place or date))")]
    [InlineData("train and optout unless carve_outs: (flag or \"feedback\")", "((train and optout) unless carve_outs: (flag or \"feedback\"))")]
    [InlineData("train unless flag unless content", "((train unless flag) unless content)")]
    [InlineData("train or content unless flag", "((train or content) unless flag)")]
    [InlineData("train AND content OR optout", "((train and content) or optout)")]
    [InlineData("train  # a comment\n and content", "(train and content)")]
    [InlineData("\"use * to train\"", "\"use * to train\"")]
    [InlineData("\"say \\\"hi\\\"\"", "\"say \"hi\"\"")]
    public void Valid_patterns_bind_with_the_documented_precedence(string pattern, string expected)
    {
        var set = Compile(Head + pattern + Tail + "\nlexicon unused = \"x\"");
        Assert.Empty(set.Diagnostics.Where(d => d.Severity >= Severity.Warning).Select(d => d.ToString()));
        var rule = Assert.Single(set.Rules);
        Assert.Equal(expected, rule.Match.ToString());
    }

    // Invalid syntax: every diagnostic, exact message and position (line,col relative to the case), joined by " || ".
    [Theory]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train and }", "(1,59): error PR1002: unexpected end of field 'match', expected pattern")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train unles optout }", "(1,56): error PR1002: unexpected name 'unles', expected an operator (and, or, near, near/N, then, unless) or the end of the pattern; did you mean 'unless'?")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match (train or content }", "(1,67): error PR1002: unexpected end of field 'match', expected ')'")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train) }", "(1,55): error PR1002: unexpected ')', expected an operator (and, or, near, near/N, then, unless) or the end of the pattern")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train near/ content }", "(1,62): error PR1002: unexpected name 'content', expected number")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match negated train }", "(1,58): error PR1002: unexpected name 'train', expected '('")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match x: }", "(1,52): error PR1002: unexpected end of field 'match', expected pattern")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train @ content }", "(1,56): error PR1003: unexpected character '@' || (1,58): error PR1002: unexpected name 'content', expected an operator (and, or, near, near/N, then, unless) or the end of the pattern")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match \"open }", "(1,50): error PR1001: unterminated string: a string must close with '\"' on the same line || (1,57): error PR1006: expected '}' to close rule T001")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train help \"a\\qb\" }", "(1,63): error PR1004: invalid escape sequence '\\q': use \\\", \\\\, \\n or \\t")]
    [InlineData("rule T001 \"t\" { provision training.opt-out matc train }", "(1,6): error PR1107: rule 'T001' has no 'match' field || (1,44): error PR1002: unexpected name 'matc', expected the next rule field after field 'provision'; did you mean 'match'?")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match }", "(1,44): error PR1009: field 'match' needs a pattern")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train", "(1,55): error PR1006: expected '}' to close rule T001")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train } }", "(1,58): error PR1007: unexpected '}', expected 'rule', 'lexicon' or 'define'")]
    [InlineData("bogus rule T001 \"t\" { provision training.opt-out match train }", "(1,1): error PR1002: unexpected name 'bogus', expected '|' or the next declaration ('rule', 'lexicon' or 'define')")]
    [InlineData("rule \"t\" { provision training.opt-out match train }", "(1,6): error PR1002: unexpected string \"t\", expected rule id")]
    [InlineData("rule T001 { provision training.opt-out match train }", "(1,11): error PR1002: unexpected '{', expected rule title string")]
    [InlineData("rule T001 \"t\" { provision training. match train }", "(1,36): error PR1002: unexpected end of field 'provision', expected name")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train refs \"a\", }", "(1,65): error PR1002: unexpected end of field 'refs', expected string")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary file }", "(1,68): error PR1002: unexpected end of field 'summary', expected string")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train severity }", "(1,56): error PR1009: field 'severity' needs one of info, notice, warning, error")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train scope block sentence }", "(1,68): error PR1002: unexpected name 'sentence', expected the next rule field after field 'scope'")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train near/5/6 content }", "(1,62): error PR1002: unexpected '/', expected pattern")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train and and content }", "(1,60): error PR1002: unexpected keyword 'and', expected pattern")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match a: b: train }", "(1,54): error PR1002: unexpected ':', expected an operator (and, or, near, near/N, then, unless) or the end of the pattern")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary 42 }", "(1,64): error PR1002: unexpected number 42, expected 'file' or string")]
    [InlineData("rule T001 \"t\" { provision \"training.opt-out\" match train }", "(1,27): error PR1002: unexpected string \"training.opt-out\", expected provision key")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match not }", "(1,53): error PR1002: unexpected end of field 'match', expected pattern")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train or }", "(1,58): error PR1002: unexpected end of field 'match', expected pattern")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match () }", "(1,51): error PR1002: unexpected ')', expected pattern")]
    [InlineData("lexicon x = \"a\" |", "(1,18): error PR1002: unexpected end of lexicon, expected phrase or lexicon name")]
    [InlineData("lexicon x \"a\"", "(1,11): error PR1002: unexpected string \"a\", expected '='")]
    [InlineData("lexicon and = \"a\"", "(1,9): error PR1002: unexpected keyword 'and', expected name")]
    [InlineData("lexicon x = \"a\" \"b\"", "(1,17): error PR1002: unexpected string \"b\", expected '|' or the next declaration ('rule', 'lexicon' or 'define')")]
    [InlineData("lexicon x = ", "(1,12): error PR1002: unexpected end of lexicon, expected phrase or lexicon name")]
    [InlineData("define d = train and", "(1,21): error PR1002: unexpected end of define 'd', expected pattern")]
    [InlineData("define = train", "(1,8): error PR1002: unexpected '=', expected name")]
    [InlineData("define d train", "(1,10): error PR1002: unexpected name 'train', expected '='")]
    [InlineData("bogus", "(1,1): error PR1007: unexpected name 'bogus', expected 'rule', 'lexicon' or 'define'", false)]
    public void Invalid_syntax_is_reported_with_message_and_position(string text, string expected, bool prelude = true)
    {
        Assert.Equal(expected, string.Join(" || ", Errors(text, prelude)));
    }

    [Fact]
    public void One_run_reports_every_error_in_every_file()
    {
        var sources = new RuleSources()
            .AddText("rule A001 \"a\" { provision training.opt-out match train and }\nrule A002 \"b\" { provision nope.key match x }", "a.rules")
            .AddText("lexicon l = \"x\" |\nrule B001 \"c\" { provision training.opt-out matc l }", "b.rules");
        var set = RuleCompiler.Compile(sources);
        var lines = set.Diagnostics.Select(d => d.ToString()).ToArray();
        Assert.Equal(new[]
        {
            "a.rules(1,59): error PR1002: unexpected end of field 'match', expected pattern",
            "a.rules(2,27): error PR1104: 'nope.key' is not a provision key of the taxonomy; see docs/taxonomy.md",
            "a.rules(2,42): error PR1101: 'x' is not a lexicon, a define or a built-in entity (duration, money, age, place, date)",
            "b.rules(1,18): error PR1002: unexpected end of lexicon, expected phrase or lexicon name",
            "b.rules(2,6): error PR1107: rule 'B001' has no 'match' field",
            "b.rules(2,44): error PR1002: unexpected name 'matc', expected the next rule field after field 'provision'; did you mean 'match'?",
        }, lines);
    }

    [Fact]
    public void Every_syntax_node_carries_its_span()
    {
        const string text = "rule T001 \"Title\" {\n  provision training.opt-out\n  match data: content near/5 train unless flag\n}";
        var source = new SourceText(text, "s.rules");
        var diagnostics = new List<Diagnostic>();
        var file = RuleParser.Parse(source, diagnostics);
        Assert.Empty(diagnostics);
        var rule = Assert.IsType<RuleSyntax>(Assert.Single(file.Declarations));
        Assert.Equal("T001", source.ToString(rule.Id!.Span));
        Assert.Equal("\"Title\"", source.ToString(rule.Title!.Span));
        var match = Assert.IsType<MatchFieldSyntax>(rule.Fields[1]);
        Assert.Equal("match data: content near/5 train unless flag", source.ToString(match.Span));
        var unless = Assert.IsType<BinaryPatternSyntax>(match.Pattern);
        Assert.Equal("data: content near/5 train unless flag", source.ToString(unless.Span));
        Assert.Equal("unless", source.ToString(unless.OperatorSpan));
        var near = Assert.IsType<BinaryPatternSyntax>(unless.Left);
        Assert.Equal("near/5", source.ToString(near.OperatorSpan));
        Assert.Equal(5, near.Distance);
        var capture = Assert.IsType<CapturePatternSyntax>(near.Left);
        Assert.Equal("data: content", source.ToString(capture.Span));
        Assert.Equal("flag", source.ToString(unless.Right.Span));
        var provision = Assert.IsType<ProvisionFieldSyntax>(rule.Fields[0]);
        Assert.Equal("training.opt-out", source.ToString(provision.Key.Span));
    }

    [Fact]
    public void Ten_thousand_nested_parentheses_give_a_diagnostic_not_a_stack_overflow()
    {
        var pattern = new string('(', 10_000) + "train" + new string(')', 10_000);
        var errors = Errors("rule T001 \"t\" { provision training.opt-out match " + pattern + " }");
        Assert.Equal("(1,150): error PR1005: pattern nested more than 100 levels deep", Assert.Single(errors));
    }

    [Fact]
    public void Ten_thousand_nots_give_a_diagnostic_not_a_stack_overflow()
    {
        var pattern = string.Concat(Enumerable.Repeat("not ", 10_000)) + "train";
        var errors = Errors("rule T001 \"t\" { provision training.opt-out match " + pattern + " }");
        Assert.Single(errors);
        Assert.Contains("PR1005", errors[0]);
    }

    [Fact]
    public void A_long_flat_pattern_is_fine()
    {
        var pattern = string.Join(" or ", Enumerable.Repeat("train", 5_000));
        var set = Compile("rule T001 \"t\" { provision training.opt-out match " + pattern + " example \"We train.\" }");
        Assert.False(set.HasErrors);
    }
}
