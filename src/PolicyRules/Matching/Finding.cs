using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Text;

namespace PolicyRules.Matching;

/// <summary>
/// A provision found in a document: a diagnostic with a rule id, a severity and an exact location.
/// The span covers the sentence(s) that decided the match; the excerpt is the text at that span.
/// </summary>
public sealed class Finding
{
    /// <summary>The rule that matched.</summary>
    public required CompiledRule Rule { get; init; }
    /// <summary>The matching rule's id, e.g. <c>TRN001</c>.</summary>
    public string RuleId => Rule.Id;
    /// <summary>The provision found: its taxonomy key (e.g. <c>training.user-content</c>), title and description.</summary>
    public ProvisionKey Provision => Rule.Provision;
    /// <summary>The rule's grouping word for reports: by default the area of the provision (e.g. <c>training</c>).</summary>
    public string Category => Rule.Category;
    /// <summary>The rule's title.</summary>
    public string Title => Rule.Title;
    /// <summary>The severity after configuration; <see cref="Severity.None"/> when suppressed.</summary>
    public Severity Severity { get; init; }
    /// <summary>Whether configuration switched this finding off (it is still reported, as suppressed).</summary>
    public bool IsSuppressed => Severity == Severity.None;
    /// <summary>Over the document text as loaded (<see cref="Documents.PolicyDocument.Text"/>).</summary>
    public required TextSpan Span { get; init; }
    /// <summary>The exact text of the document at <see cref="Span"/>: the quote.</summary>
    public required string Excerpt { get; init; }
    /// <summary>In the original file: <see cref="SourceSpan"/> and its lines and columns.</summary>
    public required Location Location { get; init; }
    /// <summary>
    /// <see cref="Span"/> in the source file as decoded (<see cref="Documents.PolicyDocument.Original"/>),
    /// markup included: what reports give as <c>start</c>/<c>length</c>.
    /// </summary>
    public TextSpan SourceSpan => Location.Span;
    /// <summary>The headings above the finding, outermost first; empty before the first heading.</summary>
    public required IReadOnlyList<string> Section { get; init; }
    /// <summary>Captured texts by capture name, in document order, without repeats.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Captures { get; init; }
    /// <summary>The mentions that decided the match (over the document text).</summary>
    public required IReadOnlyList<TextSpan> Mentions { get; init; }
    /// <summary>Exceptions (an <c>unless</c> clause) that the text states but that did not cancel the match, e.g. an opt-out.</summary>
    public required IReadOnlyList<Carveout> Carveouts { get; init; }
    /// <summary>The provision explained in plain language: the rule's summary template, or a neutral sentence from the taxonomy when it has none. Set by the analysis runner; null on findings straight from <see cref="Analyzer.Analyze"/>.</summary>
    public string? Summary { get; set; }
}
