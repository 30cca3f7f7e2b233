using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Text;

namespace PolicyRules.Matching;

/// <summary>Where a document came from: its path and, from a <c>SERVICE/DOC-TYPE/DATE.ext</c> layout, its service, type and date.</summary>
public sealed record DocumentInfo(string Path, string Service, string DocType, string Date)
{
    /// <summary>Reads service, document type and date from the last three parts of a path, where they fit the layout.</summary>
    public static DocumentInfo FromPath(string path, string? service = null, string? docType = null)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var file = parts.Length > 0 ? System.IO.Path.GetFileNameWithoutExtension(parts[^1]) : "";
        var isDate = System.Text.RegularExpressions.Regex.IsMatch(file, @"^\d{4}-\d{2}-\d{2}$");
        var date = isDate ? file : "";
        var type = docType ?? (isDate && parts.Length >= 2 ? parts[^2] : "");
        var svc = service ?? (isDate && parts.Length >= 3 ? parts[^3] : "");
        return new DocumentInfo(path, svc, type, date);
    }
}

/// <summary>
/// A provision found in a document: a diagnostic with a rule id, a severity and an exact location.
/// The span covers the sentence(s) that decided the match; the excerpt is the text at that span.
/// </summary>
public sealed class Finding
{
    public required CompiledRule Rule { get; init; }
    public string RuleId => Rule.Id;
    public ProvisionKey Provision => Rule.Provision;
    public string Category => Rule.Category;
    public string Title => Rule.Title;
    /// <summary>The severity after configuration; <see cref="Severity.None"/> when suppressed.</summary>
    public Severity Severity { get; init; }
    public bool IsSuppressed => Severity == Severity.None;
    /// <summary>Over the document text as loaded (<see cref="Documents.PolicyDocument.Text"/>).</summary>
    public required TextSpan Span { get; init; }
    public required string Excerpt { get; init; }
    /// <summary>In the original file: <see cref="SourceSpan"/> and its lines and columns.</summary>
    public required Location Location { get; init; }
    /// <summary>
    /// <see cref="Span"/> in the source file as decoded (<see cref="Documents.PolicyDocument.Original"/>),
    /// markup included: what reports give as <c>start</c>/<c>length</c>.
    /// </summary>
    public TextSpan SourceSpan => Location.Span;
    public required IReadOnlyList<string> Section { get; init; }
    /// <summary>Captured texts by capture name, in document order, without repeats.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Captures { get; init; }
    /// <summary>The mentions that decided the match (over the document text).</summary>
    public required IReadOnlyList<TextSpan> Mentions { get; init; }
    public required IReadOnlyList<Carveout> Carveouts { get; init; }
    public string? Summary { get; set; }
}
