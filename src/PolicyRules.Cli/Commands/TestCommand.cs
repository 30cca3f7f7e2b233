using System.CommandLine;
using PolicyRules.Analysis;
using PolicyRules.Evaluation;

namespace PolicyRules.Cli.Commands;

/// <summary>
/// <c>policyrules test</c>: every rule's examples must match and its counter-examples must not; with
/// <c>--snapshots DIR</c>, the findings and summaries of every document below DIR must equal their
/// golden <c>*.verified.md</c> files (<c>--accept</c> rewrites them).
/// </summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var command = new Command("test", "Run every rule's inline examples and counter-examples, and compare documents' findings with golden *.verified.md files.");
        var rules = new RuleSetOptions();
        rules.AddTo(command);
        var snapshots = new Option<string[]>("--snapshots") { Description = "A folder of documents whose findings and summaries are compared with golden files. Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var golden = new Option<string?>("--golden") { Description = "Where the golden files are (mirroring the document folder); default: beside each document." };
        var accept = new Option<bool>("--accept") { Description = "Rewrite the golden files with what the rules find now." };
        command.Options.Add(snapshots);
        command.Options.Add(golden);
        command.Options.Add(accept);
        command.SetAction(parse =>
        {
            if (rules.LoadWithoutErrors(parse) is not { } set) return ExitCodes.RuleErrors;
            var output = parse.Out();
            var runner = new AnalysisRunner(set);
            var results = RuleTester.Run(set, runner.Analyzer);
            foreach (var failure in results.Where(r => !r.Passed)) output.WriteLine(failure.Failure);
            var examples = results.Count(r => !r.Example.IsCounter);
            var counters = results.Count - examples;
            var failed = results.Count(r => !r.Passed);
            output.WriteLine($"{examples} examples and {counters} counter-examples of {set.Rules.Count} rules: {results.Count - failed} passed, {failed} failed.");

            var snapshotFailures = 0;
            foreach (var folder in parse.GetValue(snapshots) ?? Array.Empty<string>())
            {
                if (!Directory.Exists(folder)) throw new UsageException($"snapshot folder '{folder}' does not exist");
                var files = DocumentDiscovery.CollectFiles(new[] { folder })
                    .Where(f => !f.EndsWith(".verified.md", StringComparison.Ordinal) && !f.EndsWith(".received.md", StringComparison.Ordinal)).ToList();
                var counts = new Dictionary<SnapshotStatus, int>();
                var todos = 0;
                foreach (var analysis in runner.Stream(files))
                {
                    var relative = Path.GetRelativePath(folder, analysis.Info.Path).Replace('\\', '/');
                    var goldenPath = Snapshots.GoldenPath(analysis.Info.Path, folder, parse.GetValue(golden));
                    var result = Snapshots.Check(analysis.Info.Path, goldenPath, Snapshots.Render(analysis, relative), parse.GetValue(accept));
                    counts[result.Status] = counts.GetValueOrDefault(result.Status) + 1;
                    todos += result.Todos.Count;
                    foreach (var todo in result.Todos) output.WriteLine($"{goldenPath}: known gap {todo.Trim()}");
                    if (result.Status is SnapshotStatus.Changed or SnapshotStatus.Missing)
                    {
                        snapshotFailures++;
                        output.WriteLine($"{goldenPath}: error SNAPSHOT: findings of {relative} differ from the golden file (new version in {Snapshots.ReceivedPath(goldenPath)})");
                        output.Write(result.Diff);
                        if (result.Status == SnapshotStatus.Missing) output.WriteLine("  run with --accept to create it");
                    }
                }
                output.WriteLine($"Snapshots in {folder}: {counts.GetValueOrDefault(SnapshotStatus.Matched)} matched, "
                    + $"{counts.GetValueOrDefault(SnapshotStatus.Accepted) + counts.GetValueOrDefault(SnapshotStatus.Created)} accepted, "
                    + $"{counts.GetValueOrDefault(SnapshotStatus.Changed) + counts.GetValueOrDefault(SnapshotStatus.Missing)} failed, {todos} known gaps.");
            }
            return failed + snapshotFailures > 0 ? ExitCodes.RuleErrors : ExitCodes.Ok;
        });
        return command;
    }
}
