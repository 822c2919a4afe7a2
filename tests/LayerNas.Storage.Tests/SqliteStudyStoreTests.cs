using LayerNas.Studies;
using Microsoft.Data.Sqlite;

namespace LayerNas.Storage.Tests;

/// <summary>The store contract against a real SQLite file, each handle opened as another process would.</summary>
public sealed class SqliteStudyStoreTests : StudyStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("layernas-sqlite-").FullName;

    private string DbPath => Path.Combine(_folder, "studies.db");

    protected override async Task<IStudyStore> OpenAsync() => await SqliteStudyStore.OpenAsync(DbPath, CancellationToken.None);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Open_NewFile_UsesWalAndRecordsSchemaVersions()
    {
        await using var store = await SqliteStudyStore.OpenAsync(DbPath, CancellationToken.None);
        await using var connection = new SqliteConnection($"Data Source={DbPath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT group_concat(version) FROM (SELECT version FROM layernas_schema ORDER BY version)";
        Assert.Equal(string.Join(',', Enumerable.Range(1, store.SchemaVersion)), (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Open_SchemaFromNewerVersion_RefusedWithMessage()
    {
        await (await SqliteStudyStore.OpenAsync(DbPath, CancellationToken.None)).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={DbPath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO layernas_schema (version, applied_ms) VALUES (99, 0)";
            await command.ExecuteNonQueryAsync();
        }
        var ex = await Assert.ThrowsAsync<UserInputException>(() => SqliteStudyStore.OpenAsync(DbPath, CancellationToken.None));
        Assert.Contains("schema version 99", ex.Message);
    }

    [Fact]
    public async Task Open_StudyOfSchemaVersion2WithARunningTrial_MigratedAndTheDeadAttemptIsAnInterruption()
    {
        var name = TestSearch.UniqueName();
        await using (var store = await SqliteStudyStore.OpenAsync(DbPath, CancellationToken.None))
        {
            await store.CreateOrOpenAsync(TestSearch.Definition(name), CancellationToken.None);
            await store.ProposeAsync(name, 0, _ => [new ProposedTrial(SearchSpaces.Architecture.Parse("0-1-2-3-4-0"), 0)], CancellationToken.None);
            await store.ClaimAsync(name, "dead", 1, TimeSpan.FromMilliseconds(1), CancellationToken.None);
        }
        await using (var connection = new SqliteConnection($"Data Source={DbPath}"))
        {
            // What a LayerNas of schema version 2 left behind.
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE layernas_trials DROP COLUMN interruptions; DELETE FROM layernas_schema WHERE version = 3";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        await Task.Delay(20);
        await using var migrated = await SqliteStudyStore.OpenAsync(DbPath, CancellationToken.None);
        var taken = (await migrated.ClaimAsync(name, "alive", 1, TimeSpan.FromMinutes(1), CancellationToken.None)).Single();
        Assert.Equal((2, 1, 1), (taken.Attempts, taken.Interruptions, taken.AttemptsUsed));
    }

    [Fact]
    public async Task Open_MissingFolder_UserErrorNamingIt()
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => StudyStores.OpenAsync($"sqlite:{_folder}/missing/x.db", CancellationToken.None));
        Assert.Contains("missing", ex.Message);
    }
}
