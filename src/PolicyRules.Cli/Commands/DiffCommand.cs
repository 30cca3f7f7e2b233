using System.CommandLine;
using PolicyRules.Archive;
using PolicyRules.Changes;
using PolicyRules.Matching;
using PolicyRules.Reporting;
using PolicyRules.Indexing;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules diff OLD NEW</c>: what changed between two versions, provision by provision.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var command = new Command("diff", "Compare two versions of a document provision by provision (files, or archive references SERVICE/DOC-TYPE@DATE).");
        var oldArg = new Argument<string>("old") { Description = "The older version: a file or SERVICE/DOC-TYPE@DATE." };
        var newArg = new Argument<string>("new") { Description = "The newer version: a file or SERVICE/DOC-TYPE@DATE." };
        var format = CommonOptions.Format("text", "json", "markdown");
        var db = ArchiveSupport.Db();
        var service = new Option<string?>("--service") { Description = "Service name for the summaries (default: from the paths)." };
        var docType = new Option<string?>("--doc-type") { Description = "Document type for the summaries (default: from the paths)." };
        var rules = new RuleSetOptions();
        command.Arguments.Add(oldArg);
        command.Arguments.Add(newArg);
        foreach (var o in new Option[] { format, db, service, docType }) command.Options.Add(o);
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            if (ArchiveSupport.Analyzer(parse, rules) is not { } analyzer) return ExitCodes.RuleErrors;
            SqliteArchiveStore? store = null;
            try
            {
                SqliteArchiveStore Store() => store ??= SqliteArchiveStore.Open(parse.GetValue(db)!, mustExist: true);
                var before = Resolve(parse.GetValue(oldArg)!, analyzer, Store, parse.GetValue(service), parse.GetValue(docType));
                var after = Resolve(parse.GetValue(newArg)!, analyzer, Store, parse.GetValue(service), parse.GetValue(docType));
                var context = new ChangeContext(
                    after.Info.Service.Length > 0 ? after.Info.Service : before.Info.Service,
                    after.Info.DocType.Length > 0 ? after.Info.DocType : before.Info.DocType,
                    before.Info.Date, after.Info.Date);
                var changes = ChangeSummarizer.Summarize(ProvisionDiff.Compare(before.Records, after.Records).Changes, context);
                parse.Out().Write(parse.GetValue(format) switch
                {
                    "json" => ChangeWriter.Json(before.Label, after.Label, changes),
                    "markdown" => ChangeWriter.Markdown(before.Label, after.Label, changes),
                    _ => ChangeWriter.Text(before.Label, after.Label, changes),
                });
                return ExitCodes.Ok;
            }
            finally
            {
                store?.Dispose();
            }
        });
        return command;
    }

    private sealed record Side(string Label, DocumentInfo Info, IReadOnlyList<ProvisionRecord> Records);

    private static Side Resolve(string text, ArchiveAnalyzer analyzer, Func<SqliteArchiveStore> store, string? service, string? docType)
    {
        if (File.Exists(text))
        {
            var analysis = analyzer.Runner.AnalyzeFile(text);
            if (analysis.Failed) throw new UsageException($"{text}: {analysis.Diagnostics.FirstOrDefault()?.Message ?? "cannot be read"}");
            var info = DocumentInfo.FromPath(text, service, docType);
            return new Side(text, info, ProvisionRecord.FromFindings(analysis.Findings));
        }
        if (ArchiveSupport.TryParseReference(text, out var svc, out var type, out var date) && date is not null)
        {
            var archive = store();
            var version = archive.Versions(svc, type).FirstOrDefault(v => v.Date == date)
                ?? throw new UsageException($"{text}: not in the archive {archive.Path}");
            return new Side(text, new DocumentInfo(text, service ?? svc, docType ?? type, date), new ArchiveIndexer(archive, analyzer).Findings(version));
        }
        throw new UsageException($"'{text}' is neither a file nor an archive reference SERVICE/DOC-TYPE@YYYY-MM-DD");
    }
}
