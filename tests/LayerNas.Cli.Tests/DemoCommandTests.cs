using System.Text.Json;
using LayerNas.Networks.Spaces;

namespace LayerNas.Cli.Tests;

/// <summary>
/// `layernas demo --width-multipliers` and `--fidelity` end to end on a toy space (8x8 images, two classes), with
/// real TorchSharp training for a few steps: the experiment's command in seconds.
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    // Each block may take its width at multiplier 0.5 or 1 (channel_divisor 4), kernel 3/5, expansion 3/6.
    private const string SpaceYaml = """
        name: toy-width-family
        input: {resolution: 8, channels: 1}
        channel_divisor: 4
        stem: {type: conv, out: 8, kernel: 3, stride: 1, activation: relu6}
        blocks:
          - {type: inverted_residual, out: 8, kernel: 3, expansion: 1, stride: 1, activation: relu6, search: {kernel: [3, 5], out: [4, 8]}}
          - {type: inverted_residual, out: 16, kernel: 3, expansion: 6, stride: 2, activation: relu6,
             search: {kernel: [3, 5], expansion: [3, 6], out: [8, 16]}}
          - {type: inverted_residual, out: 16, kernel: 3, expansion: 6, stride: 1, activation: relu6,
             search: {kernel: [3, 5], expansion: [3, 6], out: [8, 16]}}
        head:
          - {type: conv, out: 32, kernel: 1, activation: relu6}
        classifier:
          - {type: linear, out: 2}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("layernas-demo-cli-").FullName;
    private readonly string _space;
    private readonly string _data;

    public DemoCommandTests()
    {
        _space = Path.Combine(_dir, "toy.yaml");
        File.WriteAllText(_space, SpaceYaml);
        _data = "idx:" + HalvesIdxDataset.Write(_dir, 400, 100, seed: 7);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Tiny(params string[] more) =>
    [
        "demo", "--space", _space, "--dataset", _data, "--validation", "100", "--proxy-epochs", "1", "--proxy-subset", "64", "--proxy-val-subset", "100",
        "--proxy-recalibrate", "64", "--final-epochs", "2", "--final-subset", "300", "--batch-size", "32", "--lr", "0.05", "--threads", "1",
        .. more,
    ];

    private static async Task<(int Code, string Out, string Err)> Run(string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CliApp.RunAsync(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Demo_WidthMultipliersOnToySpace_ComparesThePicksWithTheFamilyUnderEachTarget()
    {
        string json = Path.Combine(_dir, "family.json"), png = Path.Combine(_dir, "family.png");

        var (code, output, error) = await Run(Tiny("--width-multipliers", "0.5,1", "--trials", "4", "--seeds", "1,2", "--json-out", json, "--plot", png));

        Assert.True(code == 0, error);
        var space = NetworkSpaceLoader.LoadFile(_space);
        var madds = space.CostModel("madds");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var targets = doc.RootElement.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal([0.5, 1.0], targets.Select(t => t.GetProperty("width_multiplier").GetDouble()));
        foreach (var t in targets)
        {
            double m = t.GetProperty("width_multiplier").GetDouble(), target = t.GetProperty("target_mmadds").GetDouble();
            var family = space.WidthMultiplied(m);
            Assert.Equal(madds.Cost(family), target, 9);
            Assert.Equal(4, t.GetProperty("layernas_trials").GetInt32());
            Assert.Equal(t.GetProperty("layernas_trials").GetInt32(), t.GetProperty("random_trials").GetInt32());
            var models = t.GetProperty("models").EnumerateArray().ToList();
            Assert.Equal(["layernas", "width", "random"], models.Select(x => x.GetProperty("role").GetString()));
            Assert.Equal(family.ToString(), models[1].GetProperty("architecture").GetString());
            foreach (var model in models)
            {
                Assert.True(model.GetProperty("mmadds").GetDouble() <= target + 1e-9, $"{model} is over the target {target}");
                var runs = model.GetProperty("runs").EnumerateArray().ToList();
                Assert.Equal([1, 2], runs.Select(r => r.GetProperty("seed").GetInt32()));
                Assert.All(runs, r => Assert.InRange(r.GetProperty("test_accuracy").GetDouble(), 0, 100));
            }
        }
        Assert.Contains("| 0.5 |", output);
        Assert.Contains("| 1 |", output);
        Assert.Contains("LayerNAS − width (t)", output);
        Assert.Contains("final trainings", output);
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Fact]
    public async Task Demo_Fidelity_PrintsSpearmanWithItsIntervalOverTheSampledArchitectures()
    {
        string json = Path.Combine(_dir, "fidelity.json");

        var (code, output, error) = await Run(Tiny("--fidelity", "5", "--seeds", "1", "--json-out", json));

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        var points = root.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(5, points.Count);
        Assert.Equal(5, points.Select(p => p.GetProperty("architecture").GetString()).Distinct().Count());
        var spearman = root.GetProperty("spearman");
        double rho = spearman.GetProperty("rho").GetDouble();
        Assert.InRange(rho, -1, 1);
        Assert.True(spearman.GetProperty("low_95").GetDouble() <= rho && rho <= spearman.GetProperty("high_95").GetDouble());
        Assert.Equal(5, spearman.GetProperty("n").GetInt32());
        Assert.Contains("Spearman rho (proxy val. vs final test)", output);
    }

    [Fact]
    public async Task Demo_WidthMultiplierOutsideTheSpace_ExitsTwoNamingTheBlockAndWidth()
    {
        var (code, output, error) = await Run(Tiny("--width-multipliers", "0.75"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("block1: width multiplier 0.75 needs output width 12 (backbone 16), which is not among its choices", error);
    }
}
