using System.Text.Json;
using LayerNas.Cli;

namespace LayerNas.Cli.Tests.Commands;

public class CostCommandTests
{
    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CliRunner.RunAsync(args);

    [Fact]
    public async Task Cost_MobileNetV2Width14Json_PrintsTheTorchvisionCounts()
    {
        var (code, output, _) = await Run("cost", "--model", "mobilenet_v2", "--width", "1.4", "--resolution", "224", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(582_195_824, doc.RootElement.GetProperty("madds").GetInt64());
        Assert.Equal(6_108_776, doc.RootElement.GetProperty("params").GetInt64());
        Assert.True(doc.RootElement.GetProperty("activation_bytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Cost_ModelTable_HasPerBlockRowsAndTotals()
    {
        var (code, output, _) = await Run("cost", "--model", "mobilenet_v3_small");

        Assert.Equal(0, code);
        Assert.Contains("blocks[10]", output);
        Assert.Contains("madds             56510400", output);
        Assert.Contains("params            2542856", output);
        Assert.Contains("activation_bytes", output);
    }

    [Fact]
    public async Task Cost_SpaceBackbone_EqualsTheReferenceModel()
    {
        var (_, space, _) = await Run("cost", "--space", "mobilenet-v3-large", "--json");
        var (_, model, _) = await Run("cost", "--model", "mobilenet_v3_large", "--json");

        Assert.Equal(JsonDocument.Parse(model).RootElement.GetProperty("madds").GetInt64(), JsonDocument.Parse(space).RootElement.GetProperty("madds").GetInt64());
    }

    [Fact]
    public async Task Cost_SpaceArch_CostsThatArchitecture()
    {
        var (code, output, _) = await Run("cost", "--space", "mobilenet-v2-32", "--arch", "0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0", doc.RootElement.GetProperty("arch").GetString());
        Assert.True(doc.RootElement.GetProperty("madds").GetInt64() < 24_500_000);
    }

    [Fact]
    public async Task Cost_BadArch_ExitsTwoWithOneMessage()
    {
        var (code, output, error) = await Run("cost", "--space", "mobilenet-v3-large", "--arch", "1-2-3");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: Architecture '1-2-3' has 3 layers but space 'mobilenet-v3-large' has 15", error);
    }

    [Fact]
    public async Task Cost_BadSpaceFile_ListsEveryProblemWithItsLocation()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-space-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            name: bad
            input: {resolution: 32, channels: 3}
            stem: {out: 0, stride: 2}
            blocks:
              - {out: 16, expansion: 6, stride: 0, activation: swish, search: {kernel: []}}
            classifier: [{type: linear, out: 10}]
            """);
        try
        {
            var (code, _, error) = await Run("cost", "--space", file);

            Assert.Equal(2, code);
            Assert.Contains($"{file}: stem.out: must be >= 1 (is 0)", error);
            Assert.Contains($"{file}: blocks[0].stride: must be >= 1 (is 0)", error);
            Assert.Contains($"{file}: blocks[0].activation: unknown activation 'swish'", error);
            Assert.Contains($"{file}: blocks[0].search.kernel: is an empty option list", error);
            Assert.DoesNotContain("   at ", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Cost_NetworkFile_ReadsTheSpecJson()
    {
        var file = Path.Combine(Path.GetTempPath(), $"net-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, LayerNas.Networks.MobileNets.V3Small(resolution: 32, classes: 10).ToJson());
        try
        {
            var (code, output, _) = await Run("cost", "--network", file, "--json");

            Assert.Equal(0, code);
            Assert.Equal(10, JsonDocument.Parse(output).RootElement.GetProperty("classes").GetInt32());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Cost_NoSubject_SaysWhatToGive()
    {
        var (code, _, error) = await Run("cost");

        Assert.Equal(2, code);
        Assert.Contains("Give exactly one of --model NAME, --space NAME|FILE or --network FILE", error);
    }

    [Fact]
    public async Task Cost_BenchSearch_ReportsCallsAndTimes()
    {
        var (code, output, _) = await Run("cost", "--space", "mobilenet-v3-small-32", "--bench-search", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("evaluations").GetInt32() > 0);
        Assert.True(doc.RootElement.GetProperty("completion_calls").GetInt64() > 0);
        Assert.True(doc.RootElement.GetProperty("best_cost").GetDouble() <= doc.RootElement.GetProperty("max_cost").GetDouble());
    }
}
