using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PolicyRules.Changes;

namespace PolicyRules.Archive;

/// <summary>
/// The archive in one SQLite file. Every write is one transaction (BEGIN IMMEDIATE, retried while another
/// process holds the lock), so a process killed at any point leaves the previous consistent state.
/// Not thread-safe: one store per thread.
/// </summary>
public sealed class SqliteArchiveStore : IArchiveStore
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");
    private readonly SqliteConnection _db;

    /// <summary>The database file.</summary>
    public string Path { get; }

    private SqliteArchiveStore(string path, SqliteConnection db)
    {
        Path = path;
        _db = db;
    }

    /// <summary>
    /// Opens (or, unless <paramref name="mustExist"/>, creates) an archive. A file that is not an SQLite
    /// database, or is another program's database, is refused and left untouched.
    /// </summary>
    public static SqliteArchiveStore Open(string path, bool mustExist = false)
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
            var store = new SqliteArchiveStore(path, db);
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

    // ---------------------------------------------------------------- documents and versions

    /// <inheritdoc/>
    public long EnsureDocument(string service, string docType)
    {
        Exec("INSERT OR IGNORE INTO services(slug) VALUES ($s)", ("$s", service));
        var serviceId = Convert.ToInt64(Scalar("SELECT id FROM services WHERE slug = $s", ("$s", service)));
        Exec("INSERT OR IGNORE INTO documents(service_id, doc_type) VALUES ($s, $t)", ("$s", serviceId), ("$t", docType));
        return Convert.ToInt64(Scalar("SELECT id FROM documents WHERE service_id = $s AND doc_type = $t", ("$s", serviceId), ("$t", docType)));
    }

    /// <inheritdoc/>
    public IReadOnlyList<long> DocumentIds(string? service = null) => Rows("""
        SELECT d.id FROM documents d JOIN services s ON s.id = d.service_id
        WHERE $s IS NULL OR s.slug = $s ORDER BY s.slug, d.doc_type
        """, r => r.GetInt64(0), ("$s", service));

    /// <inheritdoc/>
    public IReadOnlyList<string> Services() => Rows("SELECT slug FROM services ORDER BY slug", r => r.GetString(0));

    /// <inheritdoc/>
    public IReadOnlyList<ArchivedDocument> ListDocuments() => Rows("""
        SELECT s.slug, d.doc_type, count(v.id), min(v.date), max(v.date),
               (SELECT max(x.date) FROM verifications x JOIN versions y ON y.id = x.version_id WHERE y.document_id = d.id)
        FROM documents d JOIN services s ON s.id = d.service_id LEFT JOIN versions v ON v.document_id = d.id
        GROUP BY d.id ORDER BY s.slug, d.doc_type
        """, r => new ArchivedDocument(r.GetString(0), r.GetString(1), r.GetInt32(2),
            r.IsDBNull(3) ? "" : r.GetString(3), r.IsDBNull(4) ? "" : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));

    /// <inheritdoc/>
    public IReadOnlyList<ArchivedVersion> Versions(string service, string docType)
    {
        var id = Scalar("SELECT d.id FROM documents d JOIN services s ON s.id = d.service_id WHERE s.slug = $s AND d.doc_type = $t", ("$s", service), ("$t", docType));
        return id is null ? Array.Empty<ArchivedVersion>() : Versions(Convert.ToInt64(id));
    }

    /// <inheritdoc/>
    public IReadOnlyList<ArchivedVersion> Versions(long documentId) => VersionsWhere("v.document_id = $d", ("$d", documentId));

    // One query: each version with its verification dates (one row per date, or one row without).
    private List<ArchivedVersion> VersionsWhere(string condition, params (string, object?)[] parameters)
    {
        var result = new List<ArchivedVersion>();
        List<string>? dates = null;
        using var cmd = Command($"""
            SELECT v.id, v.document_id, s.slug, d.doc_type, v.date, v.sha256, v.content_sha256, v.file_name, v.source, x.date
            FROM versions v JOIN documents d ON d.id = v.document_id JOIN services s ON s.id = d.service_id
            LEFT JOIN verifications x ON x.version_id = v.id
            WHERE {condition} ORDER BY s.slug, d.doc_type, v.date, x.date
            """, parameters);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (result.Count == 0 || result[^1].Id != id)
            {
                dates = new List<string>();
                result.Add(new ArchivedVersion(id, reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), dates));
            }
            if (!reader.IsDBNull(9)) dates!.Add(reader.GetString(9));
        }
        return result;
    }

    /// <inheritdoc/>
    public long AddVersion(long documentId, string date, string sha256, string contentSha256, string fileName, string source, byte[] content) =>
        Convert.ToInt64(Scalar("""
            INSERT INTO versions(document_id, date, sha256, content_sha256, file_name, source, content, added_at)
            VALUES ($doc, $date, $sha, $csha, $file, $src, $content, $now) RETURNING id
            """, ("$doc", documentId), ("$date", date), ("$sha", sha256), ("$csha", contentSha256), ("$file", fileName),
            ("$src", source), ("$content", content), ("$now", Now())));

    /// <inheritdoc/>
    public void MoveVersion(long versionId, string date) => Exec("UPDATE versions SET date = $d WHERE id = $id", ("$d", date), ("$id", versionId));

    /// <inheritdoc/>
    public void AddVerification(long versionId, string date, string source) =>
        Exec("INSERT OR IGNORE INTO verifications(version_id, date, source) VALUES ($v, $d, $s)", ("$v", versionId), ("$d", date), ("$s", source));

    /// <inheritdoc/>
    public byte[] ReadContent(long versionId) =>
        (byte[])(Scalar("SELECT content FROM versions WHERE id = $v", ("$v", versionId)) ?? throw new ArchiveException($"{Path}: version {versionId} is missing"));

    // ---------------------------------------------------------------- analyses and change events

    /// <inheritdoc/>
    public IReadOnlyDictionary<long, IReadOnlyList<ProvisionRecord>> Analyses(long documentId, string packHash) =>
        Rows("""
            SELECT a.version_id, a.findings FROM analyses a JOIN versions v ON v.id = a.version_id
            WHERE v.document_id = $d AND a.pack_hash = $p
            """, r => (Id: r.GetInt64(0), Records: (IReadOnlyList<ProvisionRecord>)ProvisionRecord.FromJson(r.GetString(1))), ("$d", documentId), ("$p", packHash))
        .ToDictionary(x => x.Id, x => x.Records);

    /// <inheritdoc/>
    public void StoreAnalysis(long versionId, string packHash, IReadOnlyList<ProvisionRecord> records) =>
        Exec("INSERT OR REPLACE INTO analyses(version_id, pack_hash, findings, created_at) VALUES ($v, $p, $f, $now)",
            ("$v", versionId), ("$p", packHash), ("$f", ProvisionRecord.ToJson(records)), ("$now", Now()));

    /// <inheritdoc/>
    public IReadOnlyDictionary<long, long?> ChangeEventSources(long documentId, string packHash) =>
        Rows("SELECT to_version_id, from_version_id FROM change_events WHERE document_id = $d AND pack_hash = $p",
            r => (To: r.GetInt64(0), From: r.IsDBNull(1) ? (long?)null : r.GetInt64(1)), ("$d", documentId), ("$p", packHash))
        .ToDictionary(x => x.To, x => x.From);

    /// <inheritdoc/>
    public void StoreChangeEvent(long documentId, long? fromVersionId, long toVersionId, string packHash, IReadOnlyList<ProvisionChange> changes)
    {
        Exec("DELETE FROM change_events WHERE to_version_id = $v AND pack_hash = $p", ("$v", toVersionId), ("$p", packHash));
        Exec("""
            INSERT INTO change_events(document_id, from_version_id, to_version_id, pack_hash, changes, created_at)
            VALUES ($d, $f, $t, $p, $c, $now)
            """, ("$d", documentId), ("$f", fromVersionId), ("$t", toVersionId), ("$p", packHash),
            ("$c", StoredChange.ToJson(changes)), ("$now", Now()));
    }

    /// <inheritdoc/>
    public IReadOnlyList<TimelineEntry> Timeline(string service, string packHash)
    {
        var versions = VersionsWhere("s.slug = $s", ("$s", service));
        var stored = Rows("""
            SELECT v.id, e.changes, json_array_length(a.findings)
            FROM versions v JOIN documents d ON d.id = v.document_id JOIN services s ON s.id = d.service_id
            LEFT JOIN change_events e ON e.to_version_id = v.id AND e.pack_hash = $p
            LEFT JOIN analyses a ON a.version_id = v.id AND a.pack_hash = $p
            WHERE s.slug = $s
            """, r => (Id: r.GetInt64(0), Changes: r.IsDBNull(1) ? null : r.GetString(1), Count: r.IsDBNull(2) ? 0 : r.GetInt32(2)),
            ("$s", service), ("$p", packHash)).ToDictionary(x => x.Id);
        var entries = new List<TimelineEntry>(versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            var previous = i > 0 && versions[i - 1].DocumentId == v.DocumentId ? versions[i - 1].Date : null;
            var (_, changes, count) = stored[v.Id];
            entries.Add(new TimelineEntry(v, previous, changes is null ? Array.Empty<ProvisionChange>() : StoredChange.FromJson(changes), count));
        }
        return entries;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ChangeSet> ChangeSetsSince(string since, string packHash) => Rows("""
        SELECT s.slug, d.doc_type, f.date, t.date, t.sha256, e.changes
        FROM change_events e JOIN versions t ON t.id = e.to_version_id LEFT JOIN versions f ON f.id = e.from_version_id
        JOIN documents d ON d.id = e.document_id JOIN services s ON s.id = d.service_id
        WHERE e.pack_hash = $p AND t.date >= $since ORDER BY s.slug, d.doc_type, t.date
        """, r => new ChangeSet(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetString(4), StoredChange.FromJson(r.GetString(5))),
        ("$p", packHash), ("$since", since));

    // ---------------------------------------------------------------- registry

    /// <inheritdoc/>
    public IReadOnlyList<RegisteredInstance> Instances(long documentId, string packHash)
    {
        var result = new List<RegisteredInstance>();
        using var cmd = Command("""
            SELECT i.id, i.signature, iv.version_id FROM provision_instances i
            LEFT JOIN instance_versions iv ON iv.instance_id = i.id
            WHERE i.document_id = $d AND i.pack_hash = $p ORDER BY i.id
            """, ("$d", documentId), ("$p", packHash));
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (result.Count == 0 || result[^1].Id != id) result.Add(new RegisteredInstance(id, reader.GetString(1), new HashSet<long>()));
            if (!reader.IsDBNull(2)) ((HashSet<long>)result[^1].VersionIds).Add(reader.GetInt64(2));
        }
        return result;
    }

    /// <inheritdoc/>
    public void ReplaceInstances(long documentId, string packHash, IReadOnlyList<NewInstance> instances)
    {
        Exec("DELETE FROM instance_versions WHERE instance_id IN (SELECT id FROM provision_instances WHERE document_id = $d AND pack_hash = $p)", ("$d", documentId), ("$p", packHash));
        Exec("DELETE FROM provision_instances WHERE document_id = $d AND pack_hash = $p", ("$d", documentId), ("$p", packHash));
        foreach (var instance in instances)
        {
            // AUTOINCREMENT never hands out a retired id again; a kept id is inserted as it was.
            var id = Convert.ToInt64(Scalar("""
                INSERT INTO provision_instances(id, document_id, pack_hash, provision, rule_id, signature, excerpt, captures)
                VALUES ($id, $d, $p, $prov, $rule, $sig, $ex, $cap) RETURNING id
                """, ("$id", instance.PreferredId == 0 ? null : instance.PreferredId), ("$d", documentId), ("$p", packHash),
                ("$prov", instance.Provision), ("$rule", instance.RuleId), ("$sig", instance.Signature), ("$ex", instance.Excerpt),
                ("$cap", JsonSerializer.Serialize(instance.Captures, ArchiveJsonContext.Default.IReadOnlyDictionaryStringStringArray))));
            foreach (var versionId in instance.VersionIds)
                Exec("INSERT INTO instance_versions(instance_id, version_id) VALUES ($i, $v)", ("$i", id), ("$v", versionId));
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ProvisionInstance> Registry(string packHash, string? provision = null, string? service = null)
    {
        // One query: each instance with the dates of its versions (and each date's last verification), in date order.
        var rows = new List<ProvisionInstance>();
        List<string>? dates = null;
        string? lastVerified = null;
        using (var cmd = Command("""
            SELECT i.id, i.provision, i.rule_id, s.slug, d.doc_type, i.excerpt, i.captures, v.date,
                   (SELECT max(x.date) FROM verifications x WHERE x.version_id = v.id)
            FROM provision_instances i JOIN documents d ON d.id = i.document_id JOIN services s ON s.id = d.service_id
            JOIN instance_versions iv ON iv.instance_id = i.id JOIN versions v ON v.id = iv.version_id
            WHERE i.pack_hash = $p AND ($prov IS NULL OR i.provision = $prov) AND ($svc IS NULL OR s.slug = $svc)
            ORDER BY i.id, v.date
            """, ("$p", packHash), ("$prov", provision), ("$svc", service)))
        using (var reader = cmd.ExecuteReader())
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (rows.Count == 0 || rows[^1].Id != id)
                {
                    if (rows.Count > 0) rows[^1] = Seen(rows[^1], dates!, lastVerified);
                    dates = new List<string>();
                    rows.Add(new ProvisionInstance(id, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), "", "",
                        reader.GetString(5), JsonSerializer.Deserialize(reader.GetString(6), ArchiveJsonContext.Default.DictionaryStringStringArray) ?? new(), dates));
                }
                dates!.Add(reader.GetString(7));
                lastVerified = reader.IsDBNull(8) ? null : reader.GetString(8);
            }
        if (rows.Count > 0) rows[^1] = Seen(rows[^1], dates!, lastVerified);
        return rows.OrderBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.DocType, StringComparer.Ordinal)
            .ThenBy(r => r.FirstSeen, StringComparer.Ordinal).ThenBy(r => r.Provision, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
    }

    // First seen: its first version's date; last seen: its last version's date, or a later date that text was seen again.
    private static ProvisionInstance Seen(ProvisionInstance row, List<string> dates, string? lastVerified) =>
        row with { FirstSeen = dates[0], LastSeen = lastVerified is not null && string.CompareOrdinal(lastVerified, dates[^1]) > 0 ? lastVerified : dates[^1] };

    /// <inheritdoc/>
    public string IntegrityCheck() => Convert.ToString(Scalar("PRAGMA integrity_check")) ?? "";

    // ---------------------------------------------------------------- helpers

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs <paramref name="body"/> in one immediate transaction. Another process holding the write
    /// lock past the busy timeout makes it roll back and retry with backoff.
    /// </summary>
    public T Write<T>(Func<T> body)
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

    private List<T> Rows<T>(string sql, Func<SqliteDataReader, T> read, params (string, object?)[] parameters)
    {
        var result = new List<T>();
        using var cmd = Command(sql, parameters);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) result.Add(read(reader));
        return result;
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
