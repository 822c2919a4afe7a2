using System.Globalization;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks.Tables;

/// <summary>
/// A table of per-architecture results: one row per architecture (an <c>arch</c> column with one option index
/// per layer, as digits or '-' separated) and named numeric columns. Values are stored densely by
/// <see cref="ArchitectureIndexer"/> index, NaN where the table has no row. Immutable and thread-safe.
/// </summary>
public sealed class BenchmarkTable
{
    private readonly Dictionary<string, double[]> _numeric;
    private readonly Dictionary<string, string> _nonNumeric;
    private readonly bool[] _present;

    private BenchmarkTable(string source, SearchSpace space, Dictionary<string, double[]> numeric, Dictionary<string, string> nonNumeric, bool[] present, int rows)
    {
        Source = source;
        Space = space;
        Indexer = new ArchitectureIndexer(space);
        _numeric = numeric;
        _nonNumeric = nonNumeric;
        _present = present;
        RowCount = rows;
    }

    /// <summary>Where the table came from (a file path or a built-in name), for messages.</summary>
    public string Source { get; }

    public SearchSpace Space { get; }

    public ArchitectureIndexer Indexer { get; }

    public int RowCount { get; }

    public IEnumerable<string> NumericColumns => _numeric.Keys;

    public bool Contains(Architecture arch) => Space.Contains(arch) && _present[Indexer.IndexOf(arch)];

    /// <summary>Every architecture that has a row, in index order.</summary>
    public IEnumerable<Architecture> Architectures()
    {
        for (long i = 0; i < _present.LongLength; i++)
            if (_present[i]) yield return Indexer.At(i);
    }

    /// <summary>The values of a numeric column by architecture index (NaN where absent). Do not modify.</summary>
    public double[] Column(string name)
    {
        if (_numeric.TryGetValue(name, out var values)) return values;
        if (_nonNumeric.TryGetValue(name, out var why))
            throw new UserInputException($"Column '{name}' of {Source} is not numeric ({why}): pick a numeric column.");
        throw new UserInputException(
            $"{Source} has no column '{name}': pick one of {string.Join(", ", _numeric.Keys.Order())}.");
    }
    public double Value(string column, Architecture arch) => Column(column)[Indexer.IndexOf(arch)];

    /// <summary>
    /// Loads a CSV table. The arch column gives the space: layer count from the arch strings, options per layer
    /// from the largest index seen (unless <paramref name="space"/> is given). Empty cells are NaN.
    /// </summary>
    public static BenchmarkTable Load(TextReader reader, string source, string archColumn = "arch", SearchSpace? space = null)
    {
        using var rows = CsvReader.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
            throw new UserInputException($"{source} is empty: a table needs a header line with an '{archColumn}' column and one row per architecture.");
        var header = rows.Current.Fields.Select(h => h.Trim()).ToArray();
        int archIndex = Array.IndexOf(header, archColumn);
        if (archIndex < 0)
            throw new UserInputException(
                $"{source} has no '{archColumn}' column (header: {string.Join(", ", header)}): add a column '{archColumn}' with one option index per layer, e.g. 0-2-1.");

        var archs = new List<int[]>();
        var cells = new List<string[]>();
        int layers = -1;
        while (rows.MoveNext())
        {
            var (line, fields) = rows.Current;
            if (fields.Length != header.Length)
                throw new UserInputException($"{source} line {line} has {fields.Length} fields but the header has {header.Length}: every row needs one value per column.");
            var archText = fields[archIndex].Trim();
            // Compact digit codes stored as numbers lose their leading zeros (NB201's ops column): restore them.
            if (space is not null && !archText.Contains('-') && archText.Length < space.LayerCount && archText.All(char.IsAsciiDigit))
                archText = archText.PadLeft(space.LayerCount, '0');
            if (!Architecture.TryParse(archText, out var arch))
                throw new UserInputException($"{source} line {line}: '{fields[archIndex]}' in column '{archColumn}' is not an architecture: write option indices like 0-2-1 or 021.");
            if (layers < 0) layers = arch.Length;
            else if (arch.Length != layers)
                throw new UserInputException(
                    $"{source} line {line}: architecture '{fields[archIndex]}' has {arch.Length} layers but earlier rows have {layers}: every arch needs the same number of layers.");
            archs.Add(arch.Options.ToArray());
            cells.Add(fields);
        }
        if (archs.Count == 0)
            throw new UserInputException($"{source} has a header but no rows: add one row per architecture.");

        if (space is null)
        {
            var counts = new int[layers];
            foreach (var a in archs)
                for (int i = 0; i < layers; i++) counts[i] = Math.Max(counts[i], a[i] + 1);
            space = new SearchSpace(Path.GetFileNameWithoutExtension(source),
                counts.Select((n, i) => new Layer($"layer{i}", Enumerable.Range(0, n).Select(o => o.ToString(CultureInfo.InvariantCulture)).ToArray())).ToArray());
        }
        else if (space.LayerCount != layers)
            throw new UserInputException($"{source}: architectures have {layers} layers, the space '{space.Name}' has {space.LayerCount}.");

        var indexer = new ArchitectureIndexer(space);
        if (indexer.Count > 50_000_000)
            throw new UserInputException($"{source}: the space of its arch column has {indexer.Count} architectures; tables support at most 50,000,000.");
        var present = new bool[indexer.Count];
        var index = new long[archs.Count];
        for (int r = 0; r < archs.Count; r++)
        {
            var arch = new Architecture(archs[r]);
            space.Validate(arch);
            index[r] = indexer.IndexOf(arch);
            if (present[index[r]])
                throw new UserInputException($"{source}: architecture {arch} appears on more than one row: keep one row per architecture.");
            present[index[r]] = true;
        }

        var numeric = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var nonNumeric = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++)
        {
            if (c == archIndex) continue;
            var values = new double[indexer.Count];
            Array.Fill(values, double.NaN);
            string? problem = null;
            for (int r = 0; r < cells.Count && problem is null; r++)
            {
                var text = cells[r][c].Trim();
                if (text.Length == 0) continue;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) values[index[r]] = v;
                else problem = $"row {r + 2} holds '{text}'";
            }
            if (problem is null) numeric[header[c]] = values;
            else nonNumeric[header[c]] = problem;
        }
        return new BenchmarkTable(source, space, numeric, nonNumeric, present, archs.Count);
    }

    /// <summary>
    /// Builds a table from numeric columns given by <see cref="ArchitectureIndexer"/> index (NaN where a value is
    /// absent). <paramref name="present"/> marks the architectures that have a row (null: all of them). The
    /// arrays are kept, not copied: do not modify them afterwards.
    /// </summary>
    public static BenchmarkTable FromColumns(string source, SearchSpace space, IReadOnlyDictionary<string, double[]> columns, bool[]? present = null)
    {
        var indexer = new ArchitectureIndexer(space);
        if (indexer.Count > 50_000_000)
            throw new ArgumentException($"The space has {indexer.Count} architectures; tables support at most 50,000,000.", nameof(space));
        present ??= Enumerable.Repeat(true, (int)indexer.Count).ToArray();
        if (present.LongLength != indexer.Count)
            throw new ArgumentException($"Expected {indexer.Count} row flags, got {present.Length}.", nameof(present));
        foreach (var (name, values) in columns)
            if (values.LongLength != indexer.Count)
                throw new ArgumentException($"Column '{name}' has {values.Length} values; the space has {indexer.Count} architectures.", nameof(columns));
        return new BenchmarkTable(source, space, new Dictionary<string, double[]>(columns, StringComparer.Ordinal),
            new Dictionary<string, string>(StringComparer.Ordinal), present, present.Count(p => p));
    }

    public static BenchmarkTable LoadFile(string path, string archColumn = "arch")
    {
        if (!File.Exists(path))
            throw new UserInputException($"Table file '{path}' does not exist: give the path of a CSV file with an '{archColumn}' column.");
        using var reader = new StreamReader(path);
        return Load(reader, path, archColumn);
    }
}
