using System.CommandLine;
using System.Diagnostics;
using PolicyRules.Compare;
using PolicyRules.Reporting.Site;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules site DIR --output OUT [--db FILE]</c>: a static, offline HTML site comparing the platforms.</summary>
internal static class SiteCommand
{
    public static Command Create()
    {
        var command = new Command("site", "Generate a static HTML site (no scripts, nothing loaded from the network): provision × platform matrix, a page per platform, document and provision.");
        var paths = new Argument<string[]>("paths") { Description = "Folders laid out SERVICE/DOC-TYPE/DATE.ext, or documents.", Arity = ArgumentArity.OneOrMore };
        command.Arguments.Add(paths);
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        var output = new Option<string>("--output", "-o") { Description = "The folder to write the site to (new, empty, or made by an earlier 'site' run).", Required = true };
        var db = new Option<string?>("--db") { Description = "Archive database (or a 'timeline --format json' file) for a timeline page per platform." };
        var title = new Option<string?>("--title") { Description = "The site's title." };
        foreach (var o in new Option[] { output, db, title }) command.Options.Add(o);
        var inputs = new InputOptions();
        inputs.AddTo(command);

        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var roots = parse.GetValue(paths) ?? [];
            ITimelineSource? timelines = null;
            string? note = null;
            if (parse.GetValue(db) is { } dbPath)
            {
                if (!File.Exists(dbPath)) throw new UsageException($"--db: '{dbPath}' does not exist");
                // The archive reads its versions with the same rules the site uses.
                timelines = TimelineSources.Open(dbPath, archivePath =>
                    new ArchiveTimelineSource(archivePath, ArchiveSupport.Analyzer(parse, rules) ?? throw new UsageException("the rules have errors; run 'policyrules check'")),
                    out var reason);
                if (timelines is null)
                {
                    note = "Timelines are not available for this build of the site.";
                    parse.Err().WriteLine($"policyrules: --db: {reason}; the site is built without timeline pages");
                }
            }
            var comparison = inputs.Compare(parse, rules, roots, area: null, out var exit, exclude: parse.GetValue(output));
            if (comparison is null) return exit;
            var options = new SiteOptions
            {
                Timelines = timelines,
                TimelineNote = note,
                Attribution = AttributionFinder.Find(roots),
                DisplayRoot = roots.Length == 1 && Directory.Exists(roots[0]) ? roots[0] : null,
            };
            if (parse.GetValue(title) is { Length: > 0 } t) options = options with { Title = t };
            SiteResult result;
            try { result = SiteGenerator.Write(comparison, parse.GetValue(output)!, options); }
            catch (SiteOutputException e) { throw new UsageException("--output: " + e.Message); }
            parse.Err().WriteLine(
                $"policyrules: wrote {result.Files.Count} pages for {comparison.Services.Count} platforms and {comparison.Documents.Count} documents to {result.OutputDirectory} in {clock.Elapsed.TotalSeconds:0.0} s; open index.html");
            return exit;
        });
        return command;
    }
}
