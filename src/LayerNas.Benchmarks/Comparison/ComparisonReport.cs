namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// The outcome of a comparison, as written to <c>results.json</c> (snake_case names, see docs/benchmarks.md).
/// <see cref="WallSeconds"/> is elapsed time; <see cref="CpuSeconds"/> the process's CPU time over the same span
/// (on a shared machine the honest measure of the work). <see cref="Skipped"/> names the settings of a sweep that no
/// architecture can meet (e.g. params &lt;= 0.1x on NAS-Bench-Macro), which were left out. Immutable.
/// </summary>
public sealed record ComparisonReport(
    string Schema,
    DateTimeOffset CreatedUtc,
    ComparisonRunInfo Settings,
    double WallSeconds,
    double CpuSeconds,
    long Evaluations,
    double EvaluationsPerSecond,
    IReadOnlyList<SettingResult> Benchmarks,
    IReadOnlyList<string>? Skipped = null)
{
    public const string CurrentSchema = "layernas-bench/2";
}
