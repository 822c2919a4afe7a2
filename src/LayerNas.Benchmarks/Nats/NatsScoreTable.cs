using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// The per-architecture numbers a search needs from an official NATS size-space folder, for every data set:
/// <c>latency_ms</c> and, per schedule EE = 01, 12, 90, <c>valid_acc_EE</c>, <c>test_acc_EE</c> and
/// <c>train_seconds_EE</c> (see <see cref="NatsArchitectureRecord"/>), by official index, NaN where the folder
/// has no file. Reading the 32,768 bz2 pickles takes minutes of CPU, so <see cref="Load"/> keeps the
/// result in a cache file keyed by the folder's path and its files' names, sizes and times: later loads of an
/// unchanged folder take well under a second. Immutable and thread-safe.
/// </summary>
public sealed class NatsScoreTable
{
    // Bump when the columns or their meaning change: old cache files then no longer match.
    private const int FormatVersion = 1;
    private const string Magic = "layernas-nats-sss";

    private readonly Dictionary<string, double[]> _columns;
    private readonly bool[] _present;

    private NatsScoreTable(string directory, Dictionary<string, double[]> columns, bool[] present)
    {
        Directory = directory;
        _columns = columns;
        _present = present;
        Count = present.Count(p => p);
    }

    /// <summary>The official folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>Number of architectures whose file was read.</summary>
    public int Count { get; }

    /// <summary>Whether the folder holds the file of the architecture at this official index.</summary>
    public bool Has(int index) => _present[index];

    /// <summary>Column names of one data set (without its prefix).</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["latency_ms", .. NatsSizeBenchmark.Schedules.SelectMany(e => new[] { $"valid_acc_{e:D2}", $"test_acc_{e:D2}", $"train_seconds_{e:D2}" })];

    /// <summary>A column of one data set by official index. Do not modify.</summary>
    public double[] Column(NatsDataset dataset, string column) =>
        _columns.TryGetValue(Key(dataset, column), out var values)
            ? values
            : throw new KeyNotFoundException($"No NATS column '{column}': use one of {string.Join(", ", ColumnNames)}.");

    /// <summary>Extracts the numbers from a read folder.</summary>
    public static NatsScoreTable FromArchive(NatsArchive archive)
    {
        var (columns, present) = EmptyColumns();
        foreach (var record in archive.Records) Fill(columns, present, record);
        return new NatsScoreTable(archive.Directory, columns, present);
    }

    /// <summary>Reads an official folder (no cache), keeping only the numbers: memory stays at a few MB.</summary>
    public static NatsScoreTable Read(string directory, int? maxParallel = null, CancellationToken cancellationToken = default)
    {
        var (columns, present) = EmptyColumns();
        // Each record writes only its own index of the shared arrays, so concurrent calls do not conflict.
        var (full, _) = NatsArchive.ReadEach(directory, maxParallel, record => Fill(columns, present, record), cancellationToken);
        return new NatsScoreTable(full, columns, present);
    }

    private static (Dictionary<string, double[]> Columns, bool[] Present) EmptyColumns()
    {
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var dataset in NatsDataset.All)
            foreach (var name in ColumnNames)
                columns[Key(dataset, name)] = NaNs();
        return (columns, new bool[NatsSizeSpace.ArchitectureCount]);
    }

    private static void Fill(Dictionary<string, double[]> columns, bool[] present, NatsArchitectureRecord record)
    {
        int i = record.Index;
        foreach (var dataset in NatsDataset.All)
        {
            columns[Key(dataset, "latency_ms")][i] = record.LatencyMs(dataset);
            foreach (var e in record.Schedules)
            {
                // A schedule the file lacks for this data set stays NaN: that network cannot be scored with it.
                if (!record.Has(dataset, e)) continue;
                columns[Key(dataset, $"valid_acc_{e:D2}")][i] = record.ValidAccuracy(dataset, e);
                columns[Key(dataset, $"test_acc_{e:D2}")][i] = record.TestAccuracy(dataset, e);
                columns[Key(dataset, $"train_seconds_{e:D2}")][i] = record.SimulatedTrainSeconds(dataset, e);
            }
        }
        present[i] = true;
    }

    /// <summary>
    /// The numbers of an official folder: from the cache in <paramref name="cacheDirectory"/> when it matches the
    /// folder, otherwise read with <see cref="Read"/> and then cached. A cache that cannot be read or
    /// written is skipped (it only saves time). <paramref name="cacheDirectory"/> null: no cache.
    /// </summary>
    public static NatsScoreTable Load(string directory, string? cacheDirectory, int? maxParallel = null, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(directory);
        string? cachePath = null;
        if (cacheDirectory is not null && System.IO.Directory.Exists(full))
        {
            cachePath = Path.Combine(cacheDirectory, $"nats-sss-{Signature(full)}.bin.gz");
            if (TryRead(cachePath, full) is { } cached) return cached;
        }
        var table = Read(full, maxParallel, cancellationToken);
        if (cachePath is not null) TryWrite(cachePath, table);
        return table;
    }

    /// <summary>The default cache folder: <c>$XDG_CACHE_HOME/layernas</c>, else <c>~/.cache/layernas</c>.</summary>
    public static string DefaultCacheDirectory()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(root))
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "layernas");
    }

    private static string Key(NatsDataset dataset, string column) => $"{dataset.Name}:{column}";

    private static double[] NaNs()
    {
        var values = new double[NatsSizeSpace.ArchitectureCount];
        Array.Fill(values, double.NaN);
        return values;
    }

    /// <summary>A hash of the folder's path and of every pickle file's name, size and last write time.</summary>
    private static string Signature(string directory)
    {
        var text = new StringBuilder().Append(FormatVersion).Append('|').Append(directory).Append('|');
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*" + NatsArchive.FileSuffix).OrderBy(f => f.Name, StringComparer.Ordinal))
            text.Append(file.Name).Append(',').Append(file.Length).Append(',').Append(file.LastWriteTimeUtc.Ticks).Append(';');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..24].ToLowerInvariant();
    }

    private static NatsScoreTable? TryRead(string path, string directory)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion) return null;
            int columnCount = reader.ReadInt32();
            var names = Enumerable.Range(0, columnCount).Select(_ => reader.ReadString()).ToArray();
            var columns = names.ToDictionary(n => n, _ => NaNs(), StringComparer.Ordinal);
            var present = new bool[NatsSizeSpace.ArchitectureCount];
            int rows = reader.ReadInt32();
            for (int r = 0; r < rows; r++)
            {
                int index = reader.ReadInt32();
                present[index] = true;
                foreach (var name in names) columns[name][index] = reader.ReadDouble();
            }
            var table = new NatsScoreTable(directory, columns, present);
            return NatsDataset.All.All(d => ColumnNames.All(c => columns.ContainsKey(Key(d, c)))) ? table : null;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or EndOfStreamException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static void TryWrite(string path, NatsScoreTable table)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var writer = new BinaryWriter(new GZipStream(File.Create(temp), CompressionLevel.Fastest)))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                var names = table._columns.Keys.Order(StringComparer.Ordinal).ToArray();
                writer.Write(names.Length);
                foreach (var name in names) writer.Write(name);
                writer.Write(table.Count);
                for (int i = 0; i < table._present.Length; i++)
                {
                    if (!table._present[i]) continue;
                    writer.Write(i);
                    foreach (var name in names) writer.Write(table._columns[name][i]);
                }
            }
            // Rename last so a concurrent reader never sees half a file.
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
