using CsCheck;
using LayerNas.SearchSpaces;

namespace LayerNas.Core.Tests.Costs;

public class EnumeratedCostModelTests
{
    [Fact]
    public void Completions_AnyPartial_BracketsEveryCompletionExactly()
    {
        Gen.Select(Gen.Int[0, 1000], Gen.Int[1, 4], Gen.Int[1, 4]).Sample((seed, layers, options) =>
        {
            var table = new GeneratedTable(seed, layers, options);
            var random = new Random(seed);
            var full = table.Space.Sample(random);
            var partial = PartialArchitecture.Empty(layers);
            for (int l = 0; l < layers; l++)
                if (random.Next(2) == 0) partial = partial.Fix(l, full[l]);
            var range = table.Cost.Completions(partial);
            var costs = table.Space.Enumerate().Where(partial.Matches).Select(table.Cost.Cost).ToArray();
            Assert.Equal(costs.Min(), range.Min);
            Assert.Equal(costs.Max(), range.Max);
        }, iter: 200);
    }

    [Fact]
    public void Completions_TableWithMissingRows_IgnoresMissing()
    {
        var space = new SearchSpace("s", [new Layer("a", ["0", "1"]), new Layer("b", ["0", "1"])]);
        var model = new LayerNas.Costs.EnumeratedCostModel("c", "u", space, [1, double.NaN, 5, 7]);
        var range = model.Completions(new PartialArchitecture([0, -1]));
        Assert.Equal(1, range.Min);
        Assert.Equal(1, range.Max);
        var none = model.Completions(new PartialArchitecture([-1, -1]));
        Assert.Equal(new LayerNas.Costs.CostRange(1, 7), none);
    }
}
