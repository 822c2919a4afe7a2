namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// How soon a strategy's runs reached the reward oracle: the evaluations after which the answer was a reward oracle and
/// stayed one to the end of the run (noise-free, the first evaluation of an oracle; with drawn rewards a lucky draw can
/// move the answer off it again, and the run counts from its last return). <see cref="MeanEvaluations"/> and
/// <see cref="MaxEvaluations"/> are over the <see cref="ReachedRuns"/> that end at an oracle (null when none does). Immutable.
/// </summary>
public sealed record OracleTime(int ReachedRuns, int Runs, double? MeanEvaluations, int? MaxEvaluations)
{
    /// <summary>The statistics of each run's evaluations to the oracle (null: the run does not end at an oracle).</summary>
    public static OracleTime Of(IReadOnlyList<int?> evaluations)
    {
        var reached = evaluations.Where(e => e is not null).Select(e => e!.Value).ToArray();
        return reached.Length == 0
            ? new OracleTime(0, evaluations.Count, null, null)
            : new OracleTime(reached.Length, evaluations.Count, reached.Average(), reached.Max());
    }
}
