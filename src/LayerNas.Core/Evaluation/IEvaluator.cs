using LayerNas.SearchSpaces;

namespace LayerNas.Evaluation;

/// <summary>
/// Scores architectures: a benchmark table, real training, or a user's command. Throw
/// <see cref="EvaluationFailedException"/> (or any exception) when an architecture cannot be scored;
/// the trial is then retried or recorded as failed.
/// Implementations must be safe to call concurrently for different architectures.
/// </summary>
public interface IEvaluator
{
    /// <summary>Scores <paramref name="arch"/> for the trial <paramref name="context"/>; throws <see cref="EvaluationFailedException"/> (or any exception) when it cannot, which costs the trial an attempt.</summary>
    Task<Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken);
}
