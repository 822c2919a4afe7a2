namespace LayerNas.Training.Data;

/// <summary>
/// Labelled images held in memory as bytes (0..255), layout N × C × H × W (channel-major per image, as
/// PyTorch). Labels are 0..<see cref="Classes"/>-1. Immutable by contract: callers must not write to the arrays.
/// </summary>
public sealed class ImageSet
{
    public ImageSet(byte[] pixels, int[] labels, int channels, int height, int width, int classes)
    {
        long per = (long)channels * height * width;
        if (per <= 0) throw new ArgumentException("Image shape must be positive.");
        if (pixels.LongLength != per * labels.Length)
            throw new ArgumentException($"{pixels.LongLength} pixels do not make {labels.Length} images of {channels}×{height}×{width}.");
        foreach (var l in labels)
            if (l < 0 || l >= classes) throw new ArgumentException($"Label {l} is outside 0..{classes - 1}.");
        Pixels = pixels;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        Classes = classes;
    }

    public byte[] Pixels { get; }

    public int[] Labels { get; }

    public int Count => Labels.Length;

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int Classes { get; }

    /// <summary>Bytes per image (C × H × W).</summary>
    public int ImageSize => Channels * Height * Width;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * ImageSize, ImageSize);

    /// <summary>The images at <paramref name="indices"/>, in that order (a copy).</summary>
    public ImageSet Select(IReadOnlyList<int> indices)
    {
        int size = ImageSize;
        var pixels = new byte[(long)indices.Count * size];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * size, size));
            labels[i] = Labels[indices[i]];
        }
        return new ImageSet(pixels, labels, Channels, Height, Width, Classes);
    }

    /// <summary>Per-channel mean and standard deviation of the pixel values scaled to 0..1.</summary>
    public (float[] Mean, float[] Std) ChannelStatistics()
    {
        var mean = new float[Channels];
        var std = new float[Channels];
        int plane = Height * Width;
        for (int c = 0; c < Channels; c++)
        {
            double sum = 0, sq = 0;
            for (int i = 0; i < Count; i++)
            {
                var p = Pixels.AsSpan(i * ImageSize + c * plane, plane);
                foreach (var b in p) { sum += b; sq += (double)b * b; }
            }
            double n = (double)Count * plane;
            double m = sum / n;
            mean[c] = (float)(m / 255.0);
            std[c] = (float)(Math.Sqrt(Math.Max(sq / n - m * m, 1e-12)) / 255.0);
        }
        return (mean, std);
    }
}
