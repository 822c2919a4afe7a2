namespace LayerNas.Benchmarks.Tables;

/// <summary>
/// Several recorded trainings per architecture of a table (e.g. NB201's 200-epoch validation accuracy of
/// seeds 0..2, or NAS-Bench-Macro's three test runs): the values by architecture index, NaN where a training
/// was not recorded. A query draws one recorded value, chosen from the run's seed, the architecture and the
/// attempt by a fixed hash, so a draw is reproducible and independent of the order and the thread it is made
/// in; only recorded trainings are ever drawn. Immutable and thread-safe.
/// </summary>
public sealed class RecordedRewards
{
    private readonly double[] _values; // _values[i * _width + k]: the k-th recorded training of architecture i
    private readonly byte[] _count;
    private readonly byte[] _columnOf; // _columnOf[i * _width + k]: the source column of that value
    private readonly int _width;

    /// <param name="name">What the trainings measure, e.g. <c>valid200</c>.</param>
    /// <param name="columns">Source column names, one per training.</param>
    /// <param name="trainings">One array per training, by architecture index, NaN where it was not recorded.</param>
    public RecordedRewards(string name, IReadOnlyList<string> columns, IReadOnlyList<double[]> trainings)
    {
        if (trainings.Count < 2 || trainings.Count > 255)
            throw new ArgumentException($"Recorded rewards need 2 to 255 trainings, got {trainings.Count}.", nameof(trainings));
        if (columns.Count != trainings.Count) throw new ArgumentException("One column name per training.", nameof(columns));
        long n = trainings[0].LongLength;
        if (trainings.Any(t => t.LongLength != n)) throw new ArgumentException("Every training needs one value per architecture.", nameof(trainings));
        Name = name;
        Columns = columns.ToArray();
        _width = trainings.Count;
        _values = new double[n * _width];
        _count = new byte[n];
        _columnOf = new byte[n * _width];
        Means = new double[n];
        for (long i = 0; i < n; i++)
        {
            int k = 0;
            double sum = 0;
            for (int c = 0; c < _width; c++)
            {
                double v = trainings[c][i];
                if (double.IsNaN(v)) continue;
                _values[i * _width + k] = v;
                _columnOf[i * _width + k++] = (byte)c;
                sum += v;
            }
            _count[i] = (byte)k;
            Means[i] = k == 0 ? double.NaN : sum / k;
        }
    }

    /// <summary>What the trainings measure, e.g. <c>valid200</c> (used in setting labels).</summary>
    public string Name { get; }

    /// <summary>The source columns, one per training.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The mean of the recorded trainings by architecture index (the expected draw; NaN where none). Do not modify.</summary>
    public double[] Means { get; }

    /// <summary>How many trainings of architecture <paramref name="index"/> were recorded.</summary>
    public int RecordedCount(long index) => _count[index];

    /// <summary>The source column (0-based, into <see cref="Columns"/>) that query <paramref name="attempt"/> of <paramref name="index"/> in run <paramref name="seed"/> draws; -1 when none was recorded.</summary>
    public int DrawColumn(int seed, long index, int attempt = 1)
    {
        int count = _count[index];
        return count == 0 ? -1 : _columnOf[index * _width + Pick(seed, index, attempt, count)];
    }

    /// <summary>The reward of one query: one recorded training of <paramref name="index"/>, drawn from the run's seed (NaN when none was recorded).</summary>
    public double Draw(int seed, long index, int attempt = 1)
    {
        int count = _count[index];
        return count == 0 ? double.NaN : _values[index * _width + Pick(seed, index, attempt, count)];
    }

    private static int Pick(int seed, long index, int attempt, int count)
    {
        ulong h = Mix(Mix(Mix((ulong)(uint)seed) ^ (ulong)index) ^ (ulong)(uint)attempt);
        return (int)(h % (ulong)count);
    }

    // SplitMix64's finalizer: every input bit affects every output bit.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
