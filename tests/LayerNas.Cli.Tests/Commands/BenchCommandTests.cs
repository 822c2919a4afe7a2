using System.Text.Json;

namespace LayerNas.Cli.Tests.Commands;

public class BenchCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Bench_TinySetting_WritesResultsAndPlots()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"layernas-bench-{Guid.NewGuid():N}");
        try
        {
            var (code, output, error) = await Run("bench", "--benchmark", "nas-bench-macro", "--strategies", "layernas,random,evolution,ppo",
                "--runs", "3", "--budgets", "10,20", "--max-cost", "0.5x,none", "--out", dir);
            Assert.True(code == 0, error);
            Assert.Contains("[8/8]", error); // progress on stderr
            Assert.Contains("evaluations in", output);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
            Assert.Equal(2, json.RootElement.GetProperty("benchmarks").GetArrayLength());
            Assert.Contains("| evolution |", File.ReadAllText(Path.Combine(dir, "results.md")));
            Assert.True(File.Exists(Path.Combine(dir, "nas-bench-macro_seed0_flops-0.5x.png")));
            Assert.True(File.Exists(Path.Combine(dir, "nas-bench-macro_seed0_flops-none.png")));
            Assert.True(File.Exists(Path.Combine(dir, "lead_nas-bench-macro_seed0_flops.png")));
            Assert.Contains("## Lead of layernas", File.ReadAllText(Path.Combine(dir, "results.md")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Bench_LayerNasKnobs_TuneTheBestModeOnly()
    {
        // --prelude-passes 0 removes the prelude from `layernas` (fewer evaluations to finish, as `layernas search`
        // reports) and leaves `layernas-paper` as it is.
        async Task<JsonElement> Finish(params string[] extra)
        {
            var dir = Path.Combine(Path.GetTempPath(), $"layernas-bench-{Guid.NewGuid():N}");
            try
            {
                var (code, _, error) = await Run(["bench", "--benchmark", "nas-bench-macro", "--strategies", "layernas,layernas-paper",
                    "--runs", "1", "--budgets", "10", "--max-cost", "none", "--no-plots", "--out", dir, .. extra]);
                Assert.True(code == 0, error);
                using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
                return json.RootElement.GetProperty("benchmarks")[0].GetProperty("strategies").Clone();
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        }
        static double Evaluations(JsonElement strategies, int i) => strategies[i].GetProperty("finish").GetProperty("mean_evaluations").GetDouble();

        var defaults = await Finish();
        var noPrelude = await Finish("--prelude-passes", "0", "--guided", "0");
        Assert.Equal(LayerNasSearchEvaluations(), Evaluations(defaults, 0));
        Assert.Equal(397, Evaluations(noPrelude, 0)); // the layerwise search alone
        Assert.Equal(Evaluations(defaults, 1), Evaluations(noPrelude, 1));

        // What `layernas search` makes with the defaults on the same setting.
        static double LayerNasSearchEvaluations()
        {
            var b = LayerNas.Benchmarks.BenchmarkCatalog.Load("nas-bench-macro");
            var context = new LayerNas.Strategies.StrategyContext(b.Space, b.CostModel("flops"), LayerNas.Costs.CostConstraint.None("flops"), 0);
            return b.Drive(new LayerNas.Strategies.LayerNas.LayerNasStrategy(context)).Count;
        }
    }

    [Fact]
    public async Task Bench_SweepWithRewardNoise_DrawsSeedsOverEveryCostAndBound()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"layernas-bench-{Guid.NewGuid():N}");
        try
        {
            var (code, _, error) = await Run("bench", "--benchmark", "nas-bench-macro", "--strategies", "layernas,local", "--runs", "2",
                "--budgets", "10", "--max-cost", "0.1x..0.2x,none", "--cost", "flops,params", "--reward-noise", "seed", "--no-plots", "--out", dir);
            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
            var root = json.RootElement;
            Assert.Equal("seed", root.GetProperty("settings").GetProperty("reward_noise").GetString());
            var keys = root.GetProperty("benchmarks").EnumerateArray().Select(b => b.GetProperty("key").GetString()!).ToArray();
            Assert.Equal(["nas-bench-macro_test~seed_flops-0.1x", "nas-bench-macro_test~seed_flops-0.2x", "nas-bench-macro_test~seed_flops-none",
                "nas-bench-macro_test~seed_params-0.2x", "nas-bench-macro_test~seed_params-none"], keys);
            Assert.Single(root.GetProperty("skipped").EnumerateArray()); // params <= 0.1x: cheaper than any network
            Assert.Contains("±", File.ReadAllText(Path.Combine(dir, "results.md"))); // ties by the 95% interval are printed
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Bench_UserTable_ComparesOnItsColumnsWithDrawnRewards()
    {
        // 4 layers x 3 options; three recorded trainings (a, b, c) that disagree, a reported column and a cost column.
        var dir = Path.Combine(Path.GetTempPath(), $"layernas-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var csv = Path.Combine(dir, "mine.csv");
        var lines = new List<string> { "arch,a,b,c,test,madds" };
        var mean = new Dictionary<string, double>();
        var madds = new Dictionary<string, double>();
        for (int i = 0; i < 81; i++)
        {
            int[] o = [i / 27, i / 9 % 3, i / 3 % 3, i % 3];
            string arch = string.Join('-', o);
            double baseline = 50 + 3 * o[0] - o[1] + 2 * o[2] + (o[1] == o[3] ? 1.5 : 0), a = baseline + i % 5 * 0.1, b = baseline - i % 3 * 0.2, c = baseline + 0.3;
            mean[arch] = (a + b + c) / 3;
            madds[arch] = 1 + o.Sum();
            lines.Add(FormattableString.Invariant($"{arch},{a},{b},{c},{baseline - 1},{madds[arch]}"));
        }
        await File.WriteAllLinesAsync(csv, lines);
        try
        {
            var (code, output, error) = await Run("bench", "--table", csv, "--reward", "a,b,c", "--reported", "test", "--reward-noise", "seed",
                "--cost", "madds", "--max-cost", "0.5x,none", "--strategies", "layernas,random,local", "--runs", "3", "--budgets", "10,20",
                "--no-plots", "--out", Path.Combine(dir, "out"));
            Assert.True(code == 0, error);
            Assert.Contains("2 settings x 3 strategies x 3 runs", output);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "results.json")));
            var root = json.RootElement;
            Assert.Equal("seed", root.GetProperty("settings").GetProperty("reward_noise").GetString());
            var settings = root.GetProperty("benchmarks").EnumerateArray().ToArray();
            Assert.Equal(["mine", "mine"], settings.Select(b => b.GetProperty("benchmark").GetString()));
            Assert.Equal(["0.5x", "none"], settings.Select(b => b.GetProperty("max_cost").GetString()));
            foreach (var setting in settings)
            {
                // The oracle is the best noise-free reward (the mean of the trainings) under the bound, found by enumeration here.
                double bound = setting.GetProperty("max_cost").GetString() == "none" ? double.PositiveInfinity : 0.5 * madds.Values.Max();
                var best = mean.Where(m => madds[m.Key] <= bound).MaxBy(m => m.Value);
                var oracle = setting.GetProperty("oracle");
                Assert.Equal(best.Key, oracle.GetProperty("reward_arch").GetString());
                Assert.Equal(best.Value, oracle.GetProperty("best_reward").GetDouble(), 9);
                Assert.Equal(["layernas", "random", "local"], setting.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--benchmark", "nas-bench-macro", "--benchmark and --table name two problems")]
    [InlineData("--cost", "flops", "--cost flops: ")] // then the table's path, "has no column 'flops': pick one of acc, madds."
    [InlineData("--reward-noise", "seed", "--reward-noise seed: mine / acc holds one training per architecture")]
    [InlineData("--max-cost", "0.01x", "--max-cost 0.12 is below the cheapest architecture (1 of madds)")]
    public async Task Bench_UserTable_BadInput_ExitsTwoWithOneClearMessage(string option, string value, string expected)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"layernas-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var csv = Path.Combine(dir, "mine.csv");
        await File.WriteAllLinesAsync(csv, ["arch,acc,madds", "0-0,1,1", "0-1,2,4", "1-0,3,6", "1-1,4,12"]);
        try
        {
            string[] cost = option == "--cost" ? [] : ["--cost", "madds"];
            var (code, _, error) = await Run(["bench", "--table", csv, "--reward", "acc", .. cost, "--runs", "1", "--no-plots", option, value,
                "--out", Path.Combine(dir, "out")]);
            Assert.Equal(2, code);
            Assert.Equal($"error: {expected}", error.Split('\n')[0][..(expected.Length + 7)]);
            Assert.DoesNotContain("   at ", error);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Bench_TableColumnsWithoutTable_ExitTwoNamingTheFlag()
    {
        var (code, _, error) = await Run("bench", "--benchmark", "nas-bench-macro", "--reported", "test", "--runs", "1", "--no-plots",
            "--out", Path.Combine(Path.GetTempPath(), $"layernas-bench-{Guid.NewGuid():N}"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: --reported names a column of your table: give --table FILE.csv", error);
    }

    [Theory]
    [InlineData("--reward-noise", "gauss", "--reward-noise")]
    [InlineData("--max-cost", "0.9x..0.1x", "--max-cost")]
    [InlineData("--cost", "flops,latency", "latency")]
    [InlineData("--prelude-passes", "-1", "--prelude-passes")]
    [InlineData("--optimism", "-1", "--optimism -1: give 0")]
    [InlineData("--guided", "-2", "--guided -2: give 0")]
    [InlineData("--guided-per-step", "-1", "--guided-per-step -1: give 0")]
    [InlineData("--strategies", "random,bogus", "bogus")]
    [InlineData("--budgets", "10,x", "--budgets")]
    [InlineData("--budgets", "50,25", "--budgets 50, 25: list budgets in increasing order")]
    [InlineData("--runs", "0", "--runs 0: run each strategy at least once")]
    [InlineData("--time-budget", "1000", "--time-budget")] // NAS-Bench-Macro has no training times
    [InlineData("--benchmark", "nb999", "nb999")]
    public async Task Bench_BadInput_ExitsTwoWithOneClearMessage(string option, string value, string named)
    {
        string[] runs = option == "--runs" ? [] : ["--runs", "1"];
        var (code, _, error) = await Run(["bench", "--benchmark", "nas-bench-macro", .. runs, "--no-plots", option, value,
            "--out", Path.Combine(Path.GetTempPath(), $"layernas-bench-{Guid.NewGuid():N}")]);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains(named, error);
        Assert.DoesNotContain("   at ", error);
    }
}
