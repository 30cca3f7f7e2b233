using System.CommandLine;
using PolicyRules.Reporting;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules eval FILE.tsv</c>: precision, recall and F1 per key on labelled text.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Measure the rules on labelled passages (id, text, keys, note) or sentences (doc, sentence_id, text, keys).");
        var file = new Argument<string>("file") { Description = "A labelled .tsv file." };
        var lexglue = new Option<bool>("--lexglue") { Description = "Also print LexGLUE-style scores (CLAUDETTE's eight keys plus a no-label column)." };
        var errors = new Option<bool>("--errors") { Description = "List false positives and false negatives with their text." };
        command.Arguments.Add(file);
        command.Options.Add(lexglue);
        command.Options.Add(errors);
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UsageException($"'{path}' does not exist");
            var set = rules.Load(parse);
            if (set.HasErrors)
            {
                foreach (var d in set.Diagnostics.Where(d => d.IsError)) parse.Err().WriteLine(d.ToString());
                return ExitCodes.RuleErrors;
            }
            EvaluationResult result;
            try { result = Evaluator.Evaluate(path, set, parse.GetValue(lexglue)); }
            catch (InvalidDataException e) { throw new UsageException(e.Message); }
            parse.Out().Write(Evaluator.Format(result, parse.GetValue(lexglue), parse.GetValue(errors)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
