using System.Text.Json;
using LayerNas.Cli;

namespace LayerNas.Cli.Tests.Commands;

public class SpacesCommandTests
{
    [Fact]
    public async Task Spaces_Json_ListsEveryBuiltInWithTheBackboneInsideItsRange()
    {
        var output = new StringWriter();

        int code = await CliApp.RunAsync(["spaces", "--json"], output, new StringWriter());

        Assert.Equal(0, code);
        var spaces = JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray().ToList();
        Assert.Equal(12, spaces.Count);
        Assert.Contains(spaces, s => s.GetProperty("name").GetString() == "mobilenet-v3-large");
        foreach (var s in spaces)
        {
            double backbone = s.GetProperty("backbone_madds").GetDouble();
            Assert.InRange(backbone, s.GetProperty("min_madds").GetDouble(), s.GetProperty("max_madds").GetDouble());
        }
    }

    [Fact]
    public async Task Spaces_OneSpace_ShowsLayersAndBackbone()
    {
        var output = new StringWriter();

        int code = await CliApp.RunAsync(["spaces", "mobilenet-v3-small"], output, new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("11 layers", output.ToString());
        Assert.Contains("backbone k5-x96-c40-se", output.ToString());
    }

    [Fact]
    public async Task Spaces_Unknown_ExitsTwo()
    {
        var error = new StringWriter();

        int code = await CliApp.RunAsync(["spaces", "resnet-50"], new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.StartsWith("error: 'resnet-50' is neither a built-in search space nor a file", error.ToString());
    }

    [Fact]
    public async Task Spaces_Export_WritesASpaceFileThatLoadsBack()
    {
        var (code, output, _) = await CliRunner.RunAsync("spaces", "mobilenet-v2-28", "--export");
        var file = Path.Combine(Path.GetTempPath(), $"exported-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, output);
        try
        {
            var (costCode, costOut, costErr) = await CliRunner.RunAsync("cost", "--space", file, "--json");

            Assert.Equal(0, code);
            Assert.True(costCode == 0, costErr);
            Assert.Equal(21_750_608, JsonDocument.Parse(costOut).RootElement.GetProperty("madds").GetInt64());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
