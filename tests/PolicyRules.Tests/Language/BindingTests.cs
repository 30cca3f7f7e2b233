using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using Xunit;
using static PolicyRules.Tests.Language.LanguageTestKit;

namespace PolicyRules.Tests.Language;

public class BindingTests
{
    // Binder and template errors: every diagnostic (warnings too), exact message and position, joined by " || ".
    // An empty expectation means the case compiles cleanly.
    [Theory]
    [InlineData("rule T001 \"t\" { provision training.opt-out match nothing }", "(1,50): error PR1101: 'nothing' is not a lexicon, a define or a built-in entity (duration, money, age, place, date)")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match trian }", "(1,50): error PR1101: 'trian' is not a lexicon, a define or a built-in entity (duration, money, age, place, date); did you mean 'train'?")]
    [InlineData("rule T001 \"t\" { provision training.optout match train }", "(1,27): error PR1104: 'training.optout' is not a provision key of the taxonomy; did you mean 'training.opt-out'?")]
    [InlineData("rule T001 \"t\" { provision training match train }", "(1,27): error PR1104: 'training' is not a provision key of the taxonomy; see docs/taxonomy.md")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train severity high }", "(1,65): error PR1105: 'high' is not a severity: use info, notice, warning or error")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train severity none }", "(1,65): error PR1105: 'none' is not a severity: use info, notice, warning or error")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train scope paragraph }", "(1,62): error PR1106: 'paragraph' is not a scope: use sentence, block, section or document")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train scope 2 }", "(1,62): error PR1002: unexpected number 2, expected name")]
    [InlineData("rule T001 \"t\" { match train }", "(1,6): error PR1107: rule 'T001' has no 'provision' field")]
    [InlineData("rule T001 \"t\" { provision training.opt-out }", "(1,6): error PR1107: rule 'T001' has no 'match' field")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train match content }", "(1,56): error PR1108: field 'match' is already given at line 5; only example, counter and refs may repeat")]
    [InlineData("rule T001 \"t\" { provision training.opt-out provision training.opt-in match train }", "(1,44): error PR1108: field 'provision' is already given at line 5; only example, counter and refs may repeat")]
    [InlineData("rule T001 \"\" { provision training.opt-out match train }", "(1,11): error PR1117: rule 'T001' needs a title string after its id")]
    [InlineData("rule t-1 \"t\" { provision training.opt-out match train example \"We train.\" }", "(1,6): warning PR1118: rule id 't-1' should be capital letters followed by digits, such as TRN001")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train near/0 content }", "(1,56): error PR1112: near/0: the distance must be between 1 and 500 tokens")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train near/501 content }", "(1,56): error PR1112: near/501: the distance must be between 1 and 500 tokens")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train near/99999999999 content }", "(1,56): error PR1112: near/(too large): the distance must be between 1 and 500 tokens")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match x: train and x: content }", "(1,63): warning PR1113: capture 'x' is named twice in one rule; its texts are merged")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match not x: train }", "(1,54): warning PR1114: capture 'x' is inside 'not' and can never capture anything")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match my-data: train }", "(1,50): error PR1115: capture name 'my-data' must be letters, digits and '_' (templates use it as a variable, where '-' would mean minus)")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match service: train }", "(1,50): error PR1115: capture name 'service' is already a finding field of every template")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match \"*\" }", "(1,50): error PR1111: phrase \"*\" has no words")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match \"* train\" }", "(1,50): error PR1111: phrase \"* train\" cannot start or end with '*': a gap must stand between two words")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match \"train*\" }", "(1,50): error PR1111: phrase \"train*\" uses '*' inside a word: '*' stands alone for one arbitrary word")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match \"  \" }", "(1,50): error PR1111: phrase \"  \" has no words")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match \"--\" }", "(1,50): error PR1111: phrase \"--\" has no letters or digits")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train section duration }", "(1,64): error PR1119: a section pattern may not use the entity 'duration': it is matched against heading text only")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train section x: \"data\" }", "(1,64): error PR1119: a section pattern may not use a capture: it is matched against heading text only")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train section negated(\"data\") }", "(1,64): error PR1119: a section pattern may not use 'negated': it is matched against heading text only")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train section \"data\" unless \"b\" }", "(1,64): error PR1119: a section pattern may not use 'unless': it is matched against heading text only")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train example \"We [|train\" }", "(1,68): error PR1121: example markup: '[|' is never closed with '|]'")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train example \"We train|] it\" }", "(1,73): error PR1121: example markup: '|]' without a '[|' before it")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train example \"[|We [|train|]|]\" }", "(1,70): error PR1121: example markup: '[|' inside another marked span; marked spans cannot nest")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train counter \"We [|train|].\" }", "(1,64): error PR1122: a counter-example must not match, so it cannot mark a span with [|…|]")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train example \"[||]\" }", "(1,65): error PR1121: example markup: the passage is empty")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train }\nrule T001 \"u\" { provision training.opt-out match train }", "(2,6): error PR1103: rule id 'T001' is already used at t.rules(5,6)")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train }\nrule t001 \"u\" { provision training.opt-out match train }", "(2,6): error PR1103: rule id 't001' is already used at t.rules(5,6) || (2,6): warning PR1118: rule id 't001' should be capital letters followed by digits, such as TRN001")]
    [InlineData("lexicon train = \"again\"", "(1,9): error PR1102: 'train' is already defined at t.rules(1,9)")]
    [InlineData("lexicon duration = \"days\"", "(1,9): error PR1110: 'duration' is a built-in entity name and cannot be redefined")]
    [InlineData("define money = train", "(1,8): error PR1110: 'money' is a built-in entity name and cannot be redefined")]
    [InlineData("lexicon a = b\nlexicon b = a", "(1,9): error PR1109: 'a' refers to itself through a -> b -> a")]
    [InlineData("lexicon a = \"x\" | nope", "(1,19): error PR1101: 'nope' is not a lexicon, a define or a built-in entity (duration, money, age, place, date)")]
    [InlineData("define d = train\nlexicon a = d", "(2,13): error PR1120: 'a' is a lexicon and a lexicon may not include a define ('d')")]
    [InlineData("define a = b\ndefine b = c\ndefine c = a", "(1,8): error PR1109: 'a' refers to itself through a -> b -> c -> a")]
    [InlineData("define d = undefined-thing", "(1,12): error PR1101: 'undefined-thing' is not a lexicon, a define or a built-in entity (duration, money, age, place, date)")]
    [InlineData("define d = content\nrule T001 \"t\" { provision training.opt-out match d and d }", "")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary \"{{ data }}\" }", "(1,68): error PR1132: summary template uses 'data', which is neither a capture of rule 'T001' nor a finding field (service, doc_type, date, path, title, rule_id, provision, provision_title, category, severity, excerpt, section, captures)")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match data: train summary \"{{ data | array.join ', ' }} by {{ service }}\" }", "")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary \"{{ if }}\" }", "(1,71): error PR1130: summary template: Error while parsing if statement: Expecting <expression> instead of `}}` in: if <expression> ... end|else|else if || (1,71): error PR1130: summary template: Error while parsing if statement: The <end> statement was not found in: if <expression> ... end|else|else if")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary \"{{ x = 1 }}{{ x }}{{ for c in section }}{{ c }}{{ end }}\" }", "")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary \"{{ while true }}x{{ end }}\" }", "(1,68): error PR1133: summary template fails on a sample finding: Exceeding number of iteration limit `1000` for loop statement.")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary \"{{ func f(x); ret f(x); end; f(1) }}\" }", "(1,83): error PR1133: summary template fails on a sample finding: Exceeding number of recursive depth limit `64` for node: `f(x)`")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary \"{{ 1 / 0 }}\" }", "")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary \"ok {{ captures.foo }}\" }", "(1,80): error PR1133: summary template fails on a sample finding: Cannot get member with name foo.")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary file \"missing.sbn\" }", "(1,69): error PR1131: summary template file 'missing.sbn' was not found (looked for missing.sbn)")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary \"{{ \\\"unclosed }}\" }", "(1,80): error PR1130: summary template: Unexpected token } || (1,80): error PR1130: summary template: Unexpected end of file while parsing a string not terminated by a \"")]
    public void Binder_and_template_errors_are_reported_with_message_and_position(string text, string expected)
    {
        Assert.Equal(expected, string.Join(" || ", Errors(text)));
    }

    // Cases found by reviewing the compiler against the grammar: each was a crash or a wrong answer once.
    [Theory]
    [InlineData("rule T001 \"t\" { provision training.opt-out scope section match train }", "")]
    [InlineData("define k = what: train\nrule T001 \"t\" { provision training.opt-out match k summary \"{{ what | array.join ', ' }}\" }", "")]
    [InlineData("define h = \"retention\" unless \"children\"\nrule T001 \"t\" { provision training.opt-out match train section h }", "(1,12): error PR1119: a section pattern may not use 'unless': it is matched against heading text only")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train summary \"{{ func f(n); ret n; end; f(1) }}\" }", "")]
    [InlineData("rule and \"t\" { provision training.opt-out match train }", "(1,6): error PR1002: unexpected keyword 'and', expected rule id")]
    [InlineData("lexicon match = \"x\"", "(1,9): error PR1002: unexpected keyword 'match', expected name")]
    [InlineData("lexicon keep = \"retain\" | duration", "(1,27): error PR1124: lexicon 'keep' may include phrases and other lexicons, not the entity 'duration': use it in a pattern instead")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train near/\u0665 content }", "(1,61): error PR1003: unexpected character '\u0665' || (1,63): error PR1002: unexpected name 'content', expected number")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train \U0001F600 }", "(1,56): error PR1003: unexpected character '\U0001F600'")]
    [InlineData("rule T001 \"t\" { provision training.opt-out match train example \"unterminated }", "(1,64): error PR1001: unterminated string: a string must close with '\"' on the same line || (1,79): error PR1006: expected '}' to close rule T001")]
    public void Reviewed_edge_cases(string text, string expected)
    {
        Assert.Equal(expected, string.Join(" || ", Errors(text)));
        if (expected.Length > 0) Assert.DoesNotContain(Compile(text).Rules, r => r.Id == "T001");
    }

    [Fact]
    public void Define_chains_are_checked_the_same_in_any_order()
    {
        string Chain(int n, bool reversed)
        {
            var lines = Enumerable.Range(0, n).Select(i => i == n - 1 ? $"define d{i} = train" : $"define d{i} = d{i + 1}").ToList();
            if (reversed) lines.Reverse();
            return string.Join("\n", lines) + "\nrule T001 \"t\" { provision training.opt-out match d0 }";
        }
        Assert.Equal(Errors(Chain(40, false)).Select(e => e[e.IndexOf(':')..]), Errors(Chain(40, true)).Select(e => e[e.IndexOf(':')..]));
        var errors = Errors(Chain(40, false));
        Assert.Contains("PR1116", Assert.Single(errors, e => e.Contains("PR1116")));
        // The rule that uses the broken chain says so where it uses it, so it is not dropped silently.
        Assert.Contains("PR1125: 'd0' has errors", Assert.Single(errors, e => !e.Contains("PR1116")));
        Assert.Empty(Errors(Chain(30, true)));
    }

    [Fact]
    public void Ten_thousand_alternatives_compile_without_exhausting_the_stack()
    {
        var text = "define d = " + string.Join(" or ", Enumerable.Repeat("\"x\"", 10_000)) + "\nrule T001 \"t\" { provision training.opt-out match d and train example \"We train on x.\" }";
        var result = RunWithSmallStack(() => Errors(text));
        Assert.Empty(result);
    }

    [Fact]
    public void Ten_thousand_chained_nears_give_a_diagnostic()
    {
        var text = "rule T001 \"t\" { provision training.opt-out match " + string.Join(" near ", Enumerable.Repeat("train", 10_000)) + " }";
        var result = RunWithSmallStack(() => Errors(text));
        Assert.Contains("PR1005", Assert.Single(result));
    }

    /// <summary>256 KB, a quarter of a default thread stack: what works here works on any thread.</summary>
    private static T RunWithSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() => { try { result = work(); } catch (Exception e) { error = e; } }, 256 * 1024);
        thread.Start();
        thread.Join();
        if (error is not null) throw error;
        return result;
    }

    [Fact]
    public void Shared_docs_examples_compile_unchanged()
    {
        var set = RuleCompiler.Compile(new RuleSources().AddPath(Support.TestPaths.Examples));
        Assert.Empty(set.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(new[] { "RET001", "RET002", "TRN001", "TRN003" }, set.Rules.Select(r => r.Id).OrderBy(x => x));
        var trn003 = set.FindRule("TRN003")!;
        Assert.Equal("training.opt-out-carve-out", trn003.Provision.Key);
        Assert.Equal(RuleScope.Block, trn003.Scope);
        Assert.Equal(Severity.Warning, trn003.Severity);
        Assert.Equal("training", trn003.Category);
        Assert.Equal(new[] { "GDPR Art. 21", "CCPA 1798.120" }, trn003.References);
        Assert.Equal(new[] { "carve_outs" }, trn003.CaptureNames);
        Assert.True(trn003.Summary!.IsFile);
        Assert.Equal("((trains-on-content and opt-out) unless carve_outs: (safety-flag or user-report))", trn003.Match.ToString());
        var trn001 = set.FindRule("TRN001")!;
        var example = Assert.Single(trn001.Examples);
        Assert.Equal("We may use your Inputs and Outputs to train our models.", example.Text);
        Assert.Equal("Inputs and Outputs to train our models", example.Text.Substring(example.ExpectedSpans[0].Start, example.ExpectedSpans[0].Length));
        Assert.Single(trn001.Counters);
    }

    [Theory]
    // A lexicon that includes another sharing one of its phrases keeps the phrase once; the rule compiles.
    [InlineData("lexicon b = \"train\" | \"tune\"\nlexicon a = \"train\" | b\n")]
    [InlineData("lexicon b = \"train\"\nlexicon c = \"train\" | \"tune\"\nlexicon a = b | c\n")]
    public void A_phrase_shared_through_an_included_lexicon_is_kept_once(string lexicons)
    {
        var set = Compile(lexicons + "rule T001 \"t\" { provision training.user-content match a example \"We [|train|] models.\" }");
        Assert.Empty(set.Diagnostics.Select(d => d.ToString()));
        var rule = Assert.Single(set.Rules);
        var a = set.Lexicons.Single(l => l.Name == "a");
        Assert.Equal(new[] { "train", "tune" }, a.Phrases.Select(p => p.Text).Order());
        Assert.Equal("T001", rule.Id);
    }

    [Fact]
    public void The_built_in_pack_compiles_without_errors()
    {
        var set = RuleCompiler.Load(null, includeBuiltIn: true);
        Assert.Empty(set.Diagnostics.Where(d => d.Severity >= Severity.Warning).Select(d => d.ToString()));
        Assert.NotEmpty(set.Rules);
        Assert.All(set.Rules, r => Assert.StartsWith(RuleSources.BuiltInPrefix, r.File));
    }

    [Fact]
    public void Summary_templates_render_with_a_findings_model()
    {
        var set = Compile("rule T001 \"t\" { provision training.opt-out match data: content near train summary \"{{ service }} uses {{ data | array.join ', ' }}.\" }");
        var rule = Assert.Single(set.Rules);
        var model = SummaryTemplate.SampleModel("T001", rule.CaptureNames);
        model["service"] = "Acme";
        model["data"] = new[] { "conversations", "your content" };
        Assert.Equal("Acme uses conversations, your content.", rule.Summary!.Render(model));
    }

    [Fact]
    public void Renders_are_independent_of_one_another()
    {
        var set = Compile("rule T001 \"t\" { provision training.opt-out match data: content near train summary \"{{ data | array.join ', ' }}{{ x = 1 }}\" }");
        var rule = Assert.Single(set.Rules);
        var first = SummaryTemplate.SampleModel("T001", rule.CaptureNames);
        first["data"] = new[] { "a" };
        var second = SummaryTemplate.SampleModel("T001", rule.CaptureNames);
        second["data"] = new[] { "b" };
        Assert.Equal("a", rule.Summary!.Render(first));
        Assert.Equal("b", rule.Summary!.Render(second));
        Assert.Throws<SummaryRenderException>(() => rule.Summary!.Render(new Dictionary<string, object?>()));
        Assert.Equal("a", rule.Summary!.Render(first));
    }

    [Fact]
    public void Template_file_errors_point_into_the_template_file()
    {
        var dir = Directory.CreateTempSubdirectory("pr-templates").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.rules"), "lexicon w = \"train\"\nrule T001 \"t\" { provision training.opt-out match w summary file \"bad.sbn\" }\n");
            File.WriteAllText(Path.Combine(dir, "bad.sbn"), "line one\n{{ servce }} trains.\n");
            var set = RuleCompiler.Compile(new RuleSources().AddPath(dir));
            var d = Assert.Single(set.Diagnostics);
            Assert.Equal("PR1132", d.Id);
            Assert.EndsWith("bad.sbn", d.Location.Path);
            Assert.Equal(new Text.LinePosition(2, 4), d.Location.Start);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Every_diagnostic_id_is_documented()
    {
        var doc = File.ReadAllText(Path.Combine(Support.TestPaths.RepoRoot, "docs", "diagnostics.md"));
        var ids = Syntax.SyntaxDiagnostics.All.Concat(BindingDiagnostics.All).Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Contains("## " + id, doc));
    }
}
