using System.Buffers.Binary;

namespace LayerNas.Cli.Tests;

/// <summary>
/// A tiny IDX data set (8x8 grey, two classes: bright top half or bright bottom half, with noise) that a small
/// network learns in seconds; written as the train-/t10k- files the IDX reader expects.
/// </summary>
internal static class HalvesIdxDataset
{
    public static string Write(string parent, int train, int test, int seed)
    {
        string folder = Path.Combine(parent, "halves");
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        foreach (var (prefix, n) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[n * 64];
            var labels = new byte[n];
            for (int i = 0; i < n; i++)
            {
                labels[i] = (byte)(i % 2);
                for (int p = 0; p < 64; p++)
                    pixels[i * 64 + p] = (byte)Math.Clamp(((p < 32) == (labels[i] == 0) ? 170 : 85) + random.Next(-50, 51), 0, 255);
            }
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), Idx([n, 8, 8], pixels));
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), Idx([n], labels));
        }
        return folder;
    }

    private static byte[] Idx(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }
}
