using LayerNas.Storage;

namespace LayerNas.Cli.Tests.Commands;

/// <summary>
/// Hostile and mistyped input, each through the real command line: exit code 2, exactly one line `error: ...`
/// naming the input, no stack trace, no password, no raw control character — and no study created or changed.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("layernas-bad-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static string Bomb()
    {
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x, x]" };
        for (char c = 'b'; c <= 'i'; c++) lines.Add($"{c}: &{c} [{string.Join(", ", Enumerable.Repeat($"*{(char)(c - 1)}", 10))}]");
        return string.Join("\n", lines) + "\n";
    }

    public static TheoryData<string, string> Cases() => new()
    {
        { "yaml-20000-deep", "64 levels" },
        { "yaml-3000-deep", "64 levels" },
        { "yaml-unclosed", "line 2" },
        { "yaml-alias-bomb", "aliases" },
        { "csv-index-3000000", "line 2" },
        { "csv-infinite-cost", "Infinity" },
        { "csv-ansi-header", "\\u001b[31m" },
        { "budget--1", "--budget" },
        { "budget-0", "--budget" },
        { "retry-delay-NaN", "--retry-delay" },
        { "lease-1e300", "--lease" },
        { "wait-1e300", "--wait" },
        { "window-0", "--window" },
        { "log-dir-file", "--log-dir" },
        { "log-dir-under-file", "--log-dir" },
        { "url-no-slashes", "***" },
        { "url-no-colon", "***" },
        { "url-one-slash", "***" },
        { "url-no-host", "***" },
    };

    private string[] Args(string name)
    {
        string db = $"sqlite:{Path.Combine(_folder, "s.db")}";
        string notAFolder = File("a-file", "x");
        string[] Search(params string[] more) => ["search", "--study", "spoiled", "--storage", db, .. more];
        return name switch
        {
            "yaml-20000-deep" => ["search", "--config", File("deep.yaml", new string('[', 20000))],
            "yaml-3000-deep" => ["search", "--config", File("deep3k.yaml", new string('[', 3000) + new string(']', 3000))],
            "yaml-unclosed" => ["search", "--config", File("unclosed.yaml", "{a: 1\n")],
            "yaml-alias-bomb" => ["search", "--config", File("bomb.yaml", Bomb())],
            "csv-index-3000000" => ["search", "--table", File("big.csv", "arch,val_acc,mflops\n0-3000000,1,2\n0-0,2,3\n"), "--cost", "mflops", "--max-cost", "10", "--reward", "val_acc"],
            "csv-infinite-cost" => ["search", "--table", File("inf.csv", "arch,val_acc,mflops\n0-0,84,31\n0-1,85,Infinity\n1-0,86,40\n1-1,87,50\n"), "--cost", "mflops", "--max-cost", "0.5x", "--reward", "val_acc"],
            "csv-ansi-header" => ["search", "--table", File("ansi.csv", "arch,val_acc,\u001b[31mmflops\u001b[0m\n0-0,84,31\n0-1,85,35\n"), "--cost", "mflops", "--max-cost", "0.5x", "--reward", "val_acc"],
            "budget--1" => Search("--budget", "-1"),
            "budget-0" => Search("--budget", "0"),
            "retry-delay-NaN" => Search("--retry-delay", "NaN"),
            "lease-1e300" => Search("--lease", "1e300"),
            "wait-1e300" => ["worker", "--study", "spoiled", "--storage", db, "--wait", "1e300"],
            "window-0" => Search("--window", "0"),
            "log-dir-file" => Search("--evaluator", "command", "--command", "true", "--log-dir", notAFolder),
            "log-dir-under-file" => Search("--evaluator", "command", "--command", "true", "--log-dir", Path.Combine(notAFolder, "logs")),
            "url-no-slashes" => ["studies", "--storage", "postgresql:nas:PW-s3cret@db.example/studies"],
            "url-no-colon" => ["studies", "--storage", "postgresql//nas:PW-s3cret@db.example/studies"],
            "url-one-slash" => ["studies", "--storage", "postgresql:/nas:PW-s3cret@db.example/studies"],
            "url-no-host" => ["studies", "--storage", "postgresql://nas:PW-s3cret"],
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_ExitsTwoWithOneLocatedLineAndChangesNothing(string name, string located)
    {
        var (code, output, error) = await CliRunner.RunAsync(Args(name));

        Assert.True(code == 2, $"{name}: exit {code}\n{output}{error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal), $"{name}: {error}");
        Assert.Contains(located, error);
        Assert.DoesNotContain("s3cret", output + error);
        Assert.DoesNotContain('\u001b', error);
        Assert.DoesNotContain("   at ", error);
        if (System.IO.File.Exists(Path.Combine(_folder, "s.db")))
        {
            await using var store = await StudyStores.OpenAsync($"sqlite:{Path.Combine(_folder, "s.db")}", CancellationToken.None);
            Assert.Null(await store.FindAsync("spoiled", CancellationToken.None));
        }
    }

    [Fact]
    public async Task Resume_WithWindowZero_RefusedAndTheStoredStudyUnchanged()
    {
        string db = $"sqlite:{Path.Combine(_folder, "s.db")}";
        var (code, _, error) = await CliRunner.RunAsync("search", "--study", "kept", "--storage", db, "--budget", "3", "--progress", "quiet");
        Assert.True(code == 0, error);
        string before;
        await using (var store = await StudyStores.OpenAsync(db, CancellationToken.None))
            before = Json(await store.FindAsync("kept", CancellationToken.None));

        (code, _, error) = await CliRunner.RunAsync("search", "--study", "kept", "--storage", db, "--budget", "5", "--window", "0");

        Assert.Equal(2, code);
        Assert.Contains("--window", error);
        await using (var store = await StudyStores.OpenAsync(db, CancellationToken.None))
            Assert.Equal(before, Json(await store.FindAsync("kept", CancellationToken.None)));
    }

    private static string Json(LayerNas.Studies.StudyDefinition? definition) => System.Text.Json.JsonSerializer.Serialize(definition,
        new System.Text.Json.JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
}
