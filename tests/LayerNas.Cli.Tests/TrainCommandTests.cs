using System.Text.Json;
using LayerNas.Networks.Specs;

namespace LayerNas.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("layernas-train-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>IDX files of 8×8 images: class 0 bright on top, class 1 bright below.</summary>
    private string WriteIdxDataset(int train, int test) => HalvesIdxDataset.Write(_dir, train, test, seed: 5);

    private string WriteSpec()
    {
        var spec = new NetworkSpec
        {
            Name = "tiny",
            Input = new InputSpec(8, 1),
            Stem = new ConvSpec { InChannels = 1, OutChannels = 8, Kernel = 3, Activation = Activation.Relu6 },
            Blocks = [new InvertedResidualSpec { InChannels = 8, ExpandedChannels = 16, OutChannels = 8, Kernel = 3, Stride = 2 }],
            Classifier = [new LinearSpec(8, 2)],
        };
        string path = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(path, spec.ToJson());
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CliApp.RunAsync(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Train_SpecOnIdxFolder_PrintsJsonWithAccuraciesSpeedAndLatency()
    {
        string data = WriteIdxDataset(300, 60);

        var (code, output, error) = await Run("train", "--spec", WriteSpec(), "--dataset", "idx:" + data, "--epochs", "3",
            "--validation", "60", "--batch-size", "32", "--lr", "0.05", "--threads", "1", "--augment", "false", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("val_accuracy").GetDouble() > 60, output);
        Assert.InRange(root.GetProperty("test_accuracy").GetDouble(), 0, 100);
        Assert.True(root.GetProperty("images_per_second").GetDouble() > 0);
        Assert.True(root.GetProperty("latency_ms").GetDouble() > 0);
        Assert.Contains("epoch 3/3", error);
    }

    [Fact]
    public async Task Train_SpaceBackboneForOtherImageSize_ExitsTwoNamingBothShapes()
    {
        string data = WriteIdxDataset(20, 4);

        var (code, _, error) = await Run("train", "--space", "mobilenet-v2-28", "--arch", "backbone", "--dataset", "idx:" + data, "--validation", "4");

        Assert.Equal(2, code);
        Assert.Contains("error: Network 'mobilenet-v2-28:", error);
        Assert.Contains("1×8×8 images", error);
    }

    [Fact]
    public async Task Train_MissingDataFolder_ExitsTwoWithOneMessage()
    {
        var (code, output, error) = await Run("train", "--spec", WriteSpec(), "--dataset", "idx:" + Path.Combine(_dir, "nowhere"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: Data set 'idx:", error.Split('\n').First(l => l.StartsWith("error")));
    }
}
