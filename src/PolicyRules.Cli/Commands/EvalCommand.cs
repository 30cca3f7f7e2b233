using System.CommandLine;
using PolicyRules.Evaluation;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules eval FILE.tsv</c>: precision, recall and F1 per key on labelled text.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Measure the rules on labelled passages (id, text, keys, note) or sentences (doc, sentence_id, text, keys).");
        var file = new Argument<string>("file") { Description = "A labelled .tsv file." };
        var lexglue = new Option<bool>("--lexglue") { Description = "Also print LexGLUE-style scores (CLAUDETTE's eight keys plus a no-label column)." };
        var errors = new Option<bool>("--errors") { Description = "List false alarms (with the rules that fired) and misses (with the rule that came nearest and what failed)." };
        var split = new Option<string?>("--split") { Description = "Score one half only: 'tune' (the text rules are tuned on) or 'check' (the text they are not). Groups come from splits.tsv beside the file." };
        split.AcceptOnlyFromAmong("tune", "check");
        var splits = new Option<string?>("--splits") { Description = "The splits file (file, group, split) instead of splits.tsv beside the labelled file." };
        var minSupport = new Option<int>("--min-support") { Description = "Macro averages count the keys with at least this many positives (default 1).", DefaultValueFactory = _ => 1 };
        command.Arguments.Add(file);
        command.Options.Add(lexglue);
        command.Options.Add(errors);
        command.Options.Add(split);
        command.Options.Add(splits);
        command.Options.Add(minSupport);
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UsageException($"'{path}' does not exist");
            if (rules.LoadWithoutErrors(parse) is not { } set) return ExitCodes.RuleErrors;
            EvaluationResult result;
            var options = new EvaluationOptions
            {
                LexGlue = parse.GetValue(lexglue), Split = parse.GetValue(split), SplitsFile = parse.GetValue(splits),
                MinSupport = parse.GetValue(minSupport), ExplainMisses = parse.GetValue(errors),
            };
            try { result = Evaluator.Evaluate(path, set, options); }
            catch (InvalidDataException e) { throw new UsageException(e.Message); }
            parse.Out().Write(Evaluator.Format(result, parse.GetValue(lexglue), parse.GetValue(errors)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
