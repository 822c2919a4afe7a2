using System.Collections.Concurrent;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;

namespace LayerNas.Storage.Tests;

/// <summary>Wraps an evaluator: architectures whose option sum is divisible by <c>every</c> always fail; counts calls per architecture.</summary>
internal sealed class FailingEvaluator(IEvaluator inner, int every) : IEvaluator
{
    public ConcurrentDictionary<Architecture, int> Calls { get; } = new();

    public static bool Fails(Architecture arch, int every)
    {
        int sum = 0;
        for (int i = 0; i < arch.Length; i++) sum += arch[i];
        return sum % every == 0;
    }

    public Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(arch, 1, (_, n) => n + 1);
        if (Fails(arch, every)) throw new EvaluationFailedException($"synthetic failure of {arch}");
        return inner.EvaluateAsync(arch, context, cancellationToken);
    }
}
