using LayerNas.Training.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace LayerNas.Export.Weights;

/// <summary>Moves weights and activations between TorchSharp modules and plain arrays. Not thread-safe per module.</summary>
public static class TorchWeights
{
    /// <summary>The module's full state dict (parameters and BN buffers) as CPU arrays, keyed by name.</summary>
    public static IReadOnlyDictionary<string, TensorData> FromModule(NetworkModule module)
    {
        var result = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var (name, tensor) in module.state_dict())
        {
            using var cpu = tensor.detach().cpu().contiguous();
            long[] shape = cpu.shape;
            result[name] = cpu.dtype switch
            {
                ScalarType.Float32 => TensorData.Float(name, shape, cpu.data<float>().ToArray()),
                ScalarType.Int64 => TensorData.Int64(name, shape, cpu.data<long>().ToArray()),
                _ => throw new NotSupportedException($"State-dict entry '{name}' has dtype {cpu.dtype}; only float32 and int64 are exported."),
            };
        }
        return result;
    }

    /// <summary>
    /// Copies <paramref name="weights"/> into the module's parameters and buffers (strict: every state-dict entry must
    /// be present with its shape; extra entries are refused too).
    /// </summary>
    public static void Load(NetworkModule module, IReadOnlyDictionary<string, TensorData> weights)
    {
        var state = module.state_dict();
        var missing = state.Keys.Where(k => !weights.ContainsKey(k)).ToList();
        var extra = weights.Keys.Where(k => !state.ContainsKey(k)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new ArgumentException($"Weights do not match the module: missing [{string.Join(", ", missing.Take(5))}], unexpected [{string.Join(", ", extra.Take(5))}].", nameof(weights));
        using var noGrad = torch.no_grad();
        foreach (var (name, target) in state)
        {
            var t = weights[name];
            if (!t.Shape.SequenceEqual(target.shape))
                throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(", ", t.Shape)}], the module needs [{string.Join(", ", target.shape)}].", nameof(weights));
            using var source = t.Floats is not null ? torch.tensor(t.Floats, t.Shape) : torch.tensor(t.Longs!, t.Shape);
            target.copy_(source);
        }
    }

    /// <summary>Runs the module in eval mode without gradients on <paramref name="input"/> [batch, C, R, R]; returns the flat output.</summary>
    public static float[] Forward(NetworkModule module, float[] input, long[] shape)
    {
        module.eval();
        using var noGrad = torch.no_grad();
        using var scope = NewDisposeScope();
        var x = torch.tensor(input, shape, dtype: ScalarType.Float32);
        var y = module.call(x);
        return y.contiguous().data<float>().ToArray();
    }
}
