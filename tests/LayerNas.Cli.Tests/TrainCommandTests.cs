using System.Buffers.Binary;
using System.Text.Json;
using LayerNas.Networks.Specs;

namespace LayerNas.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("layernas-train-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>IDX files of 8×8 images: class 0 bright on top, class 1 bright below.</summary>
    private string WriteIdxDataset(int train, int test)
    {
        string folder = Path.Combine(_dir, "halves");
        Directory.CreateDirectory(folder);
        var random = new Random(5);
        foreach (var (prefix, n) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[n * 64];
            var labels = new byte[n];
            for (int i = 0; i < n; i++)
            {
                labels[i] = (byte)(i % 2);
                for (int p = 0; p < 64; p++)
                    pixels[i * 64 + p] = (byte)Math.Clamp(((p < 32) == (labels[i] == 0) ? 170 : 85) + random.Next(-50, 51), 0, 255);
            }
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), Idx([n, 8, 8], pixels));
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), Idx([n], labels));
        }
        return folder;
    }

    private static byte[] Idx(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

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
