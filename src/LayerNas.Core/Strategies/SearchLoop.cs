using LayerNas.SearchSpaces;

namespace LayerNas.Strategies;

/// <summary>
/// Drives a strategy synchronously against a reward function, without a store: ask for up to
/// <see cref="SearchLoopOptions.BatchSize"/> proposals, score and tell each in order, repeat until the strategy
/// finishes, the budget is spent or a hook stops it. The loop of everything that scores for free (tables, plans,
/// simulations, cost benchmarks, the many-seed comparison); real studies go through <see cref="Studies.StudyRunner"/>.
/// A strategy that proposes nothing with nothing outstanding and is not finished is a bug: the loop throws.
/// </summary>
public static class SearchLoop
{
    /// <summary>Runs the loop; returns the number of architectures evaluated (told).</summary>
    /// <param name="reward">The reward of an architecture; NaN tells it as a failure.</param>
    public static int Run(ISearchStrategy strategy, Func<Architecture, double> reward, SearchLoopOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= SearchLoopOptions.Default;
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "The batch size must be at least 1.");
        int evaluated = 0;
        while (!strategy.IsFinished && evaluated < options.Budget)
        {
            if (options.Stop?.Invoke(evaluated) == true) return evaluated;
            cancellationToken.ThrowIfCancellationRequested();
            var batch = strategy.Propose((int)Math.Min(options.BatchSize, (long)options.Budget - evaluated));
            if (batch.Count == 0)
            {
                if (strategy.IsFinished) break;
                throw new InvalidOperationException($"Strategy {strategy.Name} proposed nothing with no evaluation outstanding.");
            }
            foreach (var arch in batch)
            {
                if (options.BeforeEvaluate?.Invoke(arch) == false) return evaluated;
                double r = reward(arch);
                strategy.Tell(new Observation(arch, r));
                evaluated++;
                options.AfterTell?.Invoke(arch, r);
            }
        }
        options.Stop?.Invoke(evaluated);
        return evaluated;
    }
}
