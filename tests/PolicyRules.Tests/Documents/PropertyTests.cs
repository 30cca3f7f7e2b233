using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PolicyRules.Documents;

namespace PolicyRules.Tests.Documents;

/// <summary>For any input, every loader terminates without throwing and keeps its structural promises.</summary>
public class PropertyTests
{
    /// <summary>Fragments that exercise markup, abbreviations, entities and Unicode edge cases.</summary>
    private static readonly string[] Fragments =
    [
        "We", " do", " not", " sell", " data", ".", " ", "\n", "\n\n", "\r\n", "\t", "(", ")", "[", "]", "\"", "“", "”", "’", "'s", "n't",
        "# ", "## ", "* ", "- ", "1. ", "> ", "|", "| --- |", "`", "```", "**", "_", "[link](http://x.y)", "![img](a.png)", "<div>", "</div>",
        "<p>", "</p>", "<b>", "<li>", "<table><tr><td>", "<script>x</script>", "<!--", "-->", "&amp;", "&#x1F600;", "&bogus;", "&",
        "e.g.", "Inc.", "U.S.", "No. 5", "$1.50", "30 days", "under 13", "unless", "except", "however,", "State of California",
        "January 1, 2024", "privacy@x.com", "https://a.b/c.", "opt-out", "opt\u2011out", "\u00A0", "\u200B", "\u00AD", "\uFEFF",
        "\uD83D\uDE00", "\uD800", "\uDC00", "\0", "\u0001", "\u2028", "\u0301", "中文", "Ⅻ", "İ",
    ];

    private static Arbitrary<string> Documents() =>
        Gen.Elements(Fragments).ArrayOf().Select(parts => string.Concat(parts)).ToArbitrary();

    private static bool Holds(string text, DocumentFormat format)
    {
        var d = DocumentLoader.Parse(text, "case", format);
        DocumentInvariants.Check(d);
        return true;
    }

    [Property(MaxTest = 300)]
    public bool Arbitrary_strings_load_as_markdown(string text) => Holds(text ?? "", DocumentFormat.Markdown);

    [Property(MaxTest = 300)]
    public bool Arbitrary_strings_load_as_html(string text) => Holds(text ?? "", DocumentFormat.Html);

    [Property(MaxTest = 300)]
    public bool Arbitrary_strings_load_as_text(string text) => Holds(text ?? "", DocumentFormat.Text);

    [Property(MaxTest = 300)]
    public bool Arbitrary_strings_are_sniffed_and_load(string text) => Holds(text ?? "", DocumentFormat.Unknown);

    [Property(MaxTest = 400)]
    public Property Markup_soup_loads_in_every_format() =>
        Prop.ForAll(Documents(), text =>
            Holds(text, DocumentFormat.Markdown) && Holds(text, DocumentFormat.Html) && Holds(text, DocumentFormat.Text));

    [Property(MaxTest = 200)]
    public Property Arbitrary_bytes_load_or_are_refused_as_binary() =>
        Prop.ForAll(Gen.Elements<byte>(0x41, 0x20, 0x2E, 0x0A, 0xC3, 0xA9, 0xFF, 0xE2, 0x80, 0x99, 0x00, 0x3C, 0x3E).ArrayOf().ToArbitrary(), bytes =>
        {
            try
            {
                DocumentInvariants.Check(DocumentLoader.Load(bytes, "case.md"));
            }
            catch (DocumentLoadException e)
            {
                return e.Diagnostic.Id == "PR2002" && e.Message.Contains("case.md");
            }
            return true;
        });
}
