using LayerNas.Networks.Specs;

namespace LayerNas.Networks;

/// <summary>
/// The reference MobileNets, defined exactly as torchvision 0.14 builds them (mobilenetv2.py, mobilenetv3.py):
/// same channel rounding (<see cref="Channels.MakeDivisible"/>), blocks, head and classifier, so parameter counts
/// equal torchvision's. Pure; every call returns a new spec.
/// </summary>
public static class MobileNets
{
    /// <summary>MobileNetV2 inverted residual settings: expansion t, channels c, repeats n, first stride s.</summary>
    internal static readonly (int T, int C, int N, int S)[] V2Settings =
        [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];

    /// <summary>MobileNetV3 bneck settings: input, kernel, expanded, output, SE, hswish, stride.</summary>
    internal static readonly (int In, int K, int Exp, int Out, bool Se, bool Hs, int S)[] V3LargeSettings =
    [
        (16, 3, 16, 16, false, false, 1), (16, 3, 64, 24, false, false, 2), (24, 3, 72, 24, false, false, 1),
        (24, 5, 72, 40, true, false, 2), (40, 5, 120, 40, true, false, 1), (40, 5, 120, 40, true, false, 1),
        (40, 3, 240, 80, false, true, 2), (80, 3, 200, 80, false, true, 1), (80, 3, 184, 80, false, true, 1),
        (80, 3, 184, 80, false, true, 1), (80, 3, 480, 112, true, true, 1), (112, 3, 672, 112, true, true, 1),
        (112, 5, 672, 160, true, true, 2), (160, 5, 960, 160, true, true, 1), (160, 5, 960, 160, true, true, 1),
    ];

    internal static readonly (int In, int K, int Exp, int Out, bool Se, bool Hs, int S)[] V3SmallSettings =
    [
        (16, 3, 16, 16, true, false, 2), (16, 3, 72, 24, false, false, 2), (24, 3, 88, 24, false, false, 1),
        (24, 5, 96, 40, true, true, 2), (40, 5, 240, 40, true, true, 1), (40, 5, 240, 40, true, true, 1),
        (40, 5, 120, 48, true, true, 1), (48, 5, 144, 48, true, true, 1), (48, 5, 288, 96, true, true, 2),
        (96, 5, 576, 96, true, true, 1), (96, 5, 576, 96, true, true, 1),
    ];

    /// <summary>torchvision <c>mobilenet_v2(width_mult=width)</c>; dropout 0.2; BN eps 1e-5.</summary>
    /// <param name="stemStride">2 as in torchvision; 1 for small inputs (e.g. 32×32) keeps the maps from vanishing.</param>
    public static NetworkSpec V2(double width = 1.0, int resolution = 224, int classes = 1000, int inputChannels = 3, int stemStride = 2)
    {
        int channels = Channels.MakeDivisible(32 * width);
        int last = Channels.MakeDivisible(1280 * Math.Max(1.0, width));
        var stem = new ConvSpec { InChannels = inputChannels, OutChannels = channels, Kernel = 3, Stride = stemStride, Activation = Activation.Relu6 };
        var blocks = new List<BlockSpec>();
        foreach (var (t, c, n, s) in V2Settings)
        {
            int output = Channels.MakeDivisible(c * width);
            for (int i = 0; i < n; i++)
            {
                blocks.Add(new InvertedResidualSpec
                {
                    InChannels = channels, ExpandedChannels = (int)Math.Round(channels * (double)t, MidpointRounding.ToEven),
                    OutChannels = output, Kernel = 3, Stride = i == 0 ? s : 1, Activation = Activation.Relu6,
                });
                channels = output;
            }
        }
        return new NetworkSpec
        {
            Name = width == 1.0 ? "mobilenet_v2" : $"mobilenet_v2_{width:0.###}",
            Input = new InputSpec(resolution, inputChannels),
            BatchNorm = new BatchNormSpec(1e-5, 0.1),
            Stem = stem,
            Blocks = blocks,
            Head = [new ConvSpec { InChannels = channels, OutChannels = last, Kernel = 1, Activation = Activation.Relu6 }],
            Classifier = [new DropoutSpec(0.2), new LinearSpec(last, classes)],
        };
    }

    /// <summary>torchvision <c>mobilenet_v3_large(width_mult=width)</c>; dropout 0.2; BN eps 0.001, momentum 0.01.</summary>
    public static NetworkSpec V3Large(double width = 1.0, int resolution = 224, int classes = 1000, int inputChannels = 3, int stemStride = 2) =>
        V3("mobilenet_v3_large", V3LargeSettings, 1280, width, resolution, classes, inputChannels, stemStride);

    /// <summary>torchvision <c>mobilenet_v3_small(width_mult=width)</c>; dropout 0.2; BN eps 0.001, momentum 0.01.</summary>
    public static NetworkSpec V3Small(double width = 1.0, int resolution = 224, int classes = 1000, int inputChannels = 3, int stemStride = 2) =>
        V3("mobilenet_v3_small", V3SmallSettings, 1024, width, resolution, classes, inputChannels, stemStride);

    /// <summary>A reference model by torchvision name: mobilenet_v2, mobilenet_v3_large, mobilenet_v3_small.</summary>
    public static NetworkSpec ByName(string name, double width = 1.0, int resolution = 224, int classes = 1000, int inputChannels = 3, int stemStride = 2) =>
        name.Replace('-', '_').ToLowerInvariant() switch
        {
            "mobilenet_v2" => V2(width, resolution, classes, inputChannels, stemStride),
            "mobilenet_v3_large" => V3Large(width, resolution, classes, inputChannels, stemStride),
            "mobilenet_v3_small" => V3Small(width, resolution, classes, inputChannels, stemStride),
            _ => throw new UserInputException(
                $"Unknown model '{name}': use one of {string.Join(", ", ModelNames)}."),
        };

    public static IReadOnlyList<string> ModelNames { get; } = ["mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small"];

    private static NetworkSpec V3(string name, (int In, int K, int Exp, int Out, bool Se, bool Hs, int S)[] settings, int lastChannel,
        double width, int resolution, int classes, int inputChannels, int stemStride)
    {
        int Adjust(int c) => Channels.MakeDivisible(c * width);
        int first = Adjust(settings[0].In);
        var blocks = settings.Select(b =>
        {
            int exp = Adjust(b.Exp);
            return (BlockSpec)new InvertedResidualSpec
            {
                InChannels = Adjust(b.In), ExpandedChannels = exp, OutChannels = Adjust(b.Out), Kernel = b.K, Stride = b.S,
                Activation = b.Hs ? Activation.Hswish : Activation.Relu,
                SqueezeExcite = b.Se ? SqueezeExciteSpec.ForChannels(exp) : null,
            };
        }).ToList();
        int lastConvIn = blocks[^1].OutChannels, lastConvOut = 6 * lastConvIn, last = Adjust(lastChannel);
        return new NetworkSpec
        {
            Name = width == 1.0 ? name : $"{name}_{width:0.###}",
            Input = new InputSpec(resolution, inputChannels),
            BatchNorm = new BatchNormSpec(0.001, 0.01),
            Stem = new ConvSpec { InChannels = inputChannels, OutChannels = first, Kernel = 3, Stride = stemStride, Activation = Activation.Hswish },
            Blocks = blocks,
            Head = [new ConvSpec { InChannels = lastConvIn, OutChannels = lastConvOut, Kernel = 1, Activation = Activation.Hswish }],
            Classifier = [new LinearSpec(lastConvOut, last, Activation: Activation.Hswish), new DropoutSpec(0.2), new LinearSpec(last, classes)],
        };
    }
}
