using System.CommandLine;
using PolicyRules.Diagnostics;

namespace PolicyRules.Cli.Commands;

/// <summary><c>policyrules check</c>: compile the rule set and report every error in every file.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Compile the rules and report every error, compiler style. Exit 0 clean, 1 rule errors, 2 usage or unreadable input.");
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            var set = rules.Load(parse);
            var output = parse.Out();
            foreach (var diagnostic in set.Diagnostics) output.WriteLine(diagnostic.ToString());
            var errors = set.Diagnostics.Count(d => d.Severity == Severity.Error);
            var warnings = set.Diagnostics.Count(d => d.Severity == Severity.Warning);
            var files = set.Rules.Select(r => r.File).Concat(set.Diagnostics.Select(d => d.Location.Path)).Distinct().Count();
            output.WriteLine($"{Plural(errors, "error")}, {Plural(warnings, "warning")}; {Plural(set.Rules.Count, "rule")} compiled"
                             + (files > 0 ? $" from {Plural(files, "file")}" : "") + ".");
            return errors > 0 ? ExitCodes.RuleErrors : ExitCodes.Ok;
        });
        return command;
    }

    internal static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
