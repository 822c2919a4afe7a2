using System.Globalization;
using nietras.SeparatedValues;
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

    /// <summary>Most options a layer of a space read from a table's arch column may have (a larger index is a typo, and would cost memory for nothing).</summary>
    public const int MaxInferredOptions = 1000;

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
    /// Loads a CSV table (RFC 4180: quoted fields may hold commas, doubled quotes and newlines; a leading byte-order
    /// mark and blank lines are ignored; cells are trimmed). The arch column gives the space: layer count from the
    /// arch strings, options per layer from the largest index seen (unless <paramref name="space"/> is given). Empty
    /// cells are NaN. The file is streamed: only each row's option indices and numbers are kept, never its text.
    /// Errors name the line (the first line of a row whose quoted field spans several).
    /// </summary>
    public static BenchmarkTable Load(TextReader reader, string source, string archColumn = "arch", SearchSpace? space = null)
    {
        using var csv = Sep.New(',').Reader(o => o with
        {
            HasHeader = false, Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true,
        }).From(reader);
        string[]? header = null;
        int archIndex = -1, layers = -1, rows = 0;
        var options = new List<int>();
        // Per column, its values in row order; null once a cell is not a number (the column is then kept as a reason).
        var columns = Array.Empty<List<double>?>();
        var problems = Array.Empty<string?>();
        foreach (var row in csv)
        {
            // Sep numbers the first row's line wrongly; the header is the first row, and on line 1 unless blank lines lead.
            int line = header is null ? 0 : row.LineNumberFrom;
            var raw = row.Span;
            if (row.ColCount == 1 && raw.IsWhiteSpace()) continue;
            if (raw.Count('"') % 2 == 1)
                throw new UserInputException(
                    $"{source} {(line == 0 ? "header" : $"line {line}")}: a quote is not closed (a quoted field runs to the next lone \"): close it, and write a quote inside a field as \"\".");
            if (header is null)
            {
                header = new string[row.ColCount];
                for (int c = 0; c < header.Length; c++) header[c] = row[c].ToString().Trim('\uFEFF', ' ', '\t');
                archIndex = Array.IndexOf(header, archColumn);
                if (archIndex < 0)
                    throw new UserInputException(
                        $"{source} has no '{archColumn}' column (header: {string.Join(", ", header)}): add a column '{archColumn}' with one option index per layer, e.g. 0-2-1.");
                columns = header.Select(_ => (List<double>?)new List<double>()).ToArray();
                problems = new string?[header.Length];
                continue;
            }
            if (row.ColCount != header.Length)
                throw new UserInputException($"{source} line {line} has {row.ColCount} fields but the header has {header.Length}: every row needs one value per column.");
            var archCell = row[archIndex].ToString();
            var archText = archCell;
            // Compact digit codes stored as numbers lose their leading zeros (NB201's ops column): restore them.
            if (space is not null && !archText.Contains('-') && archText.Length < space.LayerCount && archText.All(char.IsAsciiDigit))
                archText = archText.PadLeft(space.LayerCount, '0');
            if (!Architecture.TryParse(archText, out var arch))
                throw new UserInputException($"{source} line {line}: '{archCell}' in column '{archColumn}' is not an architecture: write option indices like 0-2-1 or 021.");
            if (layers < 0) layers = arch.Length;
            else if (arch.Length != layers)
                throw new UserInputException(
                    $"{source} line {line}: architecture '{archCell}' has {arch.Length} layers but earlier rows have {layers}: every arch needs the same number of layers.");
            if (space is null && Enumerable.Range(0, arch.Length).Any(i => arch[i] >= MaxInferredOptions))
                throw new UserInputException(
                    $"{source} line {line}: architecture '{archCell}' has an option index over {MaxInferredOptions - 1}: the space is read from the arch column, and a layer of a table has at most {MaxInferredOptions} options (indices count a layer's choices from 0).");
            foreach (var o in arch.Options) options.Add(o);
            for (int c = 0; c < header.Length; c++)
            {
                if (c == archIndex || columns[c] is not { } cells) continue;
                var text = row[c].Span;
                if (text.Length == 0) cells.Add(double.NaN);
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) cells.Add(value);
                else
                {
                    problems[c] = $"line {line} holds '{text}'";
                    columns[c] = null;
                }
            }
            rows++;
        }
        if (header is null)
            throw new UserInputException($"{source} is empty: a table needs a header line with an '{archColumn}' column and one row per architecture.");
        if (rows == 0)
            throw new UserInputException($"{source} has a header but no rows: add one row per architecture.");

        if (space is null)
        {
            var counts = new int[layers];
            for (int i = 0; i < options.Count; i++) counts[i % layers] = Math.Max(counts[i % layers], options[i] + 1);
            space = new SearchSpace(Path.GetFileNameWithoutExtension(source),
                counts.Select((n, i) => new Layer($"layer{i}", Enumerable.Range(0, n).Select(o => o.ToString(CultureInfo.InvariantCulture)).ToArray())).ToArray());
        }
        else if (space.LayerCount != layers)
            throw new UserInputException($"{source}: architectures have {layers} layers, the space '{space.Name}' has {space.LayerCount}.");

        var indexer = new ArchitectureIndexer(space);
        if (indexer.Count > 50_000_000)
            throw new UserInputException($"{source}: the space of its arch column has {indexer.Count} architectures; tables support at most 50,000,000.");
        var present = new bool[indexer.Count];
        var index = new long[rows];
        var optionSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(options);
        for (int r = 0; r < rows; r++)
        {
            var arch = new Architecture(optionSpan.Slice(r * layers, layers));
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
            if (problems[c] is { } problem)
            {
                nonNumeric[header[c]] = problem;
                continue;
            }
            var values = new double[indexer.Count];
            Array.Fill(values, double.NaN);
            var cells = columns[c]!;
            for (int r = 0; r < rows; r++) values[index[r]] = cells[r];
            numeric[header[c]] = values;
        }
        return new BenchmarkTable(source, space, numeric, nonNumeric, present, rows);
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
