using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Documents;
using PolicyRules.Matching;

namespace PolicyRules.Analysis;

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
