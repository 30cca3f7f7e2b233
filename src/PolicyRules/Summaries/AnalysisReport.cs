using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Documents;
using PolicyRules.Matching;

namespace PolicyRules.Summaries;

/// <summary>One analysed document: where it came from, what was found, and what went wrong reading it.</summary>
public sealed class DocumentAnalysis
{
    /// <summary>The document's path and the service, type and date read from it.</summary>
    public required DocumentInfo Info { get; init; }
    /// <summary>SHA-256 of the file's bytes, lower-case hex; empty when the file could not be read.</summary>
    public required string Sha256 { get; init; }
    /// <summary>Null when the document could not be loaded (see <see cref="Diagnostics"/>).</summary>
    public PolicyDocument? Document { get; init; }
    /// <summary>The provisions found, in document order (suppressed ones included: see <see cref="Finding.IsSuppressed"/>).</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
    /// <summary>Problems met reading the document or rendering summaries (errors make <see cref="Failed"/> true only when nothing could be loaded).</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
    /// <summary>Whether the document could not be loaded at all (unreadable, binary or too large).</summary>
    public bool Failed => Document is null;
}

/// <summary>The result of one <c>analyze</c> run: what every reporter writes.</summary>
public sealed class AnalysisReport
{
    /// <summary>The rules the documents were analysed with.</summary>
    public required CompiledRuleSet Rules { get; init; }
    /// <summary>One result per document, in the order the files were given.</summary>
    public required IReadOnlyList<DocumentAnalysis> Documents { get; init; }
}

/// <summary>The areas of the taxonomy as a reader sees them in a document summary.</summary>
public static class Areas
{
    private static readonly Dictionary<string, (string Title, string None)> Names = new(StringComparer.Ordinal)
    {
        ["training"] = ("Training on user content", "No provision on training models with user content was found."),
        ["retention"] = ("Data retention", "No provision on how long data is kept was found."),
        ["disputes"] = ("Disputes", "No arbitration, governing-law or venue clause was found."),
        ["liability"] = ("Liability and warranties", "No limitation of liability, warranty disclaimer or indemnity was found."),
        ["changes"] = ("Changes to the terms", "No provision on changing the terms was found."),
        ["acceptance"] = ("Acceptance", "No provision on how the terms are accepted was found."),
        ["content"] = ("Content and outputs", "No provision on licences to content, ownership of outputs or content removal was found."),
        ["termination"] = ("Suspension and termination", "No provision on suspending or terminating accounts was found."),
        ["sharing"] = ("Sharing of personal data", "No provision on sharing or selling personal data was found."),
        ["use"] = ("Use of personal data", "No provision on advertising or inferences was found."),
        ["controller"] = ("Data controller", "No provision naming the data controller by region was found."),
        ["transfers"] = ("International transfers", "No provision on international data transfers was found."),
        ["rights"] = ("User rights", "No provision on deleting, accessing or objecting to the use of data was found."),
        ["children"] = ("Children", "No minimum age was found."),
        ["security"] = ("Security", "No provision on notifying users of security breaches was found."),
    };

    /// <summary>The reader's title of a taxonomy area (e.g. <c>training</c> → "Training on user content"); other names as they are.</summary>
    public static string Title(string area) => Names.TryGetValue(area, out var n) ? n.Title : area;
    /// <summary>The sentence a summary shows for an area in which nothing was found.</summary>
    public static string NoneFound(string area) => Names.TryGetValue(area, out var n) ? n.None : $"No {area} provision was found.";

    /// <summary>Taxonomy areas first, in taxonomy order, then any other category a rule declares.</summary>
    public static IReadOnlyList<string> Ordered(IEnumerable<string> extra) =>
        Taxonomy.Areas.Concat(extra.Where(a => !Taxonomy.Areas.Contains(a)).Distinct().OrderBy(a => a, StringComparer.Ordinal)).ToList();
}
