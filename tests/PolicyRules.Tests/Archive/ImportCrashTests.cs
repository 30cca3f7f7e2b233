using Xunit;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PolicyRules.Archive;
using PolicyRules.Cli;
using PolicyRules.Tests.Support;

namespace PolicyRules.Tests.Archive;

/// <summary>A process killed in the middle of an import leaves a consistent archive, and a rerun completes it.</summary>
[Trait("Category", "Cli")] // also run against the native executable by .ci/run
public class ImportCrashTests
{
    [Fact]
    public void Killed_import_leaves_a_consistent_database_and_a_rerun_imports_every_version_once()
    {
        using var dir = new TempDir();
        var corpus = Path.Combine(dir.Path, "corpus");
        var total = 0;
        foreach (var folder in new[] { "zoom/terms-of-service", "linkedin/privacy-policy" })
        {
            var target = Path.Combine(corpus, folder);
            Directory.CreateDirectory(target);
            foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.Corpus, folder)))
            {
                File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
                total++;
            }
        }
        var ruleArgs = ArchiveTestKit.RuleArgs(dir);

        var cli = typeof(CliApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "archive", "import", corpus, "--db", dir.Db }.Concat(ruleArgs)) start.ArgumentList.Add(a);
        // Long enough between commits that the kill lands after the first version and before the last.
        start.Environment["POLICYRULES_TEST_IMPORT_PAUSE_MS"] = "5000";
        start.Environment["POLICYRULES_DEBUG"] = "1";
        using (var child = Process.Start(start)!)
        {
            var output = new System.Text.StringBuilder();
            child.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            child.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            var watch = Stopwatch.StartNew();
            while (CommittedVersions(dir.Db) == 0)
            {
                Assert.False(child.HasExited, "the import ended before it could be killed: " + output);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "no version was committed within 60 s: " + output);
                Thread.Sleep(50);
            }
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        int partial;
        SqliteConnection.ClearAllPools();
        using (var store = SqliteArchiveStore.Open(dir.Db))
        {
            Assert.Equal("ok", store.IntegrityCheck());
            partial = store.ListDocuments().Sum(d => d.Versions);
            Assert.True(partial >= 1 && partial < total, $"{partial} of {total} versions after the kill");
        }

        var rerun = Cli.CliRunner.Run(new[] { "archive", "import", corpus, "--db", dir.Db }.Concat(ruleArgs).ToArray());
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains($"{partial} already archived", rerun.Out);
        using var done = SqliteArchiveStore.Open(dir.Db);
        Assert.Equal("ok", done.IntegrityCheck());
        var versions = done.ListDocuments().SelectMany(d => done.Versions(d.Service, d.DocType)).ToList();
        Assert.Equal(total, versions.Count + versions.Sum(v => v.Verified.Count));
        Assert.Equal(versions.Count, versions.Select(v => (v.Service, v.DocType, v.Date)).Distinct().Count());
    }

    [Fact]
    public void Two_processes_importing_into_one_archive_at_once()
    {
        using var dir = new TempDir();
        var ruleArgs = ArchiveTestKit.RuleArgs(dir);
        var trees = new[] { "a", "b" }.Select(name =>
        {
            foreach (var (date, text) in new[] { ("2025-01-01", ArchiveTestKit.V1), ("2025-02-01", ArchiveTestKit.V2), ("2025-03-01", ArchiveTestKit.V3) })
                dir.Write(Path.Combine(name, "svc-" + name, "privacy-policy", date + ".md"), text);
            return Path.Combine(dir.Path, name);
        }).ToList();
        var children = trees.Select(tree =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { typeof(CliApp).Assembly.Location, "archive", "import", tree, "--db", dir.Db }.Concat(ruleArgs)) start.ArgumentList.Add(a);
            return Process.Start(start)!;
        }).ToList();
        foreach (var child in children)
        {
            // Read both pipes so that a full pipe never stalls the child.
            var err = child.StandardError.ReadToEndAsync();
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            Assert.True(child.ExitCode == 0, output + err.Result);
            child.Dispose();
        }
        using var store = SqliteArchiveStore.Open(dir.Db);
        Assert.Equal("ok", store.IntegrityCheck());
        Assert.Equal(new[] { 3, 3 }, store.ListDocuments().Select(d => d.Versions));
    }

    /// <summary>Versions committed so far, read as another process would (0 while the file or table is not there yet).</summary>
    private static long CommittedVersions(string db)
    {
        if (!File.Exists(db)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={db};Mode=ReadWrite;Pooling=False;Default Timeout=5");
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM versions";
            return (long)cmd.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }
}
