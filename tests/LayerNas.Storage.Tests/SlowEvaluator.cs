using LayerNas.Evaluation;
using LayerNas.SearchSpaces;

namespace LayerNas.Storage.Tests;

/// <summary>Takes 20 ms per evaluation, so that several runners overlap as real trainings would.</summary>
internal sealed class SlowEvaluator(IEvaluator inner) : IEvaluator
{
    public async Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken);
        return await inner.EvaluateAsync(arch, context, cancellationToken);
    }
}
