namespace PolicyRules.Archive;

/// <summary>
/// The archive's schema as an ordered list of migrations; <c>PRAGMA user_version</c> records how many
/// have been applied, <c>PRAGMA application_id</c> marks the file as ours.
/// </summary>
internal static class ArchiveSchema
{
    /// <summary>"PRAR" (PolicyRules ARchive): tells our files from other SQLite databases.</summary>
    public const int ApplicationId = 0x50524152;

    public static readonly string[] Migrations =
    {
        // 1: services, documents, versions (normalised hash + original bytes), verifications, analyses per pack, change events, provision registry.
        """
        CREATE TABLE services(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE);
        CREATE TABLE documents(
            id INTEGER PRIMARY KEY,
            service_id INTEGER NOT NULL REFERENCES services(id),
            doc_type TEXT NOT NULL,
            UNIQUE(service_id, doc_type));
        CREATE TABLE versions(
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            date TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            file_name TEXT NOT NULL,
            source TEXT NOT NULL,
            content BLOB NOT NULL,
            added_at TEXT NOT NULL,
            UNIQUE(document_id, date));
        CREATE TABLE verifications(
            version_id INTEGER NOT NULL REFERENCES versions(id),
            date TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY(version_id, date));
        CREATE TABLE analyses(
            version_id INTEGER NOT NULL REFERENCES versions(id),
            pack_hash TEXT NOT NULL,
            findings TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY(version_id, pack_hash));
        CREATE TABLE change_events(
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            from_version_id INTEGER REFERENCES versions(id),
            to_version_id INTEGER NOT NULL REFERENCES versions(id),
            pack_hash TEXT NOT NULL,
            changes TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE(to_version_id, pack_hash));
        CREATE TABLE provision_instances(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            pack_hash TEXT NOT NULL,
            provision TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            signature TEXT NOT NULL,
            excerpt TEXT NOT NULL,
            captures TEXT NOT NULL);
        CREATE TABLE instance_versions(
            instance_id INTEGER NOT NULL REFERENCES provision_instances(id) ON DELETE CASCADE,
            version_id INTEGER NOT NULL REFERENCES versions(id),
            PRIMARY KEY(instance_id, version_id));
        CREATE INDEX provision_instances_document ON provision_instances(document_id, pack_hash);
        CREATE INDEX provision_instances_provision ON provision_instances(provision);
        """,
    };
}
