using System.CommandLine;
using PolicyRules.Evaluation;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules suggest KEY --from FILE.tsv</c>: candidate phrases and pairs mined from the misses of one key.</summary>
internal static class SuggestCommand
{
    public static Command Create()
    {
        var command = new Command("suggest", "Mine the labelled sentences the rules miss for one key: candidate lexicon phrases and 'A near B' pairs, each with the misses it would catch and the false alarms it would add.");
        var key = new Argument<string>("key") { Description = "A provision key of the taxonomy, e.g. disputes.arbitration." };
        var from = new Option<string>("--from") { Description = "A labelled .tsv file (the layouts of 'eval').", Required = true };
        var split = new Option<string?>("--split") { Description = "The half to mine: 'tune' (default when splits.tsv beside the file names it) or 'check'." };
        split.AcceptOnlyFromAmong("tune", "check");
        var top = new Option<int>("--top") { Description = "How many phrases and pairs to list (default 20).", DefaultValueFactory = _ => 20 };
        command.Arguments.Add(key);
        command.Options.Add(from);
        command.Options.Add(split);
        command.Options.Add(top);
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(from)!;
            if (!File.Exists(path)) throw new UsageException($"'{path}' does not exist");
            var provision = parse.GetValue(key)!;
            if (Binding.Taxonomy.Find(provision) is null)
                throw new UsageException($"'{provision}' is not a provision key of the taxonomy" + (Diagnostics.Spelling.Closest(provision, Binding.Taxonomy.All.Select(k => k.Key)) is { } s ? $"; did you mean '{s}'?" : ""));
            if (rules.LoadWithoutErrors(parse) is not { } set) return ExitCodes.RuleErrors;
            // Mining the tuning half is the default where a split exists: the checking half stays unread.
            var half = parse.GetValue(split) ?? (Evaluator.HasDefaultSplits(path) ? "tune" : null);
            EvaluationResult result;
            try { result = Evaluator.Evaluate(path, set, new EvaluationOptions { Split = half }); }
            catch (InvalidDataException e) { throw new UsageException(e.Message); }
            var report = RuleSuggester.Suggest(result, provision, Math.Max(1, parse.GetValue(top)));
            parse.Out().Write(RuleSuggester.Format(report, half));
            return ExitCodes.Ok;
        });
        return command;
    }
}
