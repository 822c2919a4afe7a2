using System.Globalization;
using System.Text.RegularExpressions;

namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// The official <c>NATS-sss-v1_0-50262-simple</c> folder, read: <c>meta.pickle.pbz2</c> plus one file per
/// architecture, named by its official index (<c>000284.pickle.pbz2</c>; <c>284.pickle.pbz2</c> is accepted
/// too, as the official API does). A folder may hold only some architecture files: <see cref="Records"/> then
/// has only those. Files are read in parallel. Immutable and thread-safe once loaded.
/// </summary>
public sealed partial class NatsArchive
{
    public const string FolderName = "NATS-sss-v1_0-50262-simple";
    public const string MetaFileName = "meta.pickle.pbz2";
    public const string FileSuffix = ".pickle.pbz2";

    private readonly NatsArchitectureRecord?[] _records;

    private NatsArchive(string directory, NatsArchitectureRecord?[] records, int count)
    {
        Directory = directory;
        _records = records;
        Count = count;
    }

    /// <summary>The folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>Number of architecture files read (at most 32,768).</summary>
    public int Count { get; }

    /// <summary>The record of the architecture at an official index, or null when its file is not in the folder.</summary>
    public NatsArchitectureRecord? this[int index] => _records[index];

    /// <summary>The records read, in index order.</summary>
    public IEnumerable<NatsArchitectureRecord> Records => _records.Where(r => r is not null)!;

    /// <summary>The path the file of an architecture has in this folder under the official name.</summary>
    public string FilePath(int index) => PathOf(Directory, index);

    public static string PathOf(string directory, int index) =>
        Path.Combine(directory, index.ToString("D6", CultureInfo.InvariantCulture) + FileSuffix);

    /// <summary>
    /// Reads a folder: checks that its meta file lists the size space in the official order, then reads every
    /// architecture file (in parallel, up to <paramref name="maxParallel"/> at once; default: one per core).
    /// Keeps every record in memory (some kB per architecture); <see cref="NatsScoreTable.Load"/> keeps only
    /// the numbers a search needs.
    /// </summary>
    public static NatsArchive Load(string directory, int? maxParallel = null, CancellationToken cancellationToken = default)
    {
        var records = new NatsArchitectureRecord?[NatsSizeSpace.ArchitectureCount];
        var (full, count) = ReadEach(directory, maxParallel, record => records[record.Index] = record, cancellationToken);
        return new NatsArchive(full, records, count);
    }

    /// <summary>
    /// Checks a folder and reads each architecture file, handing every record to <paramref name="onRecord"/>
    /// (called concurrently, once per index). Returns the folder's full path and the number of files read.
    /// </summary>
    internal static (string Directory, int Count) ReadEach(string directory, int? maxParallel, Action<NatsArchitectureRecord> onRecord, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
            throw UserInputException.ForSetting("problem.nats_dir", $"'{directory}' is not a folder: {HowToGet}");
        var metaPath = Path.Combine(full, MetaFileName);
        if (!File.Exists(metaPath))
            throw new UserInputException($"'{metaPath}' is missing: the NATS folder (problem.nats_dir, --nats-dir) must be the official {FolderName} folder, which holds {MetaFileName} and 000000{FileSuffix} … 032767{FileSuffix}. {HowToGet}");
        var meta = NatsFileReader.ReadMeta(metaPath);
        CheckMeta(metaPath, meta);

        var files = new Dictionary<int, string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(full, "*" + FileSuffix).Order(StringComparer.Ordinal))
        {
            var match = ArchFileName().Match(Path.GetFileName(path));
            if (!match.Success) continue;
            if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= NatsSizeSpace.ArchitectureCount)
                throw new UserInputException($"'{path}' is not an architecture file of the size space (indices are 0..{NatsSizeSpace.ArchitectureCount - 1}): remove it from --nats-dir.");
            if (!files.TryAdd(index, path))
                throw UserInputException.ForSetting("problem.nats_dir", $"'{directory}' holds architecture {index} twice ('{files[index]}' and '{path}'): keep one file per architecture.");
        }
        if (files.Count == 0)
            throw UserInputException.ForSetting("problem.nats_dir", $"'{directory}' holds {MetaFileName} but no architecture files (000000{FileSuffix} …): copy the whole official {FolderName} folder there.");

        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallel ?? Environment.ProcessorCount, CancellationToken = cancellationToken };
        try
        {
            Parallel.ForEach(files, options, file =>
            {
                var record = NatsFileReader.ReadArchitecture(file.Value);
                if (record.Index != file.Key || record.ArchString != meta[file.Key])
                    throw new UserInputException(
                        $"'{file.Value}' holds architecture {record.Index} ({record.ArchString}), but its name says {file.Key} ({meta[file.Key]}): restore the official file.");
                onRecord(record);
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.OfType<UserInputException>().FirstOrDefault() is { } first)
        {
            // One clear message, not an aggregate of every bad file.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        return (full, files.Count);
    }

    /// <summary>Where to get the official files, for messages.</summary>
    public const string HowToGet =
        "get the official NATS-Bench size-space archive " + FolderName + ".tar (see github.com/D-X-Y/NATS-Bench), " +
        "unpack it and give the folder (--nats-dir PATH, or problem.nats_dir in a recipe).";

    private static void CheckMeta(string path, IReadOnlyList<string> meta)
    {
        if (meta.Count != NatsSizeSpace.ArchitectureCount)
            throw new UserInputException($"'{path}' lists {meta.Count} architectures, not the {NatsSizeSpace.ArchitectureCount} of the size space: use the meta file of {FolderName}.");
        for (int i = 0; i < meta.Count; i++)
            if (meta[i] != NatsSizeSpace.ToArchString(NatsSizeSpace.FromOfficialIndex(i)))
                throw new UserInputException($"'{path}' lists '{meta[i]}' at index {i}, which is not the size space's order: use the meta file of {FolderName}.");
    }

    [GeneratedRegex(@"^(\d+)\.pickle\.pbz2$")]
    private static partial Regex ArchFileName();
}
