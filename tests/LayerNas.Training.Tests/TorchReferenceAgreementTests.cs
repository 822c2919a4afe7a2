using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LayerNas.Networks.Specs;
using LayerNas.Training.Data;
using Xunit.Abstractions;

namespace LayerNas.Training.Tests;

/// <summary>
/// `layernas train` (TorchSharp) against the PyTorch reference (bench/torch_reference.py run by Debian's
/// /usr/bin/python3 with python3-torch, a real subprocess) on real Fashion-MNIST images (Debian's
/// dataset-fashion-mnist): the same spec, seed and recipe must train the same way.
/// </summary>
public class TorchReferenceAgreementTests(ITestOutputHelper output)
{
    private static readonly Lazy<LabeledData> FashionMnist = new(() => DatasetCatalog.Load("fashion-mnist"));

    /// <summary>A small MobileNetV2-like network for 28×28×1 images: trains 3,000 images in about a second.</summary>
    private static NetworkSpec Network() => new()
    {
        Name = "agreement-tiny",
        Input = new InputSpec(28, 1),
        Stem = new ConvSpec { InChannels = 1, OutChannels = 8, Kernel = 3, Stride = 2, Activation = Activation.Relu6 },
        Blocks =
        [
            new InvertedResidualSpec { InChannels = 8, ExpandedChannels = 24, OutChannels = 16, Kernel = 3, Stride = 2 },
            new InvertedResidualSpec { InChannels = 16, ExpandedChannels = 48, OutChannels = 16, Kernel = 3 },
        ],
        Head = [new ConvSpec { InChannels = 16, OutChannels = 64, Kernel = 1, Activation = Activation.Relu6 }],
        Classifier = [new DropoutSpec(0.1), new LinearSpec(64, 10)],
    };

    [Fact]
    public async Task TrainAsync_FirstStepsAgainstPyTorch_SameLossesAndAccuracy()
    {
        // Three epochs of one batch: the third epoch's loss follows the second step (learning rate 0.081 of the
        // one-cycle schedule, the momentum buffer of the first step, weight decay, Nesterov). Same split, same
        // augmented batch, same initial weights, same dropout masks: only float rounding may differ.
        var options = Recipe(seed: 7) with { Epochs = 3, TrainSubset = 64, RecalibrateBatchNorm = 64 };

        var cs = await TrainCSharp(options);
        var py = TrainPyTorch(options);

        output.WriteLine($"TorchSharp losses {string.Join(", ", cs.Losses)}  val {cs.Accuracy}");
        output.WriteLine($"PyTorch    losses {string.Join(", ", py.Losses)}  val {py.Accuracy}");
        Assert.Equal(3, py.Losses.Count);
        for (int e = 0; e < 3; e++) Assert.True(Math.Abs(cs.Losses[e] - py.Losses[e]) < 1e-4, $"epoch {e + 1}: loss {cs.Losses[e]} vs {py.Losses[e]}");
        Assert.True(Math.Abs(cs.Accuracy - py.Accuracy) <= 0.3, $"validation accuracy {cs.Accuracy} vs {py.Accuracy}");
    }

    [Fact]
    public async Task TrainAsync_FiveSeedsAgainstPyTorch_MeanValidationAccuracyWithinOnePoint()
    {
        int[] seeds = [1, 2, 3, 4, 5];
        var diffs = new List<double>();
        var table = new List<string> { "seed  TorchSharp  PyTorch" };
        foreach (int seed in seeds)
        {
            var options = Recipe(seed);
            var cs = await TrainCSharp(options);
            var py = TrainPyTorch(options);
            diffs.Add(cs.Accuracy - py.Accuracy);
            table.Add(string.Create(CultureInfo.InvariantCulture, $"{seed,4}  {cs.Accuracy,10:0.00}  {py.Accuracy,7:0.00}"));
        }
        double mean = diffs.Average();
        double sd = Math.Sqrt(diffs.Sum(d => (d - mean) * (d - mean)) / (diffs.Count - 1));
        double halfWidth = 2.776 * sd / Math.Sqrt(diffs.Count); // t(0.975, 4 degrees of freedom)
        foreach (var line in table) output.WriteLine(line);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean difference {mean:0.00} points, 95% interval ±{halfWidth:0.00}"));

        Assert.True(Math.Abs(mean) <= 1.0 || Math.Abs(mean) <= halfWidth,
            string.Create(CultureInfo.InvariantCulture, $"TorchSharp - PyTorch = {mean:0.00} points over {diffs.Count} seeds (95% interval ±{halfWidth:0.00}): {string.Join(", ", diffs)}"));
    }

    /// <summary>One epoch of 3,000 images with augmentation, BN recalibrated on 500 images, 1,000 validation images.</summary>
    private static TrainingOptions Recipe(int seed) => new()
    {
        Epochs = 1, BatchSize = 64, LearningRate = 0.1, Schedule = LearningRateSchedule.OneCycle, TrainSubset = 3000,
        ValidationSubset = 1000, Augment = true, RecalibrateBatchNorm = 500, Threads = 1, Seed = seed, MeasureLatency = false,
    };

    private static async Task<(double Accuracy, IReadOnlyList<double> Losses)> TrainCSharp(TrainingOptions options)
    {
        var data = DataSplits.Create(FashionMnist.Value, options.ValidationCount, options.Seed);
        var r = await new Trainer(data).TrainAsync(Network(), options, CancellationToken.None);
        return (r.ValidationAccuracy, r.EpochLosses);
    }

    private static (double Accuracy, IReadOnlyList<double> Losses) TrainPyTorch(TrainingOptions options)
    {
        string root = RepositoryRoot();
        string spec = Path.Combine(Path.GetTempPath(), $"layernas-agreement-{Environment.ProcessId}.json");
        File.WriteAllText(spec, Network().ToJson());
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/python3")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root,
            };
            foreach (var a in new[]
                     {
                         Path.Combine(root, "bench", "torch_reference.py"), "train", spec,
                         "--epochs", $"{options.Epochs}", "--batch-size", $"{options.BatchSize}",
                         "--lr", options.LearningRate.ToString(CultureInfo.InvariantCulture), "--schedule", "onecycle",
                         "--train-subset", $"{options.TrainSubset}", "--val-subset", $"{options.ValidationSubset}",
                         "--validation", $"{options.ValidationCount}", "--augment", options.Augment ? "true" : "false",
                         "--bn-recalibrate", $"{options.RecalibrateBatchNorm}", "--threads", $"{options.Threads}", "--seed", $"{options.Seed}",
                     })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("/usr/bin/python3 did not start.");
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new InvalidOperationException($"bench/torch_reference.py exited {p.ExitCode} (run scripts/setup.sh: it installs python3-torch, python3-numpy and dataset-fashion-mnist): {stderr.Result}");
            using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            var losses = json.RootElement.GetProperty("epoch_losses").EnumerateArray().Select(e => e.GetDouble()).ToList();
            return (json.RootElement.GetProperty("val_accuracy").GetDouble(), losses);
        }
        finally
        {
            File.Delete(spec);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "LayerNas.slnx"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("LayerNas.slnx not found above the test binaries.");
    }
}
