using LayerNas.Benchmarks.Comparison;

namespace LayerNas.Benchmarks.Tests.Comparison;

public sealed class MeanDifferenceTests
{
    [Fact]
    public void WelchT_KnownGroups_IsTheDifferenceOverItsStandardError()
    {
        // √(1²/5 + 2²/5) = 1, so t = (10 − 8) / 1.
        var d = MeanDifference.Of(10, 1, 5, 8, 2, 5);

        Assert.Equal(2, d.Difference, 12);
        Assert.Equal(2, d.WelchT, 12);
    }

    [Fact]
    public void WelchT_NoSpreadInEitherGroup_IsNaN() =>
        Assert.True(double.IsNaN(MeanDifference.Of(3, 0, 4, 2, 0, 4).WelchT));
}
