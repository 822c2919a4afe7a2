using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
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
    ModelPoint? Best,
    IReadOnlyList<ModelPoint> Front,
    IReadOnlyList<ModelPoint>? BestPerBucket,
    SearchReport.OracleReport? Oracle)
{
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new PointConverter() },
    };

    /// <summary>The exhaustive oracle of a table under the constraint; <see cref="Found"/> when the search's best has the best reward (ties count).</summary>
    public sealed record OracleReport(string Arch, double TestAccuracy, string RewardArch, double RewardTestAccuracy, double BestReward, int Feasible, bool Found);

    public static SearchReport Create(BuiltSearch built, SearchSummary summary)
    {
        OracleReport? oracle = null;
        // The oracle knows the table's rewards: it says nothing about a search scored by another evaluator.
        if (built.Table is { ScoringUnavailable: null } table && built.EvaluatorKind == EvaluatorKind.Table)
        {
            var o = table.Oracle(built.Constraint);
            oracle = new OracleReport(o.BestArchitecture.ToString(), o.BestReported, o.RewardArchitecture.ToString(), o.RewardReported, o.BestReward,
                o.FeasibleCount, summary.Best is { } best && best.Reward >= o.BestReward);
        }
        var c = built.Constraint;
        return new SearchReport(built.Problem.Name, built.Registration.Name, built.Cost.Name, built.Cost.Unit,
            double.IsNegativeInfinity(c.Min) ? null : c.Min, double.IsPositiveInfinity(c.Max) ? null : c.Max,
            built.Recipe.Seed, summary.Evaluations, summary.Failures, summary.Best, summary.Pareto,
            summary.BestPerBucket.Count > 0 ? summary.BestPerBucket : null, oracle);
    }

    public void WriteText(TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        string range = (MinCost, MaxCost) switch
        {
            (null, null) => "unconstrained",
            (null, { } hi) => $"<= {hi.ToString("G6", inv)} {CostUnit}",
            ({ } lo, null) => $">= {lo.ToString("G6", inv)} {CostUnit}",
            ({ } lo, { } hi) => $"{lo.ToString("G6", inv)} .. {hi.ToString("G6", inv)} {CostUnit}",
        };
        w.WriteLine($"{Strategy} on {Benchmark}, {Cost} {range}: {Trials} evaluations, {Failures} failed");
        if (Best is null)
        {
            w.WriteLine("No feasible model was evaluated.");
            return;
        }
        w.WriteLine();
        w.WriteLine($"Best:  {Best.Architecture}  {Cost} {Best.Cost.ToString("G6", inv)} {CostUnit}  reward {Best.Reward.ToString("F3", inv)}" +
                    (Best.Metric(MetricNames.TestAccuracy) is { } t ? $"  test {t.ToString("F3", inv)}" : ""));
        if (Oracle is { } o)
            w.WriteLine($"Oracle: best by reward {o.RewardArch} (reward {o.BestReward.ToString("F3", inv)}, test {o.RewardTestAccuracy.ToString("F3", inv)}); best test {o.Arch} ({o.TestAccuracy.ToString("F3", inv)}); {o.Feasible} feasible" +
                        (o.Found ? "  [found]" : "  [missed]"));
        w.WriteLine();
        w.WriteLine($"Pareto front ({Front.Count} models: no cheaper model has a higher reward):");
        Table(w, Front, buckets: false);
        if (BestPerBucket is { } buckets)
        {
            w.WriteLine();
            w.WriteLine($"Best per cost bucket ({buckets.Count} buckets of the memorial table; a bucket's best may be dominated):");
            Table(w, buckets, buckets: true);
        }
    }

    private void Table(TextWriter w, IReadOnlyList<ModelPoint> points, bool buckets)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"  {(buckets ? "bucket " : "")}{"arch",-24} {Cost + " (" + CostUnit + ")",14} {"reward",9} {"test",9}");
        foreach (var p in points)
            w.WriteLine($"  {(buckets ? $"{p.Bucket,6} " : "")}{p.Architecture,-24} {p.Cost.ToString("G6", inv),14} {p.Reward.ToString("F3", inv),9} " +
                        $"{(p.Metric(MetricNames.TestAccuracy) is { } ta ? ta.ToString("F3", inv) : "-"),9}");
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
