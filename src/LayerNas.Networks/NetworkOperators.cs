using LayerNas.Networks.Specs;

namespace LayerNas.Networks;

/// <summary>Flattens a valid <see cref="NetworkSpec"/> into operators with shapes. Pure.</summary>
internal static class NetworkOperators
{
    public static IReadOnlyList<NetworkOperator> Of(NetworkSpec spec)
    {
        var ops = new List<NetworkOperator>();
        int resolution = spec.Input.Resolution;
        resolution = AddConv(ops, "stem", spec.Stem, resolution, 0);
        for (int i = 0; i < spec.Blocks.Count; i++)
            resolution = AddBlock(ops, $"blocks[{i}]", spec.Blocks[i], resolution);
        for (int i = 0; i < spec.Head.Count; i++)
            resolution = AddConv(ops, $"head[{i}]", spec.Head[i], resolution, 0);
        int features = spec.FeatureChannels;
        ops.Add(new NetworkOperator("pool", NetworkOperatorKind.GlobalPool, features, features, resolution, 1));
        for (int i = 0; i < spec.Classifier.Count; i++)
            if (spec.Classifier[i] is LinearSpec l)
                ops.Add(new NetworkOperator($"classifier[{i}]", NetworkOperatorKind.Linear, l.InFeatures, l.OutFeatures, 1, 1,
                    Bias: l.Bias, Activation: l.Activation));
        return ops;
    }

    /// <summary>The operators of one block (or stem/head conv) at input resolution <paramref name="resolution"/>.</summary>
    public static List<NetworkOperator> Of(BlockSpec block, int resolution, string path = "block")
    {
        var ops = new List<NetworkOperator>();
        AddBlock(ops, path, block, resolution);
        return ops;
    }

    /// <summary>Output resolution of a conv with padding (kernel-1)/2: ceil(in / stride).</summary>
    public static int OutResolution(int resolution, int stride) => (resolution + stride - 1) / stride;

    private static int AddConv(List<NetworkOperator> ops, string path, ConvSpec c, int resolution, long held)
    {
        int outRes = OutResolution(resolution, c.Stride);
        ops.Add(new NetworkOperator(path, NetworkOperatorKind.Conv, c.InChannels, c.OutChannels, resolution, outRes,
            c.Kernel, c.Stride, c.Groups, c.Bias, c.BatchNorm, c.Activation, held));
        return outRes;
    }

    private static int AddBlock(List<NetworkOperator> ops, string path, BlockSpec block, int resolution)
    {
        switch (block)
        {
            case ConvSpec c:
                return AddConv(ops, path, c, resolution, 0);
            case DepthwiseSeparableSpec d:
            {
                int outRes = OutResolution(resolution, d.Stride);
                ops.Add(new NetworkOperator($"{path}.depthwise", NetworkOperatorKind.Conv, d.InChannels, d.InChannels, resolution, outRes,
                    d.Kernel, d.Stride, d.InChannels, false, true, d.Activation));
                AddSe(ops, path, d.SqueezeExcite, d.InChannels, outRes, 0);
                ops.Add(new NetworkOperator($"{path}.pointwise", NetworkOperatorKind.Conv, d.InChannels, d.OutChannels, outRes, outRes,
                    1, 1, 1, false, true, d.PointwiseActivation));
                return outRes;
            }
            case InvertedResidualSpec r:
            {
                // The block input stays alive until the residual add, except while it is itself the operator's input.
                long residual = r.HasResidual ? (long)r.InChannels * resolution * resolution : 0;
                bool inputIsBlockInput = true;
                if (r.HasExpand)
                {
                    ops.Add(new NetworkOperator($"{path}.expand", NetworkOperatorKind.Conv, r.InChannels, r.ExpandedChannels, resolution, resolution,
                        1, 1, 1, false, true, r.Activation));
                    inputIsBlockInput = false;
                }
                int outRes = OutResolution(resolution, r.Stride);
                ops.Add(new NetworkOperator($"{path}.depthwise", NetworkOperatorKind.Conv, r.ExpandedChannels, r.ExpandedChannels, resolution, outRes,
                    r.Kernel, r.Stride, r.ExpandedChannels, false, true, r.Activation, inputIsBlockInput ? 0 : residual));
                AddSe(ops, path, r.SqueezeExcite, r.ExpandedChannels, outRes, residual);
                ops.Add(new NetworkOperator($"{path}.project", NetworkOperatorKind.Conv, r.ExpandedChannels, r.OutChannels, outRes, outRes,
                    1, 1, 1, false, true, Activation.None, residual));
                if (r.HasResidual)
                    ops.Add(new NetworkOperator($"{path}.add", NetworkOperatorKind.Add, r.OutChannels, r.OutChannels, outRes, outRes,
                        HeldElements: residual));
                return outRes;
            }
            default:
                throw new ArgumentException($"Unknown block type {block.GetType().Name}.", nameof(block));
        }
    }

    private static void AddSe(List<NetworkOperator> ops, string path, SqueezeExciteSpec? se, int channels, int resolution, long held)
    {
        if (se is null) return;
        long map = (long)channels * resolution * resolution;
        ops.Add(new NetworkOperator($"{path}.se.pool", NetworkOperatorKind.GlobalPool, channels, channels, resolution, 1, HeldElements: held));
        ops.Add(new NetworkOperator($"{path}.se.reduce", NetworkOperatorKind.Conv, channels, se.SqueezeChannels, 1, 1,
            1, 1, 1, true, false, se.Activation, held + map));
        ops.Add(new NetworkOperator($"{path}.se.expand", NetworkOperatorKind.Conv, se.SqueezeChannels, channels, 1, 1,
            1, 1, 1, true, false, se.Gate, held + map));
        ops.Add(new NetworkOperator($"{path}.se.scale", NetworkOperatorKind.Scale, channels, channels, resolution, resolution,
            HeldElements: held + channels));
    }
}
