using StbImageSharp;

namespace LayerNas.Training.Data;

/// <summary>
/// Reads a folder of class sub-folders of images (PNG, JPEG, BMP, GIF, TGA; decoded with StbImageSharp):
/// <c>ROOT/train/CLASS/*.png</c> and <c>ROOT/test/CLASS/*.png</c>. Classes are the sub-folder names in ordinal
/// order. Images are converted to <c>channels</c> (1 = grey, 3 = RGB) and resized (nearest neighbour) to the given
/// resolution, or to the first image's size when none is given.
/// </summary>
public static class ImageFolderReader
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tga"];

    public static LabeledData Read(string root, int channels = 3, int? resolution = null)
    {
        if (channels is not (1 or 3))
            throw new UserInputException($"Image folder '{root}': channels must be 1 or 3, not {channels}.");
        string trainDir = Path.Combine(root, "train"), testDir = Path.Combine(root, "test");
        if (!Directory.Exists(trainDir) || !Directory.Exists(testDir))
            throw new UserInputException($"Image folder '{root}' must contain 'train' and 'test' folders, each with one sub-folder of images per class.");
        var classes = Directory.GetDirectories(trainDir).Select(Path.GetFileName).OfType<string>().OrderBy(n => n, StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
            throw new UserInputException($"Image folder '{trainDir}' has {classes.Length} class sub-folders: give at least 2.");
        int size = resolution ?? 0;
        var train = ReadSplit(trainDir, classes, channels, ref size);
        var test = ReadSplit(testDir, classes, channels, ref size);
        return new LabeledData(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)), train, test) { ClassNames = classes };
    }

    private static ImageSet ReadSplit(string dir, string[] classes, int channels, ref int size)
    {
        var pixels = new List<byte>();
        var labels = new List<int>();
        for (int c = 0; c < classes.Length; c++)
        {
            string classDir = Path.Combine(dir, classes[c]);
            if (!Directory.Exists(classDir)) continue;
            foreach (var file in Directory.GetFiles(classDir).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal))
            {
                ImageResult image;
                try
                {
                    using var stream = File.OpenRead(file);
                    image = ImageResult.FromStream(stream, channels == 1 ? ColorComponents.Grey : ColorComponents.RedGreenBlue);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw new UserInputException($"Image '{file}' cannot be decoded ({ex.Message}): remove or replace it.", ex);
                }
                if (size == 0) size = Math.Max(image.Width, image.Height);
                pixels.AddRange(ToPlanar(image, channels, size));
                labels.Add(c);
            }
        }
        if (labels.Count == 0)
            throw new UserInputException($"Image folder '{dir}' holds no images ({string.Join(", ", Extensions)}) in its class sub-folders.");
        return new ImageSet(pixels.ToArray(), labels.ToArray(), channels, size, size, classes.Length);
    }

    /// <summary>Interleaved HWC bytes → planar CHW, nearest-neighbour resized to size × size.</summary>
    private static byte[] ToPlanar(ImageResult image, int channels, int size)
    {
        var result = new byte[channels * size * size];
        for (int y = 0; y < size; y++)
        {
            int sy = y * image.Height / size;
            for (int x = 0; x < size; x++)
            {
                int sx = x * image.Width / size;
                int src = (sy * image.Width + sx) * channels;
                for (int c = 0; c < channels; c++) result[c * size * size + y * size + x] = image.Data[src + c];
            }
        }
        return result;
    }
}
