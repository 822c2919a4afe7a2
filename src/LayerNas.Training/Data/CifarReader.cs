namespace LayerNas.Training.Data;

/// <summary>
/// Reads the CIFAR-10 and CIFAR-100 binary formats: fixed-size records of a label byte (CIFAR-100: coarse then
/// fine label; the fine label is used) followed by 3 × 32 × 32 pixel bytes (red, green, blue planes). A file whose
/// size is not a whole number of records, or with a label out of range, is a <see cref="UserInputException"/>.
/// </summary>
public static class CifarReader
{
    private const int ImageBytes = 3 * 32 * 32;

    /// <summary>Reads CIFAR-10 from its extracted folder (cifar-10-batches-bin: data_batch_1..5.bin, test_batch.bin).</summary>
    public static LabeledData ReadCifar10(string folder)
    {
        var train = Enumerable.Range(1, 5).Select(i => Path.Combine(folder, $"data_batch_{i}.bin")).ToArray();
        return new LabeledData("cifar10", Read(train, 10, false), Read([Path.Combine(folder, "test_batch.bin")], 10, false));
    }

    /// <summary>Reads CIFAR-100 from its extracted folder (cifar-100-binary: train.bin, test.bin), fine labels.</summary>
    public static LabeledData ReadCifar100(string folder) =>
        new("cifar100", Read([Path.Combine(folder, "train.bin")], 100, true), Read([Path.Combine(folder, "test.bin")], 100, true));

    /// <summary>Reads and concatenates binary batch files.</summary>
    public static ImageSet Read(IReadOnlyList<string> files, int classes, bool coarseAndFine)
    {
        int labelBytes = coarseAndFine ? 2 : 1;
        int record = labelBytes + ImageBytes;
        var pixels = new List<byte[]>();
        var labels = new List<int>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
                throw new UserInputException($"CIFAR file '{file}' does not exist: point the data set at the folder extracted from the CIFAR binary archive.");
            byte[] bytes;
            try { bytes = File.ReadAllBytes(file); }
            catch (IOException ex) { throw new UserInputException($"CIFAR file '{file}' cannot be read ({ex.Message}).", ex); }
            if (bytes.Length == 0 || bytes.Length % record != 0)
                throw new UserInputException(
                    $"CIFAR file '{file}' is not a valid CIFAR-{classes} binary file: its {bytes.Length} bytes are not a whole number of {record}-byte records (truncated or a different format). Download or extract it again.");
            int n = bytes.Length / record;
            var px = new byte[n * ImageBytes];
            for (int i = 0; i < n; i++)
            {
                int label = bytes[i * record + labelBytes - 1];
                if (label >= classes)
                    throw new UserInputException($"CIFAR file '{file}' is not a valid CIFAR-{classes} binary file: record {i} has label {label}. Download or extract it again.");
                labels.Add(label);
                Buffer.BlockCopy(bytes, i * record + labelBytes, px, i * ImageBytes, ImageBytes);
            }
            pixels.Add(px);
        }
        return new ImageSet(pixels.SelectMany(p => p).ToArray(), labels.ToArray(), 3, 32, 32, classes);
    }
}
