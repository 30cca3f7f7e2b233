using System.Globalization;
using PolicyRules.Text;

namespace PolicyRules.Diagnostics;

/// <summary>What a diagnostic id means: the Roslyn shape (id, title, message format, category, default severity).</summary>
public sealed record DiagnosticDescriptor(
    string Id,
    string Title,
    string MessageFormat,
    string Category,
    Severity DefaultSeverity,
    string Description = "")
{
    /// <summary>Where the id is explained, relative to the repository root (<c>docs/diagnostics.md</c>).</summary>
    public string HelpLink => $"docs/diagnostics.md#{Id.ToLowerInvariant()}";
}

/// <summary>A place in a source text. A location without a source names only a path (e.g. an unreadable file).</summary>
public sealed record Location(SourceText? Source, TextSpan Span, string Path)
{
    /// <summary>A location naming only a path (or nothing), without a position.</summary>
    public static Location None(string path = "") => new(null, default, path);
    /// <summary>A span in a source text.</summary>
    public static Location In(SourceText source, TextSpan span) => new(source, span, source.Path);

    /// <summary>Whether the location has a line and column (false for <see cref="None"/>).</summary>
    public bool HasPosition => Source is not null;
    /// <summary>1-based line and column of the start; 0,0 without a source.</summary>
    public LinePosition Start => Source?.GetLinePosition(Span.Start) ?? new LinePosition(0, 0);
    /// <summary>1-based line and column of the end; 0,0 without a source.</summary>
    public LinePosition End => Source?.GetLinePosition(Span.End) ?? new LinePosition(0, 0);
}

/// <summary>A descriptor reported at a location with message arguments.</summary>
public sealed class Diagnostic
{
    private readonly object?[] _arguments;

    /// <summary>Reports <paramref name="descriptor"/> at its default severity, formatting its message with <paramref name="arguments"/>.</summary>
    public Diagnostic(DiagnosticDescriptor descriptor, Location location, params object?[] arguments)
        : this(descriptor, location, descriptor.DefaultSeverity, arguments) { }

    /// <summary>Reports <paramref name="descriptor"/> at a chosen severity, formatting its message with <paramref name="arguments"/>.</summary>
    public Diagnostic(DiagnosticDescriptor descriptor, Location location, Severity severity, params object?[] arguments)
    {
        Descriptor = descriptor;
        Location = location;
        Severity = severity;
        _arguments = arguments;
    }

    /// <summary>What was reported.</summary>
    public DiagnosticDescriptor Descriptor { get; }
    /// <summary>The diagnostic id, e.g. <c>PR1002</c> (listed in docs/diagnostics.md).</summary>
    public string Id => Descriptor.Id;
    /// <summary>Where it was reported.</summary>
    public Location Location { get; }
    /// <summary>How serious it is.</summary>
    public Severity Severity { get; }
    /// <summary>Whether it is an error (errors stop a run).</summary>
    public bool IsError => Severity == Severity.Error;

    /// <summary>The message, with its arguments filled in.</summary>
    public string Message => _arguments.Length == 0
        ? Descriptor.MessageFormat
        : string.Format(CultureInfo.InvariantCulture, Descriptor.MessageFormat, _arguments);

    /// <summary>Compiler style: <c>path(line,col): error PR1002: message</c>.</summary>
    public override string ToString()
    {
        var where = Location.HasPosition ? $"{Location.Path}({Location.Start.Line},{Location.Start.Column})" : Location.Path;
        var prefix = where.Length == 0 ? "" : where + ": ";
        return $"{prefix}{Severity.ToName()} {Id}: {Message}";
    }

    /// <summary>Stable report order: path, then offset, then id.</summary>
    public static int Compare(Diagnostic a, Diagnostic b)
    {
        var c = string.CompareOrdinal(a.Location.Path, b.Location.Path);
        if (c != 0) return c;
        c = a.Location.Span.Start.CompareTo(b.Location.Span.Start);
        if (c != 0) return c;
        return string.CompareOrdinal(a.Id, b.Id);
    }
}
