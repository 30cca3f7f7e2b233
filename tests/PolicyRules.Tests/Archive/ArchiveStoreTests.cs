using Xunit;
using System.Text;
using Microsoft.Data.Sqlite;
using PolicyRules.Archive;
using PolicyRules.Changes;
using PolicyRules.Tests.Changes;
using PolicyRules.Indexing;

namespace PolicyRules.Tests.Archive;

public class ArchiveStoreTests
{
    private static AddResult Add(IArchiveStore store, string text, string date, string docType = "privacy-policy") =>
        new ArchiveIndexer(store, ChangeTestKit.Analyzer).Add(Encoding.UTF8.GetBytes(text), date + ".md", "example-ai", docType, date, "test");

    [Fact]
    public void Same_bytes_twice_is_a_no_op_and_a_later_identical_text_is_a_verification()
    {
        using var dir = new TempDir();
        using var store = SqliteArchiveStore.Open(dir.Db);
        Assert.Equal(AddOutcome.Added, Add(store, ArchiveTestKit.V1, "2025-01-01").Outcome);
        Assert.Equal(AddOutcome.Unchanged, Add(store, ArchiveTestKit.V1, "2025-01-01").Outcome);
        // Reflowed lines and other whitespace: the same version.
        Assert.Equal(AddOutcome.Verified, Add(store, ArchiveTestKit.V1.Replace("for 30", "for\n30"), "2025-02-01").Outcome);
        var version = Assert.Single(store.Versions("example-ai", "privacy-policy"));
        Assert.Equal(new[] { "2025-02-01" }, version.Verified);
    }

    [Fact]
    public void Changes_are_recorded_and_a_backfill_recomputes_them()
    {
        using var dir = new TempDir();
        using var store = SqliteArchiveStore.Open(dir.Db);
        Add(store, ArchiveTestKit.V1, "2025-01-01");
        var third = Add(store, ArchiveTestKit.V3, "2025-03-01");
        Assert.Equal("changed retention.period", string.Join(";", third.ChangeSets.Single().Changes.Select(c => $"{c.KindName} {c.Provision}")));

        // Backfill V2 between them: changes before and after it are recomputed.
        var second = Add(store, ArchiveTestKit.V2, "2025-02-01");
        Assert.Equal(AddOutcome.Added, second.Outcome);
        var timeline = new ArchiveIndexer(store, ChangeTestKit.Analyzer).Timeline("example-ai");
        Assert.Equal(new[] { "2025-01-01", "2025-02-01", "2025-03-01" }, timeline.Select(e => e.Version.Date));
        Assert.Empty(timeline[0].Changes);
        Assert.Equal("changed retention.period;added training.user-content", Kinds(timeline[1]));
        Assert.Equal("removed training.user-content", Kinds(timeline[2]));
        Assert.Equal("2025-02-01", timeline[2].PreviousDate);
    }

    private static string Kinds(TimelineEntry e) => string.Join(";", e.Changes.Select(c => $"{c.KindName} {c.Provision}"));

    [Fact]
    public void A_different_text_for_an_archived_date_is_refused_and_nothing_is_overwritten()
    {
        using var dir = new TempDir();
        using var store = SqliteArchiveStore.Open(dir.Db);
        Add(store, ArchiveTestKit.V1, "2025-01-01");
        var e = Assert.Throws<ArchiveException>(() => Add(store, ArchiveTestKit.V2, "2025-01-01"));
        Assert.Contains("already has a different version dated 2025-01-01", e.Message);
        Assert.Equal(ArchiveTestKit.V1, Encoding.UTF8.GetString(store.ReadContent(store.Versions("example-ai", "privacy-policy")[0].Id)));
    }

    [Fact]
    public void Registry_ids_survive_later_versions_while_the_provision_is_unchanged()
    {
        using var dir = new TempDir();
        using var store = SqliteArchiveStore.Open(dir.Db);
        Add(store, ArchiveTestKit.V1, "2025-01-01");
        Add(store, ArchiveTestKit.V2, "2025-02-01");
        var before = new ArchiveIndexer(store, ChangeTestKit.Analyzer).Registry();
        Add(store, ArchiveTestKit.V2.Replace("\n\nWe may", "\nWe  may"), "2025-03-01"); // same text: a verification
        Add(store, ArchiveTestKit.V3, "2025-04-01");
        var after = new ArchiveIndexer(store, ChangeTestKit.Analyzer).Registry();
        var retention5 = after.Single(p => p.Provision == "retention.period" && p.Captures["period"][0] == "5 years");
        Assert.Equal(before.Single(p => p.Provision == "retention.period" && p.Captures["period"][0] == "5 years").Id, retention5.Id);
        Assert.Equal("2025-02-01", retention5.FirstSeen);
        Assert.Equal("2025-04-01", retention5.LastSeen);
        Assert.Equal(new[] { "2025-02-01", "2025-04-01" }, retention5.Versions);
        var training = after.Single(p => p.Provision == "training.user-content");
        Assert.Equal(("2025-02-01", "2025-03-01"), (training.FirstSeen, training.LastSeen));
        Assert.Matches(@"^PV-\d{6}$", training.DisplayId);
        Assert.Equal(3, after.Count);
    }

    [Fact]
    public void A_light_rewording_keeps_the_registry_id_but_is_reported_as_changed()
    {
        using var dir = new TempDir();
        using var store = SqliteArchiveStore.Open(dir.Db);
        const string before = "# P\n\nWe retain your conversations for 30 days after you close your account with us, as described in section (1) of these terms.\n";
        Add(store, before, "2025-01-01");
        var id = Assert.Single(new ArchiveIndexer(store, ChangeTestKit.Analyzer).Registry()).Id;
        var result = Add(store, before.Replace("(1)", "(i)"), "2025-02-01");
        Assert.Equal(ChangeKind.Changed, Assert.Single(result.ChangeSets.Single().Changes).Kind);
        var instance = Assert.Single(new ArchiveIndexer(store, ChangeTestKit.Analyzer).Registry());
        Assert.Equal(id, instance.Id);
        Assert.Equal(new[] { "2025-01-01", "2025-02-01" }, instance.Versions);
    }

    [Fact]
    public void A_backfill_keeps_registry_ids()
    {
        using var dir = new TempDir();
        using var store = SqliteArchiveStore.Open(dir.Db);
        Add(store, ArchiveTestKit.V2, "2025-02-01");
        Add(store, ArchiveTestKit.V3, "2025-03-01");
        var before = new ArchiveIndexer(store, ChangeTestKit.Analyzer).Registry().ToDictionary(p => p.Id, p => p.Provision);
        Add(store, ArchiveTestKit.V2, "2025-01-01"); // the same text seen earlier: the version moves back
        var after = new ArchiveIndexer(store, ChangeTestKit.Analyzer).Registry();
        Assert.Equal(before, after.ToDictionary(p => p.Id, p => p.Provision));
        var versions = store.Versions("example-ai", "privacy-policy");
        Assert.Equal(new[] { "2025-01-01", "2025-03-01" }, versions.Select(v => v.Date));
        Assert.Equal(new[] { "2025-02-01" }, versions[0].Verified);
        Assert.Equal("2025-01-01", after.Single(p => p.Provision == "training.user-content").FirstSeen);
    }

    [Fact]
    public void Schema_is_versioned_and_in_wal_mode()
    {
        using var dir = new TempDir();
        using (SqliteArchiveStore.Open(dir.Db)) { }
        using var db = new SqliteConnection($"Data Source={dir.Db};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA user_version";
        Assert.Equal(1L, cmd.ExecuteScalar());
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public void Two_writers_at_once_both_succeed_without_corruption()
    {
        using var dir = new TempDir();
        using (SqliteArchiveStore.Open(dir.Db)) { }
        var dates = Enumerable.Range(1, 6).Select(i => $"2025-01-{i:D2}").ToArray();
        var texts = new[] { ArchiveTestKit.V1, ArchiveTestKit.V2, ArchiveTestKit.V3 };
        var tasks = new[] { "privacy-policy", "terms-of-service" }.Select(type => Task.Run(() =>
        {
            using var store = SqliteArchiveStore.Open(dir.Db);
            for (var i = 0; i < dates.Length; i++) Add(store, texts[i % 3], dates[i], type);
        })).ToArray();
        Task.WaitAll(tasks);
        using var check = SqliteArchiveStore.Open(dir.Db);
        Assert.Equal("ok", check.IntegrityCheck());
        Assert.Equal(6, check.Versions("example-ai", "privacy-policy").Count);
        Assert.Equal(6, check.Versions("example-ai", "terms-of-service").Count);
    }
}
