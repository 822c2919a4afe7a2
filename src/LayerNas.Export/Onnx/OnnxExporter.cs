using LayerNas.Export.Weights;
using LayerNas.Networks.Specs;

namespace LayerNas.Export.Onnx;

/// <summary>
/// Writes the ONNX inference graph of a <see cref="NetworkSpec"/> with given weights: input <c>input</c>
/// [batch, C, R, R] float32, output <c>logits</c> [batch, classes], opset <see cref="OnnxGraphBuilder.Opset"/>,
/// batch norm folded into the convolutions, dropout removed. Pure and thread-safe.
/// </summary>
public static class OnnxExporter
{
    public const string InputName = "input";

    public const int Opset = OnnxGraphBuilder.Opset;

    /// <summary>
    /// The serialized ONNX model. <paramref name="weights"/> must hold every float entry of
    /// <see cref="StateDictLayout.Of"/> with its shape; anything missing or misshaped is an <see cref="ArgumentException"/>.
    /// </summary>
    public static byte[] Export(NetworkSpec spec, IReadOnlyDictionary<string, TensorData> weights, IReadOnlyDictionary<string, string>? metadata = null)
    {
        spec.Validate();
        var builder = new OnnxGraphBuilder((name, shape) => Lookup(weights, name, shape), spec.BatchNorm.Eps);
        var h = builder.Input(InputName, spec.Input.Channels, spec.Input.Resolution);
        h = builder.Conv(h, "stem", spec.Stem);
        for (int i = 0; i < spec.Blocks.Count; i++) h = builder.Block(h, $"blocks.{i}", spec.Blocks[i]);
        for (int i = 0; i < spec.Head.Count; i++) h = builder.Conv(h, $"head.{i}", spec.Head[i]);
        h = builder.PoolAndClassifier(h, spec);
        return builder.Build(h, spec.Name, spec.Classes, metadata);
    }

    /// <summary>The ONNX model of <paramref name="spec"/> with <see cref="SyntheticWeights"/> (for latency, where values do not matter).</summary>
    public static byte[] ExportSynthetic(NetworkSpec spec, int seed = 0) => Export(spec, SyntheticWeights.Create(spec, seed));

    /// <summary>One block alone: input [1, block.InChannels, resolution, resolution] → the block (synthetic weights).</summary>
    internal static byte[] BlockModel(BlockSpec block, int resolution, BatchNormSpec batchNorm)
    {
        var builder = new OnnxGraphBuilder(Synthetic(), batchNorm.Eps);
        var h = builder.Input(InputName, block.InChannels, resolution, batch: 1);
        return builder.Build(builder.Block(h, "block", block), "block", null);
    }

    /// <summary>The tail alone: input [1, channels, resolution, resolution] → head convs → pool → classifier (synthetic weights).</summary>
    internal static byte[] TailModel(NetworkSpec spec, int resolution)
    {
        var builder = new OnnxGraphBuilder(Synthetic(), spec.BatchNorm.Eps);
        int channels = spec.Head.Count > 0 ? spec.Head[0].InChannels : spec.FeatureChannels;
        var h = builder.Input(InputName, channels, resolution, batch: 1);
        for (int i = 0; i < spec.Head.Count; i++) h = builder.Conv(h, $"head.{i}", spec.Head[i]);
        return builder.Build(builder.PoolAndClassifier(h, spec), "tail", null);
    }

    /// <summary>The cheapest possible model (one ReLU on one value): its latency is the runtime's fixed cost per run.</summary>
    internal static byte[] OverheadModel()
    {
        var builder = new OnnxGraphBuilder(Synthetic(), 1e-5);
        var h = builder.Input(InputName, 1, 1, batch: 1);
        return builder.Build(builder.Block(h, "block", new Networks.Specs.ConvSpec
        {
            InChannels = 1, OutChannels = 1, Kernel = 1, BatchNorm = false, Activation = Activation.Relu,
        }), "overhead", null);
    }

    private static Func<string, long[], float[]> Synthetic()
    {
        var random = new Random(0);
        return (name, shape) =>
        {
            var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
            bool positive = name.EndsWith("running_var", StringComparison.Ordinal);
            for (int i = 0; i < data.Length; i++) data[i] = positive ? 1f + (float)random.NextDouble() : (float)(random.NextDouble() - 0.5) * 0.2f;
            return data;
        };
    }

    private static float[] Lookup(IReadOnlyDictionary<string, TensorData> weights, string name, long[] shape)
    {
        if (!weights.TryGetValue(name, out var t))
            throw new ArgumentException($"The weights have no tensor '{name}' (shape [{string.Join(", ", shape)}]).", nameof(weights));
        if (!t.Shape.SequenceEqual(shape))
            throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(", ", t.Shape)}], the spec needs [{string.Join(", ", shape)}].", nameof(weights));
        return t.RequireFloats();
    }
}
