using System.Globalization;
using LayerNas.Networks.Spaces;

namespace LayerNas.Cli.Tests.Commands;

/// <summary>`layernas search` and `layernas plan` on network search spaces (--space), scored by the stand-in reward.</summary>
public class SpaceProblemTests
{
    private static string BackboneMAdds(string space)
    {
        var s = NetworkSpaceCatalog.Get(space);
        return s.CostModel("madds").Cost(s.Backbone).ToString("R", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Search_MobileNetV3LargeUnderBackboneMAdds_FindsAFeasibleBestAndFront()
    {
        string budget = BackboneMAdds("mobilenet-v3-large");

        var result = await CliRunner.JsonAsync("search", "--space", "mobilenet-v3-large", "--max-cost", budget, "--json");

        Assert.Equal("mobilenet-v3-large", result.GetProperty("benchmark").GetString());
        Assert.Equal("madds", result.GetProperty("cost").GetString());
        Assert.Equal("MMAdds", result.GetProperty("cost_unit").GetString());
        var best = result.GetProperty("best");
        Assert.True(best.GetProperty("cost").GetDouble() <= double.Parse(budget, CultureInfo.InvariantCulture));
        Assert.True(result.GetProperty("trials").GetInt32() > 100);
        Assert.NotEmpty(result.GetProperty("front").EnumerateArray());
        var space = NetworkSpaceCatalog.Get("mobilenet-v3-large");
        Assert.True(space.Space.Contains(LayerNas.SearchSpaces.Architecture.Parse(best.GetProperty("arch").GetString()!)));
    }

    [Fact]
    public async Task Plan_MobileNetV3Large_GivesTheEvaluationCount()
    {
        var result = await CliRunner.JsonAsync("plan", "--space", "mobilenet-v3-large", "--max-cost", BackboneMAdds("mobilenet-v3-large"),
            "--simulations", "2", "--json");

        Assert.Equal(15, result.GetProperty("layers").GetInt32());
        int upper = result.GetProperty("upper_bound").GetInt32();
        var simulated = result.GetProperty("simulated");
        Assert.InRange(simulated.GetProperty("max").GetDouble(), 1, upper);
    }

    [Fact]
    public async Task Search_SpaceFileWithParamsCost_Runs()
    {
        string file = Path.Combine(AppContext.BaseDirectory, "tiny-space-test.yaml");
        File.Copy(TestPaths.Example("tiny-space.yaml"), file, overwrite: true);

        var result = await CliRunner.JsonAsync("search", "--space", file, "--cost", "params", "--max-cost", "0.1", "--json");

        Assert.Equal("params", result.GetProperty("cost").GetString());
        Assert.True(result.GetProperty("best").GetProperty("cost").GetDouble() <= 0.1);
    }

    [Fact]
    public async Task Search_SpaceAndBenchmark_ExitsTwo()
    {
        var (code, _, error) = await CliRunner.RunAsync("search", "--space", "mobilenet-v2", "--benchmark", "nb201-cifar10");

        Assert.Equal(2, code);
        Assert.Contains("Give one of --space, --benchmark or --table", error);
    }

    [Fact]
    public async Task Search_BudgetBelowCheapest_ExitsTwoNamingTheRange()
    {
        var (code, _, error) = await CliRunner.RunAsync("search", "--space", "mobilenet-v3-small", "--max-cost", "1");

        Assert.Equal(2, code);
        Assert.Contains("below the cheapest architecture", error);
    }
}
