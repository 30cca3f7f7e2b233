using PolicyRules.Binding;
using PolicyRules.Documents;
using PolicyRules.Matching;
using PolicyRules.Tests.Documents;
using Xunit;

namespace PolicyRules.Tests.Matching;

/// <summary>List items read with their lead-in (a heading or a "…:" sentence right above the list), table cells read with their column's header, and headings that are never findings.</summary>
public class ListContextTests
{
    private const string Rules =
        "lexicon train = \"train\" | \"improve our models\"\n" +
        "lexicon data = \"personal data\" | \"inputs\" | \"your content\"\n" +
        "lexicon ads = \"advertising\" | \"ads\"\n" +
        "rule T001 \"t\" { provision training.user-content match train near/6 d: data }\n" +
        "rule A001 \"a\" { provision use.advertising match ads }\n";

    private static string Run(string markdown) => Findings(markdown.Replace("|", "\n"), DocumentFormat.Markdown);

    /// <summary>The findings of <see cref="Rules"/> on the text, one "RULE: excerpt [capture=…]" per finding.</summary>
    private static string Findings(string text, DocumentFormat format, string rules = Rules)
    {
        var set = RuleCompiler.CompileText(rules, "l.rules");
        Assert.False(set.HasErrors, string.Join("\n", set.Diagnostics));
        var document = DocumentLoader.Parse(text, format == DocumentFormat.Html ? "p.html" : "p.md", format);
        return string.Join(" || ", new Analyzer(set).Analyze(document).Select(f =>
            $"{f.RuleId}: {f.Excerpt}" + string.Concat(f.Captures.Where(c => c.Value.Count > 0).Select(c => $" [{c.Key}={string.Join("; ", c.Value)}]"))));
    }

    // One line per case: the Markdown ('|' is a line break) and the findings, "" when none.
    [Theory]
    // The lead-in says what the list is for; the item completes it, and the finding is the item.
    [InlineData("We use your personal data to:||- provide the service;|- train our models;|- show ads.", "T001: train our models; [d=personal data] || A001: show ads.")]
    // A heading above the list is a lead-in too.
    [InlineData("## Personal data we use to train our models||- Inputs you provide|- Payment details", "T001: Inputs you provide [d=Inputs]")]
    // The heading alone is not a finding, even though it says it all.
    [InlineData("## We train our models on your content||Some text.", "")]
    [InlineData("## Advertising||We show ads to adults.", "A001: We show ads to adults.")]
    // An item that holds nothing of the match gets nothing from its lead-in alone.
    [InlineData("We use your personal data to train our models, for example:||- fraud checks", "T001: We use your personal data to train our models, for example: [d=personal data]")]
    // A paragraph that does not end with a colon is not a lead-in ...
    [InlineData("We keep personal data safe.||- train our models", "")]
    // ... unless it announces what follows.
    [InlineData("We use your personal data in the following ways.||- train our models", "T001: train our models [d=personal data]")]
    [InlineData("How we use personal data is described below.||- train our models", "T001: train our models [d=personal data]")]
    // Other items between the lead-in and the item do not count towards the distance.
    [InlineData("We use your personal data to:||- one two three four five six seven eight|- nine ten eleven twelve|- train our models", "T001: train our models [d=personal data]")]
    // An item that matches on its own is reported once, from its own words.
    [InlineData("We may:||- train our models on your content", "T001: train our models on your content [d=your content]")]
    // The provider's negated lead-in carries over to its items: they are negated, as the sentence they finish.
    [InlineData("We will never:||- train our models on your content", "")]
    [InlineData("We do not:||- sell ads;|- train our models on your content", "")]
    // What users must not do stays the user's: those items are not negated.
    [InlineData("You agree not to:||- train our models on your content", "T001: train our models on your content [d=your content]")]
    // A lead-in whose negation ends before the colon does not reach the items.
    [InlineData("We do not sell data, but we may:||- train our models on your content", "T001: train our models on your content [d=your content]")]
    public void Item_with_lead_in(string markdown, string expected) => Assert.Equal(expected, Run(markdown));

    [Fact]
    public void Items_of_a_negated_lead_in_are_negated()
    {
        var document = DocumentLoader.Parse("We will never:\n\n- sell your data\n", "p.md", DocumentFormat.Markdown);
        var item = document.Sentences[1];
        Assert.All(Enumerable.Range(item.FirstToken, item.TokenCount), t => Assert.True(document.IsNegated(t)));
        DocumentInvariants.Check(document);
    }

    // One line per case: a table (Markdown, or HTML when it starts with '<') and the findings.
    [Theory]
    // A body cell is read with its column's header: the header says what the column is for.
    [InlineData("| Personal data we use | Legal basis |\n|---|---|\n| to train our models | consent |", "T001: to train our models [d=Personal data]")]
    // Another column's header says nothing about the cell.
    [InlineData("| Personal data | Notes |\n|---|---|\n| account | to train our models |", "")]
    // Each body row is read with the same header; the header cell alone is not enough for a cell that holds nothing.
    [InlineData("| Personal data used to |\n|---|\n| train our models |\n| send receipts |", "T001: train our models [d=Personal data]")]
    [InlineData("<table><tr><th>Personal data we use</th><th>Basis</th></tr><tr><td>to train our models</td><td>consent</td></tr></table>", "T001: to train our models [d=Personal data]")]
    // A header row left empty (as tables converted from HTML often are): the column's first cell with text titles it.
    [InlineData("|  |  |\n|---|---|\n| Personal data we use | Notes |\n| to train our models | none |", "T001: to train our models [d=Personal data]")]
    // ... but a first cell longer than a title is content, not a header.
    [InlineData("|  |\n|---|\n| We use personal data for many purposes, as this long first cell explains in some detail here. |\n| to train our models |", "")]
    [InlineData("<table><tr><th>Personal data</th><th>Notes</th></tr><tr><td>account</td><td><p>to train our models</p></td></tr></table>", "")]
    // A paragraph inside a cell keeps the cell's column.
    [InlineData("<table><thead><tr><th>Personal data we use</th></tr></thead><tbody><tr><td><p>to train our models</p></td></tr></tbody></table>", "T001: to train our models [d=Personal data]")]
    public void Table_cell_with_its_column_header(string table, string expected) =>
        Assert.Equal(expected, Findings(table, table.StartsWith('<') ? DocumentFormat.Html : DocumentFormat.Markdown));

    private const string SentenceRules =
        "lexicon train = \"train\" | \"improve our models\"\n" +
        "lexicon data = \"personal data\" | \"your chats\" | \"your data\"\n" +
        "rule T001 \"t\" { provision training.user-content match train near/8 d: data and not (\"do you\" or \"will you\" or \"you will not\") }\n" +
        "rule N001 \"n\" { provision training.no-training match negated(train) }\n";

    // One line per case: a paragraph and the findings. A sentence that elaborates the one before ("This
    // includes …") or answers a question is read with it; the question's own words never count against a rule.
    [Theory]
    [InlineData("We use your chats to improve the product. This includes training our models.", "T001: This includes training our models. [d=your chats]")]
    [InlineData("We use your chats to improve the product. These may include training our models.", "T001: These may include training our models. [d=your chats]")]
    [InlineData("We use your chats to improve the product. Our team trains every week.", "")]
    [InlineData("We describe your chats below. This data includes what you train.", "")]
    [InlineData("Do you train on your data? Yes, we train on it unless you opt out.", "T001: Yes, we train on it unless you opt out. [d=your data]")]
    [InlineData("Do you train on your data?", "")]
    [InlineData("Do you train on your data? No.", "N001: No.")]
    [InlineData("Do you train on your data? No, never.", "N001: No, never.")]
    [InlineData("We keep your data safe. Yes, we train on it.", "")]
    [InlineData("We train on your chats. This includes your data.", "T001: We train on your chats. [d=your chats]")]
    // An item that matches alone but not with its lead-in is excluded by the lead-in; paragraphs opened by an
    // enumerator after a "…:" lead-in are its items (not after a heading).
    [InlineData("You will not:||- train on your data", "")]
    [InlineData("You will not do any of the following:||a) train on your data", "")]
    [InlineData("We will:||a) train on your data", "T001: a) train on your data [d=your data]")]
    [InlineData("We use your data to:||a) train our models", "")]
    [InlineData("## You will not||a) train on your data", "T001: a) train on your data [d=your data]")]
    public void Sentence_read_with_the_one_before(string paragraph, string expected) =>
        Assert.Equal(expected, Findings(paragraph.Replace("|", "\n"), DocumentFormat.Markdown, SentenceRules));
}
