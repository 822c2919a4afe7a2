using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.Recipes;
using LayerNas.Studies;

namespace LayerNas.Cli.Commands;

/// <summary>The printed result of `layernas search` and `layernas worker` (JSON shape documented in docs/cli.md).</summary>
public sealed record SearchReport(
    string Benchmark,
    string Strategy,
    string Cost,
    string CostUnit,
    double? MinCost,
    double? MaxCost,
    int Seed,
    int Trials,
    int Failures,
    string RewardName,
    bool StandIn,
    ModelPoint? Best,
    string? BestLayers,
    IReadOnlyList<ModelPoint> Front,
    IReadOnlyList<ModelPoint>? BestPerBucket,
    IReadOnlyList<double[]>? BucketRanges,
    SearchReport.OracleReport? Oracle)
{
    /// <summary>The metric a trainer reports (1) when its reward is a made-up stand-in, not a measured accuracy.</summary>
    public const string StandInMetric = "stand_in";

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new PointConverter() },
    };

    /// <summary>
    /// The exhaustive oracle of a table under the constraint; <see cref="Found"/> when the search's best has the best
    /// reward (ties count), by the table's noise-free reward (with drawn trainings: the mean, whatever the draw was).
    /// </summary>
    public sealed record OracleReport(string Arch, double TestAccuracy, string RewardArch, double RewardTestAccuracy, double BestReward, int Feasible, bool Found);

    public static SearchReport Create(BuiltSearch built, SearchSummary summary)
    {
        OracleReport? oracle = null;
        // The oracle knows the table's rewards: it says nothing about a search scored by another evaluator.
        if (built.Table is { ScoringUnavailable: null } table && built.EvaluatorKind == EvaluatorKind.Table)
        {
            var o = table.Oracle(built.Constraint);
            oracle = new OracleReport(o.BestArchitecture.ToString(), o.BestReported, o.RewardArchitecture.ToString(), o.RewardReported, o.BestReward,
                o.FeasibleCount, summary.Best is { } best && table.Rewards[table.Table.Indexer.IndexOf(best.Architecture)] >= o.BestReward);
        }
        var c = built.Constraint;
        bool standIn = built.EvaluatorKind == EvaluatorKind.StandIn || summary.Evaluated.Any(p => p.Metric(StandInMetric) is > 0);
        return new SearchReport(built.Problem.Name, built.Registration.Name, built.Cost.Name, built.Cost.Unit,
            double.IsNegativeInfinity(c.Min) ? null : c.Min, double.IsPositiveInfinity(c.Max) ? null : c.Max,
            built.Recipe.Seed, summary.Evaluations, summary.Failures, RewardOf(built, standIn), standIn, summary.Best,
            summary.Best is { } b && built.Network is not null ? built.Problem.Space.Describe(b.Architecture) : null,
            summary.Pareto, summary.BestPerBucket.Count > 0 ? summary.BestPerBucket : null,
            summary.BestPerBucket.Count > 0 ? summary.BucketRanges.Select(r => new[] { r.Min, r.Max }).ToArray() : null, oracle);
    }

    // What the reward is, in words: a table's reward column, a stand-in, proxy training, or a trainer's own score.
    private static string RewardOf(BuiltSearch built, bool standIn) => built.EvaluatorKind switch
    {
        EvaluatorKind.StandIn => "stand-in (a made-up score for trying a search without training, not accuracy)",
        _ when standIn => "stand-in (the trainer reported stand_in: its rewards are made up, not accuracy)",
        EvaluatorKind.Train => "validation accuracy after proxy training (%)",
        EvaluatorKind.Command => "the training command's reward",
        _ => built.Table?.RewardName ?? "reward",
    };

    public void WriteText(TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        var constraint = new CostConstraint(Cost, MinCost ?? double.NegativeInfinity, MaxCost ?? double.PositiveInfinity);
        w.WriteLine($"{Strategy} on {Benchmark}, {constraint.Describe(CostUnit)}: {Trials} evaluations, {Failures} failed");
        w.WriteLine($"reward: {RewardName}");
        if (Best is null)
        {
            w.WriteLine("No feasible model was evaluated.");
            return;
        }
        string stand = StandIn ? " (stand-in)" : "";
        w.WriteLine();
        w.WriteLine($"Best:  {Best.Architecture}  {Cost} {Best.Cost.ToString("G6", inv)}{Unit()}  reward {Best.Reward.ToString("F3", inv)}{stand}" +
                    (Best.Metric(MetricNames.TestAccuracy) is { } t ? $"  test {t.ToString("F3", inv)}" : ""));
        if (BestLayers is not null) w.WriteLine($"       {BestLayers}");
        if (Oracle is { } o)
            w.WriteLine($"Oracle: best by reward {o.RewardArch} (reward {o.BestReward.ToString("F3", inv)}, test {o.RewardTestAccuracy.ToString("F3", inv)}); best test {o.Arch} ({o.TestAccuracy.ToString("F3", inv)}); {o.Feasible} feasible" +
                        (o.Found ? "  [found]" : "  [missed]"));
        w.WriteLine();
        w.WriteLine($"Pareto front ({Front.Count} models: no cheaper model has a higher reward):");
        Table(w, Front, buckets: false);
        if (BestPerBucket is { } buckets)
        {
            w.WriteLine();
            w.WriteLine($"Best per cost bucket ({buckets.Count} buckets of the memorial table, by the cost of each model's searched layers; a bucket's best may be dominated):");
            Table(w, buckets, buckets: true);
        }
    }

    private string Unit() => string.IsNullOrEmpty(CostUnit) ? "" : " " + CostUnit;

    private string Range(int? bucket) =>
        bucket is { } b && BucketRanges is { } r && b < r.Count
            ? string.Create(CultureInfo.InvariantCulture, $"[{r[b][0]:G4}, {r[b][1]:G4}{(b == r.Count - 1 ? "]" : ")")}")
            : "";

    private void Table(TextWriter w, IReadOnlyList<ModelPoint> points, bool buckets)
    {
        var inv = CultureInfo.InvariantCulture;
        var costHeader = string.IsNullOrEmpty(CostUnit) ? Cost : $"{Cost} ({CostUnit})";
        int rangeWidth = buckets ? Math.Max(12, points.Max(p => Range(p.Bucket).Length)) : 0;
        w.WriteLine($"  {(buckets ? "bucket".PadRight(rangeWidth) + " " : "")}{"arch",-24} {costHeader,14} {(StandIn ? "reward*" : "reward"),9} {"test",9}");
        foreach (var p in points)
            w.WriteLine($"  {(buckets ? Range(p.Bucket).PadRight(rangeWidth) + " " : "")}{p.Architecture,-24} {p.Cost.ToString("G6", inv),14} {p.Reward.ToString("F3", inv),9} " +
                        $"{(p.Metric(MetricNames.TestAccuracy) is { } ta ? ta.ToString("F3", inv) : "-"),9}");
        if (StandIn) w.WriteLine("  * stand-in reward: not accuracy");
    }

    // A model as printed: arch, cost, reward and test accuracy (when reported), its bucket and trial where known.
    private sealed class PointConverter : JsonConverter<ModelPoint>
    {
        public override ModelPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Search reports are written, not read.");

        public override void Write(Utf8JsonWriter writer, ModelPoint value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("arch", value.Architecture.ToString());
            writer.WriteNumber("cost", value.Cost);
            writer.WriteNumber("reward", value.Reward);
            if (value.Metric(MetricNames.TestAccuracy) is { } t) writer.WriteNumber("test_accuracy", t);
            if (value.Bucket is { } b) writer.WriteNumber("bucket", b);
            if (value.Trial is { } n) writer.WriteNumber("trial", n);
            writer.WriteEndObject();
        }
    }
}
