
namespace PolicyRules.Matching;

/// <summary>Where a document came from: its path and, from a <c>SERVICE/DOC-TYPE/DATE.ext</c> layout, its service, type and date.</summary>
/// <param name="Path">The document's path as given (or the name given to text analysed from memory).</param>
/// <param name="Service">The service the document belongs to (e.g. <c>anthropic</c>); empty when unknown.</param>
/// <param name="DocType">The document type (e.g. <c>privacy-policy</c>); empty when unknown.</param>
/// <param name="Date">The version's date, <c>YYYY-MM-DD</c>; empty when unknown.</param>
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
