using LayerNas.Costs;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks.Tables;

/// <summary>
/// The exhaustive answer of a table under a constraint: the architecture with the best reported accuracy
/// (<see cref="BestArchitecture"/>) and the one a perfect search by reward would pick (<see cref="RewardArchitecture"/>).
/// Ties go to the lower index. Immutable.
/// </summary>
public sealed record Oracle(Architecture BestArchitecture, double BestReported, Architecture RewardArchitecture, double RewardReported, double BestReward, int FeasibleCount)
{
    public static Oracle Find(TabularBenchmark benchmark, CostConstraint constraint)
    {
        var model = benchmark.CostModel(constraint.CostName);
        var indexer = benchmark.Table.Indexer;
        long best = -1, bestByReward = -1;
        int feasible = 0;
        for (long i = 0; i < indexer.Count; i++)
        {
            double reward = benchmark.Rewards[i], reported = benchmark.Reported[i];
            if (double.IsNaN(reward)) continue;
            double cost = model.Cost(indexer.At(i));
            if (double.IsNaN(cost) || !constraint.IsSatisfiedBy(cost)) continue;
            feasible++;
            if (!double.IsNaN(reported) && (best < 0 || reported > benchmark.Reported[best])) best = i;
            if (bestByReward < 0 || reward > benchmark.Rewards[bestByReward]) bestByReward = i;
        }
        if (bestByReward < 0)
            throw new UserInputException($"No architecture of {benchmark.Name} meets {constraint}: widen the cost range.");
        if (best < 0) best = bestByReward;
        return new Oracle(indexer.At(best), benchmark.Reported[best], indexer.At(bestByReward), benchmark.Reported[bestByReward],
            benchmark.Rewards[bestByReward], feasible);
    }
}
