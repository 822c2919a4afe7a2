using System.Text.Json.Nodes;
using LayerNas.Evaluation;
using LayerNas.Networks;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;

namespace LayerNas.Cli.Tests;

/// <summary>
/// examples/train_candidate.py as `--evaluator command` runs it: a real /usr/bin/python3 subprocess with Debian's
/// python3-torch, training candidates of a small network space on a tiny IDX data set for a few steps on the CPU.
/// </summary>
public sealed class TrainCandidateScriptTests : IDisposable
{
    private const string Python = "/usr/bin/python3";

    // 8x8 grey images, two classes; three searchable blocks (kernel, expansion, width, a droppable block).
    private const string SpaceYaml = """
        name: halves-tiny
        input: {resolution: 8, channels: 1}
        stem: {type: conv, out: 8, kernel: 3, stride: 1, activation: relu6}
        blocks:
          - {type: inverted_residual, out: 8, kernel: 3, expansion: 1, stride: 1, activation: relu6, search: {kernel: [3, 5]}}
          - {type: inverted_residual, out: 16, kernel: 3, expansion: 3, stride: 2, activation: relu6,
             search: {kernel: [3, 5], expansion: [3, 6], out: [8, 16]}}
          - {type: inverted_residual, out: 16, kernel: 3, expansion: 3, stride: 1, activation: relu6,
             search: {expansion: [3, 6], droppable: true}}
        head:
          - {type: conv, out: 32, kernel: 1, activation: relu6}
        classifier:
          - {type: dropout, rate: 0.2}
          - {type: linear, out: 2}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("layernas-train-candidate-").FullName;
    private readonly NetworkSearchSpace _space;
    private readonly string _data;

    public TrainCandidateScriptTests()
    {
        string file = Path.Combine(_dir, "space.yaml");
        File.WriteAllText(file, SpaceYaml);
        _space = NetworkSpaceLoader.LoadFile(file);
        _data = HalvesIdxDataset.Write(_dir, 600, 100, seed: 3);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Script => TestPaths.Example("train_candidate.py");

    private CommandEvaluator Evaluator(string logs, int epochs, params string[] command) =>
        new(new CommandEvaluatorOptions(command.Length > 0 ? command : [Python, Script], _space.Space, Path.Combine(_dir, logs))
        {
            Spec = arch => JsonNode.Parse(NetworkJson.Serialize(_space.Build(arch))),
            Settings = new Dictionary<string, string>
            {
                ["dataset"] = "idx:" + _data, ["epochs"] = epochs.ToString(), ["validation"] = "100", ["batch_size"] = "32",
                ["lr"] = "0.05", ["bn_recalibrate"] = "200", ["threads"] = "1", ["test"] = "true",
            },
            Timeout = TimeSpan.FromMinutes(3),
        });

    [Fact]
    public async Task Trainer_TinyData_TrainsTheCandidateItsSpecDescribesWithLayerNasCosts()
    {
        var evaluator = Evaluator("logs", epochs: 2);
        foreach (var arch in new[] { _space.Backbone, new Architecture([1, 7, 2]), new Architecture([0, 0, 1]) })
        {
            var e = await evaluator.EvaluateAsync(arch, new TrialContext("tiny", 1, Seed: 4), CancellationToken.None);

            var costs = _space.Costs(arch);
            Assert.Equal(costs.Parameters, (long)e.Metrics["params"]);
            Assert.Equal(costs.MultiplyAdds, (long)e.Metrics["madds"]);
            Assert.InRange(e.Reward, 0, 100);
            Assert.Equal(e.Reward, e.Metrics["val_accuracy"]);
            Assert.InRange(e.Metrics["test_accuracy"], 0, 100);
            Assert.True(e.Metrics["images_per_second"] > 0);
            Assert.Equal(0, e.Metrics["resumed_epochs"]);
            Assert.False(e.Metrics.ContainsKey("stand_in"));
        }
        Assert.True(File.Exists(Path.Combine(_dir, "logs", "tiny", "trial-000001", "attempt-1", "checkpoint.pt")));
        // Two classes told apart by which half is bright: two epochs learn it (chance is 50%).
        var learned = await evaluator.EvaluateAsync(_space.Backbone, new TrialContext("tiny", 2, Seed: 4), CancellationToken.None);
        Assert.True(learned.Reward > 70, $"validation accuracy {learned.Reward}% after two epochs");
    }

    [Fact]
    public async Task Trainer_AttemptKilledAfterACheckpoint_NextAttemptResumesAndEndsAsTheUninterruptedRun()
    {
        const int epochs = 30; // many short epochs, so the kill lands well before the end
        var whole = await Evaluator("whole", epochs).EvaluateAsync(_space.Backbone, new TrialContext("r", 1, Seed: 2), CancellationToken.None);

        var evaluator = Evaluator("killed", epochs);
        string checkpoint = Path.Combine(_dir, "killed", "r", "trial-000001", "attempt-1", "checkpoint.pt");
        using var kill = new CancellationTokenSource();
        var first = evaluator.EvaluateAsync(_space.Backbone, new TrialContext("r", 1, Attempt: 1, Seed: 2), kill.Token);
        while (!File.Exists(checkpoint) && !first.IsCompleted) await Task.Delay(10);
        kill.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        var resumed = await evaluator.EvaluateAsync(_space.Backbone, new TrialContext("r", 1, Attempt: 2, Seed: 2), CancellationToken.None);

        Assert.InRange(resumed.Metrics["resumed_epochs"], 1, epochs - 1);
        Assert.Equal(whole.Metrics["final_loss"], resumed.Metrics["final_loss"]);
        Assert.Equal(whole.Reward, resumed.Reward);
        Assert.Contains("resuming from", File.ReadAllText(Path.Combine(_dir, "killed", "r", "trial-000001", "attempt-2", "stdout.log")));
    }

    [Fact]
    public async Task Trainer_WithoutPyTorch_FailsNamingTheInstall()
    {
        // -S: no site-packages, so Debian's python3-torch is not importable.
        var evaluator = Evaluator("no-torch", 1, Python, "-S", Script);

        var ex = await Assert.ThrowsAsync<EvaluationFailedException>(() =>
            evaluator.EvaluateAsync(_space.Backbone, new TrialContext("t", 1), CancellationToken.None));

        Assert.Contains("exited with code 3", ex.Message);
        Assert.Contains("PyTorch is not installed", ex.Message);
    }

    [Fact]
    public async Task Trainer_StandInFlag_LabelsTheScoreAndTrainsNothing()
    {
        var evaluator = Evaluator("stand-in", 1, Python, "-S", Script, "--stand-in");

        var e = await evaluator.EvaluateAsync(_space.Backbone, new TrialContext("s", 1), CancellationToken.None);

        Assert.Equal(1, e.Metrics["stand_in"]);
        Assert.False(e.Metrics.ContainsKey("params"));
        Assert.Contains("STAND-IN SCORE", File.ReadAllText(Path.Combine(_dir, "stand-in", "s", "trial-000001", "attempt-1", "stderr.log")));
    }
}
