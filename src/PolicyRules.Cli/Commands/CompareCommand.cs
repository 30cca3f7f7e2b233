using System.CommandLine;
using PolicyRules.Compare;
using PolicyRules.Diagnostics;
using PolicyRules.Analysis;
using PolicyRules.Reporting;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules compare DIR</c>: how every platform handles each provision, over the newest version of each document.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var command = new Command("compare", "Compare platforms provision by provision over the newest version of each document in a SERVICE/DOC-TYPE/DATE.ext folder.");
        var paths = new Argument<string[]>("paths") { Description = "Folders laid out SERVICE/DOC-TYPE/DATE.ext, or documents.", Arity = ArgumentArity.OneOrMore };
        command.Arguments.Add(paths);
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        var format = CommonOptions.Format("text", "markdown", "html", "json");
        var output = CommonOptions.Output();
        var area = new Option<string?>("--area") { Description = "Only the provisions of this area (training, retention, disputes, liability, …)." };
        var inputs = new InputOptions();
        foreach (var o in new Option[] { format, output, area }) command.Options.Add(o);
        inputs.AddTo(command);

        command.SetAction(parse =>
        {
            var comparison = inputs.Compare(parse, rules, parse.GetValue(paths) ?? [], parse.GetValue(area), out var exit);
            if (comparison is null) return exit;
            var text = parse.GetValue(format) switch
            {
                "json" => CompareJsonWriter.Write(comparison),
                "markdown" => CompareMarkdownWriter.Write(comparison),
                "html" => CompareHtmlWriter.Write(comparison),
                _ => CompareTextWriter.Write(comparison),
            };
            if (parse.GetValue(output) is { } target) File.WriteAllText(target, text);
            else parse.Out().Write(text);
            return exit;
        });
        return command;
    }
}

/// <summary>Inputs of <c>compare</c> and <c>site</c>: which documents, read as which service and type, analysed with which rules.</summary>
internal sealed class InputOptions
{
    public Option<string?> Service { get; } = new("--service") { Description = "Service name for every document (default: from a SERVICE/DOC-TYPE/DATE.ext path)." };
    public Option<string?> DocType { get; } = new("--doc-type") { Description = "Document type for every document (default: from the path)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Service);
        command.Options.Add(DocType);
    }

    /// <summary>
    /// Loads the rules, picks the newest documents and compares them. Returns null with the exit code when
    /// there is nothing to compare; otherwise the exit code is 2 when some document could not be read (it is
    /// reported, and the others are still compared).
    /// </summary>
    /// <param name="exclude">A folder whose files are never inputs (the site being written, when it lies inside the input).</param>
    public Comparison? Compare(ParseResult parse, RuleSetOptions ruleOptions, string[] paths, string? area, out int exit, string? exclude = null)
    {
        if (ruleOptions.LoadWithoutErrors(parse) is not { } set)
        {
            exit = ExitCodes.RuleErrors;
            return null;
        }
        if (area is not null && !ComparisonBuilder.KnownAreas(set).Contains(area))
            throw new UsageException($"--area: '{area}' is not an area (one of: {string.Join(", ", ComparisonBuilder.KnownAreas(set))})");

        var service = parse.GetValue(Service);
        var docType = parse.GetValue(DocType);
        var files = AnalyzeCommand.CollectFiles(paths);
        if (exclude is not null)
        {
            var prefix = Path.GetFullPath(exclude).TrimEnd('/') + "/";
            files = files.Where(f => !Path.GetFullPath(f).StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }
        if (files.Count == 0) throw new UsageException($"no documents (.md, .html, .htm, .txt) found in {string.Join(", ", paths)}");
        var inputs = ComparisonBuilder.SelectNewest(files, service, docType);
        var runner = new AnalysisRunner(set, new AnalysisOptions { Service = service, DocType = docType, SizeLimitHint = "only 'analyze --max-document-mb' raises it" });
        var comparison = ComparisonBuilder.Run(runner, inputs, area);

        exit = ExitCodes.Ok;
        foreach (var d in comparison.Documents)
        {
            foreach (var diagnostic in d.Analysis.Diagnostics.Where(x => x.Severity >= Severity.Warning))
                parse.Err().WriteLine(diagnostic.ToString());
            if (d.Analysis.Failed) exit = ExitCodes.UsageOrInput;
        }
        return comparison;
    }
}
