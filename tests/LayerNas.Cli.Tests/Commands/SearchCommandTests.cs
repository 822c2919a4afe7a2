namespace LayerNas.Cli.Tests.Commands;

public class SearchCommandTests
{
    [Fact]
    public async Task Search_NoArguments_RunsEmbeddedDefaultAndFindsOracle()
    {
        var (code, output, error) = await CliRunner.RunAsync("search");
        Assert.True(code == 0, error);
        Assert.Contains("layernas on nb201-cifar10, flops <= 110.06", output);
        Assert.Contains("[found]", output);
        Assert.Contains("Pareto front (", output);
        Assert.Contains("Best per cost bucket (", output);
    }

    [Fact]
    public async Task Search_Json_HasDocumentedShape()
    {
        var json = await CliRunner.JsonAsync("search", "--benchmark", "nas-bench-macro", "--max-cost", "0.5x", "--json");
        Assert.Equal("nas-bench-macro", json.GetProperty("benchmark").GetString());
        Assert.Equal("layernas", json.GetProperty("strategy").GetString());
        int trials = json.GetProperty("trials").GetInt32();
        Assert.InRange(trials, 10, 450);
        var best = json.GetProperty("best");
        foreach (var key in new[] { "arch", "cost", "reward", "test_accuracy" }) Assert.True(best.TryGetProperty(key, out _), key);
        Assert.True(best.GetProperty("cost").GetDouble() <= json.GetProperty("max_cost").GetDouble());
        Assert.True(json.GetProperty("front").GetArrayLength() > 1);
        var oracle = json.GetProperty("oracle");
        foreach (var key in new[] { "arch", "test_accuracy", "reward_arch", "reward_test_accuracy" }) Assert.True(oracle.TryGetProperty(key, out _), key);
        Assert.Equal(oracle.GetProperty("best_reward").GetDouble(), best.GetProperty("reward").GetDouble());
    }

    [Fact]
    public async Task Search_Budget_StopsAtBudget()
    {
        var json = await CliRunner.JsonAsync("search", "--budget", "17", "--json", "--max-cost", "none");
        Assert.Equal(17, json.GetProperty("trials").GetInt32());
    }

    [Fact]
    public async Task Search_UserTable_UsesChosenColumns()
    {
        var path = Path.Combine(Path.GetTempPath(), $"layernas-{Guid.NewGuid():N}.csv");
        var lines = new List<string> { "arch,acc,test,madds" };
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 4; b++)
                for (int c = 0; c < 2; c++)
                    lines.Add($"{a}-{b}-{c},{a * 10 + b * 3 + c},{a * 10 + b * 3 + c - 1},{a * 5 + b * 2 + c}");
        await File.WriteAllLinesAsync(path, lines);
        try
        {
            var json = await CliRunner.JsonAsync("search", "--table", path, "--reward", "acc", "--reported", "test", "--cost", "madds", "--max-cost", "12", "--json");
            var best = json.GetProperty("best");
            Assert.True(best.GetProperty("cost").GetDouble() <= 12);
            Assert.Equal(json.GetProperty("oracle").GetProperty("best_reward").GetDouble(), best.GetProperty("reward").GetDouble());
            Assert.Equal(best.GetProperty("reward").GetDouble() - 1, best.GetProperty("test_accuracy").GetDouble());
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("missing-col", "no column 'nope'")]
    [InlineData("non-numeric", "not numeric")]
    [InlineData("ragged", "every arch needs the same number of layers")]
    public async Task Search_BadTable_ExitCode2AndOneMessage(string kind, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"layernas-{Guid.NewGuid():N}.csv");
        string csv = kind switch
        {
            "ragged" => "arch,acc,cost\n0-1,1,1\n0-1-1,2,2\n",
            "non-numeric" => "arch,acc,cost\n0-1,1,cheap\n1-1,2,dear\n",
            _ => "arch,acc,cost\n0-1,1,1\n1-1,2,2\n",
        };
        await File.WriteAllTextAsync(path, csv);
        try
        {
            var cost = kind == "missing-col" ? "nope" : "cost";
            var (code, output, error) = await CliRunner.RunAsync("search", "--table", path, "--reward", "acc", "--cost", cost);
            Assert.Equal(2, code);
            Assert.Contains(expected, error);
            Assert.DoesNotContain("   at ", error);
            Assert.Equal("", output);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(new[] { "search", "--benchmark", "nb999" }, "error: --benchmark 'nb999' is not a benchmark")]
    [InlineData(new[] { "search", "--max-cost", "1" }, "below the cheapest architecture")]
    [InlineData(new[] { "search", "--min-cost", "50", "--max-cost", "20" }, "error: --max-cost 20 MFLOPs is below the minimum cost (50 MFLOPs)")]
    [InlineData(new[] { "search", "--max-cost", "cheap" }, "is not a cost")]
    [InlineData(new[] { "search", "--cost", "latency" }, "error: --cost 'latency' is not a cost of 'nb201-cifar10': use one of flops, params")]
    [InlineData(new[] { "search", "--strategy", "magic" }, "--strategy 'magic' is not a strategy: use one of layernas")]
    [InlineData(new[] { "search", "--table", "/nonexistent/t.csv", "--reward", "a", "--cost", "b" }, "does not exist")]
    [InlineData(new[] { "search", "--bogus" }, "--bogus")]
    public async Task Search_BadInput_ExitCode2(string[] args, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", output);
    }
}
