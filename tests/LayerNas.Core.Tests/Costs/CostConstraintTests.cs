using LayerNas.Costs;
using LayerNas.SearchSpaces;

namespace LayerNas.Core.Tests.Costs;

public class CostConstraintTests
{
    private static readonly EnumeratedCostModel Model = new("flops", "MFLOPs",
        new SearchSpace("s", [new Layer("a", ["0", "1"])]), [10, 40]);

    [Fact]
    public void Parse_Fraction_IsFractionOfLargestCost()
    {
        var c = CostConstraint.Parse(Model, null, "0.5x", new CostRange(10, 40));
        Assert.Equal(20, c.Max);
        Assert.True(double.IsNegativeInfinity(c.Min));
    }

    [Fact]
    public void Parse_Absolute_KeepsValues()
    {
        var c = CostConstraint.Parse(Model, "12", "30", new CostRange(10, 40));
        Assert.Equal((12.0, 30.0), (c.Min, c.Max));
    }

    [Theory]
    [InlineData("20", "15", "below the minimum cost")]
    [InlineData(null, "5", "below the cheapest architecture")]
    [InlineData("50", null, "above the dearest architecture")]
    [InlineData(null, "lots", "is not a cost")]
    public void Parse_BadLimits_ClearError(string? min, string? max, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => CostConstraint.Parse(Model, min, max, new CostRange(10, 40)));
        Assert.Contains(expected, ex.Message);
    }
}
