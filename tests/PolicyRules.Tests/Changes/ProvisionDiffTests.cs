using Xunit;
using PolicyRules.Changes;
using PolicyRules.Reporting;

namespace PolicyRules.Tests.Changes;

public class ProvisionDiffTests
{
    private const string Retention30 = "# Retention\n\nWe retain your conversations for 30 days after you delete them.\n";
    private const string Training = "# Training\n\nWe may use your conversations to train our models.\n";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // name, old, new, expected "kind provision" list (";"-separated, empty for no change)
        { "identical", Retention30, Retention30, "" },
        { "whitespace and line breaks", Retention30, "# Retention\n\nWe  retain your\nconversations for 30\ndays after you delete them.\n", "" },
        { "link target", "# T\n\nWe may use your [conversations](https://a.example/x) to train our models.\n",
                         "# T\n\nWe may use your [conversations](https://b.example/y?utm_source=z) to train our models.\n", "" },
        { "emphasis and quotes", "# T\n\nWe may use your conversations to train our models.\n", "# T\n\nWe may use your **conversations** to train our models.\n", "" },
        { "retention period", Retention30, "# Retention\n\nWe retain your conversations for 5 years after you delete them.\n", "changed retention.period" },
        { "provision added", Retention30, Retention30 + "\n" + Training, "added training.user-content" },
        { "provision removed", Retention30 + "\n" + Training, Retention30, "removed training.user-content" },
        { "carve-out added",
          "# T\n\nWe may use your conversations to train our models unless you opt out.\n",
          "# T\n\nWe may use your conversations to train our models unless you opt out. Even if you opt out, we use conversations sent as feedback.\n",
          "added training.opt-out-carve-out" },
        { "carve-out widened",
          "# T\n\nWe may use your conversations to train our models unless you opt out. Even if you opt out, we use conversations sent as feedback.\n",
          "# T\n\nWe may use your conversations to train our models unless you opt out. Even if you opt out, we use conversations sent as feedback or selected for safety review.\n",
          "changed training.opt-out-carve-out" },
        { "unrelated sentence rewritten", Retention30 + "\nWe are a company.\n", Retention30 + "\nWe are a large company in Paris.\n", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies_changes(string name, string before, string after, string expected)
    {
        var changes = ChangeTestKit.Diff(before, after);
        var actual = string.Join(";", changes.Select(c => $"{c.KindName} {c.Provision}"));
        Assert.True(expected == actual, $"{name}: expected '{expected}', got '{actual}'");
    }

    [Fact]
    public void Retention_change_summary_says_before_now_and_when()
    {
        var change = Assert.Single(ChangeTestKit.Diff(Retention30, "# Retention\n\nWe retain your conversations for 5 years after you delete them.\n"));
        Assert.Equal("Since 2025-08-29, data is kept for 5 years; before (version of 2025-01-01), data is kept for 30 days. (period: 30 days → 5 years)", change.Summary);
        Assert.Equal("30 days", Assert.Single(change.Before!.Captures["period"]));
        Assert.Equal("5 years", Assert.Single(change.After!.Captures["period"]));
    }

    [Fact]
    public void Added_provision_summary_names_the_date_and_the_absence_before()
    {
        var change = Assert.Single(ChangeTestKit.Diff(Retention30, Retention30 + "\n" + Training));
        Assert.StartsWith("Since 2025-08-29, the privacy policy of Example AI states that", change.Summary);
        Assert.Contains("before (version of 2025-01-01), the privacy policy had no such provision", change.Summary);
    }

    [Fact]
    public void A_widened_carve_out_names_the_new_exception()
    {
        var change = Assert.Single(ChangeTestKit.Diff(
            "# T\n\nWe may use your conversations to train our models unless you opt out. Even if you opt out, we use conversations sent as feedback.\n",
            "# T\n\nWe may use your conversations to train our models unless you opt out. Even if you opt out, we use conversations sent as feedback or selected for safety review.\n"));
        Assert.EndsWith("(carve outs: feedback → feedback, safety review)", change.Summary);
    }

    [Theory]
    [InlineData("We retain data for 30 days.", "We retain data for 5 years.", WordDiff.Style.Text, "We retain data for [-30 days.-] {+5 years.+}")]
    [InlineData("We retain data for 30 days.", "We retain data for 5 years.", WordDiff.Style.Markdown, "We retain data for ~~30 days.~~ **5 years.**")]
    [InlineData("a b  c", "a\nb c", WordDiff.Style.Text, "a b c")]
    [InlineData("keep *all* data", "keep data", WordDiff.Style.Markdown, "keep ~~all~~ data")]
    public void Word_diff(string before, string after, WordDiff.Style style, string expected) =>
        Assert.Equal(expected, WordDiff.Render(before, after, style));

    [Theory]
    [InlineData("See https://x.com/p?utm_source=a for more", "See https://x.com/p?utm_source=b&x=1 for more", true)]
    [InlineData("We keep it\n for  30 days", "We keep it for 30 days", true)]
    [InlineData("“quoted” — text", "\"quoted\" - text", true)]
    [InlineData("We keep it for 30 days", "We keep it for 31 days", false)]
    public void Normalisation(string a, string b, bool same) =>
        Assert.Equal(same, ExcerptText.Normalize(a) == ExcerptText.Normalize(b));

    [Fact]
    public void Json_follows_the_contract()
    {
        var changes = ChangeTestKit.Diff(Retention30, "# Retention\n\nWe retain your conversations for 5 years after you delete them.\n");
        using var doc = System.Text.Json.JsonDocument.Parse(ChangeWriter.Json("old.md", "new.md", changes));
        var root = doc.RootElement;
        Assert.Equal("old.md", root.GetProperty("old").GetString());
        var change = root.GetProperty("changes")[0];
        Assert.Equal("changed", change.GetProperty("kind").GetString());
        Assert.Equal("retention.period", change.GetProperty("provision").GetString());
        Assert.Equal("T01", change.GetProperty("ruleId").GetString());
        Assert.Equal("5 years", change.GetProperty("after").GetProperty("captures").GetProperty("period")[0].GetString());
        Assert.Contains("30 days", change.GetProperty("before").GetProperty("excerpt").GetString());
        Assert.False(string.IsNullOrEmpty(change.GetProperty("summary").GetString()));
    }
}
