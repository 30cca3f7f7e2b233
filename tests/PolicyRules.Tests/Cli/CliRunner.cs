using System.Diagnostics;
using PolicyRules.Cli;

namespace PolicyRules.Tests.Cli;

/// <summary>
/// Runs the <c>policyrules</c> command and captures what it prints: in-process, or, when
/// <c>POLICYRULES_CLI_EXE</c> names a published executable (the native build <c>.ci/run</c> makes),
/// as a child process, so that every CLI test also checks what users install.
/// </summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err);

    /// <summary>The published executable the tests run, or null to run in-process.</summary>
    public static string? Executable { get; } = Environment.GetEnvironmentVariable("POLICYRULES_CLI_EXE") is { Length: > 0 } exe ? Path.GetFullPath(exe) : null;

    public static Result Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (for <c>-</c> path lists).</summary>
    public static Result RunWithInput(string? stdin, params string[] args)
    {
        if (Executable is not null) return RunProcess(Executable, stdin, args);
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, stdout, stderr, stdin is null ? null : new StringReader(stdin));
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    private static Result RunProcess(string exe, string? stdin, string[] args)
    {
        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"policyrules {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
