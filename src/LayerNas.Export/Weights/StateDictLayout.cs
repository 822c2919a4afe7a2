using System.Globalization;
using LayerNas.Networks.Specs;

namespace LayerNas.Export.Weights;

/// <summary>
/// The state-dict names and shapes of the module a <see cref="NetworkSpec"/> describes, in registration order, as
/// both the TorchSharp module (LayerNas.Training) and the PyTorch reference module (bench/torch_reference.py) name
/// them: <c>stem.0.weight</c>, <c>stem.1.running_mean</c>, <c>blocks.3.expand.0.weight</c>, <c>blocks.3.se.fc1.bias</c>,
/// <c>head.0.1.weight</c>, <c>classifier.0.weight</c>. A conv unit is Sequential(conv "0", [bn "1"], [activation]).
/// Pure and thread-safe.
/// </summary>
public static class StateDictLayout
{
    /// <summary>Every entry of the state dict of <paramref name="spec"/>'s module.</summary>
    public static IReadOnlyList<TensorSpec> Of(NetworkSpec spec)
    {
        var list = new List<TensorSpec>();
        ConvUnit(list, "stem", spec.Stem.InChannels, spec.Stem.OutChannels, spec.Stem.Kernel, spec.Stem.Groups, spec.Stem.Bias, spec.Stem.BatchNorm);
        for (int i = 0; i < spec.Blocks.Count; i++)
        {
            string p = $"blocks.{i}";
            switch (spec.Blocks[i])
            {
                case ConvSpec c:
                    ConvUnit(list, p, c.InChannels, c.OutChannels, c.Kernel, c.Groups, c.Bias, c.BatchNorm);
                    break;
                case DepthwiseSeparableSpec d:
                    ConvUnit(list, p + ".depthwise", d.InChannels, d.InChannels, d.Kernel, d.InChannels, false, true);
                    if (d.SqueezeExcite is { } dse) SqueezeExcite(list, p + ".se", d.InChannels, dse);
                    ConvUnit(list, p + ".pointwise", d.InChannels, d.OutChannels, 1, 1, false, true);
                    break;
                case InvertedResidualSpec r:
                    int x = r.ExpandedChannels;
                    if (r.HasExpand) ConvUnit(list, p + ".expand", r.InChannels, x, 1, 1, false, true);
                    ConvUnit(list, p + ".depthwise", x, x, r.Kernel, x, false, true);
                    if (r.SqueezeExcite is { } rse) SqueezeExcite(list, p + ".se", x, rse);
                    ConvUnit(list, p + ".project", x, r.OutChannels, 1, 1, false, true);
                    break;
                default:
                    throw new ArgumentException($"Unknown block type {spec.Blocks[i].GetType().Name}.", nameof(spec));
            }
        }
        for (int i = 0; i < spec.Head.Count; i++)
        {
            var h = spec.Head[i];
            ConvUnit(list, $"head.{i}", h.InChannels, h.OutChannels, h.Kernel, h.Groups, h.Bias, h.BatchNorm);
        }
        foreach (var (index, linear) in ClassifierIndices(spec))
        {
            list.Add(new TensorSpec($"classifier.{Index(index)}.weight", [linear.OutFeatures, linear.InFeatures]));
            if (linear.Bias) list.Add(new TensorSpec($"classifier.{Index(index)}.bias", [linear.OutFeatures]));
        }
        return list;
    }

    /// <summary>
    /// The Sequential index of each linear layer of the classifier: every classifier layer takes one index, and a
    /// linear layer's activation takes the next one (as the module builders number them).
    /// </summary>
    public static IReadOnlyList<(int Index, LinearSpec Linear)> ClassifierIndices(NetworkSpec spec)
    {
        var result = new List<(int, LinearSpec)>();
        int index = 0;
        foreach (var layer in spec.Classifier)
        {
            if (layer is LinearSpec l)
            {
                result.Add((index, l));
                index += l.Activation == Activation.None ? 1 : 2;
            }
            else index++;
        }
        return result;
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static void ConvUnit(List<TensorSpec> list, string prefix, int cin, int cout, int kernel, int groups, bool bias, bool batchNorm)
    {
        list.Add(new TensorSpec(prefix + ".0.weight", [cout, cin / groups, kernel, kernel]));
        if (bias) list.Add(new TensorSpec(prefix + ".0.bias", [cout]));
        if (!batchNorm) return;
        list.Add(new TensorSpec(prefix + ".1.weight", [cout]));
        list.Add(new TensorSpec(prefix + ".1.bias", [cout]));
        list.Add(new TensorSpec(prefix + ".1.running_mean", [cout]));
        list.Add(new TensorSpec(prefix + ".1.running_var", [cout]));
        list.Add(new TensorSpec(prefix + ".1.num_batches_tracked", [], IsInt64: true));
    }

    private static void SqueezeExcite(List<TensorSpec> list, string prefix, int channels, SqueezeExciteSpec se)
    {
        list.Add(new TensorSpec(prefix + ".fc1.weight", [se.SqueezeChannels, channels, 1, 1]));
        list.Add(new TensorSpec(prefix + ".fc1.bias", [se.SqueezeChannels]));
        list.Add(new TensorSpec(prefix + ".fc2.weight", [channels, se.SqueezeChannels, 1, 1]));
        list.Add(new TensorSpec(prefix + ".fc2.bias", [channels]));
    }
}
