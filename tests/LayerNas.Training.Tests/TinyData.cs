using LayerNas.Networks.Specs;
using LayerNas.Training.Data;

namespace LayerNas.Training.Tests;

/// <summary>Small generated data sets and networks that train in a second.</summary>
internal static class TinyData
{
    /// <summary>
    /// Two classes of 8×8 grey images: class 0 is bright in the top half, class 1 in the bottom half, plus noise.
    /// </summary>
    public static ImageSet Halves(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 64];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                {
                    bool bright = labels[i] == 0 ? y < 4 : y >= 4;
                    pixels[i * 64 + y * 8 + x] = (byte)Math.Clamp((bright ? 170 : 85) + random.Next(-60, 61), 0, 255);
                }
        }
        return new ImageSet(pixels, labels, 1, 8, 8, 2);
    }

    public static DataSplits Splits(int train = 400, int validation = 100, int test = 100, int seed = 1) =>
        DataSplits.Create(new LabeledData("halves", Halves(train + validation, seed), Halves(test, seed + 1)), validation, seed);

    /// <summary>A tiny MobileNetV2-like network for 8×8×1 inputs and 2 classes.</summary>
    public static NetworkSpec Network() => new()
    {
        Name = "tiny",
        Input = new InputSpec(8, 1),
        Stem = new ConvSpec { InChannels = 1, OutChannels = 8, Kernel = 3, Activation = Activation.Relu6 },
        Blocks =
        [
            new InvertedResidualSpec { InChannels = 8, ExpandedChannels = 16, OutChannels = 8, Kernel = 3, Stride = 2 },
            new InvertedResidualSpec { InChannels = 8, ExpandedChannels = 16, OutChannels = 8, Kernel = 3 },
        ],
        Classifier = [new LinearSpec(8, 2)],
    };
}
