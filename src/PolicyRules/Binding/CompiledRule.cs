using PolicyRules.Diagnostics;
using PolicyRules.Text;

namespace PolicyRules.Binding;

/// <summary>Over which unit a rule's pattern is evaluated.</summary>
public enum RuleScope
{
    /// <summary>One sentence at a time (the default).</summary>
    Sentence,
    /// <summary>One block at a time: a paragraph, list item, table cell, heading or quotation.</summary>
    Block,
    /// <summary>The text under one heading, up to the next heading of any level.</summary>
    Section,
    /// <summary>The whole document.</summary>
    Document,
}

/// <summary>An inline example or counter-example with its <c>[|…|]</c> markers taken out.</summary>
public sealed record RuleExample(string Text, IReadOnlyList<TextSpan> ExpectedSpans, Location Location, bool IsCounter);

/// <summary>A rule after binding: names resolved, fields checked, template parsed. What matching consumes.</summary>
public sealed class CompiledRule
{
    internal CompiledRule() { }

    /// <summary>The rule's id, e.g. <c>TRN001</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The rule's title, a short phrase.</summary>
    public required string Title { get; init; }
    /// <summary>The provision the rule detects.</summary>
    public required ProvisionKey Provision { get; init; }
    /// <summary>A grouping word for reports, in lower case; by default the provision's area.</summary>
    public required string Category { get; init; }
    /// <summary>The severity the rule declares (configuration may change it per finding).</summary>
    public required Severity Severity { get; init; }
    /// <summary>The unit of text the pattern is evaluated over.</summary>
    public required RuleScope Scope { get; init; }
    // Internal (the compiled pattern tree is the matcher's business), so not `required`: the binder is the only constructor.
    internal Pattern Match { get; init; } = null!;
    /// <summary>Heading-path condition (Semgrep's pattern-inside), or null.</summary>
    internal Pattern? Section { get; init; }
    /// <summary>The plain-language summary template, or null.</summary>
    public SummaryTemplate? Summary { get; init; }
    /// <summary>Regulatory references (<c>refs</c>), e.g. "GDPR Art. 21".</summary>
    public IReadOnlyList<string> References { get; init; } = Array.Empty<string>();
    /// <summary>A sentence for the reader about what the provision means (<c>help</c>); may be empty.</summary>
    public string Help { get; init; } = "";
    /// <summary>Passages the rule must match (<c>example</c>).</summary>
    public IReadOnlyList<RuleExample> Examples { get; init; } = Array.Empty<RuleExample>();
    /// <summary>Passages the rule must not match (<c>counter</c>).</summary>
    public IReadOnlyList<RuleExample> Counters { get; init; } = Array.Empty<RuleExample>();
    /// <summary>Capture names of the match pattern, in order of first appearance.</summary>
    public IReadOnlyList<string> CaptureNames { get; init; } = Array.Empty<string>();
    /// <summary>Where the rule is declared (its <c>rule</c> keyword).</summary>
    public required Location Location { get; init; }

    /// <summary>The rule file (built-in pack files start with <c>&lt;builtin&gt;/</c>).</summary>
    public string File => Location.Path;
    /// <summary>The 1-based line of the rule's declaration.</summary>
    public int Line => Location.Start.Line;
    /// <summary>The rule as a diagnostic descriptor (id, title, category, severity, help), as SARIF reports it.</summary>
    public DiagnosticDescriptor Descriptor => new(Id, Title, Title, Category, Severity, Help);
    /// <summary>The id and title.</summary>
    public override string ToString() => $"{Id} {Title}";
}

/// <summary>The output of compilation: rules and lexicons of every file of one run, plus every diagnostic.</summary>
public sealed class CompiledRuleSet
{
    internal CompiledRuleSet(IReadOnlyList<CompiledRule> rules, IReadOnlyList<Lexicon> lexicons, IReadOnlyList<Diagnostic> diagnostics)
    {
        Rules = rules;
        Lexicons = lexicons;
        Diagnostics = diagnostics;
    }

    /// <summary>Every rule that compiled, in file order.</summary>
    public IReadOnlyList<CompiledRule> Rules { get; }
    internal IReadOnlyList<Lexicon> Lexicons { get; }
    /// <summary>Every problem found, in path and position order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    /// <summary>Whether any diagnostic is an error; a set with errors should not be used for analysis.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
    /// <summary>SHA-256 of the rule files and embedded templates the set was compiled from: which pack an archived analysis used.</summary>
    public string SourceHash { get; internal set; } = "";

    /// <summary>The rule with this id (case-insensitive), or null.</summary>
    public CompiledRule? FindRule(string id) => Rules.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
