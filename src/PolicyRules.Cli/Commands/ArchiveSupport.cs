using System.CommandLine;
using PolicyRules.Archive;
using PolicyRules.Analysis;
using PolicyRules.Monitoring;
using PolicyRules.Indexing;

namespace PolicyRules.Cli.Commands;

/// <summary>What the archive, diff and timeline commands share: the database option and the analyzer built from the rule options.</summary>
internal static class ArchiveSupport
{
    public const string DefaultDb = "policyrules.db";

    public static Option<string> Db() => new("--db")
    {
        Description = "The archive database (SQLite).",
        DefaultValueFactory = _ => DefaultDb,
    };

    /// <summary>The analyzer of the rule options, or null (after reporting) when the rules have errors.</summary>
    public static ArchiveAnalyzer? Analyzer(ParseResult parse, RuleSetOptions rules)
    {
        if (rules.LoadWithoutErrors(parse) is not { } set) return null;
        // Severity files beside the working directory must not make archived analyses depend on where the command runs.
        return new ArchiveAnalyzer(new AnalysisRunner(set, new AnalysisOptions { Configuration = SeverityConfiguration.FromText(""), MaxParallelism = 1, SizeLimitHint = "only 'analyze --max-document-mb' raises it" }));
    }

    /// <summary>Sends alerts for committed change sets; an alert that fails is a warning, not a failed command.</summary>
    public static void Alert(ParseResult parse, AlertSender? alerts, IEnumerable<ChangeSet> sets)
    {
        if (alerts is null || !alerts.IsEnabled) return;
        foreach (var warning in alerts.SendAsync(sets).GetAwaiter().GetResult())
            parse.Err().WriteLine($"policyrules: warning: {warning}");
    }

    /// <summary>"SERVICE/DOC-TYPE@DATE" (date optional unless required).</summary>
    public static bool TryParseReference(string text, out string service, out string docType, out string? date)
    {
        service = docType = "";
        date = null;
        var at = text.IndexOf('@');
        var path = at >= 0 ? text[..at] : text;
        if (at >= 0) date = text[(at + 1)..];
        var parts = path.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0) return false;
        if (date is not null && !ArchiveIndexer.IsDate(date)) return false;
        (service, docType) = (parts[0], parts[1]);
        return true;
    }
}
