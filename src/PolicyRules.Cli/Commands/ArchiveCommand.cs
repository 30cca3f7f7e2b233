using System.CommandLine;
using System.Globalization;
using PolicyRules.Archive;
using PolicyRules.Matching;
using PolicyRules.Analysis;
using PolicyRules.Monitoring;
using PolicyRules.Reporting;
using PolicyRules.Indexing;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules archive add|import|list|show|fetch|digest|registry</c>: keep every version of tracked documents.</summary>
internal static class ArchiveCommand
{
    public static Command Create()
    {
        var command = new Command("archive", "Keep every version of tracked documents in a SQLite archive, with their analyses and provision changes.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Fetch());
        command.Subcommands.Add(Digest());
        command.Subcommands.Add(Registry());
        return command;
    }

    private sealed class AlertOptions
    {
        public Option<string?> Webhook { get; } = new("--alert-webhook") { Description = "POST one JSON payload per change set to this URL (after the archive write is committed)." };
        public Option<string?> File { get; } = new("--alert-file") { Description = "Append one JSON line per change set to this file." };
        public void AddTo(Command c) { c.Options.Add(Webhook); c.Options.Add(File); }
        public AlertSender Sender(ParseResult p) => new(p.GetValue(Webhook), p.GetValue(File));
    }

    private static Command Add()
    {
        var command = new Command("add", "Add one version of a document (a no-op when the same text is already archived).");
        var file = new Argument<string>("file") { Description = "The document (.md, .html, .txt)." };
        var service = new Option<string?>("--service") { Description = "Service slug (default: from a SERVICE/DOC-TYPE/DATE.ext path)." };
        var docType = new Option<string?>("--doc-type") { Description = "Document type slug (default: from the path)." };
        var date = new Option<string?>("--date") { Description = "Date of this version, YYYY-MM-DD (default: from the path, else today)." };
        var db = ArchiveSupport.Db();
        var rules = new RuleSetOptions();
        var alerts = new AlertOptions();
        command.Arguments.Add(file);
        foreach (var o in new Option[] { service, docType, date, db }) command.Options.Add(o);
        rules.AddTo(command);
        alerts.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!System.IO.File.Exists(path)) throw new UsageException($"'{path}' does not exist");
            var info = DocumentInfo.FromPath(path, parse.GetValue(service), parse.GetValue(docType));
            if (info.Service.Length == 0) throw new UsageException("--service is required (the path does not say)");
            if (info.DocType.Length == 0) throw new UsageException("--doc-type is required (the path does not say)");
            var day = parse.GetValue(date) ?? (info.Date.Length > 0 ? info.Date : Today());
            if (!ArchiveIndexer.IsDate(day)) throw new UsageException($"--date: '{day}' is not a date (YYYY-MM-DD)");
            if (ArchiveSupport.Analyzer(parse, rules) is not { } analyzer) return ExitCodes.RuleErrors;
            AddResult result;
            using (var store = SqliteArchiveStore.Open(parse.GetValue(db)!))
                result = new ArchiveIndexer(store, analyzer).Add(System.IO.File.ReadAllBytes(path), Path.GetFileName(path), info.Service, info.DocType, day, path);
            parse.Out().WriteLine(ArchiveWriters.AddResultLine(result));
            ArchiveSupport.Alert(parse, alerts.Sender(parse), result.ChangeSets);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var command = new Command("import", "Add every document of a SERVICE/DOC-TYPE/DATE.ext tree, in date order; already archived versions are skipped.");
        var dir = new Argument<string>("dir") { Description = "The folder (e.g. data/corpus)." };
        var db = ArchiveSupport.Db();
        var rules = new RuleSetOptions();
        var alerts = new AlertOptions();
        command.Arguments.Add(dir);
        command.Options.Add(db);
        rules.AddTo(command);
        alerts.AddTo(command);
        command.SetAction(parse =>
        {
            var root = parse.GetValue(dir)!;
            if (!Directory.Exists(root)) throw new UsageException($"'{root}' is not a folder");
            var files = DocumentDiscovery.CollectFiles(new[] { root })
                .Select(f => (Path: f, Info: DocumentInfo.FromPath(Path.GetRelativePath(root, f))))
                .ToList();
            var skipped = files.Where(f => f.Info.Date.Length == 0 || f.Info.Service.Length == 0).ToList();
            foreach (var s in skipped) parse.Err().WriteLine($"policyrules: skipped {s.Path}: not in the SERVICE/DOC-TYPE/DATE.ext layout");
            var ordered = files.Except(skipped)
                .OrderBy(f => f.Info.Service, StringComparer.Ordinal).ThenBy(f => f.Info.DocType, StringComparer.Ordinal)
                .ThenBy(f => f.Info.Date, StringComparer.Ordinal).ToList();
            if (ArchiveSupport.Analyzer(parse, rules) is not { } analyzer) return ExitCodes.RuleErrors;
            var sender = alerts.Sender(parse);
            // Lets a test stop the process between two committed versions.
            var pause = int.TryParse(Environment.GetEnvironmentVariable("POLICYRULES_TEST_IMPORT_PAUSE_MS"), out var ms) ? ms : 0;
            var counts = new Dictionary<AddOutcome, int>();
            var failed = 0;
            using var store = SqliteArchiveStore.Open(parse.GetValue(db)!);
            var indexer = new ArchiveIndexer(store, analyzer);
            foreach (var (path, info) in ordered)
            {
                AddResult result;
                try
                {
                    result = indexer.Add(System.IO.File.ReadAllBytes(path), Path.GetFileName(path), info.Service, info.DocType, info.Date, path);
                }
                catch (ArchiveException e) when (!e.IsFileProblem)
                {
                    parse.Err().WriteLine($"policyrules: {e.Message}");
                    failed++;
                    continue;
                }
                counts[result.Outcome] = counts.GetValueOrDefault(result.Outcome) + 1;
                parse.Out().WriteLine(ArchiveWriters.AddResultLine(result));
                parse.Out().Flush();
                ArchiveSupport.Alert(parse, sender, result.ChangeSets);
                if (pause > 0) Thread.Sleep(pause);
            }
            parse.Out().WriteLine($"{counts.GetValueOrDefault(AddOutcome.Added)} added, {counts.GetValueOrDefault(AddOutcome.Verified)} verified, " +
                                  $"{counts.GetValueOrDefault(AddOutcome.Unchanged)} already archived" + (failed > 0 ? $", {failed} failed" : ""));
            return failed > 0 || skipped.Count > 0 ? ExitCodes.UsageOrInput : ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the archived documents with their number of versions and dates.");
        var db = ArchiveSupport.Db();
        var format = CommonOptions.Format("text", "json");
        command.Options.Add(db);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            using var store = SqliteArchiveStore.Open(parse.GetValue(db)!, mustExist: true);
            var docs = store.ListDocuments();
            parse.Out().Write(parse.GetValue(format) == "json" ? ArchiveWriters.DocumentsJson(docs) : ArchiveWriters.DocumentsText(docs));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Show the versions of a document, or (with @DATE) the provisions of one version.");
        var reference = new Argument<string>("document") { Description = "SERVICE/DOC-TYPE or SERVICE/DOC-TYPE@DATE." };
        var db = ArchiveSupport.Db();
        var rules = new RuleSetOptions();
        command.Arguments.Add(reference);
        command.Options.Add(db);
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            var text = parse.GetValue(reference)!;
            if (!ArchiveSupport.TryParseReference(text, out var service, out var docType, out var date))
                throw new UsageException($"'{text}' is not SERVICE/DOC-TYPE or SERVICE/DOC-TYPE@YYYY-MM-DD");
            using var store = SqliteArchiveStore.Open(parse.GetValue(db)!, mustExist: true);
            var versions = store.Versions(service, docType);
            if (versions.Count == 0) throw new UsageException($"{service}/{docType} is not in the archive {store.Path}");
            if (date is null)
            {
                parse.Out().Write(ArchiveWriters.VersionsText(service, docType, versions));
                return ExitCodes.Ok;
            }
            var version = versions.FirstOrDefault(v => v.Date == date)
                ?? throw new UsageException($"{service}/{docType} has no version dated {date} (versions: {string.Join(", ", versions.Select(v => v.Date))})");
            if (ArchiveSupport.Analyzer(parse, rules) is not { } analyzer) return ExitCodes.RuleErrors;
            parse.Out().Write(ArchiveWriters.VersionText(version, new ArchiveIndexer(store, analyzer).Findings(version)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Fetch()
    {
        var command = new Command("fetch", "Download a policy page and add it as a version dated today (or --date).");
        var url = new Argument<string>("url") { Description = "http or https URL of the page." };
        var service = new Option<string>("--service") { Description = "Service slug.", Required = true };
        var docType = new Option<string>("--doc-type") { Description = "Document type slug.", Required = true };
        var date = new Option<string?>("--date") { Description = "Date of this version, YYYY-MM-DD (default: today, UTC)." };
        var maxMb = new Option<int>("--max-mb") { Description = "Refuse pages larger than this many megabytes.", DefaultValueFactory = _ => 20 };
        var timeout = new Option<int>("--timeout") { Description = "Give up after this many seconds.", DefaultValueFactory = _ => 60 };
        var db = ArchiveSupport.Db();
        var rules = new RuleSetOptions();
        var alerts = new AlertOptions();
        command.Arguments.Add(url);
        foreach (var o in new Option[] { service, docType, date, maxMb, timeout, db }) command.Options.Add(o);
        rules.AddTo(command);
        alerts.AddTo(command);
        command.SetAction(parse =>
        {
            var day = parse.GetValue(date) ?? Today();
            if (!ArchiveIndexer.IsDate(day)) throw new UsageException($"--date: '{day}' is not a date (YYYY-MM-DD)");
            if (parse.GetValue(maxMb) < 1 || parse.GetValue(timeout) < 1) throw new UsageException("--max-mb and --timeout must be at least 1");
            if (ArchiveSupport.Analyzer(parse, rules) is not { } analyzer) return ExitCodes.RuleErrors;
            FetchedDocument page;
            try
            {
                page = Fetcher.FetchAsync(parse.GetValue(url)!, parse.GetValue(maxMb) * 1024L * 1024, TimeSpan.FromSeconds(parse.GetValue(timeout))).GetAwaiter().GetResult();
            }
            catch (FetchLimitException e)
            {
                throw new UsageException($"{e.Message} (raise it with {(e.Limit == FetchLimit.Size ? "--max-mb" : "--timeout")})");
            }
            AddResult result;
            using (var store = SqliteArchiveStore.Open(parse.GetValue(db)!))
                result = new ArchiveIndexer(store, analyzer).Add(page.Bytes, page.FileName, parse.GetValue(service)!, parse.GetValue(docType)!, day, page.Url);
            parse.Out().WriteLine(ArchiveWriters.AddResultLine(result));
            ArchiveSupport.Alert(parse, alerts.Sender(parse), result.ChangeSets);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Digest()
    {
        var command = new Command("digest", "Every provision change of versions dated on or after a date.");
        var since = new Option<string>("--since") { Description = "YYYY-MM-DD.", Required = true };
        var db = ArchiveSupport.Db();
        var format = CommonOptions.Format("text", "json", "markdown");
        var rules = new RuleSetOptions();
        foreach (var o in new Option[] { since, db, format }) command.Options.Add(o);
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            var from = parse.GetValue(since)!;
            if (!ArchiveIndexer.IsDate(from)) throw new UsageException($"--since: '{from}' is not a date (YYYY-MM-DD)");
            if (ArchiveSupport.Analyzer(parse, rules) is not { } analyzer) return ExitCodes.RuleErrors;
            using var store = SqliteArchiveStore.Open(parse.GetValue(db)!, mustExist: true);
            var sets = ChangeDigest.Since(new ArchiveIndexer(store, analyzer), from);
            parse.Out().Write(parse.GetValue(format) switch
            {
                "json" => ArchiveWriters.DigestJson(from, sets),
                "markdown" => ArchiveWriters.DigestMarkdown(from, sets),
                _ => ArchiveWriters.DigestText(from, sets),
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Registry()
    {
        var command = new Command("registry", "The provision registry: provision instances with stable ids, first and last seen, and their versions.");
        var provision = new Option<string?>("--provision") { Description = "Only this provision key." };
        var service = new Option<string?>("--service") { Description = "Only this service." };
        var db = ArchiveSupport.Db();
        var format = CommonOptions.Format("text", "json");
        var rules = new RuleSetOptions();
        foreach (var o in new Option[] { provision, service, db, format }) command.Options.Add(o);
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            if (ArchiveSupport.Analyzer(parse, rules) is not { } analyzer) return ExitCodes.RuleErrors;
            using var store = SqliteArchiveStore.Open(parse.GetValue(db)!, mustExist: true);
            var instances = new ArchiveIndexer(store, analyzer).Registry(parse.GetValue(provision), parse.GetValue(service));
            parse.Out().Write(parse.GetValue(format) == "json" ? ArchiveWriters.RegistryJson(instances) : ArchiveWriters.RegistryText(instances));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Today() => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
