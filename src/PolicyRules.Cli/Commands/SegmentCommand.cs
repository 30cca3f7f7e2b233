using System.CommandLine;
using PolicyRules.Documents;
using PolicyRules.Reporting;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules segment PATH... [--format text|json] [--tokens]</c>: what the engine sees in a document.</summary>
public static class SegmentCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Policy documents (.md, .html, .txt; other files are sniffed), or folders of them.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = CommonOptions.Format("text", "json");
        var tokens = new Option<bool>("--tokens") { Description = "Also list every token with its normalised form, stem and flags." };
        var command = new Command("segment", "Show how a document is segmented: sections, blocks, sentences, negation, exceptions and entities.")
        {
            paths, format, tokens,
        };
        command.SetAction(parse =>
        {
            var inputs = parse.GetValue(paths) ?? [];
            if (inputs.Length == 0) throw new UsageException("segment: missing PATH (a policy document or a folder of them)");
            var files = AnalyzeCommand.CollectFiles(inputs); // the same files 'analyze' reads
            var documents = new List<PolicyDocument>(files.Count);
            foreach (var file in files)
            {
                try
                {
                    documents.Add(DocumentLoader.Load(file));
                }
                catch (DocumentLoadException e)
                {
                    parse.Err().WriteLine($"policyrules: {e.Diagnostic}");
                    return ExitCodes.UsageOrInput;
                }
            }
            var output = parse.Out();
            foreach (var d in documents)
                foreach (var diagnostic in d.Diagnostics)
                    parse.Err().WriteLine(diagnostic.ToString());
            if (parse.GetValue(format) == "json") output.Write(SegmentWriter.Json(documents, parse.GetValue(tokens)));
            else SegmentWriter.WriteText(output, documents, parse.GetValue(tokens));
            return ExitCodes.Ok;
        });
        return command;
    }
}
