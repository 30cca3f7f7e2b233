using System.CommandLine;
using PolicyRules.Archive;
using PolicyRules.Reporting;
using PolicyRules.Indexing;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules timeline SERVICE</c>: every archived version of a service's documents with the provision changes between them.</summary>
internal static class TimelineCommand
{
    public static Command Create()
    {
        var command = new Command("timeline", "Every archived version of a service's documents, with the provision changes between consecutive versions.");
        var service = new Argument<string>("service") { Description = "Service slug, as archived." };
        var format = CommonOptions.Format("text", "json", "markdown", "html");
        var db = ArchiveSupport.Db();
        var output = CommonOptions.Output();
        var rules = new RuleSetOptions();
        command.Arguments.Add(service);
        foreach (var o in new Option[] { format, db, output }) command.Options.Add(o);
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            if (ArchiveSupport.Analyzer(parse, rules) is not { } analyzer) return ExitCodes.RuleErrors;
            var name = parse.GetValue(service)!;
            using var store = SqliteArchiveStore.Open(parse.GetValue(db)!, mustExist: true);
            if (!store.Services().Contains(name))
                throw new UsageException($"'{name}' is not in the archive {store.Path} (services: {string.Join(", ", store.Services())})");
            var entries = new ArchiveIndexer(store, analyzer).Timeline(name);
            var text = parse.GetValue(format) switch
            {
                "json" => ArchiveWriters.TimelineJson(name, entries),
                "markdown" => ArchiveWriters.TimelineMarkdown(name, entries),
                "html" => ArchiveWriters.TimelineHtml(name, entries),
                _ => ArchiveWriters.TimelineText(name, entries),
            };
            if (parse.GetValue(output) is { } target) File.WriteAllText(target, text);
            else parse.Out().Write(text);
            return ExitCodes.Ok;
        });
        return command;
    }
}
