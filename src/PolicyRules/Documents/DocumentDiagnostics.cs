using PolicyRules.Diagnostics;

namespace PolicyRules.Documents;

/// <summary>Diagnostics the document loaders report (PR2xxx).</summary>
internal static class DocumentDiagnostics
{
    private const string Category = "Documents";

    public static readonly DiagnosticDescriptor InvalidUtf8 = new(
        "PR2001", "Invalid UTF-8", "invalid UTF-8 at byte {0} ({1} bad sequence(s) replaced by U+FFFD)", Category, Severity.Warning,
        "The file is not valid UTF-8. Bad bytes were replaced by U+FFFD and the rest of the document was read.");

    public static readonly DiagnosticDescriptor BinaryInput = new(
        "PR2002", "Binary input", "'{0}' looks like a binary file ({1}), not a policy document", Category, Severity.Error,
        "NUL bytes or many control characters in the first 8 KB: the file is not text and was not read.");

    public static readonly DiagnosticDescriptor Unreadable = new(
        "PR2003", "Unreadable input", "cannot read '{0}': {1}", Category, Severity.Error);

    public static readonly DiagnosticDescriptor NestedTooDeeply = new(
        "PR2004", "Markup nested too deeply", "{0} nested deeper than {1} levels; {2}", Category, Severity.Warning,
        "Deeper markup was flattened so that loading stays fast and cannot exhaust the stack.");
}

/// <summary>A document that cannot be loaded at all (unreadable, binary). The message names the file.</summary>
public sealed class DocumentLoadException : Exception
{
    /// <summary>The exception for a diagnostic (PR2001 unreadable, PR2002 binary); its message is the diagnostic's.</summary>
    public DocumentLoadException(Diagnostic diagnostic, Exception? inner = null)
        : base(diagnostic.ToString(), inner)
    {
        Diagnostic = diagnostic;
    }

    /// <summary>What went wrong, with the file's path.</summary>
    public Diagnostic Diagnostic { get; }
    /// <summary>The file that could not be loaded.</summary>
    public string Path => Diagnostic.Location.Path;
}
