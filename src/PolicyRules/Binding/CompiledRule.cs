using PolicyRules.Diagnostics;
using PolicyRules.Text;

namespace PolicyRules.Binding;

/// <summary>Over which unit a rule's pattern is evaluated.</summary>
public enum RuleScope { Sentence, Block, Section, Document }

/// <summary>An inline example or counter-example with its <c>[|…|]</c> markers taken out.</summary>
public sealed record RuleExample(string Text, IReadOnlyList<TextSpan> ExpectedSpans, Location Location, bool IsCounter);

/// <summary>A rule after binding: names resolved, fields checked, template parsed. What matching consumes.</summary>
public sealed class CompiledRule
{
    internal CompiledRule() { }

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required ProvisionKey Provision { get; init; }
    public required string Category { get; init; }
    public required Severity Severity { get; init; }
    public required RuleScope Scope { get; init; }
    // Internal (the compiled pattern tree is the matcher's business), so not `required`: the binder is the only constructor.
    internal Pattern Match { get; init; } = null!;
    /// <summary>Heading-path condition (Semgrep's pattern-inside), or null.</summary>
    internal Pattern? Section { get; init; }
    public SummaryTemplate? Summary { get; init; }
    public IReadOnlyList<string> References { get; init; } = Array.Empty<string>();
    public string Help { get; init; } = "";
    public IReadOnlyList<RuleExample> Examples { get; init; } = Array.Empty<RuleExample>();
    public IReadOnlyList<RuleExample> Counters { get; init; } = Array.Empty<RuleExample>();
    /// <summary>Capture names of the match pattern, in order of first appearance.</summary>
    public IReadOnlyList<string> CaptureNames { get; init; } = Array.Empty<string>();
    /// <summary>Where the rule is declared (its <c>rule</c> keyword).</summary>
    public required Location Location { get; init; }

    public string File => Location.Path;
    public int Line => Location.Start.Line;
    public DiagnosticDescriptor Descriptor => new(Id, Title, Title, Category, Severity, Help);
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

    public IReadOnlyList<CompiledRule> Rules { get; }
    internal IReadOnlyList<Lexicon> Lexicons { get; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
    /// <summary>SHA-256 of the rule files and embedded templates the set was compiled from: which pack an archived analysis used.</summary>
    public string SourceHash { get; internal set; } = "";

    public CompiledRule? FindRule(string id) => Rules.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
