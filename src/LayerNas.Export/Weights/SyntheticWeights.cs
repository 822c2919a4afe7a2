using LayerNas.Export.Runtime;
using LayerNas.Networks.Specs;
using LayerNas.Training;
using TorchSharp;

namespace LayerNas.Export.Weights;

/// <summary>
/// Seeded random weights for a spec's full state dict: He-normal convs and linears, and batch norm parameters and
/// statistics away from the identity (so that folding is exercised). <see cref="Create"/> needs no TorchSharp and
/// suits latency (which does not depend on the values); <see cref="Calibrated"/> also sets every batch norm's
/// statistics from the activations of a seeded batch, so that activations and outputs are of order 1 — what an
/// export check needs to mean something. Pure: the same spec and seed give the same tensors.
/// </summary>
public static class SyntheticWeights
{
    /// <summary>Seeded weights; batch norm statistics drawn independently of the activations (their scale drifts with depth).</summary>
    public static IReadOnlyDictionary<string, TensorData> Create(NetworkSpec spec, int seed)
    {
        var random = new Random(seed);
        var result = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var t in StateDictLayout.Of(spec))
        {
            if (t.IsInt64)
            {
                result[t.Name] = TensorData.Int64(t.Name, t.Shape, [1]);
                continue;
            }
            var data = new float[t.ElementCount];
            string kind = t.Name[(t.Name.LastIndexOf('.') + 1)..];
            bool isBn = t.Shape.Length == 1 && t.Name.Contains(".1.", StringComparison.Ordinal) && !t.Name.StartsWith("classifier", StringComparison.Ordinal);
            double fanIn = t.Shape.Length > 1 ? t.Shape.Skip(1).Aggregate(1L, (a, b) => a * b) : 1;
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (kind, isBn) switch
                {
                    ("weight", true) => (float)(0.5 + random.NextDouble()),
                    ("bias", true) => (float)(0.2 * Normal(random)),
                    ("running_mean", _) => (float)(0.1 * Normal(random)),
                    ("running_var", _) => (float)(0.5 + random.NextDouble()),
                    ("bias", false) => (float)(0.05 * Normal(random)),
                    _ => (float)(Normal(random) * Math.Sqrt(2.0 / fanIn)),
                };
            }
            result[t.Name] = TensorData.Float(t.Name, t.Shape, data);
        }
        return result;
    }

    /// <summary>
    /// <see cref="Create"/>'s weights with each batch norm's running mean and variance replaced by the statistics of
    /// its input on a seeded N(0, 1) batch of <paramref name="batch"/> images (one training-mode forward pass with
    /// momentum 1): in eval mode every normalized activation is then about γ·N(0, 1) + β, so the logits are of order
    /// 1 whatever the depth. Uses TorchSharp; the batch is not the one <see cref="OnnxVerifier"/> compares on.
    /// </summary>
    public static IReadOnlyDictionary<string, TensorData> Calibrated(NetworkSpec spec, int seed, int batch = 8)
    {
        var measuring = spec with { BatchNorm = spec.BatchNorm with { Momentum = 1.0 } };
        using var module = Trainer.CreateModule(measuring, seed);
        TorchWeights.Load(module, Create(spec, seed));
        long[] shape = [batch, spec.Input.Channels, spec.Input.Resolution, spec.Input.Resolution];
        var input = OnnxVerifier.RandomBatch(shape.Select(d => (int)d).ToArray(), seed + 7919);
        module.train();
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            module.call(torch.tensor(input, shape, dtype: torch.ScalarType.Float32));
        }
        module.eval();
        return TorchWeights.FromModule(module);
    }

    private static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
