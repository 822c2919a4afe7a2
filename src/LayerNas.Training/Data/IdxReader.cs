using System.Buffers.Binary;
using System.IO.Compression;

namespace LayerNas.Training.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST (big-endian header: 0, 0, type 0x08 = unsigned byte, number of
/// dimensions, then each dimension as a 32-bit count), raw or gzip-compressed (detected from the content).
/// Any malformed or truncated file is a <see cref="UserInputException"/> naming the file. Stateless.
/// </summary>
public static class IdxReader
{
    /// <summary>
    /// Reads an images file (3 dimensions: count × rows × columns) and its labels file (1 dimension). Without
    /// <paramref name="classes"/>, the classes are 0..largest label.
    /// </summary>
    public static ImageSet Read(string imagesPath, string labelsPath, int? classes = null)
    {
        var (imageDims, pixels) = ReadTensor(imagesPath);
        if (imageDims.Length != 3)
            throw Bad(imagesPath, $"it has {imageDims.Length} dimensions where an images file has 3 (count, rows, columns)");
        var (labelDims, labelBytes) = ReadTensor(labelsPath);
        if (labelDims.Length != 1)
            throw Bad(labelsPath, $"it has {labelDims.Length} dimensions where a labels file has 1");
        if (labelDims[0] != imageDims[0])
            throw new UserInputException($"IDX files '{imagesPath}' ({imageDims[0]} images) and '{labelsPath}' ({labelDims[0]} labels) do not match: use the labels file of the same set.");
        var labels = new int[labelBytes.Length];
        int count = classes ?? labelBytes.Max() + 1;
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = labelBytes[i];
            if (labels[i] >= count)
                throw Bad(labelsPath, $"label {labels[i]} at index {i} is not one of the {count} classes");
        }
        return new ImageSet(pixels, labels, 1, imageDims[1], imageDims[2], count);
    }

    /// <summary>Reads one IDX file of unsigned bytes: its dimensions and its data.</summary>
    public static (int[] Dimensions, byte[] Data) ReadTensor(string path)
    {
        if (!File.Exists(path))
            throw new UserInputException($"IDX file '{path}' does not exist: check the data set path.");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
            if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
            {
                using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var ms = new MemoryStream();
                gz.CopyTo(ms);
                bytes = ms.ToArray();
            }
        }
        catch (InvalidDataException ex)
        {
            throw Bad(path, $"its gzip stream is corrupt or truncated ({ex.Message})");
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw Bad(path, $"it cannot be read ({ex.Message})");
        }
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw Bad(path, "it does not start with the IDX magic number (0x00 0x00 type dims)");
        if (bytes[2] != 0x08)
            throw Bad(path, $"its element type is 0x{bytes[2]:x2}; only unsigned bytes (0x08) are supported");
        int ndim = bytes[3];
        if (ndim == 0 || bytes.Length < 4 + 4 * ndim)
            throw Bad(path, "its header is truncated");
        var dims = new int[ndim];
        long total = 1;
        for (int i = 0; i < ndim; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (d == 0 || d > int.MaxValue) throw Bad(path, $"dimension {i} is {d}");
            dims[i] = (int)d;
            total *= d;
        }
        long have = bytes.Length - 4 - 4L * ndim;
        if (have != total)
            throw Bad(path, have < total
                ? $"it is truncated: the header announces {total} bytes of data but only {have} follow"
                : $"it has {have - total} bytes after the {total} the header announces");
        return (dims, bytes.AsSpan(4 + 4 * ndim).ToArray());
    }

    private static UserInputException Bad(string path, string why) =>
        new($"IDX file '{path}' is not a valid IDX file: {why}. Download or copy it again.");
}
