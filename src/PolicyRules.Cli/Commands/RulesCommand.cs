using System.CommandLine;
using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Reporting;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules rules</c>: list the rules of the rule set (contract in design.md).</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "List the rules: id, title, provision, severity, scope, examples and where each is declared.");
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        var format = CommonOptions.Format("text", "json");
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var set = rules.Load(parse);
            foreach (var diagnostic in set.Diagnostics.Where(d => d.Severity >= Severity.Warning))
                parse.Err().WriteLine(diagnostic.ToString());
            var ordered = set.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            if (parse.GetValue(format) == "json") parse.Out().Write(RuleListWriter.ToJson(ordered));
            else WriteText(parse.Out(), ordered);
            return set.HasErrors ? ExitCodes.RuleErrors : ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(TextWriter output, IReadOnlyList<CompiledRule> rules)
    {
        var idWidth = rules.Select(r => r.Id.Length).DefaultIfEmpty(2).Max();
        var keyWidth = rules.Select(r => r.Provision.Key.Length).DefaultIfEmpty(9).Max();
        foreach (var rule in rules)
            output.WriteLine($"{rule.Id.PadRight(idWidth)}  {rule.Severity.ToName(),-7}  {rule.Scope.ToString().ToLowerInvariant(),-8}  {rule.Provision.Key.PadRight(keyWidth)}  {rule.Title}  ({rule.File}:{rule.Line})");
        output.WriteLine($"{CheckCommand.Plural(rules.Count, "rule")}.");
    }
}
