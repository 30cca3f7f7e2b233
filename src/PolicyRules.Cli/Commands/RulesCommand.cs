using System.CommandLine;
using PolicyRules.Binding;
using PolicyRules.Diagnostics;
using PolicyRules.Reporting;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules rules</c>: list the rules of the rule set (contract in docs/contracts.md).</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "List the rules: id, title, provision, severity, scope, examples and where each is declared.");
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        var format = CommonOptions.Format("text", "json", "terms");
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var set = rules.Load(parse);
            foreach (var diagnostic in set.Diagnostics.Where(d => d.Severity >= Severity.Warning))
                parse.Err().WriteLine(diagnostic.ToString());
            var ordered = set.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            switch (parse.GetValue(format))
            {
                case "json": parse.Out().Write(RuleListWriter.ToJson(ordered)); break;
                case "terms": WriteTerms(parse.Out(), set); break;
                default: WriteText(parse.Out(), ordered); break;
            }
            return set.HasErrors ? ExitCodes.RuleErrors : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Every phrase of every lexicon, one per line, for a keyword scan (<c>rg -F -f</c>) over the
    /// same text: a phrase with <c>*</c> gaps contributes its longest fixed part.
    /// </summary>
    private static void WriteTerms(TextWriter output, CompiledRuleSet set)
    {
        var terms = set.Lexicons.SelectMany(l => l.Phrases)
            .Select(p => p.Text.Split(" * ").OrderByDescending(part => part.Length).First().Trim())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(t => t, StringComparer.Ordinal);
        foreach (var term in terms) output.WriteLine(term);
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
