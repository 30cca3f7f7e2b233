using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PolicyRules.Changes;
using PolicyRules.Matching;
using PolicyRules.Analysis;

namespace PolicyRules.Archive;

/// <summary>A problem with the archive file itself (corrupt, foreign, newer schema) or a conflicting write: one line, naming the file.</summary>
public sealed class ArchiveException(string message, bool fileProblem = false) : Exception(message)
{
    /// <summary>The archive file itself is unusable (as opposed to one document or one write being refused).</summary>
    public bool IsFileProblem { get; } = fileProblem;
}

/// <summary>What adding a document did.</summary>
public enum AddOutcome
{
    /// <summary>A new version was stored and analysed.</summary>
    Added,
    /// <summary>The text equals the version before it: only the date it was seen again was recorded.</summary>
    Verified,
    /// <summary>The same text was already stored for this date: nothing was written.</summary>
    Unchanged,
}

/// <summary>The provision changes from one version of a document to the next (<see cref="OldDate"/> null for a first version).</summary>
public sealed record ChangeSet(string Service, string DocType, string? OldDate, string NewDate, string Sha256, IReadOnlyList<ProvisionChange> Changes);

/// <summary>What <see cref="ArchiveStore.Add"/> did with a document, and the change sets it recomputed.</summary>
/// <param name="Outcome">Whether a version was added, a version verified, or nothing written.</param>
/// <param name="Service">The document's service.</param>
/// <param name="DocType">The document's type.</param>
/// <param name="Date">The date it was added for.</param>
/// <param name="Sha256">The hash of its normalised text (what tells versions apart).</param>
/// <param name="ChangeSets">Change sets that the write created or changed (empty when nothing changed).</param>
public sealed record AddResult(AddOutcome Outcome, string Service, string DocType, string Date, string Sha256, IReadOnlyList<ChangeSet> ChangeSets);

/// <summary>A tracked document: one service's document of one type, over its versions.</summary>
/// <param name="Service">The service slug.</param>
/// <param name="DocType">The document type.</param>
/// <param name="Versions">How many versions are stored.</param>
/// <param name="FirstDate">The date of the oldest version.</param>
/// <param name="LastDate">The date of the newest version.</param>
/// <param name="LastVerified">The last date the newest text was seen again, or null.</param>
public sealed record ArchivedDocument(string Service, string DocType, int Versions, string FirstDate, string LastDate, string? LastVerified);

/// <summary>One stored version of a document.</summary>
/// <param name="Id">The version's row id (for <see cref="ArchiveStore.ReadContent"/>).</param>
/// <param name="DocumentId">The row id of its document.</param>
/// <param name="Service">The service slug.</param>
/// <param name="DocType">The document type.</param>
/// <param name="Date">The date the version was first seen.</param>
/// <param name="Sha256">The hash of its normalised text (what tells versions apart).</param>
/// <param name="ContentSha256">The hash of the stored bytes.</param>
/// <param name="FileName">The name of the file it was added from.</param>
/// <param name="Source">Where it came from (a path or URL).</param>
/// <param name="Verified">Later dates on which the same text was seen again.</param>
public sealed record ArchivedVersion(long Id, long DocumentId, string Service, string DocType, string Date, string Sha256, string ContentSha256, string FileName, string Source, IReadOnlyList<string> Verified);

/// <summary>A version in a timeline with the provision changes since the version before it.</summary>
public sealed record TimelineEntry(ArchivedVersion Version, string? PreviousDate, IReadOnlyList<ProvisionChange> Changes, int ProvisionCount);

/// <summary>A provision instance of the registry: one provision, the same in meaning across consecutive versions.</summary>
public sealed record ProvisionInstance(long Id, string Provision, string RuleId, string Service, string DocType, string FirstSeen, string LastSeen,
    string Excerpt, IReadOnlyDictionary<string, string[]> Captures, IReadOnlyList<string> Versions)
{
    /// <summary>The id as shown to users: <c>PV-</c> and six digits.</summary>
    public string DisplayId => $"PV-{Id:D6}";
}

/// <summary>The rules an archive analyses with, and the hash its stored analyses are filed under.</summary>
public sealed record ArchiveAnalyzer(AnalysisRunner Runner)
{
    /// <summary>The hash of the rule pack (<see cref="Binding.CompiledRuleSet.SourceHash"/>).</summary>
    public string PackHash => Runner.Rules.SourceHash;
}

/// <summary>
/// The SQLite archive: every version of every tracked document, its analyses (one per rule pack),
/// the change events between consecutive versions and the provision registry. Every write is one
/// transaction (BEGIN IMMEDIATE, retried while another process holds the lock), so a process killed
/// at any point leaves the previous consistent state. Not thread-safe: one store per thread.
/// </summary>
public sealed class ArchiveStore : IDisposable
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");
    private readonly SqliteConnection _db;

    /// <summary>The database file.</summary>
    public string Path { get; }

    private ArchiveStore(string path, SqliteConnection db)
    {
        Path = path;
        _db = db;
    }

    /// <summary>
    /// Opens (or, unless <paramref name="mustExist"/>, creates) an archive. A file that is not an SQLite
    /// database, or is another program's database, is refused and left untouched.
    /// </summary>
    public static ArchiveStore Open(string path, bool mustExist = false)
    {
        var exists = File.Exists(path);
        if (!exists && mustExist) throw new ArchiveException($"{path}: no archive there (add documents with 'archive add' or 'archive import')");
        if (exists) CheckHeader(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Pooled connections keep the file open after Dispose; an archive is opened once per command.
            Pooling = false,
            DefaultTimeout = 60,
        };
        var db = new SqliteConnection(builder.ToString());
        try
        {
            db.Open();
            var store = new ArchiveStore(path, db);
            store.Exec("PRAGMA busy_timeout = 10000");
            store.Validate(exists);
            store.Migrate();
            return store;
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new ArchiveException($"{path}: not a usable PolicyRules archive ({e.Message.TrimEnd('.')}); the file was left unchanged", fileProblem: true);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private static void CheckHeader(string path)
    {
        var header = new byte[16];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            read = stream.ReadAtLeast(header, 16, throwOnEndOfStream: false);
        // An empty file is what SQLite itself would create: treat it as a new archive.
        if (read == 0) return;
        if (read < 16 || !header.AsSpan().SequenceEqual(SqliteHeader))
            throw new ArchiveException($"{path}: not a PolicyRules archive (not an SQLite database); the file was left unchanged", fileProblem: true);
    }

    private void Validate(bool existed)
    {
        // One read transaction: another process creating the archive at this moment commits its tables
        // and its application id together, so reading them apart could see the tables without the id.
        int appId, version;
        long tables;
        Exec("BEGIN");
        try
        {
            appId = Convert.ToInt32(Scalar("PRAGMA application_id"));
            version = Convert.ToInt32(Scalar("PRAGMA user_version"));
            tables = Convert.ToInt64(Scalar("SELECT count(*) FROM sqlite_master"));
        }
        finally { Exec("COMMIT"); }
        if (appId == ArchiveSchema.ApplicationId)
        {
            if (version > ArchiveSchema.Migrations.Length)
                throw new ArchiveException($"{Path}: archive schema version {version} is newer than this program knows ({ArchiveSchema.Migrations.Length}); the file was left unchanged", fileProblem: true);
            return;
        }
        if (appId != 0 || tables > 0 || (existed && version != 0))
            throw new ArchiveException($"{Path}: an SQLite database of another program, not a PolicyRules archive; the file was left unchanged", fileProblem: true);
    }

    private void Migrate()
    {
        var version = Convert.ToInt32(Scalar("PRAGMA user_version"));
        if (version == ArchiveSchema.Migrations.Length)
        {
            Exec("PRAGMA journal_mode = WAL");
            Exec("PRAGMA foreign_keys = ON");
            return;
        }
        // WAL must be switched outside a transaction; it persists in the file.
        Exec("PRAGMA journal_mode = WAL");
        Exec("PRAGMA foreign_keys = ON");
        Write(() =>
        {
            // Re-read inside the lock: another process may have migrated meanwhile.
            var current = Convert.ToInt32(Scalar("PRAGMA user_version"));
            for (var i = current; i < ArchiveSchema.Migrations.Length; i++) Exec(ArchiveSchema.Migrations[i]);
            Exec($"PRAGMA application_id = {ArchiveSchema.ApplicationId}");
            Exec($"PRAGMA user_version = {ArchiveSchema.Migrations.Length}");
            return 0;
        });
    }

    /// <summary>Closes the database.</summary>
    public void Dispose() => _db.Dispose();

    // ---------------------------------------------------------------- writing

    /// <summary>
    /// Adds one version of a document: analyses it, then in one transaction stores the version (or
    /// only a verification date when the text is unchanged), its analysis, the change events around
    /// it (recomputed for the next version when it is a backfill) and the document's registry.
    /// </summary>
    public AddResult Add(byte[] bytes, string fileName, string service, string docType, string date, string source, ArchiveAnalyzer analyzer)
    {
        CheckSlug(service, "service");
        CheckSlug(docType, "document type");
        if (!IsDate(date)) throw new ArchiveException($"'{date}' is not a date (YYYY-MM-DD)");
        var analysis = Analyze(bytes, fileName, service, docType, date, analyzer);
        var sha = NormalizedHash(analysis);
        var contentSha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var records = ProvisionRecord.FromFindings(analysis.Findings);

        return Write(() =>
        {
            var documentId = EnsureDocument(service, docType);
            var versions = Versions(documentId);
            var same = versions.FirstOrDefault(v => v.Date == date);
            if (same is not null)
            {
                if (same.Sha256 == sha) return new AddResult(AddOutcome.Unchanged, service, docType, date, sha, Array.Empty<ChangeSet>());
                throw new ArchiveException($"{Path}: {service}/{docType} already has a different version dated {date}; nothing was overwritten");
            }
            var previous = versions.LastOrDefault(v => string.CompareOrdinal(v.Date, date) < 0);
            var next = versions.FirstOrDefault(v => string.CompareOrdinal(v.Date, date) > 0);
            if (previous is not null && previous.Sha256 == sha)
            {
                Exec("INSERT OR IGNORE INTO verifications(version_id, date, source) VALUES ($v, $d, $s)", ("$v", previous.Id), ("$d", date), ("$s", source));
                return new AddResult(AddOutcome.Verified, service, docType, date, sha, Array.Empty<ChangeSet>());
            }
            if (next is not null && next.Sha256 == sha)
            {
                // A backfill of the text the next version already holds: that version was first seen earlier.
                Exec("UPDATE versions SET date = $d WHERE id = $id", ("$d", date), ("$id", next.Id));
                Exec("INSERT OR IGNORE INTO verifications(version_id, date, source) VALUES ($v, $d, $s)", ("$v", next.Id), ("$d", next.Date), ("$s", source));
                var moved = RecomputeChanges(documentId, analyzer);
                RebuildRegistry(documentId, analyzer);
                return new AddResult(AddOutcome.Verified, service, docType, date, sha, moved.Where(c => c.NewDate == date).ToList());
            }
            var id = Convert.ToInt64(Scalar("""
                INSERT INTO versions(document_id, date, sha256, content_sha256, file_name, source, content, added_at)
                VALUES ($doc, $date, $sha, $csha, $file, $src, $content, $now) RETURNING id
                """, ("$doc", documentId), ("$date", date), ("$sha", sha), ("$csha", contentSha), ("$file", fileName),
                ("$src", source), ("$content", bytes), ("$now", Now())));
            StoreAnalysis(id, analyzer.PackHash, records);
            var sets = RecomputeChanges(documentId, analyzer);
            RebuildRegistry(documentId, analyzer);
            return new AddResult(AddOutcome.Added, service, docType, date, sha,
                sets.Where(s => s.NewDate == date || (next is not null && s.NewDate == next.Date)).ToList());
        });
    }

    /// <summary>
    /// Makes the stored analyses, change events and registry of every document (or one service's)
    /// current for the analyzer's pack; computes only what is missing or stale.
    /// </summary>
    public void Refresh(ArchiveAnalyzer analyzer, string? service = null)
    {
        foreach (var documentId in DocumentIds(service))
            Write(() =>
            {
                var stale = RecomputeChanges(documentId, analyzer);
                if (stale.Count > 0 || !HasRegistry(documentId, analyzer.PackHash)) RebuildRegistry(documentId, analyzer);
                return 0;
            });
    }

    private long EnsureDocument(string service, string docType)
    {
        Exec("INSERT OR IGNORE INTO services(slug) VALUES ($s)", ("$s", service));
        var serviceId = Convert.ToInt64(Scalar("SELECT id FROM services WHERE slug = $s", ("$s", service)));
        Exec("INSERT OR IGNORE INTO documents(service_id, doc_type) VALUES ($s, $t)", ("$s", serviceId), ("$t", docType));
        return Convert.ToInt64(Scalar("SELECT id FROM documents WHERE service_id = $s AND doc_type = $t", ("$s", serviceId), ("$t", docType)));
    }

    /// <summary>
    /// Recomputes the change event of every version of a document whose stored event is missing or
    /// refers to a previous version that is no longer the one before it (after a backfill).
    /// Returns the change sets it wrote.
    /// </summary>
    private List<ChangeSet> RecomputeChanges(long documentId, ArchiveAnalyzer analyzer)
    {
        var versions = Versions(documentId);
        var written = new List<ChangeSet>();
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            var previous = i > 0 ? versions[i - 1] : null;
            using (var check = Command("SELECT from_version_id FROM change_events WHERE to_version_id = $v AND pack_hash = $p", ("$v", v.Id), ("$p", analyzer.PackHash)))
            using (var reader = check.ExecuteReader())
            {
                if (reader.Read())
                {
                    var from = reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0);
                    if (from == previous?.Id) continue;
                }
            }
            var changes = previous is null
                ? Array.Empty<ProvisionChange>()
                : Diff(previous, v, EnsureAnalysis(previous, analyzer), EnsureAnalysis(v, analyzer));
            if (previous is null) EnsureAnalysis(v, analyzer);
            Exec("DELETE FROM change_events WHERE to_version_id = $v AND pack_hash = $p", ("$v", v.Id), ("$p", analyzer.PackHash));
            Exec("""
                INSERT INTO change_events(document_id, from_version_id, to_version_id, pack_hash, changes, created_at)
                VALUES ($d, $f, $t, $p, $c, $now)
                """, ("$d", documentId), ("$f", (object?)previous?.Id), ("$t", v.Id), ("$p", analyzer.PackHash),
                ("$c", StoredChange.ToJson(changes)), ("$now", Now()));
            written.Add(new ChangeSet(v.Service, v.DocType, previous?.Date, v.Date, v.Sha256, changes));
        }
        return written;
    }

    private static IReadOnlyList<ProvisionChange> Diff(ArchivedVersion from, ArchivedVersion to, IReadOnlyList<ProvisionRecord> before, IReadOnlyList<ProvisionRecord> after) =>
        ChangeSummarizer.Summarize(ProvisionDiff.Compare(before, after).Changes, new ChangeContext(to.Service, to.DocType, from.Date, to.Date));

    /// <summary>The stored analysis of a version under the pack, computed from the stored bytes when missing.</summary>
    private List<ProvisionRecord> EnsureAnalysis(ArchivedVersion version, ArchiveAnalyzer analyzer)
    {
        var json = Scalar("SELECT findings FROM analyses WHERE version_id = $v AND pack_hash = $p", ("$v", version.Id), ("$p", analyzer.PackHash)) as string;
        if (json is not null) return ProvisionRecord.FromJson(json);
        var bytes = ReadContent(version.Id);
        var analysis = Analyze(bytes, version.FileName, version.Service, version.DocType, version.Date, analyzer);
        var records = ProvisionRecord.FromFindings(analysis.Findings);
        StoreAnalysis(version.Id, analyzer.PackHash, records);
        return records;
    }

    private void StoreAnalysis(long versionId, string packHash, IReadOnlyList<ProvisionRecord> records) =>
        Exec("INSERT OR REPLACE INTO analyses(version_id, pack_hash, findings, created_at) VALUES ($v, $p, $f, $now)",
            ("$v", versionId), ("$p", packHash), ("$f", ProvisionRecord.ToJson(records)), ("$now", Now()));

    private bool HasRegistry(long documentId, string packHash) =>
        Convert.ToInt64(Scalar("SELECT count(*) FROM provision_instances WHERE document_id = $d AND pack_hash = $p", ("$d", documentId), ("$p", packHash))) > 0;

    /// <summary>
    /// Rebuilds the provision instances of one document: a finding continues the instance of the
    /// previous version's finding it matches with the same meaning (same words and captures, or a
    /// light rewording of them); anything else starts a new instance. Ids of
    /// instances that keep their provision, text and (some of their) versions are kept, so ids survive
    /// later versions and backfills; AUTOINCREMENT never hands out a retired id again.
    /// </summary>
    private void RebuildRegistry(long documentId, ArchiveAnalyzer analyzer)
    {
        var versions = Versions(documentId);
        var chains = new List<(ProvisionRecord First, string Signature, List<long> Versions)>();
        int[] previousChain = Array.Empty<int>();
        List<ProvisionRecord>? previous = null;
        foreach (var v in versions)
        {
            var records = EnsureAnalysis(v, analyzer);
            var current = new int[records.Count];
            Array.Fill(current, -1);
            if (previous is not null)
                foreach (var pair in ProvisionDiff.Compare(previous, records).Pairs.Where(p => p.SameMeaning))
                    current[pair.New] = previousChain[pair.Old];
            for (var i = 0; i < records.Count; i++)
            {
                if (current[i] < 0)
                {
                    chains.Add((records[i], Signature(records[i]), new List<long>()));
                    current[i] = chains.Count - 1;
                }
                var list = chains[current[i]].Versions;
                if (list.Count == 0 || list[^1] != v.Id) list.Add(v.Id);
            }
            previous = records;
            previousChain = current;
        }

        // The old instances, to keep their ids where the same chain is found again.
        var old = new List<(long Id, string Signature, HashSet<long> Versions)>();
        using (var cmd = Command("""
            SELECT i.id, i.signature, iv.version_id FROM provision_instances i
            LEFT JOIN instance_versions iv ON iv.instance_id = i.id
            WHERE i.document_id = $d AND i.pack_hash = $p ORDER BY i.id
            """, ("$d", documentId), ("$p", analyzer.PackHash)))
        using (var reader = cmd.ExecuteReader())
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (old.Count == 0 || old[^1].Id != id) old.Add((id, reader.GetString(1), new HashSet<long>()));
                if (!reader.IsDBNull(2)) old[^1].Versions.Add(reader.GetInt64(2));
            }
        Exec("DELETE FROM instance_versions WHERE instance_id IN (SELECT id FROM provision_instances WHERE document_id = $d AND pack_hash = $p)", ("$d", documentId), ("$p", analyzer.PackHash));
        Exec("DELETE FROM provision_instances WHERE document_id = $d AND pack_hash = $p", ("$d", documentId), ("$p", analyzer.PackHash));
        var reused = new HashSet<long>();
        foreach (var (first, signature, chainVersions) in chains)
        {
            var match = old.FirstOrDefault(o => !reused.Contains(o.Id) && o.Signature == signature && chainVersions.Any(o.Versions.Contains));
            var parameters = new List<(string, object?)>
            {
                ("$d", documentId), ("$p", analyzer.PackHash), ("$prov", first.Provision), ("$rule", first.RuleId),
                ("$sig", signature), ("$ex", first.Excerpt), ("$cap", JsonSerializer.Serialize(first.Captures, ArchiveJsonContext.Default.IReadOnlyDictionaryStringStringArray)),
            };
            long id;
            if (match.Id != 0)
            {
                reused.Add(match.Id);
                parameters.Add(("$id", match.Id));
                id = Convert.ToInt64(Scalar("""
                    INSERT INTO provision_instances(id, document_id, pack_hash, provision, rule_id, signature, excerpt, captures)
                    VALUES ($id, $d, $p, $prov, $rule, $sig, $ex, $cap) RETURNING id
                    """, parameters.ToArray()));
            }
            else
            {
                id = Convert.ToInt64(Scalar("""
                    INSERT INTO provision_instances(document_id, pack_hash, provision, rule_id, signature, excerpt, captures)
                    VALUES ($d, $p, $prov, $rule, $sig, $ex, $cap) RETURNING id
                    """, parameters.ToArray()));
            }
            foreach (var versionId in chainVersions)
                Exec("INSERT INTO instance_versions(instance_id, version_id) VALUES ($i, $v)", ("$i", id), ("$v", versionId));
        }
    }

    /// <summary>What stays the same while an instance lives: provision, rule, words and captures.</summary>
    private static string Signature(ProvisionRecord r) =>
        r.Provision + "\u0001" + r.RuleId + "\u0001" + string.Join(' ', ExcerptText.Words(ExcerptText.Normalize(r.Excerpt))) + "\u0001" + ExcerptText.CaptureKey(r.Captures);

    // ---------------------------------------------------------------- reading

    /// <summary>Every tracked document, ordered by service and type.</summary>
    public IReadOnlyList<ArchivedDocument> ListDocuments()
    {
        var result = new List<ArchivedDocument>();
        using var cmd = Command("""
            SELECT s.slug, d.doc_type, count(v.id), min(v.date), max(v.date),
                   (SELECT max(x.date) FROM verifications x JOIN versions y ON y.id = x.version_id WHERE y.document_id = d.id)
            FROM documents d JOIN services s ON s.id = d.service_id LEFT JOIN versions v ON v.document_id = d.id
            GROUP BY d.id ORDER BY s.slug, d.doc_type
            """);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
            result.Add(new ArchivedDocument(reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? "" : reader.GetString(3), reader.IsDBNull(4) ? "" : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        return result;
    }

    /// <summary>The versions of a document in date order (empty when the archive does not hold it).</summary>
    public IReadOnlyList<ArchivedVersion> Versions(string service, string docType)
    {
        var id = Scalar("SELECT d.id FROM documents d JOIN services s ON s.id = d.service_id WHERE s.slug = $s AND d.doc_type = $t", ("$s", service), ("$t", docType));
        return id is null ? Array.Empty<ArchivedVersion>() : Versions(Convert.ToInt64(id));
    }

    private List<ArchivedVersion> Versions(long documentId)
    {
        var result = new List<ArchivedVersion>();
        using (var cmd = Command("""
            SELECT v.id, v.document_id, s.slug, d.doc_type, v.date, v.sha256, v.content_sha256, v.file_name, v.source
            FROM versions v JOIN documents d ON d.id = v.document_id JOIN services s ON s.id = d.service_id
            WHERE v.document_id = $d ORDER BY v.date
            """, ("$d", documentId)))
        using (var reader = cmd.ExecuteReader())
            while (reader.Read())
                result.Add(new ArchivedVersion(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), Array.Empty<string>()));
        for (var i = 0; i < result.Count; i++)
        {
            var dates = new List<string>();
            using var cmd = Command("SELECT date FROM verifications WHERE version_id = $v ORDER BY date", ("$v", result[i].Id));
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) dates.Add(reader.GetString(0));
            result[i] = result[i] with { Verified = dates };
        }
        return result;
    }

    /// <summary>The stored bytes of a version, as they were added.</summary>
    public byte[] ReadContent(long versionId) =>
        (byte[])(Scalar("SELECT content FROM versions WHERE id = $v", ("$v", versionId)) ?? throw new ArchiveException($"{Path}: version {versionId} is missing"));

    /// <summary>The findings of a version under the analyzer's pack (computed and stored when missing).</summary>
    public IReadOnlyList<ProvisionRecord> Findings(ArchivedVersion version, ArchiveAnalyzer analyzer) =>
        Write(() => EnsureAnalysis(version, analyzer));

    /// <summary>The slugs of every service with a tracked document, sorted.</summary>
    public IReadOnlyList<string> Services()
    {
        var result = new List<string>();
        using var cmd = Command("SELECT slug FROM services ORDER BY slug");
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) result.Add(reader.GetString(0));
        return result;
    }

    /// <summary>Every version of a service's documents (by document type, then date) with its changes since the version before.</summary>
    public IReadOnlyList<TimelineEntry> Timeline(string service, ArchiveAnalyzer analyzer)
    {
        Refresh(analyzer, service);
        var entries = new List<TimelineEntry>();
        foreach (var documentId in DocumentIds(service))
        {
            var versions = Versions(documentId);
            for (var i = 0; i < versions.Count; i++)
            {
                var v = versions[i];
                var json = Scalar("SELECT changes FROM change_events WHERE to_version_id = $v AND pack_hash = $p", ("$v", v.Id), ("$p", analyzer.PackHash)) as string;
                var count = ProvisionRecord.FromJson((string)Scalar("SELECT findings FROM analyses WHERE version_id = $v AND pack_hash = $p", ("$v", v.Id), ("$p", analyzer.PackHash))!).Count;
                entries.Add(new TimelineEntry(v, i > 0 ? versions[i - 1].Date : null, json is null ? Array.Empty<ProvisionChange>() : StoredChange.FromJson(json), count));
            }
        }
        return entries;
    }

    /// <summary>Change sets whose new version is dated on or after <paramref name="since"/>, with at least one change; ordered by service, type, date.</summary>
    public IReadOnlyList<ChangeSet> Digest(string since, ArchiveAnalyzer analyzer)
    {
        Refresh(analyzer);
        var result = new List<ChangeSet>();
        using var cmd = Command("""
            SELECT s.slug, d.doc_type, f.date, t.date, t.sha256, e.changes
            FROM change_events e JOIN versions t ON t.id = e.to_version_id LEFT JOIN versions f ON f.id = e.from_version_id
            JOIN documents d ON d.id = e.document_id JOIN services s ON s.id = d.service_id
            WHERE e.pack_hash = $p AND t.date >= $since ORDER BY s.slug, d.doc_type, t.date
            """, ("$p", analyzer.PackHash), ("$since", since));
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var changes = StoredChange.FromJson(reader.GetString(5));
            if (changes.Count == 0) continue;
            result.Add(new ChangeSet(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4), changes));
        }
        return result;
    }

    /// <summary>The provision registry under the analyzer's pack, by service, document type, first version and id.</summary>
    public IReadOnlyList<ProvisionInstance> Registry(ArchiveAnalyzer analyzer, string? provision = null, string? service = null)
    {
        Refresh(analyzer, service);
        var rows = new List<ProvisionInstance>();
        using (var cmd = Command("""
            SELECT i.id, i.provision, i.rule_id, s.slug, d.doc_type, i.excerpt, i.captures
            FROM provision_instances i JOIN documents d ON d.id = i.document_id JOIN services s ON s.id = d.service_id
            WHERE i.pack_hash = $p AND ($prov IS NULL OR i.provision = $prov) AND ($svc IS NULL OR s.slug = $svc)
            ORDER BY s.slug, d.doc_type, i.id
            """, ("$p", analyzer.PackHash), ("$prov", provision), ("$svc", service)))
        using (var reader = cmd.ExecuteReader())
            while (reader.Read())
                rows.Add(new ProvisionInstance(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), "", "",
                    reader.GetString(5), JsonSerializer.Deserialize(reader.GetString(6), ArchiveJsonContext.Default.DictionaryStringStringArray) ?? new(), Array.Empty<string>()));
        for (var i = 0; i < rows.Count; i++)
        {
            var dates = new List<string>();
            string? lastVerified = null;
            using (var cmd = Command("""
                SELECT v.date, (SELECT max(x.date) FROM verifications x WHERE x.version_id = v.id)
                FROM instance_versions iv JOIN versions v ON v.id = iv.version_id WHERE iv.instance_id = $i ORDER BY v.date
                """, ("$i", rows[i].Id)))
            using (var reader = cmd.ExecuteReader())
                while (reader.Read())
                {
                    dates.Add(reader.GetString(0));
                    lastVerified = reader.IsDBNull(1) ? null : reader.GetString(1);
                }
            var last = lastVerified is not null && string.CompareOrdinal(lastVerified, dates[^1]) > 0 ? lastVerified : dates[^1];
            rows[i] = rows[i] with { FirstSeen = dates[0], LastSeen = last, Versions = dates };
        }
        return rows.OrderBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.DocType, StringComparer.Ordinal)
            .ThenBy(r => r.FirstSeen, StringComparer.Ordinal).ThenBy(r => r.Provision, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
    }

    /// <summary><c>PRAGMA integrity_check</c>: "ok" for a sound file.</summary>
    public string IntegrityCheck() => Convert.ToString(Scalar("PRAGMA integrity_check")) ?? "";

    private List<long> DocumentIds(string? service)
    {
        var ids = new List<long>();
        using var cmd = Command("""
            SELECT d.id FROM documents d JOIN services s ON s.id = d.service_id
            WHERE $s IS NULL OR s.slug = $s ORDER BY s.slug, d.doc_type
            """, ("$s", service));
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Analyses a document as it will be stored; a document that cannot be loaded is refused.</summary>
    private static DocumentAnalysis Analyze(byte[] bytes, string fileName, string service, string docType, string date, ArchiveAnalyzer analyzer)
    {
        // A path in the archive's own layout: gives the loader the format and the summaries the service.
        var extension = System.IO.Path.GetExtension(fileName);
        var info = new DocumentInfo($"{service}/{docType}/{date}{extension}", service, docType, date);
        var analysis = analyzer.Runner.AnalyzeBytes(bytes, info);
        if (analysis.Failed)
            throw new ArchiveException($"{fileName}: cannot be read as a document ({analysis.Diagnostics.FirstOrDefault()?.Message ?? "unknown error"})");
        return analysis;
    }

    /// <summary>SHA-256 of the loaded text with whitespace folded and tracking parameters dropped: the identity of a version.</summary>
    public static string NormalizedHash(DocumentAnalysis analysis) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ExcerptText.Normalize(analysis.Document!.Text.Text))));

    /// <summary>Whether a text is a date in the archive's form, <c>YYYY-MM-DD</c>.</summary>
    public static bool IsDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    private static void CheckSlug(string slug, string what)
    {
        if (slug.Length == 0 || slug.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new ArchiveException($"'{slug}' is not a valid {what} (letters, digits, '-', '_', '.')");
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs <paramref name="body"/> in one immediate transaction. Another process holding the write
    /// lock past the busy timeout makes it roll back and retry with backoff.
    /// </summary>
    private T Write<T>(Func<T> body)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var tx = _db.BeginTransaction(deferred: false);
                _tx = tx;
                try
                {
                    var result = body();
                    tx.Commit();
                    return result;
                }
                finally
                {
                    _tx = null;
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 8)
            {
                Thread.Sleep(Math.Min(2000, 50 << attempt) + Random.Shared.Next(50));
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
            {
                throw new ArchiveException($"{Path}: the archive is damaged ({e.Message.TrimEnd('.')})", fileProblem: true);
            }
        }
    }

    private SqliteTransaction? _tx;

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _tx;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private void Exec(string sql, params (string, object?)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string, object?)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        var value = cmd.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}

/// <summary>How a change is stored in <c>change_events.changes</c>: the diff contract's fields.</summary>
internal sealed record StoredChange(string Provision, string Kind, string RuleId, ProvisionRecord? Before, ProvisionRecord? After, string Summary)
{
    private static readonly ArchiveJsonContext Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string ToJson(IEnumerable<ProvisionChange> changes) =>
        JsonSerializer.Serialize(changes.Select(c => new StoredChange(c.Provision, c.KindName, c.RuleId, c.Before, c.After, c.Summary)).ToList(), Json.ListStoredChange);

    public static List<ProvisionChange> FromJson(string json) =>
        (JsonSerializer.Deserialize(json, Json.ListStoredChange) ?? new())
        .Select(s => new ProvisionChange(s.Provision, s.Kind switch { "added" => ChangeKind.Added, "removed" => ChangeKind.Removed, _ => ChangeKind.Changed },
            s.RuleId, s.Before, s.After) { Summary = s.Summary }).ToList();
}
