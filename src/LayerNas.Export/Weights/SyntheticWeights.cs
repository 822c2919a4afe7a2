using LayerNas.Networks.Specs;

namespace LayerNas.Export.Weights;

/// <summary>
/// Seeded random weights for a spec's full state dict, without TorchSharp: He-normal convs and linears, and batch
/// norm statistics away from the identity (so that folding is exercised). For latency measurement (latency does not
/// depend on the values) and for exporter tests. Pure: the same spec and seed give the same tensors.
/// </summary>
public static class SyntheticWeights
{
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

    private static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
