using System.Buffers.Binary;
using System.IO.Compression;
using LayerNas.Training.Data;

namespace LayerNas.Training.Tests;

public sealed class DataReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("layernas-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Idx(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(data);
        return ms.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private void WriteIdxFolder(bool gz)
    {
        var images = Enumerable.Range(0, 3 * 4 * 4).Select(i => (byte)i).ToArray();
        foreach (var prefix in new[] { "train", "t10k" })
        {
            var img = Idx([3, 4, 4], images);
            var lab = Idx([3], [0, 1, 9]);
            Write($"{prefix}-images-idx3-ubyte{(gz ? ".gz" : "")}", gz ? Gzip(img) : img);
            Write($"{prefix}-labels-idx1-ubyte{(gz ? ".gz" : "")}", gz ? Gzip(lab) : lab);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoadIdx_GzipOrRaw_ReadsImagesAndLabels(bool gz)
    {
        WriteIdxFolder(gz);

        var data = DatasetCatalog.Load("idx:" + _dir);

        Assert.Equal(3, data.Train.Count);
        Assert.Equal((1, 4, 4), (data.Train.Channels, data.Train.Height, data.Train.Width));
        Assert.Equal(new[] { 0, 1, 9 }, data.Test.Labels);
        Assert.Equal(17, data.Train.Image(1)[1]);
    }

    [Fact]
    public void ReadTensor_TruncatedData_ThrowsUserInputExceptionNamingFile()
    {
        var full = Idx([3, 4, 4], new byte[48]);
        string path = Write("short-idx3-ubyte", full[..^5]);

        var ex = Assert.Throws<UserInputException>(() => IdxReader.ReadTensor(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void ReadTensor_TruncatedGzip_ThrowsUserInputException()
    {
        var gz = Gzip(Idx([100, 4, 4], Enumerable.Range(0, 1600).Select(i => (byte)(i * 7)).ToArray()));
        string path = Write("cut.gz", gz[..(gz.Length / 2)]);

        var ex = Assert.Throws<UserInputException>(() => IdxReader.ReadTensor(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void ReadTensor_NotIdx_ThrowsUserInputExceptionAboutMagic()
    {
        string path = Write("text.idx", "hello, world"u8.ToArray());

        var ex = Assert.Throws<UserInputException>(() => IdxReader.ReadTensor(path));
        Assert.Contains("magic", ex.Message);
    }

    [Fact]
    public void Read_LabelCountDiffersFromImageCount_ThrowsUserInputException()
    {
        string images = Write("i", Idx([3, 2, 2], new byte[12]));
        string labels = Write("l", Idx([2], [0, 1]));

        var ex = Assert.Throws<UserInputException>(() => IdxReader.Read(images, labels));
        Assert.Contains("do not match", ex.Message);
    }

    [Fact]
    public void ReadCifar10_ValidBatches_ReadsPlanarImages()
    {
        var record = new byte[1 + 3072];
        record[0] = 7;
        record[1] = 200; // red plane, first pixel
        foreach (var name in new[] { "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin" })
            Write(name, record.Concat(record).ToArray());

        var data = CifarReader.ReadCifar10(_dir);

        Assert.Equal(10, data.Train.Count);
        Assert.Equal(2, data.Test.Count);
        Assert.Equal(7, data.Train.Labels[0]);
        Assert.Equal(200, data.Train.Image(0)[0]);
        Assert.Equal((3, 32, 32), (data.Train.Channels, data.Train.Height, data.Train.Width));
    }

    [Fact]
    public void Read_TruncatedCifarFile_ThrowsUserInputException()
    {
        string path = Write("train.bin", new byte[2 * 3074 - 100]);

        var ex = Assert.Throws<UserInputException>(() => CifarReader.Read([path], 100, coarseAndFine: true));
        Assert.Contains(path, ex.Message);
        Assert.Contains("3074-byte records", ex.Message);
    }

    [Fact]
    public void Read_CifarLabelOutOfRange_ThrowsUserInputException()
    {
        var record = new byte[3073];
        record[0] = 12;
        string path = Write("bad.bin", record);

        var ex = Assert.Throws<UserInputException>(() => CifarReader.Read([path], 10, coarseAndFine: false));
        Assert.Contains("label 12", ex.Message);
    }

    [Fact]
    public void Load_UnknownReference_ListsForms()
    {
        var ex = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("imagenet"));
        Assert.Contains("fashion-mnist", ex.Message);
        Assert.Contains("cifar10:DIR", ex.Message);
    }

    [Fact]
    public void ReadImageFolder_BmpFilesInClassFolders_ReadsLabelsByFolder()
    {
        foreach (var split in new[] { "train", "test" })
            foreach (var (cls, value) in new[] { ("cat", (byte)10), ("dog", (byte)240) })
            {
                Directory.CreateDirectory(Path.Combine(_dir, split, cls));
                File.WriteAllBytes(Path.Combine(_dir, split, cls, "a.bmp"), Bmp(4, 4, value));
            }

        var data = DatasetCatalog.Load("folder:" + _dir);

        Assert.Equal(new[] { "cat", "dog" }, data.ClassNames);
        Assert.Equal(new[] { 0, 1 }, data.Train.Labels);
        Assert.Equal((3, 4, 4), (data.Train.Channels, data.Train.Height, data.Train.Width));
        Assert.Equal(240, data.Train.Image(1)[5]);
    }

    [Fact]
    public void DataSplits_Create_DisjointDeterministicAndNormalizedFromTrain()
    {
        var set = TinyData.Halves(50, 1);
        var data = new LabeledData("h", set, set);

        var a = DataSplits.Create(data, 10, seed: 4);
        var b = DataSplits.Create(data, 10, seed: 4);

        Assert.Equal(10, a.Validation.Count);
        Assert.Equal(40, a.Train.Count);
        Assert.Equal(a.Validation.Pixels, b.Validation.Pixels);
        Assert.InRange(a.Mean[0], 0.3f, 0.7f);
        Assert.Throws<UserInputException>(() => DataSplits.Create(data, 50, 1));
    }

    /// <summary>A 24-bit uncompressed BMP of one grey value.</summary>
    private static byte[] Bmp(int width, int height, byte value)
    {
        int row = (width * 3 + 3) & ~3, size = 54 + row * height;
        var b = new byte[size];
        b[0] = (byte)'B';
        b[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(2), size);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(28), 24);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width * 3; x++) b[54 + y * row + x] = value;
        return b;
    }
}
