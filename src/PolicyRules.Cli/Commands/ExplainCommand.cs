using System.CommandLine;
using PolicyRules.Documents;
using PolicyRules.Matching;
using PolicyRules.Reporting;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules explain PATH --rule ID</c>: why a rule matched, or why it did not.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var command = new Command("explain", "Show, unit by unit, which part of a rule's pattern held where and why a near miss failed.");
        var path = new Argument<string>("path") { Description = "The document to explain." };
        var ruleId = new Option<string>("--rule") { Description = "The rule id, e.g. TRN003.", Required = true };
        var tokens = new Option<bool>("--tokens") { Description = "Also print every sentence of each candidate unit as tokens." };
        command.Arguments.Add(path);
        command.Options.Add(ruleId);
        command.Options.Add(tokens);
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            var set = rules.Load(parse);
            foreach (var d in set.Diagnostics.Where(d => d.IsError)) parse.Err().WriteLine(d.ToString());
            var id = parse.GetValue(ruleId)!;
            var rule = set.FindRule(id)
                ?? throw new UsageException($"no rule '{id}' in the rule set" + (Diagnostics.Spelling.Closest(id, set.Rules.Select(r => r.Id)) is { } s ? $"; did you mean '{s}'?" : ""));
            var file = parse.GetValue(path)!;
            PolicyDocument document;
            try { document = DocumentLoader.Load(file); }
            catch (DocumentLoadException e) { throw new UsageException(e.Diagnostic.ToString()); }
            parse.Out().Write(ExplainWriter.Write(new Analyzer(set), document, rule, parse.GetValue(tokens)));
            return set.HasErrors ? ExitCodes.RuleErrors : ExitCodes.Ok;
        });
        return command;
    }
}
