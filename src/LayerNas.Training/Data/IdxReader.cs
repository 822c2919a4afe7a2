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

    /// <summary>
    /// Reads one IDX file of unsigned bytes: its dimensions and its data. Streams the file (through gzip when
    /// compressed) straight into one array of the announced size: no whole-file buffers.
    /// </summary>
    public static (int[] Dimensions, byte[] Data) ReadTensor(string path)
    {
        if (!File.Exists(path))
            throw new UserInputException($"IDX file '{path}' does not exist: check the data set path.");
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[2];
            int got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            using Stream stream = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b
                ? new GZipStream(file, CompressionMode.Decompress)
                : new BufferedStream(file);
            return ReadBody(path, stream);
        }
        catch (InvalidDataException ex)
        {
            throw Bad(path, $"its gzip stream is corrupt or truncated ({ex.Message})");
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw Bad(path, $"it cannot be read ({ex.Message})");
        }
    }

    private static (int[] Dimensions, byte[] Data) ReadBody(string path, Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || head[0] != 0 || head[1] != 0)
            throw Bad(path, "it does not start with the IDX magic number (0x00 0x00 type dims)");
        if (head[2] != 0x08)
            throw Bad(path, $"its element type is 0x{head[2]:x2}; only unsigned bytes (0x08) are supported");
        int ndim = head[3];
        var dimBytes = new byte[4 * ndim];
        if (ndim == 0 || stream.ReadAtLeast(dimBytes, dimBytes.Length, throwOnEndOfStream: false) < dimBytes.Length)
            throw Bad(path, "its header is truncated");
        var dims = new int[ndim];
        long total = 1;
        for (int i = 0; i < ndim; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(dimBytes.AsSpan(4 * i));
            if (d == 0 || d > int.MaxValue) throw Bad(path, $"dimension {i} is {d}");
            dims[i] = (int)d;
            total *= d;
            if (total > Array.MaxLength) throw Bad(path, $"its {total}-byte body is larger than one array can hold");
        }
        var data = new byte[total];
        int have = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (have < total)
            throw Bad(path, $"it is truncated: the header announces {total} bytes of data but only {have} follow");
        long extra = 0;
        var sink = new byte[4096];
        for (int n; (n = stream.Read(sink)) > 0;) extra += n;
        if (extra > 0) throw Bad(path, $"it has {extra} bytes after the {total} the header announces");
        return (dims, data);
    }

    private static UserInputException Bad(string path, string why) =>
        new($"IDX file '{path}' is not a valid IDX file: {why}. Download or copy it again.");
}
