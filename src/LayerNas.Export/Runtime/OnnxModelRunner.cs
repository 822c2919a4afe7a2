using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LayerNas.Export.Runtime;

/// <summary>
/// One ONNX Runtime session (CPU) over a model with one float input and one float output, with a fixed number of
/// intra-op threads and sequential execution so that timings are comparable. Not thread-safe; dispose after use.
/// </summary>
public sealed class OnnxModelRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _options;
    private readonly string _input;

    /// <param name="threads">Intra-op threads (1 by default: the least noisy, and what a small device has).</param>
    public OnnxModelRunner(byte[] model, int threads = 1)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "At least one thread.");
        _options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, _options);
        _input = _session.InputMetadata.Keys.Single();
    }

    /// <summary>Runs the model on <paramref name="input"/> with shape <paramref name="shape"/>; returns the flat output.</summary>
    public float[] Run(float[] input, int[] shape)
    {
        var tensor = new DenseTensor<float>(input, shape);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_input, tensor)]);
        return results.First().AsEnumerable<float>().ToArray();
    }

    /// <summary>
    /// Times <paramref name="runs"/> inferences on one preallocated seeded input of <paramref name="shape"/> after
    /// <paramref name="warmup"/> untimed ones; returns each run's wall time in milliseconds.
    /// </summary>
    public double[] Time(int[] shape, int warmup, int runs, TimeProvider time)
    {
        var data = Runtime.OnnxVerifier.RandomBatch(shape, 0);
        using var input = OrtValue.CreateTensorValueFromMemory(data, shape.Select(d => (long)d).ToArray());
        using var runOptions = new RunOptions();
        string output = _session.OutputMetadata.Keys.First();
        var inputs = new[] { input };
        var names = new[] { _input };
        var outputs = new[] { output };
        for (int i = 0; i < warmup; i++) _session.Run(runOptions, names, inputs, outputs).Dispose();
        var result = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = time.GetTimestamp();
            _session.Run(runOptions, names, inputs, outputs).Dispose();
            result[i] = time.GetElapsedTime(start).TotalMilliseconds;
        }
        return result;
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
