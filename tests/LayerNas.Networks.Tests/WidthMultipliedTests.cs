using LayerNas.Networks.Spaces;
using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Tests;

public sealed class WidthMultipliedTests
{
    private static NetworkSearchSpace ExperimentSpace()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "LayerNas.slnx"))) dir = Path.GetDirectoryName(dir)!;
        return NetworkSpaceLoader.LoadFile(Path.Combine(dir, "scripts", "demo", "width-family-space.yaml"));
    }

    [Fact]
    public void WidthMultiplied_ExperimentSpace_ScalesEveryBlockAndKeepsKernelAndExpansion()
    {
        var space = ExperimentSpace();

        Assert.Equal(space.Backbone, space.WidthMultiplied(1.0));
        var half = space.Build(space.WidthMultiplied(0.5));
        var blocks = half.Blocks.Cast<InvertedResidualSpec>().ToList();
        // make_divisible(width x 0.5, 4) of the backbone's 16, 24, 24, 32, 32, 64, 64.
        Assert.Equal([8, 12, 12, 16, 16, 32, 32], blocks.Select(b => b.OutChannels));
        Assert.All(blocks, b => Assert.Equal(3, b.Kernel));
        Assert.Equal([16, 8 * 6, 12 * 6, 12 * 6, 16 * 6, 16 * 6, 32 * 6], blocks.Select(b => b.ExpandedChannels));
        Assert.Equal(16, ((ConvSpec)half.Stem).OutChannels);
        // The family's MAdds grow with the multiplier: the experiment's three targets.
        var madds = space.CostModel("madds");
        var targets = new[] { 0.35, 0.5, 0.75, 1.0 }.Select(m => madds.Cost(space.WidthMultiplied(m))).ToList();
        Assert.Equal(targets.Order(), targets);
        Assert.Equal(1.57596, targets[0], 5);
        Assert.True(space.Space.Size >= 100_000);
    }

    [Fact]
    public void WidthMultiplied_WidthNotAmongTheChoices_NamesTheBlockAndTheWidth()
    {
        var ex = Assert.Throws<UserInputException>(() => ExperimentSpace().WidthMultiplied(0.6));

        Assert.Contains("block1: width multiplier 0.6 needs output width 16", ex.Message);
        Assert.Contains("search.out", ex.Message);
    }

    [Theory]
    [InlineData("mobilenet-v2-28")]
    [InlineData("mobilenet-v3-large")]
    public void WidthMultiplied_BuiltInSpaceAtItsNarrowChoice_IsCheaperThanTheBackbone(string name)
    {
        var space = NetworkSpaceCatalog.Get(name);

        var narrow = space.WidthMultiplied(0.75);

        var madds = space.CostModel("madds");
        Assert.True(madds.Cost(narrow) < madds.Cost(space.Backbone));
        Assert.Equal(space.Space.LayerCount, narrow.Length);
    }
}
