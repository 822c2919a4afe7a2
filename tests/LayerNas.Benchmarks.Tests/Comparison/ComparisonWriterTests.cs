using System.Text.Json;
using LayerNas.Benchmarks.Comparison;

namespace LayerNas.Benchmarks.Tests.Comparison;

public class ComparisonWriterTests
{
    private static ComparisonReport Report() => ComparisonHarness.Run(
        [ComparisonHarness.Setting(TinyTable.Create(), "flops", "0.5x")],
        new ComparisonOptions { Strategies = ["layernas", "random"], Runs = 3, Budgets = [2, 4] });

    [Fact]
    public void ToJson_Report_HasTheDocumentedSchema()
    {
        using var doc = JsonDocument.Parse(ComparisonWriter.ToJson(Report()));
        var root = doc.RootElement;
        Assert.Equal(ComparisonReport.CurrentSchema, root.GetProperty("schema").GetString());
        Assert.True(root.GetProperty("wall_seconds").GetDouble() >= 0);
        Assert.True(root.GetProperty("cpu_seconds").GetDouble() >= 0);
        Assert.True(root.GetProperty("evaluations_per_second").GetDouble() >= 0);
        Assert.True(root.GetProperty("evaluations").GetInt64() > 0);
        var settings = root.GetProperty("settings");
        Assert.Equal(3, settings.GetProperty("runs").GetInt32());
        Assert.Equal("evaluations", settings.GetProperty("budget_unit").GetString());
        var bench = root.GetProperty("benchmarks")[0];
        Assert.Equal("tiny", bench.GetProperty("benchmark").GetString());
        Assert.Equal("0.5x", bench.GetProperty("max_cost").GetString());
        var oracle = bench.GetProperty("oracle");
        foreach (var name in new[] { "best_test", "reward_test", "best_reward" }) Assert.Equal(JsonValueKind.Number, oracle.GetProperty(name).ValueKind);
        Assert.Equal(JsonValueKind.String, oracle.GetProperty("reward_arch").ValueKind);
        var layernas = bench.GetProperty("strategies")[0];
        Assert.Equal("layernas", layernas.GetProperty("name").GetString());
        var budget = layernas.GetProperty("budgets")[1];
        Assert.Equal(4, budget.GetProperty("budget").GetDouble());
        foreach (var name in new[] { "mean", "p25", "p75", "hit_rate", "reward" }) Assert.Equal(JsonValueKind.Number, budget.GetProperty(name).ValueKind);
        Assert.True(layernas.GetProperty("finish").GetProperty("mean_evaluations").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, bench.GetProperty("strategies")[1].GetProperty("finish").ValueKind);
        foreach (var strategy in bench.GetProperty("strategies").EnumerateArray())
        {
            var toOracle = strategy.GetProperty("to_oracle");
            Assert.Equal(3, toOracle.GetProperty("runs").GetInt32());
            Assert.InRange(toOracle.GetProperty("reached_runs").GetInt32(), 0, 3);
            foreach (var name in new[] { "mean_evaluations", "max_evaluations" }) Assert.True(toOracle.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public void FromJson_WrittenReport_RoundTrips()
    {
        var report = Report();
        var back = ComparisonWriter.FromJson(ComparisonWriter.ToJson(report));
        Assert.Equal(ComparisonWriter.ToJson(report), ComparisonWriter.ToJson(back));
    }

    [Fact]
    public void ToMarkdown_Report_HasOneRowPerStrategyAndBudgetColumns()
    {
        var md = ComparisonWriter.ToMarkdown(Report());
        Assert.Contains("## tiny / reward / flops <= 0.5x", md);
        Assert.Contains("| strategy | 2 | 4 | at finish (evaluations: mean, min-max) | runs ending at the oracle (evaluations to it: mean, max) |", md);
        Assert.Matches(@"\| layernas \|.*\| 3/3 \(\d+, \d+\) \|", md);
        Assert.Contains("| layernas |", md);
        Assert.Contains("| random |", md);
        Assert.Contains("## Lead of layernas", md);
        Assert.Contains("### tiny / reward / flops:", md);
        Assert.Matches(@"Cells led: \*\*\d+ / 2\*\*", md);
    }

    [Fact]
    public void ToMarkdown_LostCellAheadOnReward_MarkedAndCountedInTheSummary()
    {
        var report = Report();
        var setting = report.Benchmarks[0];
        var lead = setting.Lead!;
        LeadCell Lost(LeadCell c, double rewardMargin) => c with { Margin = -0.25, Led = false, AllAtOracle = false, RewardMargin = rewardMargin };
        var cells = new[] { Lost(lead.Cells[0], 0.5), Lost(lead.Cells[1], -0.5) };
        var changed = report with { Benchmarks = [setting with { Lead = lead with { Cells = cells } }] };
        var md = ComparisonWriter.ToMarkdown(changed);
        Assert.Contains("Cells led: **0 / 2** (1 of the 2 not led ahead on reward)", md);
        Assert.Contains("| -0.25 ✗r | -0.25 ✗ |", md);
    }

    [Theory]
    [InlineData(0.123, "+0.12")]
    [InlineData(-0.004, "-0.00")]
    [InlineData(0, "+0.00")]
    [InlineData(-1.5, "-1.50")]
    public void Format_Margin_SignAndTwoDecimals(double margin, string expected) => Assert.Equal(expected, LeadCell.Format(margin));

    [Fact]
    public void Percentile_KnownValues_InterpolatesLinearly()
    {
        double[] sorted = [1, 2, 3, 4, 5];
        Assert.Equal(2, BudgetStats.Percentile(sorted, 0.25));
        Assert.Equal(4, BudgetStats.Percentile(sorted, 0.75));
        Assert.Equal(1.5, BudgetStats.Percentile([1, 2, 3], 0.25));
    }
}
