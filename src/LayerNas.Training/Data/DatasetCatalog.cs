namespace LayerNas.Training.Data;

/// <summary>
/// Resolves a data set reference to its images:
/// <list type="bullet">
/// <item><c>fashion-mnist</c>: Debian's <c>dataset-fashion-mnist</c> package (/usr/share/datasets/fashion-mnist);</item>
/// <item><c>idx:DIR</c>: MNIST-style IDX files in DIR (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-...);</item>
/// <item><c>cifar10:DIR</c>, <c>cifar100:DIR</c>: the extracted CIFAR binary archives;</item>
/// <item><c>folder:DIR</c>: an image folder (DIR/train/CLASS/*.png, DIR/test/CLASS/*.png).</item>
/// </list>
/// Stateless.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>Where Debian's dataset-fashion-mnist package installs the files.</summary>
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    public static IReadOnlyList<string> Forms { get; } = ["fashion-mnist", "idx:DIR", "cifar10:DIR", "cifar100:DIR", "folder:DIR"];

    public static LabeledData Load(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Equals("fashion-mnist", StringComparison.OrdinalIgnoreCase))
        {
            if (!Directory.Exists(FashionMnistDirectory))
                throw new UserInputException(
                    $"Data set 'fashion-mnist' is not installed ({FashionMnistDirectory} is missing): run `apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or pass idx:DIR with the Fashion-MNIST IDX files.");
            return LoadIdx(FashionMnistDirectory, "fashion-mnist");
        }
        int colon = reference.IndexOf(':');
        string kind = colon > 0 ? reference[..colon].ToLowerInvariant() : "";
        string path = colon > 0 ? reference[(colon + 1)..] : "";
        if (path.Length > 0 && !Directory.Exists(path))
            throw new UserInputException($"Data set '{reference}': folder '{path}' does not exist.");
        return kind switch
        {
            "idx" when path.Length > 0 => LoadIdx(path, Path.GetFileName(Path.TrimEndingDirectorySeparator(path))),
            "cifar10" when path.Length > 0 => CifarReader.ReadCifar10(path),
            "cifar100" when path.Length > 0 => CifarReader.ReadCifar100(path),
            "folder" when path.Length > 0 => ImageFolderReader.Read(path),
            _ => throw new UserInputException($"Unknown data set '{reference}': use one of {string.Join(", ", Forms)}."),
        };
    }

    private static ImageSet WithClasses(ImageSet s, int classes) =>
        s.Classes == classes ? s : new ImageSet(s.Pixels, s.Labels, s.Channels, s.Height, s.Width, classes);

    /// <summary>Reads the four IDX files of an MNIST-style folder (each raw or .gz).</summary>
    public static LabeledData LoadIdx(string folder, string name)
    {
        string Find(string stem)
        {
            foreach (var candidate in new[] { stem, stem + ".gz", stem.Replace("-idx", ".idx"), stem.Replace("-idx", ".idx") + ".gz" })
            {
                string p = Path.Combine(folder, candidate);
                if (File.Exists(p)) return p;
            }
            throw new UserInputException($"IDX folder '{folder}' has no '{stem}' (or '{stem}.gz'): it needs train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte.");
        }
        var train = IdxReader.Read(Find("train-images-idx3-ubyte"), Find("train-labels-idx1-ubyte"));
        var test = IdxReader.Read(Find("t10k-images-idx3-ubyte"), Find("t10k-labels-idx1-ubyte"));
        int classes = Math.Max(train.Classes, test.Classes);
        return new LabeledData(name, WithClasses(train, classes), WithClasses(test, classes));
    }
}
