namespace LayerNas.Storage.Tests;

public sealed class StorageLocationTests
{
    [Theory]
    [InlineData("postgresql://alice:s3cret@db.example:5432/nas", "postgresql://alice:***@db.example:5432/nas")]
    [InlineData("postgres://alice:p%40ss@h/db?sslmode=require", "postgres://alice:***@h/db?sslmode=require")]
    [InlineData("postgresql://h/db?user=alice&password=s3cret", "postgresql://h/db?user=alice&password=***")]
    [InlineData("postgresql://alice@h/db", "postgresql://alice@h/db")]
    [InlineData("postgresql://alice:s3c@ret@h/db", "postgresql://alice:***@h/db")]
    [InlineData("postgresql://localhost:5432/db", "postgresql://localhost:5432/db")]
    public void Redacted_Url_HidesPassword(string url, string expected)
    {
        var location = StorageLocation.Parse(url);
        Assert.Equal(StorageKind.Postgres, location.Kind);
        Assert.Equal(expected, location.Redacted);
        Assert.Equal(expected, location.ToString());
    }

    [Theory]
    [InlineData("postgresql:alice:s3cret@h/db", "postgresql:alice:***@h/db")]
    [InlineData("postgresql//alice:s3cret@h/db", "postgresql//alice:***@h/db")]
    [InlineData("postgresql:/alice:s3cret@h/db", "postgresql:/alice:***@h/db")]
    [InlineData("postgresql://alice:s3cret", "postgresql://alice:***")]
    [InlineData("see postgres:alice:s3cret@h and postgresql://bob:pw2@h2/x", "see postgres:alice:***@h and postgresql://bob:***@h2/x")]
    public void Redact_MistypedUrl_HidesPasswordWhateverTheShape(string text, string expected) =>
        Assert.Equal(expected, StorageLocation.Redact(text));

    [Fact]
    public void Parse_DefaultAndSqlite_GiveFilePath()
    {
        Assert.Equal(new StorageLocation(StorageKind.Sqlite, "./layernas.db"), StorageLocation.Parse(null));
        Assert.Equal(new StorageLocation(StorageKind.Sqlite, "/tmp/a b.db"), StorageLocation.Parse("sqlite:/tmp/a b.db"));
        Assert.Equal(StorageKind.Memory, StorageLocation.Parse("memory").Kind);
    }

    [Fact]
    public void Parse_UnknownScheme_UserErrorWithoutPassword()
    {
        var ex = Assert.Throws<UserInputException>(() => StorageLocation.Parse("mysql://root:topsecret@h/db"));
        Assert.DoesNotContain("topsecret", ex.Message);
        Assert.Contains("sqlite:PATH", ex.Message);
    }

    [Fact]
    public void ToConnectionString_UrlParts_MappedToNpgsqlSettings()
    {
        var b = PostgresStudyStore.ToConnectionString("postgresql://al%40ice:p%3Ass@db.local:6543/my%20db?sslmode=disable", "x");
        Assert.Equal(("db.local", 6543, "my db", "al@ice", "p:ss"), (b.Host, b.Port, b.Database, b.Username, b.Password));
        Assert.Equal(Npgsql.SslMode.Disable, b.SslMode);
    }
}
