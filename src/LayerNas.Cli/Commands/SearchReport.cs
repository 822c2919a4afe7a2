using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LayerNas.Cli.Options;
using LayerNas.Evaluation;
using LayerNas.Strategies;
using LayerNas.Studies;

namespace LayerNas.Cli.Commands;

/// <summary>The printed result of `layernas search` (JSON shape documented in docs/cli.md).</summary>
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
    SearchReport.Point? Best,
    IReadOnlyList<SearchReport.Point> Front,
    SearchReport.OracleReport? Oracle)
{
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public sealed record Point(string Arch, double Cost, double Reward, double? TestAccuracy);

    public sealed record OracleReport(string Arch, double TestAccuracy, string RewardArch, double RewardTestAccuracy, double BestReward, int Feasible);

    public static SearchReport Create(ResolvedProblem resolved, ISearchStrategy strategy, SearchSummary summary, int seed = 0)
    {
        static Point ToPoint(FrontPoint p) => new(p.Architecture.ToString(), p.Cost, p.Reward, p.Metrics.TryGetValue(MetricNames.TestAccuracy, out var t) ? t : null);
        OracleReport? oracle = null;
        if (resolved.Table is { } table)
        {
            var o = table.Oracle(resolved.Constraint);
            oracle = new OracleReport(o.BestArchitecture.ToString(), o.BestReported, o.RewardArchitecture.ToString(), o.RewardReported, o.BestReward, o.FeasibleCount);
        }
        var c = resolved.Constraint;
        return new SearchReport(resolved.Problem.Name, strategy.Name, resolved.Cost.Name, resolved.Cost.Unit,
            double.IsNegativeInfinity(c.Min) ? null : c.Min, double.IsPositiveInfinity(c.Max) ? null : c.Max,
            seed, summary.Evaluations, summary.Failures,
            summary.Best is null ? null : ToPoint(summary.Best), summary.Front.Select(ToPoint).ToArray(), oracle);
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
        w.WriteLine($"Best:  {Best.Arch}  {Cost} {Best.Cost.ToString("G6", inv)} {CostUnit}  reward {Best.Reward.ToString("F3", inv)}" +
                    (Best.TestAccuracy is { } t ? $"  test {t.ToString("F3", inv)}" : ""));
        if (Oracle is { } o)
            w.WriteLine($"Oracle: best by reward {o.RewardArch} (reward {o.BestReward.ToString("F3", inv)}, test {o.RewardTestAccuracy.ToString("F3", inv)}); best test {o.Arch} ({o.TestAccuracy.ToString("F3", inv)}); {o.Feasible} feasible" +
                        (o.RewardArch == Best.Arch ? "  [found]" : "  [missed]"));
        w.WriteLine();
        w.WriteLine($"Front ({Front.Count} models, best per cost bucket):");
        w.WriteLine($"  {"arch",-24} {Cost + " (" + CostUnit + ")",14} {"reward",9} {"test",9}");
        foreach (var p in Front)
            w.WriteLine($"  {p.Arch,-24} {p.Cost.ToString("G6", inv),14} {p.Reward.ToString("F3", inv),9} {(p.TestAccuracy is { } ta ? ta.ToString("F3", inv) : "-"),9}");
    }
}
