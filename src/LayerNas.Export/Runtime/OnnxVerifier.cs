using LayerNas.Export.Onnx;
using LayerNas.Export.Weights;
using LayerNas.Networks.Specs;
using LayerNas.Training;
using LayerNas.Training.Modules;

namespace LayerNas.Export.Runtime;

/// <summary>
/// Runs an exported model with ONNX Runtime and the TorchSharp module it came from on the same seeded batch and
/// compares the outputs: pass when max |ORT − TorchSharp| ≤ 1e-3 × max |TorchSharp| (float32 arithmetic in another
/// order plus batch norm folding move outputs by about 1e-6 relative). A relative bound alone cannot be vacuous at
/// any scale; <see cref="VerifyCalibrated"/> also checks the exporter at an output scale of order 1, since untrained
/// networks' outputs shrink to about 1e-9. Not thread-safe.
/// </summary>
public static class OnnxVerifier
{
    public const double DefaultRelativeTolerance = 1e-3;

    public static ExportVerification Compare(NetworkModule module, byte[] onnx, int batch = 4, int seed = 0,
        double relativeTolerance = DefaultRelativeTolerance, string weights = "the exported weights")
    {
        var spec = module.Spec;
        int[] shape = [batch, spec.Input.Channels, spec.Input.Resolution, spec.Input.Resolution];
        var input = RandomBatch(shape, seed);
        var expected = TorchWeights.Forward(module, input, shape.Select(d => (long)d).ToArray());
        using var runner = new OnnxModelRunner(onnx);
        var actual = runner.Run(input, shape);
        if (actual.Length != expected.Length)
            throw new ExportVerificationException(new ExportVerification(batch, double.PositiveInfinity, 0, relativeTolerance, weights));
        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - (double)expected[i]));
            maxRef = Math.Max(maxRef, Math.Abs((double)expected[i]));
            if (!float.IsFinite(actual[i]) || !float.IsFinite(expected[i])) maxDiff = double.PositiveInfinity;
        }
        return new ExportVerification(batch, maxDiff, maxRef, relativeTolerance, weights);
    }

    /// <summary>Like <see cref="Compare"/>, but throws <see cref="ExportVerificationException"/> when the outputs differ beyond tolerance.</summary>
    public static ExportVerification Verify(NetworkModule module, byte[] onnx, int batch = 4, int seed = 0)
    {
        var v = Compare(module, onnx, batch, seed);
        return v.Passed ? v : throw new ExportVerificationException(v);
    }

    /// <summary>
    /// Exports <paramref name="spec"/> with <see cref="SyntheticWeights.Calibrated"/> weights (activations of order 1)
    /// and compares ONNX Runtime with TorchSharp on them; throws <see cref="ExportVerificationException"/> beyond tolerance.
    /// </summary>
    public static ExportVerification VerifyCalibrated(NetworkSpec spec, int seed = 0, int batch = 4)
    {
        var weights = SyntheticWeights.Calibrated(spec, seed);
        using var module = Trainer.CreateModule(spec, seed);
        TorchWeights.Load(module, weights);
        var v = Compare(module, OnnxExporter.Export(spec, weights), batch, seed, weights: $"calibrated synthetic weights (seed {seed})");
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
