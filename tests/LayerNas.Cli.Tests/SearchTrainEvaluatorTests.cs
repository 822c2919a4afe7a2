
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

    private string WriteData() => HalvesIdxDataset.Write(_dir, 160, 20, seed: 9);

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
        Assert.Contains("--evaluator train needs a network space (e.g. mobilenet-v2-28)", e.ToString());
    }
}
