using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace LayerNas.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode (readers never block the writer), with a busy
/// timeout so that several processes on one machine can share it. The study lock is SQLite's write lock
/// (BEGIN IMMEDIATE); leases use this process's clock (one machine, one clock). Thread-safe.
/// </summary>
public sealed class SqliteStudyStore : SqlStudyStore
{
    private static readonly string[][] SchemaMigrations =
    [
        [
            """
            CREATE TABLE layernas_studies (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT NOT NULL UNIQUE,
              definition TEXT NOT NULL,
              created_ms INTEGER NOT NULL)
            """,
            """
            CREATE TABLE layernas_trials (
              study_id INTEGER NOT NULL REFERENCES layernas_studies(id) ON DELETE CASCADE,
              number INTEGER NOT NULL,
              arch TEXT NOT NULL,
              state TEXT NOT NULL,
              told_before INTEGER NOT NULL,
              reward REAL,
              metrics TEXT NOT NULL,
              attempts INTEGER NOT NULL,
              error TEXT,
              worker TEXT,
              lease_ms INTEGER,
              not_before_ms INTEGER,
              started_ms INTEGER NOT NULL,
              finished_ms INTEGER,
              PRIMARY KEY (study_id, number))
            """,
        ],
        ["CREATE INDEX layernas_trials_claimable ON layernas_trials (study_id, state, number)"],
        // Attempts that ended without a verdict (dead or stopped worker); before version 3 they were not told apart.
        ["ALTER TABLE layernas_trials ADD COLUMN interruptions INTEGER NOT NULL DEFAULT 0"],
    ];

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    private SqliteStudyStore(string path, TimeProvider time)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        _time = time;
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    public override string Description => $"sqlite:{Path}";

    protected override string NowSql => "@now";

    protected override IReadOnlyList<string[]> Migrations => SchemaMigrations;

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/> and migrates its schema.</summary>
    public static Task<SqliteStudyStore> OpenAsync(string path, CancellationToken cancellationToken) => OpenAsync(path, null, cancellationToken);

    /// <summary>Opens the database file at <paramref name="path"/> with <paramref name="time"/> as its clock (tests).</summary>
    public static async Task<SqliteStudyStore> OpenAsync(string path, TimeProvider? time, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw UserInputException.ForSetting("storage", $"sqlite:{path}: the folder '{folder}' does not exist: create it or give another path.");
        var store = new SqliteStudyStore(full, time ?? TimeProvider.System);
        try
        {
            await using (var connection = new SqliteConnection(store._connectionString))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode = WAL";
                var mode = await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    throw UserInputException.ForSetting("storage", $"sqlite:{path}: the file cannot use WAL mode (journal mode '{mode}'): put it on a local file system.");
            }
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw UserInputException.ForSetting("storage", $"sqlite:{path} cannot be used: {ex.Message} Give a writable SQLite file (it is created if missing).", ex);
        }
        return store;
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragmas = connection.CreateCommand();
        // Wait for other processes' write locks instead of failing; FULL sync makes a commit survive power loss, not only a crash.
        pragmas.CommandText = "PRAGMA busy_timeout = 60000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON";
        await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override Task<DbTransaction> BeginLockedAsync(DbConnection connection, string key, CancellationToken cancellationToken) =>
        // IMMEDIATE takes the database's write lock now, so no other process can interleave between our read and our insert.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override void BindNow(DbCommand command) =>
        ((SqliteCommand)command).Parameters.AddWithValue("@now", _time.GetUtcNow().ToUnixTimeMilliseconds());

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open (and its WAL unmerged); release them so the file is complete on its own.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
