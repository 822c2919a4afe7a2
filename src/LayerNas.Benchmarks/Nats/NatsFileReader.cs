using System.Collections;
using System.Globalization;

namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// Reads single files of the official <c>NATS-sss-v1_0-50262-simple</c> folder: an architecture file
/// (<c>000284.pickle.pbz2</c>: a dict from schedule "01"/"12"/"90" to that schedule's results) and the meta
/// file (<c>meta.pickle.pbz2</c>: the 32,768 arch strings in index order). Errors a user can fix (a damaged or
/// foreign file) are <see cref="UserInputException"/>s naming the file. Thread-safe.
/// </summary>
public static class NatsFileReader
{
    /// <summary>Reads one architecture file; the result keeps only final accuracies, costs and times.</summary>
    public static NatsArchitectureRecord ReadArchitecture(string path)
    {
        var root = Load(path) as Hashtable ?? throw Foreign(path, "it does not hold a dict of schedules");
        int index = -1;
        string? archString = null;
        var runs = new List<NatsRuns>();
        try
        {
            foreach (DictionaryEntry schedule in root)
            {
                var results = schedule.Value as Hashtable ?? throw new InvalidDataException($"schedule '{schedule.Key}' is not a dict");
                int epochs = int.Parse((string)schedule.Key, NumberStyles.None, CultureInfo.InvariantCulture);
                index = ToInt(results["arch_index"]);
                archString = (string)results["arch_str"]!;
                var all = (Hashtable)results["all_results"]!;
                foreach (DictionaryEntry datasetSeeds in (Hashtable)results["dataset_seed"]!)
                {
                    var dataset = (string)datasetSeeds.Key;
                    var seeds = ((IEnumerable)datasetSeeds.Value!).Cast<object>().Select(ToInt).ToArray();
                    var perSeed = seeds.Select(seed => Find(all, dataset, seed)).ToArray();
                    runs.Add(ReadRuns(dataset, epochs, seeds, perSeed));
                }
            }
        }
        catch (Exception ex) when (ex is InvalidCastException or NullReferenceException or KeyNotFoundException or FormatException or InvalidDataException or OverflowException)
        {
            throw Foreign(path, ex.Message);
        }
        if (index < 0 || archString is null) throw Foreign(path, "it holds no schedule");
        return new NatsArchitectureRecord(index, archString, runs);
    }

    /// <summary>Reads the meta file: the official arch strings, position = official index.</summary>
    public static IReadOnlyList<string> ReadMeta(string path)
    {
        if (Load(path) is not Hashtable root || root["meta_archs"] is not IEnumerable archs)
            throw Foreign(path, "it has no 'meta_archs' list");
        return archs.Cast<object>().Select(a => a as string ?? throw Foreign(path, "'meta_archs' holds a non-string")).ToArray();
    }

    private static object Load(string path)
    {
        if (!File.Exists(path))
            throw new UserInputException($"NATS-Bench file '{path}' does not exist: check the path, or download the official NATS-sss-v1_0-50262-simple folder (see docs/benchmarks-data.md).");
        try
        {
            return NatsPickle.Load(path);
        }
        catch (InvalidDataException ex)
        {
            throw Foreign(path, ex.Message);
        }
    }

    private static NatsRuns ReadRuns(string dataset, int epochs, int[] seeds, Hashtable[] perSeed)
    {
        var names = perSeed.SelectMany(r => ((IEnumerable)r["eval_names"]!).Cast<string>()).Distinct().ToArray();
        var accuracy = new Dictionary<string, IReadOnlyList<double>>();
        var evalSeconds = new Dictionary<string, IReadOnlyList<double>>();
        foreach (var name in names)
        {
            accuracy[name] = perSeed.Select(r => ToDouble(((Hashtable)r["eval_acc1es"]!)[$"{name}@{ToInt(r["epochs"]) - 1}"])).ToArray();
            evalSeconds[name] = perSeed.Select(r => SumOver(r["eval_times"] as Hashtable, name, ToInt(r["epochs"]))).ToArray();
        }
        var train = perSeed.Select(r => r["train_times"] is Hashtable t ? t.Values.Cast<object>().Sum(ToDouble) : double.NaN).ToArray();
        // The official API averages the per-run mean latency over the runs that have one (> 0).
        var latencies = perSeed.Select(r => r["latency"] is IEnumerable l ? l.Cast<object>().Select(ToDouble).DefaultIfEmpty(-1).Average() : -1)
            .Where(l => l > 0).ToArray();
        return new NatsRuns(dataset, epochs, seeds,
            perSeed.Average(r => ToDouble(r["flop"])), perSeed.Average(r => ToDouble(r["params"])),
            latencies.Length > 0 ? latencies.Average() : null, accuracy, train, evalSeconds);
    }

    private static double SumOver(Hashtable? times, string name, int epochs)
    {
        if (times is null || times.Count == 0) return double.NaN;
        double sum = 0;
        for (int i = 0; i < epochs; i++) sum += ToDouble(times[$"{name}@{i}"]);
        return sum;
    }

    private static Hashtable Find(Hashtable all, string dataset, int seed)
    {
        foreach (DictionaryEntry e in all)
            if (e.Key is object[] { Length: 2 } key && (string)key[0] == dataset && ToInt(key[1]) == seed)
                return (Hashtable)e.Value!;
        throw new KeyNotFoundException($"no results for ({dataset}, seed {seed})");
    }

    private static int ToInt(object? value) => value switch
    {
        int i => i,
        long l => checked((int)l),
        string s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture),
        _ => throw new InvalidDataException($"expected an integer, found {value ?? "None"}"),
    };

    private static double ToDouble(object? value) => value switch
    {
        double d => d,
        int i => i,
        long l => l,
        float f => f,
        _ => throw new InvalidDataException($"expected a number, found {value ?? "None"}"),
    };

    private static UserInputException Foreign(string path, string why) =>
        new($"'{path}' is not an official NATS-sss-v1_0-50262-simple file ({why}): replace it with the file from the official folder.");
}
