using PolicyRules.Documents;
using PolicyRules.Tests.Support;
using Xunit;

namespace PolicyRules.Tests.Documents;

/// <summary>Token normalisation (case, Unicode dashes, quotes and spaces, contractions, possessives) and the Porter2 stemmer.</summary>
public class NormalizationTests
{
    private static string Normalized(string text)
    {
        var d = DocumentLoader.Parse(text, "case.txt");
        return string.Join(" ", d.Tokens.Select(t => t.Normalized));
    }

    [Theory]
    [InlineData("opt-out", "opt out")]
    [InlineData("opt\u2011out", "opt out")]   // non-breaking hyphen
    [InlineData("opt\u2010out", "opt out")]   // hyphen
    [InlineData("opt\u2013out", "opt out")]   // en dash
    [InlineData("opt\u2014out", "opt out")]   // em dash
    [InlineData("opt\u2212out", "opt out")]   // minus sign
    [InlineData("opt out", "opt out")]
    [InlineData("Opt Out", "opt out")]
    [InlineData("OPT-OUT", "opt out")]
    [InlineData("opt\u00A0out", "opt out")]   // no-break space
    [InlineData("opt\u202Fout", "opt out")]   // narrow no-break space
    [InlineData("opt\u00ADout", "opt out")]   // soft hyphen
    [InlineData("opt\u200Bout", "opt out")]   // zero-width space
    [InlineData("“Services”", "\" services \"")]
    [InlineData("‘Content’", "' content '")]
    [InlineData("关联公司", "关 联 公 司")]            // ideographs are words of one character
    [InlineData("共享给SDK提供商", "共 享 给 sdk 提 供 商")] // a Latin word between them stays one token
    [InlineData("AI模型", "ai 模 型")]
    [InlineData("データ", "デ ー タ")]                  // kana too
    [InlineData("don't", "do not")]
    [InlineData("don’t", "do not")]
    [InlineData("Don't", "do not")]
    [InlineData("won't", "will not")]
    [InlineData("can't", "can not")]
    [InlineData("cannot", "can not")]
    [InlineData("we'll", "we will")]
    [InlineData("it's", "it is")]
    [InlineData("isn't", "is not")]
    [InlineData("doesn't", "does not")]
    [InlineData("shan't", "shall not")]
    [InlineData("they're", "they are")]
    [InlineData("we've", "we have")]
    [InlineData("let's", "let us")]
    [InlineData("OpenAI's models", "openai models")]
    [InlineData("users' data", "users data")]
    [InlineData("the company’s policy", "the company policy")]
    [InlineData("o'clock", "o'clock")]
    [InlineData("$1,000,000", "$ 1000000")]
    [InlineData("2.5%", "2.5 %")]
    [InlineData("e.g. U.S.", "e.g. u.s.")]
    [InlineData("Acme Inc. No. 5", "acme inc. no. 5")]
    [InlineData("privacy@openai.com", "privacy@openai.com")]
    [InlineData("https://OpenAI.com/Policies", "https://openai.com/policies")]
    [InlineData("90-day", "90 day")]
    [InlineData("e-mail", "e mail")]
    [InlineData("Wait…", "wait ...")]
    public void Normalizes(string text, string expected) => Assert.Equal(expected, Normalized(text));

    [Fact]
    public void DashVariantsGiveTheSameTokensAndFlagTheJoin()
    {
        var forms = new[] { "opt-out", "opt\u2011out", "opt out", "Opt Out", "OPT-OUT" }
            .Select(f => DocumentLoader.Parse(f, "case.txt").Tokens.Select(t => (t.Normalized, t.Stem)).ToArray()).ToList();
        foreach (var f in forms) Assert.Equal(forms[0], f);
        var joined = DocumentLoader.Parse("opt-out", "case.txt").Tokens;
        Assert.True(joined[1].Has(TokenFlags.HyphenJoined));
        Assert.False(DocumentLoader.Parse("opt out", "case.txt").Tokens[1].Has(TokenFlags.HyphenJoined));
    }

    [Fact]
    public void ContractionTokensShareTheContractionsSpan()
    {
        var d = DocumentLoader.Parse("We don't sell.", "case.txt");
        var (dont, not) = (d.Tokens[1], d.Tokens[2]);
        Assert.Equal(("do", "not"), (dont.Normalized, not.Normalized));
        Assert.Equal(dont.Span, not.Span);
        Assert.Equal("don't", d.GetText(not.Span));
        Assert.True(dont.Has(TokenFlags.Expanded) && not.Has(TokenFlags.Expanded));
        Assert.Equal(1, d.TokenAt(d.Tokens[1].Span.Start + 2));
    }

    [Theory]
    [InlineData("train trains trained training", "train")]
    [InlineData("share shares shared sharing", "share")]
    [InlineData("process processes processed processing", "process")]
    [InlineData("retain retains retained retaining", "retain")]
    [InlineData("consent consents consented consenting", "consent")]
    [InlineData("delete deletes deleted deleting deletion", "delet")]
    [InlineData("improve improves improved improving improvement", "improv")]
    [InlineData("add adds added adding", "add")]
    [InlineData("ad ads", "ad")]
    [InlineData("collect collects collected collecting collection", "collect")]
    public void InflectionsShareAStem(string words, string stem)
    {
        var d = DocumentLoader.Parse(words, "case.txt");
        Assert.All(d.Tokens, t => Assert.Equal(stem, t.Stem));
        Assert.Equal(d.Tokens.Length, d.FindStem(stem).Length);
    }

    /// <summary>The sample vocabulary published with the Porter2 ("Snowball English") algorithm, plus its exceptional forms.</summary>
    [Theory]
    [InlineData("consign", "consign")] [InlineData("consigned", "consign")] [InlineData("consigning", "consign")]
    [InlineData("consignment", "consign")] [InlineData("consist", "consist")] [InlineData("consisted", "consist")]
    [InlineData("consistency", "consist")] [InlineData("consistent", "consist")] [InlineData("consistently", "consist")]
    [InlineData("consisting", "consist")] [InlineData("consists", "consist")] [InlineData("consolation", "consol")]
    [InlineData("consolations", "consol")] [InlineData("consolatory", "consolatori")] [InlineData("console", "consol")]
    [InlineData("consoled", "consol")] [InlineData("consoles", "consol")] [InlineData("consolidate", "consolid")]
    [InlineData("consolidated", "consolid")] [InlineData("consolidating", "consolid")] [InlineData("consoling", "consol")]
    [InlineData("consolingly", "consol")] [InlineData("consols", "consol")] [InlineData("consonant", "conson")]
    [InlineData("consort", "consort")] [InlineData("consorted", "consort")] [InlineData("consorting", "consort")]
    [InlineData("conspicuous", "conspicu")] [InlineData("conspicuously", "conspicu")] [InlineData("conspiracy", "conspiraci")]
    [InlineData("conspirator", "conspir")] [InlineData("conspirators", "conspir")] [InlineData("conspire", "conspir")]
    [InlineData("conspired", "conspir")] [InlineData("conspiring", "conspir")] [InlineData("constable", "constabl")]
    [InlineData("constables", "constabl")] [InlineData("constance", "constanc")] [InlineData("constancy", "constanc")]
    [InlineData("constant", "constant")]
    [InlineData("knack", "knack")] [InlineData("knackeries", "knackeri")] [InlineData("knacks", "knack")]
    [InlineData("knag", "knag")] [InlineData("knave", "knave")] [InlineData("knaves", "knave")]
    [InlineData("knavish", "knavish")] [InlineData("kneaded", "knead")] [InlineData("kneading", "knead")]
    [InlineData("knee", "knee")] [InlineData("kneel", "kneel")] [InlineData("kneeled", "kneel")]
    [InlineData("kneeling", "kneel")] [InlineData("kneels", "kneel")] [InlineData("knees", "knee")]
    [InlineData("knell", "knell")] [InlineData("knelt", "knelt")] [InlineData("knew", "knew")]
    [InlineData("knick", "knick")] [InlineData("knif", "knif")] [InlineData("knife", "knife")]
    [InlineData("knight", "knight")] [InlineData("knightly", "knight")] [InlineData("knights", "knight")]
    [InlineData("knit", "knit")] [InlineData("knits", "knit")] [InlineData("knitted", "knit")]
    [InlineData("knitting", "knit")] [InlineData("knives", "knive")] [InlineData("knob", "knob")]
    [InlineData("knobs", "knob")] [InlineData("knock", "knock")] [InlineData("knocked", "knock")]
    [InlineData("knocker", "knocker")] [InlineData("knockers", "knocker")] [InlineData("knocking", "knock")]
    [InlineData("knocks", "knock")] [InlineData("knopp", "knopp")] [InlineData("knot", "knot")] [InlineData("knots", "knot")]
    // exceptional forms and special prefixes
    [InlineData("skis", "ski")] [InlineData("skies", "sky")] [InlineData("dying", "die")] [InlineData("lying", "lie")]
    [InlineData("tying", "tie")] [InlineData("idly", "idl")] [InlineData("gently", "gentl")] [InlineData("ugly", "ugli")]
    [InlineData("early", "earli")] [InlineData("only", "onli")] [InlineData("singly", "singl")] [InlineData("news", "news")]
    [InlineData("atlas", "atlas")] [InlineData("cosmos", "cosmos")] [InlineData("bias", "bias")] [InlineData("andes", "andes")]
    [InlineData("inning", "inning")] [InlineData("outing", "outing")] [InlineData("canning", "canning")] [InlineData("proceed", "proceed")]
    [InlineData("exceed", "exceed")] [InlineData("succeed", "succeed")] [InlineData("generously", "generous")]
    [InlineData("communism", "communism")] [InlineData("arsenal", "arsenal")] [InlineData("ties", "tie")] [InlineData("cries", "cri")]
    [InlineData("gas", "gas")] [InlineData("gaps", "gap")] [InlineData("kiwis", "kiwi")] [InlineData("cry", "cri")] [InlineData("by", "by")]
    [InlineData("say", "say")]
    public void Porter2PublishedVocabulary(string word, string stem) => Assert.Equal(stem, EnglishStemmer.Stem(word));

    /// <summary>
    /// Every a-z word of the corpus (9,032) with the stem Lucene.Net's Snowball EnglishStemmer gives
    /// (4.8.0-beta00017, run once outside the repository to make this table).
    /// </summary>
    [Fact]
    public void Porter2AgreesWithSnowballOnTheCorpusVocabulary()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "PolicyRules.Tests", "Documents", "porter2-corpus-vocabulary.tsv");
        var wrong = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(path))
        {
            var tab = line.IndexOf('\t');
            var (word, stem) = (line[..tab], line[(tab + 1)..]);
            count++;
            var actual = EnglishStemmer.Stem(word);
            if (actual != stem) wrong.Add($"{word}: expected {stem}, got {actual}");
        }
        Assert.True(count > 9000);
        Assert.Empty(wrong);
    }
}
