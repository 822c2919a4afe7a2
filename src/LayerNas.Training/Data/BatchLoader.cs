using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace LayerNas.Training.Data;

/// <summary>
/// Turns an <see cref="ImageSet"/> into normalized float batches (N × C × H × W). With a seeded
/// <see cref="Random"/> it shuffles each epoch and, when <see cref="Augment"/> is on, applies random crop (zero
/// padding of <see cref="CropPadding"/> pixels) and horizontal flip; the same seed gives the same batches.
/// Not thread-safe.
/// </summary>
public sealed class BatchLoader
{
    private readonly ImageSet _set;
    private readonly float[] _scale;
    private readonly float[] _shift;
    private readonly Random? _random;

    /// <param name="random">Shuffling and augmentation randomness; null = fixed order, no augmentation (evaluation).</param>
    public BatchLoader(ImageSet set, float[] mean, float[] std, int batchSize, Random? random, bool augment = false, int cropPadding = 0)
    {
        if (batchSize <= 0) throw new UserInputException($"Batch size must be positive, not {batchSize}.");
        _set = set;
        BatchSize = batchSize;
        _random = random;
        Augment = augment && random is not null;
        CropPadding = cropPadding;
        // x_norm = (b/255 - mean) / std = b * scale + shift
        _scale = std.Select(s => 1f / (255f * s)).ToArray();
        _shift = mean.Zip(std, (m, s) => -m / s).ToArray();
    }

    public int BatchSize { get; }

    public bool Augment { get; }

    public int CropPadding { get; }

    public int BatchesPerEpoch => (_set.Count + BatchSize - 1) / BatchSize;

    /// <summary>
    /// One epoch of (images, labels) batches; the caller disposes them. Each batch is written straight into the
    /// memory of a new libtorch tensor (no managed buffers, no copies).
    /// </summary>
    public IEnumerable<(Tensor Images, Tensor Labels)> Epoch()
    {
        var order = Enumerable.Range(0, _set.Count).ToArray();
        _random?.Shuffle(order);
        int c = _set.Channels, h = _set.Height, w = _set.Width, size = _set.ImageSize;
        for (int start = 0; start < order.Length; start += BatchSize)
        {
            int n = Math.Min(BatchSize, order.Length - start);
            var images = empty([n, c, h, w], ScalarType.Float32);
            var labels = empty([n], ScalarType.Int64);
            Fill(order.AsSpan(start, n), MemoryMarshal.Cast<byte, float>(images.bytes), MemoryMarshal.Cast<byte, long>(labels.bytes), c, h, w, size);
            yield return (images, labels);
        }
    }

    // Kept out of the iterator: spans cannot live across a yield.
    private void Fill(ReadOnlySpan<int> indices, Span<float> buffer, Span<long> labels, int c, int h, int w, int size)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            labels[i] = _set.Labels[index];
            var src = _set.Image(index);
            var dst = buffer.Slice(i * size, size);
            if (!Augment)
            {
                for (int ch = 0; ch < c; ch++)
                {
                    float sc = _scale[ch], sh = _shift[ch];
                    int o = ch * h * w;
                    for (int k = 0; k < h * w; k++) dst[o + k] = src[o + k] * sc + sh;
                }
                continue;
            }
            int dy = CropPadding > 0 ? _random!.Next(-CropPadding, CropPadding + 1) : 0;
            int dx = CropPadding > 0 ? _random!.Next(-CropPadding, CropPadding + 1) : 0;
            bool flip = _random!.Next(2) == 1;
            for (int ch = 0; ch < c; ch++)
            {
                float sc = _scale[ch], sh = _shift[ch];
                int o = ch * h * w;
                for (int y = 0; y < h; y++)
                {
                    int sy = y + dy;
                    for (int x = 0; x < w; x++)
                    {
                        int sx = (flip ? w - 1 - x : x) + dx;
                        // Padding pixels are black (0) before normalization, as torchvision's RandomCrop(padding=p).
                        byte b = sy >= 0 && sy < h && sx >= 0 && sx < w ? src[o + sy * w + sx] : (byte)0;
                        dst[o + y * w + x] = b * sc + sh;
                    }
                }
            }
        }
    }
}
