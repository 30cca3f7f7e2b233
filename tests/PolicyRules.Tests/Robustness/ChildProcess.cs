using System.Diagnostics;

namespace PolicyRules.Tests.Robustness;

/// <summary>Runs the real <c>policyrules</c> command as a child process, measuring wall time and peak memory.</summary>
public static class ChildProcess
{
    public sealed record Result(int ExitCode, string Out, string Err, TimeSpan Elapsed, long PeakBytes);

    public static Result RunCli(TimeSpan timeout, params string[] args)
    {
        // The native executable when the tests are given one (see CliRunner), else the JIT build beside the tests.
        var native = Cli.CliRunner.Executable;
        var info = new ProcessStartInfo(native ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (native is null) info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "policyrules.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(50))
        {
            peak = Math.Max(peak, PeakOf(process));
            if (watch.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"policyrules {string.Join(' ', args)} ran longer than {timeout}");
            }
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed, peak);
    }

    /// <summary>The kernel's high-water mark of the process's resident memory (VmHWM).</summary>
    private static long PeakOf(Process process)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }
}
