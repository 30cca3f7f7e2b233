using PolicyRules.Documents;
using Xunit;

namespace PolicyRules.Tests.Documents;

/// <summary>Sentence splitting for legal English. Expected sentences are separated by " | ".</summary>
public class SentenceSplitterTests
{
    [Theory]
    // abbreviations never end a sentence
    [InlineData("We collect data, e.g. your name. We keep it.", "We collect data, e.g. your name. | We keep it.")]
    [InlineData("You and Copy.AI agree to arbitrate. COPY.AI MAY CHANGE THESE TERMS.", "You and Copy.AI agree to arbitrate. | COPY.AI MAY CHANGE THESE TERMS.")]
    [InlineData("We use the data.We keep it for a year.", "We use the data. | We keep it for a year.")]
    [InlineData("COPY.AI’S TOTAL LIABILITY IS LIMITED. Copy.AI's logo is ours.", "COPY.AI’S TOTAL LIABILITY IS LIMITED. | Copy.AI's logo is ours.")]
    [InlineData("We share it with partners, i.e. Vendors. They help us.", "We share it with partners, i.e. Vendors. | They help us.")]
    [InlineData("Names, emails, etc. Are collected when you sign up.", "Names, emails, etc. Are collected when you sign up.")]
    [InlineData("The Services are provided by OpenAI, Inc. The address is below.", "The Services are provided by OpenAI, Inc. The address is below.")]
    [InlineData("Anthropic PBC and Acme Ltd. Together are the controllers.", "Anthropic PBC and Acme Ltd. Together are the controllers.")]
    [InlineData("Acme LLC. And its affiliates.", "Acme LLC. And its affiliates.")]
    [InlineData("Zoom Video Communications Corp. Is the provider. Contact us.", "Zoom Video Communications Corp. Is the provider. | Contact us.")]
    [InlineData("Smith & Co. Holds the shares.", "Smith & Co. Holds the shares.")]
    [InlineData("Data is stored in the U.S. And the U.K. For backups.", "Data is stored in the U.S. And the U.K. For backups.")]
    [InlineData("This applies in the E.U. Only.", "This applies in the E.U. Only.")]
    [InlineData("See Order No. 5 for details. It is binding.", "See Order No. 5 for details. | It is binding.")]
    [InlineData("See Nos. 5 and 6. They apply.", "See Nos. 5 and 6. | They apply.")]
    [InlineData("Under GDPR Art. 6 we rely on consent. Under Arts. 15-22 you have rights.", "Under GDPR Art. 6 we rely on consent. | Under Arts. 15-22 you have rights.")]
    [InlineData("Cal. Civ. Code Sec. 1798.100 applies. Secs. 3 and 4 too.", "Cal. Civ. Code Sec. 1798.100 applies. | Secs. 3 and 4 too.")]
    [InlineData("As held in Smith v. Jones and Doe vs. Roe, courts agree.", "As held in Smith v. Jones and Doe vs. Roe, courts agree.")]
    [InlineData("Write to Mr. Smith, Ms. Lee or Dr. Brown at 1 Main St. Suite 5.", "Write to Mr. Smith, Ms. Lee or Dr. Brown at 1 Main St. Suite 5.")]
    [InlineData("Compare cf. Section 3. It differs.", "Compare cf. Section 3. | It differs.")]
    [InlineData("It takes approx. 30 days. Then it is deleted.", "It takes approx. 30 days. | Then it is deleted.")]
    [InlineData("Fees incl. VAT are due. Pay on time.", "Fees incl. VAT are due. | Pay on time.")]
    [InlineData("See p. 4 and pp. 10-12. Done.", "See p. 4 and pp. 10-12. | Done.")]
    [InlineData("Effective Jan. 1, 2024 and until Dec. 31. New terms follow.", "Effective Jan. 1, 2024 and until Dec. 31. | New terms follow.")]
    [InlineData("Updated Sept. 5 and Oct. 2. Read them.", "Updated Sept. 5 and Oct. 2. | Read them.")]
    // enumerations
    [InlineData("1. We collect your data. 2. We use it.", "1. We collect your data. | 2. We use it.")]
    [InlineData("a. Account data. b. Usage data.", "a. Account data. | b. Usage data.")]
    [InlineData("iv. The fourth item applies.", "iv. The fourth item applies.")]
    [InlineData("(a) your name; (b) your email; and (c) your address.", "(a) your name; (b) your email; and (c) your address.")]
    [InlineData("We may: 1. Suspend access; 2. Terminate the account.", "We may: 1. Suspend access; 2. Terminate the account.")]
    [InlineData("4.2. Retention. We keep data for 30 days.", "4.2. Retention. | We keep data for 30 days.")]
    // decimals, amounts, e-mail addresses, URLs
    [InlineData("The fee is $1.50 per month. It rises by 2.5% a year.", "The fee is $1.50 per month. | It rises by 2.5% a year.")]
    [InlineData("Liability is capped at $1,000,000.00 in total. No more.", "Liability is capped at $1,000,000.00 in total. | No more.")]
    [InlineData("Write to privacy@openai.com. We answer in 30 days.", "Write to privacy@openai.com. | We answer in 30 days.")]
    [InlineData("Contact dpo@example.co.uk for help.", "Contact dpo@example.co.uk for help.")]
    [InlineData("Visit https://openai.com/policies/terms. It has details.", "Visit https://openai.com/policies/terms. | It has details.")]
    [InlineData("See www.example.com/a.b.c for more.", "See www.example.com/a.b.c for more.")]
    // quotes and parentheses
    [InlineData("The terms (\"Terms\". See below.) apply. You agree.", "The terms (\"Terms\". See below.) apply. | You agree.")]
    [InlineData("He said \"Stop.\" Then he left.", "He said \"Stop.\" | Then he left.")]
    [InlineData("We use “Content.” You own it.", "We use “Content.” | You own it.")]
    [InlineData("(See Section 5.) The next rule applies.", "(See Section 5.) | The next rule applies.")]
    // semicolon lists stay one sentence
    [InlineData("We collect: names; emails; and addresses. That is all.", "We collect: names; emails; and addresses. | That is all.")]
    // capitals are sentences too
    [InlineData("THE SERVICES ARE PROVIDED \"AS IS\". WE DISCLAIM ALL WARRANTIES.", "THE SERVICES ARE PROVIDED \"AS IS\". | WE DISCLAIM ALL WARRANTIES.")]
    // lower-case continuation and other terminators
    [InlineData("Is it sold? No. We never sell it!", "Is it sold? | No. | We never sell it!")]
    [InlineData("Wait... then continue.", "Wait... then continue.")]
    // newlines inside a paragraph are spaces
    [InlineData("We collect data\nabout you. We keep\nit safe.", "We collect data about you. | We keep it safe.")]
    public void Splits(string text, string expected)
    {
        var d = DocumentLoader.Parse(text, "case.txt");
        var actual = string.Join(" | ", d.Sentences.Select(s => d.GetText(s.Span)));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void HugeParenthesisDoesNotSwallowTheDocument()
    {
        var text = "Intro (" + string.Join(" ", Enumerable.Repeat("This never closes.", 60)) + " End.";
        var d = DocumentLoader.Parse(text, "case.txt");
        Assert.True(d.Sentences.Length > 10);
    }

    [Fact]
    public void HeadingsAreOneSentence()
    {
        var d = DocumentLoader.Parse("# 1. Intro. More\n\nBody text. Second.\n", "case.md");
        Assert.Equal(["1. Intro. More", "Body text.", "Second."], d.Sentences.Select(s => d.GetText(s.Span)));
    }

    [Fact]
    public void ListItemEnumeratorIsPartOfTheSentence()
    {
        var d = DocumentLoader.Parse("Rules:\n\n- (a) You must be 13. You must agree.\n- (b) Be nice.\n", "case.md");
        Assert.Equal(["Rules:", "(a) You must be 13.", "You must agree.", "(b) Be nice."], d.Sentences.Select(s => d.GetText(s.Span)));
        Assert.Equal(BlockKind.ListItem, d.Blocks[d.Sentences[1].Block].Kind);
    }
}
