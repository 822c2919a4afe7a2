using LayerNas.Export.Weights;
using LayerNas.Training.Modules;

namespace LayerNas.Export.Runtime;

/// <summary>
/// Runs an exported model with ONNX Runtime and the TorchSharp module it came from on the same seeded batch and
/// compares the outputs. Defaults: batch 4, tolerance 1e-4 + 1e-3 × max|TorchSharp output| (float32 arithmetic in a
/// different order, plus batch norm folding, moves logits by ~1e-6 relative per layer). Not thread-safe.
/// </summary>
public static class OnnxVerifier
{
    public const double DefaultAbsoluteTolerance = 1e-4;
    public const double DefaultRelativeTolerance = 1e-3;

    public static ExportVerification Compare(NetworkModule module, byte[] onnx, int batch = 4, int seed = 0,
        double absoluteTolerance = DefaultAbsoluteTolerance, double relativeTolerance = DefaultRelativeTolerance)
    {
        var spec = module.Spec;
        int[] shape = [batch, spec.Input.Channels, spec.Input.Resolution, spec.Input.Resolution];
        var input = RandomBatch(shape, seed);
        var expected = TorchWeights.Forward(module, input, shape.Select(d => (long)d).ToArray());
        using var runner = new OnnxModelRunner(onnx);
        var actual = runner.Run(input, shape);
        if (actual.Length != expected.Length)
            throw new ExportVerificationException(new ExportVerification(batch, double.PositiveInfinity, 0, absoluteTolerance, relativeTolerance));
        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - (double)expected[i]));
            maxRef = Math.Max(maxRef, Math.Abs((double)expected[i]));
            if (!float.IsFinite(actual[i])) maxDiff = double.PositiveInfinity;
        }
        return new ExportVerification(batch, maxDiff, maxRef, absoluteTolerance, relativeTolerance);
    }

    /// <summary>Like <see cref="Compare"/>, but throws <see cref="ExportVerificationException"/> when the outputs differ beyond tolerance.</summary>
    public static ExportVerification Verify(NetworkModule module, byte[] onnx, int batch = 4, int seed = 0)
    {
        var v = Compare(module, onnx, batch, seed);
        return v.Passed ? v : throw new ExportVerificationException(v);
    }

    /// <summary>A standard-normal batch from a seeded generator.</summary>
    public static float[] RandomBatch(int[] shape, int seed)
    {
        var random = new Random(seed);
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            data[i] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return data;
    }
}
