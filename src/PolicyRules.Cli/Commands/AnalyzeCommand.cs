using System.CommandLine;
using System.Reflection;
using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Reporting;
using Spectre.Console;
using PolicyRules.Analysis;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules analyze PATH...</c>: find provisions, quote them, summarise them.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var command = new Command("analyze", "Find provisions in documents (files or folders of .md, .html, .htm, .txt), quote and summarise them.");
        var paths = new Argument<string[]>("paths") { Description = "Documents or folders; '-' reads a list of paths from standard input.", Arity = ArgumentArity.OneOrMore };
        command.Arguments.Add(paths);
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        var format = CommonOptions.Format("text", "json", "sarif", "markdown", "html", "jsonl");
        var output = CommonOptions.Output();
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a finding has at least this severity (info, notice, warning, error)." };
        var config = new Option<string?>("--config") { Description = "Severity configuration file (default: .policyrules files next to the documents)." };
        var service = new Option<string?>("--service") { Description = "Service name for every document (default: from a SERVICE/DOC-TYPE/DATE.ext path)." };
        var docType = new Option<string?>("--doc-type") { Description = "Document type for every document (default: from the path)." };
        var maxMb = new Option<int>("--max-document-mb") { Description = "Refuse documents larger than this many megabytes.", DefaultValueFactory = _ => 200 };
        var loopLimit = new Option<int>("--template-loop-limit") { Description = "Most iterations a summary template may run.", DefaultValueFactory = _ => TemplateLimits.Default.LoopLimit };
        var recursionLimit = new Option<int>("--template-recursion-limit") { Description = "Deepest recursion a summary template may reach.", DefaultValueFactory = _ => TemplateLimits.Default.RecursionLimit };
        var templateTimeout = new Option<int>("--template-timeout-ms") { Description = "Longest a summary template may take for one finding.", DefaultValueFactory = _ => TemplateLimits.Default.TimeoutMilliseconds };
        foreach (var o in new Option[] { format, output, failOn, config, service, docType, maxMb, loopLimit, recursionLimit, templateTimeout }) command.Options.Add(o);

        command.SetAction(parse =>
        {
            var failSeverity = Severity.None;
            if (parse.GetValue(failOn) is { } fail && (!SeverityNames.TryParse(fail, out failSeverity) || failSeverity == Severity.None))
                throw new UsageException($"--fail-on: '{fail}' is not a severity (info, notice, warning, error)");
            if (rules.LoadWithoutErrors(parse) is not { } set) return ExitCodes.RuleErrors;
            var options = new AnalysisOptions
            {
                Configuration = parse.GetValue(config) is { } c ? LoadConfig(c) : null,
                Service = parse.GetValue(service),
                DocType = parse.GetValue(docType),
                MaxDocumentBytes = Math.Max(1, parse.GetValue(maxMb)) * 1024L * 1024,
                SizeLimitHint = "raise it with --max-document-mb",
                TemplateLimits = TemplateLimits.Default with
                {
                    LoopLimit = Math.Max(1, parse.GetValue(loopLimit)),
                    RecursionLimit = Math.Max(1, parse.GetValue(recursionLimit)),
                    TimeoutMilliseconds = Math.Max(1, parse.GetValue(templateTimeout)),
                },
            };
            var runner = new AnalysisRunner(set, options);
            var files = CollectFiles(parse.GetValue(paths) ?? Array.Empty<string>());
            var fmt = parse.GetValue(format)!;
            var target = parse.GetValue(output);

            var worst = Severity.None;
            var unreadable = false;
            void Track(DocumentAnalysis d)
            {
                unreadable |= d.Failed;
                foreach (var f in d.Findings) if (!f.IsSuppressed && f.Severity > worst) worst = f.Severity;
            }

            // Every format streams: each document is written as soon as it and those before it are done, then dropped.
            using (var file = target is null ? null : new StreamWriter(target) { NewLine = "\n" })
            using (var report = StreamingReportWriter.Create(fmt, file ?? parse.Out(), runner.Rules, ToolVersion))
            {
                ForEachWithProgress(runner, files, parse.Err(), d =>
                {
                    Track(d);
                    report.Add(d);
                });
                report.Complete();
            }
            if (failSeverity != Severity.None && worst >= failSeverity) return ExitCodes.RuleErrors;
            return unreadable ? ExitCodes.UsageOrInput : ExitCodes.Ok;
        });
        return command;
    }

    public static string ToolVersion =>
        typeof(AnalysisRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    private static SeverityConfiguration LoadConfig(string path)
    {
        try { return SeverityConfiguration.FromFile(path); }
        catch (FileNotFoundException e) { throw new UsageException(e.Message); }
    }

    /// <summary>Paths from the arguments; '-' reads one path per line from standard input.</summary>
    internal static List<string> CollectFiles(IEnumerable<string> paths)
    {
        var expanded = new List<string>();
        foreach (var p in paths)
        {
            if (p == "-")
            {
                while (CliApp.Input.ReadLine() is { } line)
                    if (line.Trim().Length > 0) expanded.Add(line.Trim());
            }
            else expanded.Add(p);
        }
        try { return DocumentDiscovery.CollectFiles(expanded); }
        catch (FileNotFoundException e) { throw new UsageException(e.Message); }
    }

    /// <summary>
    /// Hands each document's result to <paramref name="each"/> in order, with a progress bar on a terminal
    /// when many documents are analysed (drawn on standard error while the report streams to its output).
    /// </summary>
    private static void ForEachWithProgress(AnalysisRunner runner, List<string> files, TextWriter err, Action<DocumentAnalysis> each)
    {
        var interactive = !Console.IsErrorRedirected && ReferenceEquals(err, Console.Error) && files.Count >= 10;
        if (!interactive)
        {
            foreach (var d in runner.Stream(files)) each(d);
            return;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask("Analysing documents", maxValue: files.Count);
            foreach (var d in runner.Stream(files, done => task.Value = done)) each(d);
        });
    }
}
