using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LayerNas.SearchSpaces;
using LayerNas.Studies;

namespace LayerNas.Storage;

/// <summary>
/// The study store over a SQL database, shared by the SQLite and PostgreSQL stores: the same tables, the same
/// statements (every user value is a parameter, never spliced into SQL), with the dialects differing only in
/// how a study is locked, how rows are claimed, and whose clock leases use. Thread-safe: each call uses its
/// own pooled connection.
/// </summary>
public abstract class SqlStudyStore : IStudyStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private const string TrialColumns =
        "number, arch, state, told_before, reward, metrics, attempts, error, worker, lease_ms, started_ms, finished_ms, interruptions";

    private readonly ConcurrentDictionary<string, long> _ids = new(StringComparer.Ordinal);

    public abstract string Description { get; }

    /// <summary>The SQL expression for the store's current time in Unix milliseconds.</summary>
    protected abstract string NowSql { get; }

    /// <summary>Appended to the claim's row selection (PostgreSQL: FOR UPDATE SKIP LOCKED).</summary>
    protected virtual string ClaimLocking => "";

    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins a transaction that holds the exclusive lock named <paramref name="key"/> until it ends.</summary>
    protected abstract Task<DbTransaction> BeginLockedAsync(DbConnection connection, string key, CancellationToken cancellationToken);

    /// <summary>Binds what <see cref="NowSql"/> needs, if anything.</summary>
    protected virtual void BindNow(DbCommand command) { }

    /// <summary>The schema's migrations, in version order: version n is applied to a database at version n-1.</summary>
    protected abstract IReadOnlyList<string[]> Migrations { get; }

    /// <summary>The newest schema version this code knows.</summary>
    public int SchemaVersion => Migrations.Count;

    public abstract ValueTask DisposeAsync();

    /// <summary>True for an error after which the same call may succeed on a new connection (e.g. the server restarted).</summary>
    protected virtual bool IsTransient(Exception exception) => false;

    /// <summary>Called after a transient error, before the call is made again (e.g. to drop the pool's dead connections).</summary>
    protected virtual void OnTransient() { }

    /// <summary>How long a call keeps retrying transient errors (with backoff from 0.1 s, doubling, at most 5 s apart) before it fails.</summary>
    protected virtual TimeSpan ReconnectFor => TimeSpan.Zero;

    private async Task<T> WithReconnectAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested
                                       && System.Diagnostics.Stopwatch.GetElapsedTime(start) + delay < ReconnectFor)
            {
                OnTransient();
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    /// <summary>Creates the schema or brings it up to <see cref="SchemaVersion"/>; refuses a database made by a newer version.</summary>
    protected async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginLockedAsync(connection, "schema", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, "CREATE TABLE IF NOT EXISTS layernas_schema (version INTEGER PRIMARY KEY, applied_ms BIGINT NOT NULL)", [], cancellationToken).ConfigureAwait(false);
        var current = await ScalarAsync(connection, tx, "SELECT COALESCE(MAX(version), 0) FROM layernas_schema", [], cancellationToken).ConfigureAwait(false);
        int version = Convert.ToInt32(current, CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
            throw new UserInputException(
                $"{Description} has schema version {version}, but this LayerNas knows versions up to {SchemaVersion}: upgrade LayerNas to use this store.");
        for (int v = version + 1; v <= SchemaVersion; v++)
        {
            foreach (var statement in Migrations[v - 1])
                await ExecuteAsync(connection, tx, statement, [], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, tx, $"INSERT INTO layernas_schema (version, applied_ms) VALUES (@v, {NowSql})", [("v", v)], cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<StudyDefinition> CreateOrOpenAsync(StudyDefinition definition, CancellationToken cancellationToken) =>
        WithReconnectAsync(() => CreateOrOpenOnceAsync(definition, cancellationToken), cancellationToken);

    private async Task<StudyDefinition> CreateOrOpenOnceAsync(StudyDefinition definition, CancellationToken cancellationToken)
    {
        StudyNames.Validate(definition.Name);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginLockedAsync(connection, "study:" + definition.Name, cancellationToken).ConfigureAwait(false);
        var stored = await ReadDefinitionAsync(connection, tx, definition.Name, cancellationToken).ConfigureAwait(false);
        StudyDefinition result;
        if (stored is null)
        {
            await ExecuteAsync(connection, tx, $"INSERT INTO layernas_studies (name, definition, created_ms) VALUES (@name, @definition, {NowSql})",
                [("name", definition.Name), ("definition", JsonSerializer.Serialize(definition, Json))], cancellationToken).ConfigureAwait(false);
            result = definition;
        }
        else
        {
            StudyCompatibility.Check(stored, definition);
            result = stored with { TrialBudget = definition.TrialBudget };
            await ExecuteAsync(connection, tx, "UPDATE layernas_studies SET definition = @definition WHERE name = @name",
                [("name", definition.Name), ("definition", JsonSerializer.Serialize(result, Json))], cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public Task<StudyDefinition?> FindAsync(string study, CancellationToken cancellationToken) =>
        WithReconnectAsync(() => FindOnceAsync(study, cancellationToken), cancellationToken);

    private async Task<StudyDefinition?> FindOnceAsync(string study, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadDefinitionAsync(connection, null, study, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StudySummary>> ListAsync(CancellationToken cancellationToken) =>
        WithReconnectAsync(() => ListOnceAsync(cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<StudySummary>> ListOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var studies = new List<(long Id, StudyDefinition Definition, DateTimeOffset Created)>();
        await using (var command = Command(connection, null, "SELECT id, definition, created_ms FROM layernas_studies ORDER BY name"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                studies.Add((reader.GetInt64(0), Deserialize(reader.GetString(1)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        var result = new List<StudySummary>();
        foreach (var (id, definition, created) in studies)
        {
            var counts = new Dictionary<string, int>();
            await using (var command = Command(connection, null, "SELECT state, COUNT(*) FROM layernas_trials WHERE study_id = @s GROUP BY state", ("s", id)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            double? bestReward = null;
            string? bestArch = null;
            await using (var command = Command(connection, null,
                "SELECT arch, reward FROM layernas_trials WHERE study_id = @s AND state = 'complete' ORDER BY reward DESC, number LIMIT 1", ("s", id)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    bestArch = reader.GetString(0);
                    bestReward = reader.GetDouble(1);
                }
            int Count(TrialState s) => counts.GetValueOrDefault(StateName(s));
            result.Add(new StudySummary(definition, created, Count(TrialState.Pending), Count(TrialState.Running), Count(TrialState.Complete),
                Count(TrialState.Failed), bestReward, bestArch));
        }
        return result;
    }

    public Task<IReadOnlyList<Trial>> GetTrialsAsync(string study, long fromNumber, CancellationToken cancellationToken) =>
        WithReconnectAsync(() => GetTrialsOnceAsync(study, fromNumber, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<Trial>> GetTrialsOnceAsync(string study, long fromNumber, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long id = await StudyIdAsync(connection, null, study, cancellationToken).ConfigureAwait(false);
        return await ReadTrialsAsync(connection, null, id, fromNumber, cancellationToken).ConfigureAwait(false);
    }

    /// <remarks>After a lost connection the call is made again: <paramref name="plan"/> is then called again with the trials stored by then
    /// (<see cref="StudySchedule"/> offers again the proposals that were not stored).</remarks>
    public Task<IReadOnlyList<Trial>> ProposeAsync(string study, long fromNumber, Func<IReadOnlyList<Trial>, IReadOnlyList<ProposedTrial>> plan,
        CancellationToken cancellationToken) =>
        WithReconnectAsync(() => ProposeOnceAsync(study, fromNumber, plan, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<Trial>> ProposeOnceAsync(string study, long fromNumber, Func<IReadOnlyList<Trial>, IReadOnlyList<ProposedTrial>> plan,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long id = await StudyIdAsync(connection, null, study, cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginLockedAsync(connection, "study:" + study, cancellationToken).ConfigureAwait(false);
        var stored = await ReadTrialsAsync(connection, tx, id, fromNumber, cancellationToken).ConfigureAwait(false);
        var proposals = plan(stored);
        if (proposals.Count == 0)
        {
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return [];
        }
        var next = await ScalarAsync(connection, tx, "SELECT COALESCE(MAX(number) + 1, 0) FROM layernas_trials WHERE study_id = @s", [("s", id)], cancellationToken)
            .ConfigureAwait(false);
        long number = Convert.ToInt64(next, CultureInfo.InvariantCulture);
        var added = new List<Trial>();
        await using (var insert = Command(connection, tx,
            $"INSERT INTO layernas_trials (study_id, number, arch, state, told_before, metrics, attempts, started_ms) VALUES (@s, @n, @arch, 'pending', @told, '{{}}', 0, {NowSql}) RETURNING {TrialColumns}",
            ("s", id), ("n", 0L), ("arch", ""), ("told", 0L)))
        {
            foreach (var p in proposals)
            {
                insert.Parameters["n"].Value = number++;
                insert.Parameters["arch"].Value = p.Architecture.ToString();
                insert.Parameters["told"].Value = p.ToldBefore;
                await using var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                added.Add(ReadTrial(reader));
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    public Task<IReadOnlyList<Trial>> ClaimAsync(string study, string worker, int maxCount, TimeSpan lease, CancellationToken cancellationToken) =>
        WithReconnectAsync(() => ClaimOnceAsync(study, worker, maxCount, lease, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<Trial>> ClaimOnceAsync(string study, string worker, int maxCount, TimeSpan lease, CancellationToken cancellationToken)
    {
        if (maxCount < 1) return [];
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long id = await StudyIdAsync(connection, null, study, cancellationToken).ConfigureAwait(false);
        // The candidates are chosen once in a materialized CTE: an IN (subquery ... LIMIT k FOR UPDATE SKIP LOCKED)
        // may be re-run by the planner and claim more than k rows.
        string sql = $"""
            WITH candidates AS MATERIALIZED (
              SELECT number FROM layernas_trials
              WHERE study_id = @s AND ((state = 'pending' AND (not_before_ms IS NULL OR not_before_ms <= {NowSql}))
                                    OR (state = 'running' AND lease_ms < {NowSql}))
              ORDER BY number LIMIT @k{ClaimLocking})
            UPDATE layernas_trials SET
              error = CASE WHEN state = 'running' THEN @prefix || COALESCE(worker, '?') || @suffix ELSE error END,
              interruptions = interruptions + CASE WHEN state = 'running' THEN 1 ELSE 0 END,
              state = 'running', worker = @worker, attempts = attempts + 1, lease_ms = {NowSql} + @lease, not_before_ms = NULL
            WHERE study_id = @s AND number IN (SELECT number FROM candidates)
            RETURNING {TrialColumns}
            """;
        var claimed = new List<Trial>();
        await using (var command = Command(connection, null, sql, ("s", id), ("worker", worker), ("k", (long)maxCount),
            ("lease", (long)lease.TotalMilliseconds), ("prefix", StudyNames.LeaseExpiredPrefix), ("suffix", StudyNames.LeaseExpiredSuffix)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                claimed.Add(ReadTrial(reader));
        return claimed.OrderBy(t => t.Number).ToArray();
    }

    public Task<bool> HeartbeatAsync(string study, Trial claimed, TimeSpan lease, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(study, claimed, $"lease_ms = {NowSql} + @lease", [("lease", (long)lease.TotalMilliseconds)], cancellationToken);

    public Task<bool> CompleteAsync(string study, Trial claimed, Evaluation.Evaluation evaluation, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(study, claimed, $"state = 'complete', reward = @reward, metrics = @metrics, finished_ms = {NowSql}, lease_ms = NULL",
            [("reward", evaluation.Reward), ("metrics", JsonSerializer.Serialize(evaluation.Metrics, Json))], cancellationToken);

    public Task<bool> FailAsync(string study, Trial claimed, string reason, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(study, claimed, $"state = 'failed', error = @reason, finished_ms = {NowSql}, lease_ms = NULL", [("reason", reason)], cancellationToken);

    public Task<bool> RetryAsync(string study, Trial claimed, string reason, TimeSpan delay, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(study, claimed, $"state = 'pending', error = @reason, lease_ms = NULL, not_before_ms = {NowSql} + @delay", [("reason", reason), ("delay", (long)delay.TotalMilliseconds)], cancellationToken);

    public Task<bool> ReleaseAsync(string study, Trial claimed, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(study, claimed, "state = 'pending', interruptions = interruptions + 1, lease_ms = NULL, not_before_ms = NULL", [], cancellationToken);

    // A retried update whose first try was committed finds the lease ended and returns false: the change is made once.
    private Task<bool> UpdateLeasedAsync(string study, Trial claimed, string set, (string, object?)[] parameters, CancellationToken cancellationToken) =>
        WithReconnectAsync(() => UpdateLeasedOnceAsync(study, claimed, set, parameters, cancellationToken), cancellationToken);

    private async Task<bool> UpdateLeasedOnceAsync(string study, Trial claimed, string set, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long id = await StudyIdAsync(connection, null, study, cancellationToken).ConfigureAwait(false);
        var all = parameters.Concat([("s", (object?)id), ("n", claimed.Number), ("worker", claimed.Worker), ("attempts", (long)claimed.Attempts)]).ToArray();
        await using var command = Command(connection, null,
            $"UPDATE layernas_trials SET {set} WHERE study_id = @s AND number = @n AND state = 'running' AND worker = @worker AND attempts = @attempts", all);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<long> StudyIdAsync(DbConnection connection, DbTransaction? tx, string study, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(study, out var id)) return id;
        var value = await ScalarAsync(connection, tx, "SELECT id FROM layernas_studies WHERE name = @name", [("name", study)], cancellationToken).ConfigureAwait(false);
        if (value is null or DBNull) throw new UserInputException(StudyNames.NotFound(study, Description));
        id = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        _ids[study] = id;
        return id;
    }

    private async Task<StudyDefinition?> ReadDefinitionAsync(DbConnection connection, DbTransaction? tx, string study, CancellationToken cancellationToken)
    {
        var value = await ScalarAsync(connection, tx, "SELECT definition FROM layernas_studies WHERE name = @name", [("name", study)], cancellationToken).ConfigureAwait(false);
        return value is string json ? Deserialize(json) : null;
    }

    private async Task<IReadOnlyList<Trial>> ReadTrialsAsync(DbConnection connection, DbTransaction? tx, long id, long fromNumber, CancellationToken cancellationToken)
    {
        var trials = new List<Trial>();
        await using var command = Command(connection, tx, $"SELECT {TrialColumns} FROM layernas_trials WHERE study_id = @s AND number >= @from ORDER BY number",
            ("s", id), ("from", fromNumber));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) trials.Add(ReadTrial(reader));
        return trials;
    }

    private static Trial ReadTrial(DbDataReader r)
    {
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture));
        var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(5), Json) ?? new Dictionary<string, double>();
        return new Trial(
            Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture),
            Architecture.Parse(r.GetString(1)),
            ParseState(r.GetString(2)),
            r.IsDBNull(4) ? null : r.GetDouble(4),
            metrics,
            Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture),
            r.IsDBNull(7) ? null : r.GetString(7),
            Time(10)!.Value,
            Time(11))
        {
            ToldBefore = Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture),
            Worker = r.IsDBNull(8) ? null : r.GetString(8),
            LeaseExpires = Time(9),
            Interruptions = Convert.ToInt32(r.GetValue(12), CultureInfo.InvariantCulture),
        };
    }

    private static StudyDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<StudyDefinition>(json, Json) ?? throw new InvalidOperationException("A stored study definition is empty.");

    internal static string StateName(TrialState state) => state switch
    {
        TrialState.Pending => "pending",
        TrialState.Running => "running",
        TrialState.Complete => "complete",
        _ => "failed",
    };

    private static TrialState ParseState(string text) => text switch
    {
        "pending" => TrialState.Pending,
        "running" => TrialState.Running,
        "complete" => TrialState.Complete,
        "failed" => TrialState.Failed,
        _ => throw new InvalidOperationException($"Unknown trial state '{text}' in the store."),
    };

    /// <summary>A command with named parameters (@name); values are always bound, never formatted into the SQL text.</summary>
    protected DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        if (sql.Contains("@now", StringComparison.Ordinal)) BindNow(command);
        return command;
    }

    protected async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? tx, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
