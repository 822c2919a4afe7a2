namespace LayerNas.Cli.Tests.Commands;

public class PlanCommandTests
{
    [Fact]
    public async Task Plan_Table_UpperBoundCoversExactAndSimulatedCounts()
    {
        var json = await CliRunner.JsonAsync("plan", "--benchmark", "nb201-cifar100", "--json");
        int upper = json.GetProperty("upper_bound").GetInt32();
        int exact = json.GetProperty("exact").GetInt32();
        var simulated = json.GetProperty("simulated");
        Assert.InRange(exact, 1, upper);
        Assert.InRange(simulated.GetProperty("max").GetInt32(), simulated.GetProperty("min").GetInt32(), upper);

        var search = await CliRunner.JsonAsync("search", "--benchmark", "nb201-cifar100", "--json");
        Assert.Equal(exact, search.GetProperty("trials").GetInt32());
    }

    [Fact]
    public async Task Plan_Text_NamesBucketsAndBound()
    {
        var (code, output, error) = await CliRunner.RunAsync("plan", "--benchmark", "nas-bench-macro", "--buckets", "4", "--keep", "1");
        Assert.True(code == 0, error);
        Assert.Contains("buckets H = 4, kept per bucket K = 1", output);
        Assert.Contains("at most", output);
    }

    [Fact]
    public async Task Plan_TightBudget_FillsToTheUnconstrainedMeanAndTheSearchMakesThatMany()
    {
        // At 0.2x of the FLOPs the layerwise search is pruned; the fill is the unconstrained plan's simulated mean.
        var free = await CliRunner.JsonAsync("plan", "--benchmark", "nb201-cifar10", "--max-cost", "none", "--json");
        var tight = await CliRunner.JsonAsync("plan", "--benchmark", "nb201-cifar10", "--max-cost", "0.2x", "--json");
        int fill = tight.GetProperty("fill_to").GetInt32();
        Assert.Equal((int)Math.Round(free.GetProperty("simulated").GetProperty("mean").GetDouble()), fill);
        Assert.Equal(0, free.GetProperty("fill_to").GetInt32());
        Assert.Equal(fill, tight.GetProperty("exact").GetInt32());
        var unfilled = await CliRunner.JsonAsync("plan", "--benchmark", "nb201-cifar10", "--max-cost", "0.2x", "--fill", "false", "--json");
        Assert.Equal(0, unfilled.GetProperty("fill_to").GetInt32());
        Assert.True(unfilled.GetProperty("exact").GetInt32() < fill);
    }
}
