namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// The outcome of a comparison, as written to <c>results.json</c> (snake_case names, see docs/benchmarks.md).
/// Immutable.
/// </summary>
public sealed record ComparisonReport(
    string Schema,
    DateTimeOffset CreatedUtc,
    ComparisonRunInfo Settings,
    double WallSeconds,
    long Evaluations,
    double EvaluationsPerSecond,
    IReadOnlyList<SettingResult> Benchmarks)
{
    public const string CurrentSchema = "layernas-bench/1";
}
