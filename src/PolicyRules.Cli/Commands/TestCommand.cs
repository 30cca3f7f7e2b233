using System.CommandLine;
using PolicyRules.Diagnostics;
using PolicyRules.Matching;
using PolicyRules.Reporting;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules test</c>: every rule's examples must match and its counter-examples must not.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var command = new Command("test", "Run every rule's inline examples (must match, at the marked span) and counter-examples (must not match).");
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            var set = rules.Load(parse);
            var output = parse.Out();
            if (set.HasErrors)
            {
                foreach (var d in set.Diagnostics.Where(d => d.Severity >= Severity.Warning)) output.WriteLine(d.ToString());
                output.WriteLine("The rules have errors; no example was run.");
                return ExitCodes.RuleErrors;
            }
            var results = RuleTester.Run(set, new Analyzer(set));
            foreach (var failure in results.Where(r => !r.Passed)) output.WriteLine(failure.Failure);
            var examples = results.Count(r => !r.Example.IsCounter);
            var counters = results.Count - examples;
            var failed = results.Count(r => !r.Passed);
            output.WriteLine($"{examples} examples and {counters} counter-examples of {set.Rules.Count} rules: {results.Count - failed} passed, {failed} failed.");
            return failed > 0 ? ExitCodes.RuleErrors : ExitCodes.Ok;
        });
        return command;
    }
}
