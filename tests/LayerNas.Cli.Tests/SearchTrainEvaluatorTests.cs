using System.Buffers.Binary;

namespace LayerNas.Cli.Tests;

public sealed class SearchTrainEvaluatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("layernas-search-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string TinySpace = """
        name: tiny-8x8
        input: {resolution: 8, channels: 1}
        stem: {type: conv, out: 8, kernel: 3, stride: 1, activation: relu6}
        blocks:
          - {type: inverted_residual, out: 8, kernel: 3, expansion: 2, stride: 2, activation: relu6, search: {kernel: [3, 5]}}
          - {type: inverted_residual, out: 8, kernel: 3, expansion: 2, stride: 1, activation: relu6, search: {expansion: [1, 2]}}
        classifier:
          - {type: linear, out: 2}
        """;

    private string WriteData()
    {
        string folder = Path.Combine(_dir, "halves");
        Directory.CreateDirectory(folder);
        var random = new Random(9);
        foreach (var (prefix, n) in new[] { ("train", 160), ("t10k", 20) })
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

    [Fact]
    public async Task Search_EvaluatorTrainOnTinySpace_TrainsCandidatesAndReportsBest()
    {
        string space = Path.Combine(_dir, "tiny.yaml");
        File.WriteAllText(space, TinySpace);
        var o = new StringWriter();
        var e = new StringWriter();

        int code = await CliApp.RunAsync(["search", "--space", space, "--max-cost", "none", "--evaluator", "train", "--dataset", "idx:" + WriteData(),
            "--validation", "40", "--epochs", "1", "--batch-size", "32", "--threads", "1", "--buckets", "1", "--keep", "1"], o, e);

        Assert.True(code == 0, e.ToString());
        Assert.Contains("epoch 1/1", e.ToString());
        Assert.Contains("-", o.ToString());
    }

    [Fact]
    public async Task Search_EvaluatorTrainWithoutSpace_ExitsTwoAskingForSpace()
    {
        var e = new StringWriter();

        int code = await CliApp.RunAsync(["search", "--benchmark", "nb201-cifar10", "--evaluator", "train"], new StringWriter(), e);

        Assert.Equal(2, code);
        Assert.Contains("--evaluator train trains networks: give a network space with --space", e.ToString());
    }
}
