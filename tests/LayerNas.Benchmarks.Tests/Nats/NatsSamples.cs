using System.Globalization;
using LayerNas.Benchmarks.Nats;

namespace LayerNas.Benchmarks.Tests.Nats;

/// <summary>The three official sample files shipped in data/nats-sss-sample and the values they hold.</summary>
internal static class NatsSamples
{
    public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "nats-sss-sample");

    public static readonly int[] Indices = [0, 11, 284];

    public static string SamplePath(int index) => Path.Combine(SampleDirectory, $"sss_{index:D6}.pickle.pbz2");

    public static string MetaPath => Path.Combine(SampleDirectory, "sss_meta.pickle.pbz2");

    /// <summary>A fresh temporary folder laid out like the official one (meta.pickle.pbz2, 000000.pickle.pbz2, ...).</summary>
    public static TempFolder OfficialFolder(IEnumerable<int>? indices = null)
    {
        var folder = new TempFolder();
        File.Copy(MetaPath, Path.Combine(folder.Path, NatsArchive.MetaFileName));
        foreach (var index in indices ?? Indices)
            File.Copy(SamplePath(index), NatsArchive.PathOf(folder.Path, index));
        return folder;
    }

    public sealed record OfficialRecord(int Index, string Arch, NatsDataset Dataset, int Epochs, double MFlops, double MParams,
        double LatencyMs, double ValidAccuracy, double TestAccuracy, int Seeds);

    /// <summary>official_records.csv: the values read out of the sample files once with the official Python API.</summary>
    public static IReadOnlyList<OfficialRecord> OfficialRecords() =>
        File.ReadAllLines(Path.Combine(SampleDirectory, "official_records.csv")).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return new OfficialRecord(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], NatsDataset.Parse(f[2]),
                int.Parse(f[3], CultureInfo.InvariantCulture), D(4), D(5), D(6), D(7), D(8), int.Parse(f[9], CultureInfo.InvariantCulture));
        }).ToArray();

    public static IEnumerable<object[]> Golden() => OfficialRecords().Select(r => new object[] { r.Index, r.Dataset.Name, r.Epochs });
}
