using System.CommandLine;
using PolicyRules.Cli.Commands;

namespace PolicyRules.Cli;

/// <summary>Exit codes of every command (docs/contracts.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Rule errors, or findings at the <c>--fail-on</c> severity.</summary>
    public const int RuleErrors = 1;
    /// <summary>Usage errors or unreadable input.</summary>
    public const int UsageOrInput = 2;
}

/// <summary>A failure the user caused (bad path, bad option value): one line on stderr, exit 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The <c>policyrules</c> command: a thin shell over the library.</summary>
public static class CliApp
{
    /// <summary>Standard input of the running command (tests give their own; null means the console's).</summary>
    internal static TextReader Input => _input.Value ?? Console.In;
    private static readonly AsyncLocal<TextReader?> _input = new();

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null)
    {
        _input.Value = stdin;
        var root = new RootCommand("PolicyRules: find, quote, explain and compare provisions in privacy policies and terms of service.");
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(TestCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(SuggestCommand.Create());
        root.Subcommands.Add(SegmentCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(ArchiveCommand.Create());
        root.Subcommands.Add(TimelineCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(SiteCommand.Create());


        if (args.Length == 0)
        {
            // No command: show what there is, as a usage error.
            root.Parse(new[] { "--help" }).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
            return ExitCodes.UsageOrInput;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                stderr.WriteLine($"policyrules: {error.Message}");
            stderr.WriteLine("Run 'policyrules --help' for usage.");
            return ExitCodes.UsageOrInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"policyrules: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
        catch (PolicyRules.Archive.ArchiveException e)
        {
            stderr.WriteLine($"policyrules: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
        catch (System.Data.Common.DbException e)
        {
            // A damaged archive met after it was opened: still one line, never a stack trace.
            stderr.WriteLine($"policyrules: the archive database failed: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"policyrules: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"policyrules: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
        catch (Exception e)
        {
            // A bug of ours: still one line, never a stack trace (set POLICYRULES_DEBUG=1 to see it).
            stderr.WriteLine($"policyrules: internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("POLICYRULES_DEBUG") == "1") stderr.WriteLine(e);
            return ExitCodes.UsageOrInput;
        }
    }
}
