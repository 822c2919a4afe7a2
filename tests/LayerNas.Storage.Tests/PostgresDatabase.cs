using Npgsql;

namespace LayerNas.Storage.Tests;

/// <summary>
/// A fresh database on the test PostgreSQL server named by LAYERNAS_TEST_POSTGRES (scripts/test.sh starts one),
/// dropped at the end. The variable missing is a failure, never a skip: these tests must run.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string Variable = "LAYERNAS_TEST_POSTGRES";

    public string Url { get; private set; } = "";

    private string _name = "";

    public static string ServerUrl() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException(
                $"{Variable} is not set: run the tests with scripts/test.sh (it starts a throw-away PostgreSQL 15), or start one with " +
                $"`eval \"$(bash scripts/postgres-test.sh start)\"` and run dotnet test in that shell.");

    public async Task InitializeAsync()
    {
        var server = ServerUrl();
        _name = $"layernas_t_{Guid.NewGuid():N}";
        await using var source = NpgsqlDataSource.Create(PostgresStudyStore.ToConnectionString(server, "").ConnectionString);
        await using (var command = source.CreateCommand($"CREATE DATABASE {_name}")) // a generated identifier, not user input
            await command.ExecuteNonQueryAsync();
        var uri = new UriBuilder(server.Replace("postgresql://", "http://")) { Path = "/" + _name };
        Url = uri.Uri.ToString().Replace("http://", "postgresql://");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var source = NpgsqlDataSource.Create(PostgresStudyStore.ToConnectionString(ServerUrl(), "").ConnectionString);
        await using var command = source.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }
}
