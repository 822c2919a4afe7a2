using System.Data.Common;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace LayerNas.Storage;

/// <summary>
/// The store for workers on many machines: a PostgreSQL database. Trials are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> (workers never wait for each other's claims), the study step that proposes the
/// next trials runs under a transaction-scoped advisory lock on the study's name, and leases use the server's
/// clock so that machines with skewed clocks agree. Thread-safe.
/// </summary>
public sealed class PostgresStudyStore : SqlStudyStore
{
    private static readonly string[][] SchemaMigrations =
    [
        [
            """
            CREATE TABLE layernas_studies (
              id BIGSERIAL PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              definition TEXT NOT NULL,
              created_ms BIGINT NOT NULL)
            """,
            """
            CREATE TABLE layernas_trials (
              study_id BIGINT NOT NULL REFERENCES layernas_studies(id) ON DELETE CASCADE,
              number BIGINT NOT NULL,
              arch TEXT NOT NULL,
              state TEXT NOT NULL,
              told_before BIGINT NOT NULL,
              reward DOUBLE PRECISION,
              metrics TEXT NOT NULL,
              attempts INTEGER NOT NULL,
              error TEXT,
              worker TEXT,
              lease_ms BIGINT,
              not_before_ms BIGINT,
              started_ms BIGINT NOT NULL,
              finished_ms BIGINT,
              PRIMARY KEY (study_id, number))
            """,
        ],
        ["CREATE INDEX layernas_trials_claimable ON layernas_trials (study_id, state, number)"],
        // Attempts that ended without a verdict (dead or stopped worker); before version 3 they were not told apart.
        ["ALTER TABLE layernas_trials ADD COLUMN interruptions INTEGER NOT NULL DEFAULT 0"],
    ];

    private readonly NpgsqlDataSource _source;
    private readonly string _redacted;

    private PostgresStudyStore(NpgsqlDataSource source, string redacted)
    {
        _source = source;
        _redacted = redacted;
    }

    public override string Description => _redacted;

    protected override string NowSql => "(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000))::BIGINT";

    protected override string ClaimLocking => " FOR UPDATE SKIP LOCKED";

    protected override IReadOnlyList<string[]> Migrations => SchemaMigrations;

    /// <summary>Connects to the database a <c>postgresql://</c> URL names and migrates its schema.</summary>
    public static async Task<PostgresStudyStore> OpenAsync(string url, CancellationToken cancellationToken)
    {
        var redacted = StorageLocation.Redact(url);
        var builder = ToConnectionString(url, redacted);
        var source = NpgsqlDataSource.Create(builder.ConnectionString);
        var store = new PostgresStudyStore(source, redacted);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw new UserInputException(
                $"Cannot use the PostgreSQL store {redacted}: {StorageLocation.Redact(ex.Message)} Check that the server runs, the database exists and the user may create tables in it.", ex);
        }
        return store;
    }

    /// <summary>Turns a postgresql:// URL into Npgsql settings (query parameters such as sslmode are passed on).</summary>
    internal static NpgsqlConnectionStringBuilder ToConnectionString(string url, string redacted)
    {
        if (!Uri.TryCreate(url.Replace("postgres://", "postgresql://", StringComparison.OrdinalIgnoreCase), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw UserInputException.ForSetting("storage", $"'{redacted}' is not a PostgreSQL URL: write postgresql://user:password@host:5432/database.");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : null,
            ApplicationName = "layernas",
            Timeout = 15,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            try
            {
                builder[key switch { "sslmode" => "SSL Mode", "user" => "Username", _ => key }] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            }
            catch (ArgumentException)
            {
                throw UserInputException.ForSetting("storage", $"'{redacted}': unknown connection parameter '{key}': use Npgsql connection string keywords (e.g. sslmode, Timeout).");
            }
        }
        return builder;
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbTransaction> BeginLockedAsync(DbConnection connection, string key, CancellationToken cancellationToken)
    {
        var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Advisory locks take a 64-bit key: derive it from the name, which stays a parameter.
        long lockKey = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("layernas:" + key)), 0);
        await ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock(@key)", [("key", lockKey)], cancellationToken).ConfigureAwait(false);
        return tx;
    }

    // A restarted or failed-over server (57P01 admin shutdown, 57P02 crash shutdown, 57P03 starting up, class 08 connection
    // errors) or a broken network: workers reconnect and carry on, for up to two minutes.
    protected override bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("57P0", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException,
        _ => exception is SocketException or IOException,
    };

    protected override TimeSpan ReconnectFor => TimeSpan.FromMinutes(2);

    // The pool's idle connections died with the server's sessions: drop them rather than fail on each in turn.
    protected override void OnTransient() => _source.Clear();

    public override ValueTask DisposeAsync() => _source.DisposeAsync();
}
