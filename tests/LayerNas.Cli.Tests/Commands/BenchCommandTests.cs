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
