using LayerNas.Studies;

namespace LayerNas.Storage.Tests;

/// <summary>The store contract against a real PostgreSQL 15 server, each handle its own connection pool as another machine would have.</summary>
public sealed class PostgresStudyStoreTests(PostgresDatabase database) : StudyStoreContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<IStudyStore> OpenAsync() => await StudyStores.OpenAsync(database.Url, CancellationToken.None);

    [Fact]
    public async Task Open_WrongPassword_MessageNamesStoreWithoutPassword()
    {
        var url = new UriBuilder(database.Url.Replace("postgresql://", "http://")) { Password = "wrong-s3cret" }.Uri.ToString().Replace("http://", "postgresql://");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => StudyStores.OpenAsync(url, CancellationToken.None));
        Assert.DoesNotContain("wrong-s3cret", ex.Message);
        Assert.Contains(":***@", ex.Message);
        Assert.Contains("password authentication failed", ex.Message);
    }

    [Fact]
    public async Task Open_Unreachable_UserErrorWithoutPassword()
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() =>
            StudyStores.OpenAsync("postgresql://someone:hunter2@127.0.0.1:1/nothing", CancellationToken.None));
        Assert.DoesNotContain("hunter2", ex.Message);
        Assert.Contains("postgresql://someone:***@127.0.0.1:1/nothing", ex.Message);
    }

    [Fact]
    public async Task Description_NeverShowsPassword()
    {
        await using var store = await OpenAsync();
        var password = new Uri(database.Url.Replace("postgresql://", "http://")).UserInfo.Split(':')[1];
        Assert.DoesNotContain(password, store.Description);
        Assert.Contains("***", store.Description);
    }
}
