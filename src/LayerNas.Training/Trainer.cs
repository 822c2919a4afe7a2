using System.Diagnostics;
using System.Globalization;
using LayerNas.Networks.Specs;
using LayerNas.Training.Data;
using LayerNas.Training.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace LayerNas.Training;

/// <summary>
/// Trains <see cref="NetworkModule"/>s on one <see cref="DataSplits"/> and scores them. Runs may go on at once on
/// different threads (a search's parallel slots): each run sets libtorch's intra-op thread count for its own thread
/// (<see cref="TrainingOptions.Threads"/>; OpenMP keeps it per thread), draws its dropout masks from its own
/// generator and its shuffling and augmentation from its own <see cref="Random"/>; only building a module (seeding
/// libtorch's process-wide generator, then drawing the initial weights) is serialized. A run is deterministic for
/// <see cref="TrainingOptions.Seed"/> and thread count. Progress lines (epoch, loss, validation accuracy, images/s)
/// go to the progress writer (stderr in the CLI), a line at a time. Thread-safe.
/// </summary>
public sealed class Trainer
{
    private static readonly Lock CreateLock = new();
    private readonly TextWriter? _progress;

    /// <summary>
    /// A trainer over <paramref name="data"/>. The first trainer of a process fixes glibc's mmap and trim thresholds and top pad
    /// (see <see cref="NativeHeap"/>: libtorch's activations then come from the heap, not from page-faulting memory maps).
    /// </summary>
    public Trainer(DataSplits data, TextWriter? progress = null)
    {
        NativeHeap.EnsureTuned();
        Data = data;
        _progress = progress is null ? null : TextWriter.Synchronized(progress);
    }

    public DataSplits Data { get; }

    /// <summary>
    /// Seeds libtorch with <paramref name="seed"/> and builds the module: same seed, same weights (the same weights
    /// as bench/layernas_torch's module after <c>torch.manual_seed(seed)</c>). Serialized with every other build.
    /// </summary>
    public static NetworkModule CreateModule(NetworkSpec spec, int seed)
    {
        lock (CreateLock)
        {
            torch.manual_seed(seed);
            return new NetworkModule(spec);
        }
    }

    /// <summary>
    /// Builds <paramref name="spec"/> with the options' seed, trains it, scores it and disposes it, on a thread of
    /// its own (calls may overlap: see the class remarks).
    /// </summary>
    public Task<TrainingResult> TrainAsync(NetworkSpec spec, TrainingOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        return Task.Factory.StartNew(() =>
        {
            ApplyThreads(options);
            using var module = CreateModule(spec, options.Seed);
            return TrainCore(module, options, cancellationToken);
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Trains an existing module in place (its current weights are the start) and scores it, on this thread.</summary>
    public TrainingResult Train(NetworkModule module, TrainingOptions options, CancellationToken cancellationToken)
    {
        ApplyThreads(options);
        return TrainCore(module, options, cancellationToken);
    }

    /// <summary>
    /// Top-1 accuracy (percent) of <paramref name="module"/> on <paramref name="set"/> (eval mode, no augmentation).
    /// The default batch keeps scoring within training's memory: at 500 images a batch the activations of one batch
    /// raised the process's peak by about 300 MiB (glibc keeps the freed blocks), measured on the demo backbone.
    /// </summary>
    public double Accuracy(NetworkModule module, ImageSet set, int batchSize = 128)
    {
        module.eval();
        using var inference = torch.inference_mode();
        long correct = 0;
        var loader = new BatchLoader(set, Data.Mean, Data.Std, batchSize, random: null);
        foreach (var (images, labels) in loader.Epoch())
        {
            using var scope = NewDisposeScope();
            using var _i = images;
            using var _l = labels;
            correct += module.call(images).argmax(1).eq(labels).sum().item<long>();
        }
        return 100.0 * correct / set.Count;
    }

    /// <summary>
    /// Replaces every batch norm's running mean and variance by their exact average over the first
    /// <paramref name="images"/> images of <paramref name="set"/> (train-mode forward passes without gradients;
    /// momentum 1/k for the k-th batch makes the running value the plain mean). Weights do not change.
    /// </summary>
    public void RecalibrateBatchNorm(NetworkModule module, ImageSet set, int images, int batchSize)
    {
        var norms = module.modules().OfType<TorchSharp.Modules.BatchNorm2d>().ToList();
        if (norms.Count == 0) return;
        var momenta = norms.Select(n => n.momentum).ToList();
        var subset = images < set.Count ? set.Select(Enumerable.Range(0, images).ToArray()) : set;
        module.train();
        using var noGrad = torch.no_grad();
        foreach (var n in norms) n.reset_running_stats();
        int k = 0;
        foreach (var (x, y) in new BatchLoader(subset, Data.Mean, Data.Std, batchSize, random: null).Epoch())
        {
            using var scope = NewDisposeScope();
            using var xs = x;
            using var ys = y;
            k++;
            foreach (var n in norms) n.momentum = 1.0 / k;
            module.call(x);
        }
        for (int i = 0; i < norms.Count; i++) norms[i].momentum = momenta[i];
    }

    /// <summary>Median wall time (ms) of batch-1 inference on one CPU thread.</summary>
    public static double MeasureLatency(NetworkModule module, int warmup = 5, int runs = 30)
    {
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try
        {
            module.eval();
            using var noGrad = torch.no_grad();
            var input = module.Spec.Input;
            using var x = torch.randn(1, input.Channels, input.Resolution, input.Resolution);
            var times = new double[runs];
            for (int i = 0; i < warmup + runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                using (var y = module.call(x)) { }
                if (i >= warmup) times[i - warmup] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Array.Sort(times);
            return times[runs / 2];
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    // libtorch's OpenMP build keeps the intra-op thread count per calling thread (new threads start from the last
    // value set anywhere), so this sets it for the run's own thread.
    private static void ApplyThreads(TrainingOptions options)
    {
        if (options.Threads > 0 && torch.get_num_threads() != options.Threads) torch.set_num_threads(options.Threads);
    }

    private TrainingResult TrainCore(NetworkModule module, TrainingOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        CheckCompatible(module.Spec);
        var train = options.TrainSubset is { } subset && subset < Data.Train.Count
            ? Data.Train.Select(Enumerable.Range(0, subset).ToArray())
            : Data.Train;
        var validation = options.ValidationSubset is { } vs && vs < Data.Validation.Count
            ? Data.Validation.Select(Enumerable.Range(0, vs).ToArray())
            : Data.Validation;
        var random = new Random(options.Seed);
        using var generator = new Generator(unchecked((ulong)(long)options.Seed));
        module.SetDropoutGenerator(generator);
        try
        {
            return TrainLoop(module, options, train, validation, random, cancellationToken);
        }
        finally
        {
            module.SetDropoutGenerator(null);
        }
    }

    private TrainingResult TrainLoop(NetworkModule module, TrainingOptions options, ImageSet train, ImageSet validation, Random random, CancellationToken cancellationToken)
    {
        var loader = new BatchLoader(train, Data.Mean, Data.Std, options.BatchSize, random, options.Augment, options.CropPadding);
        using var optimizer = torch.optim.SGD(module.parameters(), options.LearningRate, momentum: options.Momentum,
            weight_decay: options.WeightDecay, nesterov: true);
        long totalSteps = (long)loader.BatchesPerEpoch * options.Epochs, step = 0;
        var losses = new List<double>();
        double trainSeconds = 0;
        long images = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            module.train();
            long start = Stopwatch.GetTimestamp();
            double lossSum = 0;
            long epochImages = 0;
            foreach (var (x, y) in loader.Epoch())
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                using var xs = x;
                using var ys = y;
                double lr = options.LearningRateAt(step++, totalSteps);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(module.call(x), y);
                loss.backward();
                optimizer.step();
                int n = (int)x.shape[0];
                lossSum += loss.item<float>() * n;
                epochImages += n;
            }
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            trainSeconds += seconds;
            images += epochImages;
            double meanLoss = lossSum / Math.Max(1, epochImages);
            if (!double.IsFinite(meanLoss))
                throw new LayerNas.Evaluation.EvaluationFailedException($"Training diverged (loss {meanLoss}) in epoch {epoch}: lower the learning rate.");
            losses.Add(meanLoss);
            _progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  epoch {epoch}/{options.Epochs}  loss {meanLoss:0.0000}  {epochImages / seconds:0} img/s  {seconds:0.0} s"));
        }
        if (options.RecalibrateBatchNorm > 0) RecalibrateBatchNorm(module, train, options.RecalibrateBatchNorm, options.BatchSize);
        double val = Accuracy(module, validation);
        double? test = options.EvaluateTest ? Accuracy(module, Data.Test) : null;
        double? latency = options.MeasureLatency ? MeasureLatency(module) : null;
        _progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  val {val:0.00}%{(test is { } t ? $"  test {t:0.00}%" : "")}{(latency is { } l ? $"  latency {l:0.00} ms" : "")}"));
        return new TrainingResult(val, test, trainSeconds, images / Math.Max(trainSeconds, 1e-9), latency, losses, module.ParameterCount);
    }

    private void CheckCompatible(NetworkSpec spec)
    {
        var t = Data.Train;
        if (spec.Input.Channels != t.Channels || spec.Input.Resolution != t.Height || spec.Input.Resolution != t.Width)
            throw new UserInputException(
                $"Network '{spec.Name}' takes {spec.Input.Channels}×{spec.Input.Resolution}×{spec.Input.Resolution} inputs but data set '{Data.Name}' has {t.Channels}×{t.Height}×{t.Width} images: use a space sized for this data set.");
        if (spec.Classes < t.Classes)
            throw new UserInputException(
                $"Network '{spec.Name}' has {spec.Classes} outputs but data set '{Data.Name}' has {t.Classes} classes: use a space with {t.Classes} classes.");
    }
}
