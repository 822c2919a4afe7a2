using System.CommandLine;
using System.Globalization;
using LayerNas.Costs;
using LayerNas.Export.Latency;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;

namespace LayerNas.Cli.Commands;

/// <summary>
/// `layernas bench-latency`: builds (or loads) a space's latency lookup table, prints the predictor's error against
/// full-model measurement on random architectures, and optionally runs a LayerNAS search constrained by predicted
/// latency (stand-in reward) and measures its result.
/// </summary>
public static class BenchLatencyCommand
{
    public static Command Create(CliConsole console)
    {
        var space = new Option<string>("--space") { Description = "Network space (built-in name or file).", DefaultValueFactory = _ => "mobilenet-v3-small" };
        var table = new Option<string?>("--latency-table") { Description = "Lookup-table file: loaded when it exists, else measured and saved there (default layernas-latency-SPACE.json)." };
        var samples = new Option<int>("--samples") { Description = "Random architectures measured in full.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0, Description = "Seed of the random architectures and the search." };
        var warmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 10, Description = "Untimed runs before timing." };
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 30, Description = "Timed runs (the median is used)." };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1, Description = "ONNX Runtime intra-op threads." };
        var statistic = new Option<LatencyStatistic>("--statistic") { DefaultValueFactory = _ => LatencyStatistic.Median, Description = "Median (default) or Min of the timed runs; min is robust on a busy machine." };
        var search = new Option<string?>("--search-max") { Description = "Also run LayerNAS (stand-in reward) under predicted latency ≤ this (ms, or a fraction of the largest, e.g. 0.5x) and measure the result." };
        var command = new Command("bench-latency", "Latency lookup-table predictor vs full-model measurement with ONNX Runtime on this machine; optional latency-constrained search.")
        {
            space, table, samples, seed, warmup, runs, threads, statistic, search,
        };
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var s = NetworkSpaceCatalog.Resolve(parse.GetValue(space)!);
            var meter = new LatencyMeter(new LatencyOptions { Warmup = parse.GetValue(warmup), Runs = parse.GetValue(runs), Threads = parse.GetValue(threads), Statistic = parse.GetValue(statistic) });
            var lut = LatencyTables.LoadOrMeasure(s, meter, parse.GetValue(table), console.Error, ct);
            var inv = CultureInfo.InvariantCulture;
            console.Out.WriteLine($"# {s.Name}: latency-lut vs measured (ONNX Runtime, batch 1, {meter.Options.Threads} thread(s), {meter.Options.Statistic.ToString().ToLowerInvariant()} of {meter.Options.Runs} after {meter.Options.Warmup} warm-up; load average {LoadAverage()}; {LatencyTable.ThisMachine()})");
            console.Out.WriteLine("arch\tpredicted_ms\tmeasured_ms\trel_error");
            int n = parse.GetValue(samples);
            var rows = LatencyBenchmark.PredictorError(s, lut, meter, n, parse.GetValue(seed),
                r => console.Out.WriteLine(string.Create(inv, $"{r.Architecture}\t{r.PredictedMs:F3}\t{r.MeasuredMs:F3}\t{r.RelativeError:P1}")), ct);
            if (rows.Count > 0)
            {
                var signed = rows.Select(r => (r.PredictedMs - r.MeasuredMs) / r.MeasuredMs).ToArray();
                console.Out.WriteLine(string.Create(inv,
                    $"predictor error over {rows.Count} architectures: mean {rows.Average(r => r.RelativeError):P1}, worst {rows.Max(r => r.RelativeError):P1}, mean signed {signed.Average():+0.0%;-0.0%}; Spearman rank correlation {Spearman(rows):F3}"));
            }
            if (parse.GetValue(search) is { } max)
            {
                var constraint = CostConstraint.Parse(lut, null, max, lut.Completions(PartialArchitecture.Empty(s.Space.LayerCount)));
                var result = await LatencyBenchmark.SearchAsync(s, lut, new NetworkStandInEvaluator(s), constraint.Max, parse.GetValue(seed), meter, cancellationToken: ct);
                console.Out.WriteLine(string.Create(inv,
                    $"LayerNAS under predicted latency <= {result.MaxPredictedMs:F3} ms (stand-in reward, {result.Trials} trials): best {result.Best} reward {result.Reward:F3}, predicted {result.PredictedMs:F3} ms, measured {result.Measured}"));
            }
            return CliApp.Ok;
        });
        CliHelp.AddExamples(command,
            "layernas bench-latency --space mobilenet-v3-small --samples 50 --statistic min",
            "layernas bench-latency --search-max 0.5x");
        return command;
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    /// <summary>Spearman's rank correlation of predicted and measured latency; tied values share their average rank.</summary>
    internal static double Spearman(IReadOnlyList<PredictorSample> rows) =>
        rows.Count < 2 ? 1 : MathNet.Numerics.Statistics.Correlation.Spearman(rows.Select(r => r.PredictedMs), rows.Select(r => r.MeasuredMs));
}
