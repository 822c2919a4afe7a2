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
}
