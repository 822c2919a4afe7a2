using CsCheck;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;

namespace LayerNas.Core.Tests.Strategies;

public class FeasibleSetTests
{
    [Fact]
    public void TryGet_GeneratedTables_MatchesContextFeasibilityAndPrefixBounds()
    {
        TestProblems.Tabulated.Sample(problem =>
        {
            var context = problem.Context;
            var set = FeasibleSet.TryGet(context)!;
            var all = context.Space.Enumerate().ToArray();
            Assert.Equal(all.Count(context.IsFeasible), set.Count);
            for (int i = 0; i < all.Length; i++) Assert.Equal(context.IsFeasible(all[i]), set.Contains(i));
            // Prefix feasibility agrees with the cost model's exact completion bounds.
            var counts = set.PrefixCounts();
            foreach (var arch in all)
            {
                long value = 0;
                var partial = PartialArchitecture.Empty(arch.Length);
                for (int l = 0; l < arch.Length; l++)
                {
                    value = value * context.Space.Layers[l].Count + arch[l];
                    partial = partial.Fix(l, arch[l]);
                    Assert.Equal(context.CanBeFeasible(partial), set.PrefixCanBeFeasible(l + 1, value));
                    Assert.Equal(set.PrefixCanBeFeasible(l + 1, value), counts[l + 1][value] > 0);
                }
            }
        }, iter: 100);
    }

    [Fact]
    public void Remove_EveryFeasibleIndex_LeavesAllCountsZero()
    {
        TestProblems.Tabulated.Sample(problem =>
        {
            var set = FeasibleSet.TryGet(problem.Context)!;
            var counts = set.PrefixCounts();
            Assert.Equal(set.Count, counts[0][0]);
            foreach (var i in set.Indices.ToArray()) set.Remove(counts, i);
            Assert.All(counts, level => Assert.All(level, c => Assert.Equal(0, c)));
        }, iter: 50);
    }

    [Fact]
    public void TryGet_SameProblemTwice_ReturnsCachedSet()
    {
        TestProblems.Tabulated.Sample(problem =>
        {
            var other = problem.Context with { Seed = problem.Context.Seed + 1 };
            Assert.Same(FeasibleSet.TryGet(problem.Context), FeasibleSet.TryGet(other));
        }, iter: 10);
    }
}
