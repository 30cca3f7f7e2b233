using PolicyRules.Documents;
using Xunit;

namespace PolicyRules.Tests.Documents;

/// <summary>Negation scopes, exception clauses and entities on phrasing taken from the corpus.</summary>
public class AnnotationTests
{
    private static PolicyDocument Load(string text) => DocumentLoader.Parse(text, "case.txt");

    /// <summary>Each cue as "cue=>scope", joined by " | "; empty when nothing is negated.</summary>
    [Theory]
    [InlineData("We do not sell your personal data.", "do not=>sell your personal data")]
    [InlineData("Zoom does not use any of your audio, video, chat, screen sharing, attachments or other communications-like Customer Content to train Zoom or third-party artificial intelligence models.",
        "does not=>use any of your audio, video, chat, screen sharing, attachments or other communications-like Customer Content to train Zoom or third-party artificial intelligence models")]
    [InlineData("You may not share your account credentials or make your account available to anyone else.", "may not=>share your account credentials or make your account available to anyone else")]
    [InlineData("Although it does not form part of these Terms, it is an important document that you should read.", "does not=>form part of these Terms")]
    [InlineData("We will never sell your data.", "never=>sell your data")]
    [InlineData("We don't train on your conversations, but we may review them for safety.", "don't=>train on your conversations")]
    [InlineData("We do not sell your data; we use it only to provide the Services.", "do not=>sell your data")]
    [InlineData("We do not sell your data, and we never will.", "do not=>sell your data | never=>will")]
    [InlineData("We do not sell, rent, or share your data.", "do not=>sell, rent, or share your data")]
    [InlineData("If you do not opt out, we will use your content to improve our models.", "do not=>opt out")]
    [InlineData("To the extent not prohibited by applicable Law, Zoom may collect interest.", "not=>prohibited by applicable Law")]
    [InlineData("We will not use audio, video or chat Customer Content to train our artificial intelligence models without your consent.",
        "will not=>use audio, video or chat Customer Content to train our artificial intelligence models without your consent | without=>your consent")]
    [InlineData("We cannot guarantee the factual accuracy of Outputs.", "cannot=>guarantee the factual accuracy of Outputs")]
    [InlineData("No personal data is used to train our models.", "No=>personal data is used to train our models")]
    [InlineData("Neither we nor our partners sell your data.", "Neither=>we nor our partners sell your data | nor=>our partners sell your data")]
    [InlineData("Nothing in these Terms limits your statutory rights.", "Nothing=>in these Terms limits your statutory rights")]
    [InlineData("The data is not used for advertising (we never sell it) and is deleted.", "is not=>used for advertising (we never sell it) | never=>sell it")]
    [InlineData("Temporary chats are not saved to your history and are deleted after 72 hours.", "are not=>saved to your history")]
    [InlineData("Your data is not sold or shared with advertisers.", "is not=>sold or shared with advertisers")]
    [InlineData("We may, with or without prior notice, suspend or terminate your account.", "without=>prior notice")]
    [InlineData("Accounts that have not been used for two years may be closed.", "have not=>been used for two years")]
    [InlineData("Content which does not comply with these rules will be removed.", "does not=>comply with these rules")]
    [InlineData("We will not share data that we may need later.", "will not=>share data that we may need later")]
    // not negations: bounds and fixed phrases
    [InlineData("We receive this information whether or not you’re logged in or have an account on X.", "")]
    [InlineData("This includes not only automated processing but also manual review.", "")]
    [InlineData("You must notify us no later than 30 days after the event.", "")]
    [InlineData("Backups are kept no longer than 90 days.", "")]
    [InlineData("We may keep data for not more than 12 months.", "")]
    [InlineData("We collect information, including, but not limited to, your name and email.", "")]
    [InlineData("We may use your data for any purpose, without limitation.", "")]
    [InlineData("No matter where you live, these Terms apply.", "")]
    public void NegationScope(string text, string expected)
    {
        var d = Load(text);
        var actual = string.Join(" | ", d.Negations.Select(n => $"{n.CueText}=>{d.GetText(n.Scope)}"));
        Assert.Equal(expected, actual);
        foreach (var n in d.Negations)
        {
            var (first, count) = d.GetTokenRange(n.Scope);
            for (var t = first; t < first + count; t++) Assert.True(d.Tokens[t].IsNegated, $"token '{d.GetText(d.Tokens[t].Span)}' should be negated");
        }
    }

    [Fact]
    public void NegatedTokensAreFlagged()
    {
        var d = Load("We do not use your conversations to train our models, but we use feedback to train them.");
        var train = d.FindStem("train").ToArray();
        Assert.Equal(2, train.Length);
        Assert.True(d.IsNegated(train[0]));
        Assert.False(d.IsNegated(train[1]));
        Assert.True(d.Tokens.Single(t => t.Normalized == "not").Has(TokenFlags.NegationCue));
    }

    /// <summary>Each clause as "cue=>governed", joined by " | ".</summary>
    [Theory]
    [InlineData("We may use your conversations to train our models unless you opt out.", "unless=>you opt out")]
    [InlineData("Unless you opt out, we will use your content to improve our models.", "Unless=>you opt out")]
    [InlineData("We will not use your content to train our models, except for content flagged for safety review.", "except for=>content flagged for safety review")]
    [InlineData("This opt-out does not apply to data flagged for safety review.", "does not apply=>to data flagged for safety review")]
    [InlineData("These rights do not apply to use of OpenAI Academy.", "do not apply=>to use of OpenAI Academy")]
    [InlineData("However, we may use feedback you submit to improve our models.", "However=>we may use feedback you submit to improve our models")]
    [InlineData("We may, however, use feedback to improve our models.", "however=>use feedback to improve our models")]
    [InlineData("Notwithstanding the foregoing, we may retain data as required by law.", "Notwithstanding=>the foregoing, we may retain data as required by law")]
    [InlineData("We will retain your data even if you delete your account.", "even if=>you delete your account")]
    [InlineData("We share data with service providers other than advertisers.", "other than=>advertisers")]
    [InlineData("We delete Inputs within 30 days, with the exception of data we are required to keep by law.", "with the exception of=>data we are required to keep by law")]
    [InlineData("Apart from the cases listed above, we do not share your data.", "Apart from=>the cases listed above")]
    [InlineData("We collect usage data, excluding the content of your messages.", "excluding=>the content of your messages")]
    [InlineData("We keep logs regardless of whether you have opted out of marketing.", "regardless of=>whether you have opted out of marketing")]
    [InlineData("Attempting to reverse engineer our Services (except to the extent this restriction is prohibited by applicable law).", "except=>to the extent this restriction is prohibited by applicable law")]
    [InlineData("We use your data to train, unless you opt out, except for safety data.", "unless=>you opt out | except for=>safety data")]
    [InlineData("Save as set out below, we do not sell data.", "Save as=>set out below")]
    [InlineData("We may share it with affiliates but not with advertisers.", "but not=>with advertisers")]
    [InlineData("We may share your information, including but not limited to your name, with partners.", "")]
    [InlineData("However you access the Services, these Terms apply.", "")]
    public void ExceptionClauses(string text, string expected)
    {
        var d = Load(text);
        var actual = string.Join(" | ", d.Exceptions.Select(e => $"{e.CueText}=>{d.GetText(e.Governed)}"));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ExceptionsAreFoundBySentenceAndBlock()
    {
        var d = Load("We train on your chats unless you opt out. Safety data is kept even if you opt out.\n\nNo exceptions here.");
        Assert.Equal("unless", d.GetExceptions(0)[0].CueText);
        Assert.Equal("even if", d.GetExceptions(1)[0].CueText);
        Assert.Equal(2, d.GetBlockExceptions(0).Length);
        Assert.Equal(0, d.GetBlockExceptions(1).Length);
    }

    /// <summary>Entities as "kind:text=value", joined by " | ".</summary>
    [Theory]
    // durations
    [InlineData("We retain Inputs for 30 days.", "duration:30 days=P30D")]
    [InlineData("You may opt out within thirty (30) days of first becoming subject to this arbitration provision.", "duration:within thirty (30) days=P30D")]
    [InlineData("Logs are kept for up to 5 years.", "duration:up to 5 years=P5Y")]
    [InlineData("We respond within 72 hours.", "duration:within 72 hours=PT72H")]
    [InlineData("Data is deleted after six months.", "duration:after six months=P6M")]
    [InlineData("We keep it for one year.", "duration:one year=P1Y")]
    [InlineData("Records are kept for 18 months.", "duration:18 months=P18M")]
    [InlineData("Start a 90-day trial.", "duration:90-day=P90D")]
    [InlineData("We give at least 30 days’ notice.", "duration:at least 30 days=P30D")]
    [InlineData("We will notify you within five (5) calendar days.", "duration:within five (5) calendar days=P5D")]
    [InlineData("ANY CLAIM MUST BE BROUGHT WITHIN 12 MONTHS.", "duration:WITHIN 12 MONTHS=P12M")]
    // money
    [InlineData("The fee is $100.", "money:$100=USD 100")]
    [InlineData("Liability is limited to US$100.", "money:US$100=USD 100")]
    [InlineData("Pay USD 100 now.", "money:USD 100=USD 100")]
    [InlineData("It costs €100 or £50.", "money:€100=EUR 100 | money:£50=GBP 50")]
    [InlineData("OUR LIABILITY IS LIMITED TO ONE HUNDRED DOLLARS (US$100).", "money:ONE HUNDRED DOLLARS (US$100)=USD 100")]
    [InlineData("We pay one hundred dollars ($100) at most.", "money:one hundred dollars ($100)=USD 100")]
    [InlineData("The fine is 100 euros.", "money:100 euros=EUR 100")]
    [InlineData("Claims above $1,000,000 go to court.", "money:$1,000,000=USD 1000000")]
    [InlineData("It costs $1.50 a month.", "money:$1.50=USD 1.50")]
    [InlineData("Up to $5 million is covered.", "money:$5 million=USD 5000000")]
    // ages
    [InlineData("Children under 13 may not use the Services.", "age:under 13=13")]
    [InlineData("We do not knowingly collect data from children under the age of 13.", "age:under the age of 13=13")]
    [InlineData("You must be 18 years of age to subscribe.", "age:18 years of age=18")]
    [InlineData("You must be at least 16 years old.", "age:at least 16 years old=16")]
    [InlineData("Users aged 13 or older may register.", "age:aged 13 or older=13")]
    [InlineData("You must be 18 or older to use the API.", "age:18 or older=18")]
    [InlineData("The Services are not intended for individuals under the age of sixteen (16) years old.", "age:under the age of sixteen (16) years old=16")]
    [InlineData("Files under 5 MB are accepted.", "")]
    // places
    [InlineData("The laws of the State of California govern these Terms.", "place:the State of California=California")]
    [InlineData("Disputes go to the courts of Ireland.", "place:Ireland=Ireland")]
    [InlineData("The courts of England and Wales have jurisdiction.", "place:England and Wales=England and Wales")]
    [InlineData("You submit to a state court located in San Mateo County.", "place:San Mateo County=San Mateo County")]
    [InlineData("Venue is San Francisco County.", "place:San Francisco County=San Francisco County")]
    [InlineData("OpenAI OpCo, LLC, a Delaware company.", "place:Delaware=Delaware")]
    [InlineData("We have an office in the Netherlands and Singapore.", "place:the Netherlands=Netherlands | place:Singapore=Singapore")]
    [InlineData("Users in the People's Republic of China are served locally.", "place:the People's Republic of China=China")]
    [InlineData("Exclusive venue is the Northern District of California.", "place:the Northern District of California=Northern District of California")]
    [InlineData("Courts located within Kent County, Delaware decide.", "place:Kent County=Kent County | place:Delaware=Delaware")]
    [InlineData("The courts located in the City and County of San Francisco, California.", "place:the City and County of San Francisco=San Francisco County | place:California=California")]
    [InlineData("These Terms are governed by the laws of Ruritania.", "place:Ruritania=Ruritania")]
    [InlineData("Residents of the EEA, Switzerland, or UK.", "place:EEA=European Economic Area | place:Switzerland=Switzerland | place:UK=United Kingdom")]
    // dates
    [InlineData("Effective January 1, 2024.", "date:January 1, 2024=2024-01-01")]
    [InlineData("Updated: 1 January 2024", "date:1 January 2024=2024-01-01")]
    [InlineData("Version of 2024-01-01.", "date:2024-01-01=2024-01-01")]
    [InlineData("Effective: March 3, 2025", "date:March 3, 2025=2025-03-03")]
    [InlineData("Last updated: Jan. 5, 2024", "date:Jan. 5, 2024=2024-01-05")]
    [InlineData("Revised June 2025.", "date:June 2025=2025-06")]
    [InlineData("You may cancel at any time.", "")]
    public void Entities(string text, string expected)
    {
        var d = Load(text);
        var actual = string.Join(" | ", d.Entities.Select(e => $"{e.Kind.ToString().ToLowerInvariant()}:{e.Text}={e.Value}"));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EntityLookupBySpanAndKind()
    {
        var d = Load("We keep chats for 30 days. Backups last up to 5 years under the laws of Ireland.");
        var second = d.Sentences[1].Span;
        var inSecond = d.GetEntities(second).ToArray();
        Assert.Equal([EntityKind.Duration, EntityKind.Place], inSecond.Select(e => e.Kind));
        Assert.Equal("up to", inSecond[0].Qualifier);
        Assert.Equal(5 * 365, inSecond[0].ApproximateDays);
        Assert.Single(d.GetEntities(second, EntityKind.Place));
    }
}
