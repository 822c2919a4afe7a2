using LayerNas.Training.Modules;
using TorchSharp;

namespace LayerNas.Training.Tests;

public class DropoutModuleTests
{
    [Fact]
    public void Forward_EvalMode_ReturnsInputUnchanged()
    {
        using var dropout = new DropoutModule(0.5);
        dropout.eval();
        using var x = torch.randn(4, 8);

        using var y = dropout.call(x);

        Assert.True(y.eq(x).all().item<bool>());
    }

    [Fact]
    public void Forward_SameGeneratorSeed_SameMaskScaledByKeep()
    {
        using var dropout = new DropoutModule(0.25);
        dropout.train();
        using var x = torch.ones(1000);

        using var g1 = new torch.Generator(42);
        dropout.Generator = g1;
        using var y1 = dropout.call(x);
        using var g2 = new torch.Generator(42);
        dropout.Generator = g2;
        using var y2 = dropout.call(x);

        Assert.True(y1.eq(y2).all().item<bool>());
        // Kept entries are scaled by 1 / (1 - p); about three quarters are kept.
        using var kept = y1.gt(0);
        using var scaled = y1.masked_select(kept);
        Assert.True((scaled - 1 / 0.75).abs().max().item<float>() < 1e-6);
        Assert.InRange(kept.sum().item<long>(), 700, 800);
    }
}
