using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Tests;

public class NetworkSpecValidationTests
{
    [Fact]
    public void Validate_MismatchedChannels_NamesBothSides()
    {
        var spec = MobileNets.V2();
        var blocks = spec.Blocks.ToList();
        blocks[4] = ((InvertedResidualSpec)blocks[4]) with { InChannels = 40 };

        var ex = Assert.Throws<UserInputException>(() => (spec with { Blocks = blocks }).Validate("net.json"));

        Assert.Contains("net.json: blocks[4].in_channels: is 40 but blocks[3] outputs 32 channels", ex.Message);
    }

    [Fact]
    public void FromJson_EveryProblem_IsListed()
    {
        var json = MobileNets.V3Small(resolution: 32, classes: 10).ToJson()
            .Replace("\"stride\": 2", "\"stride\": 0")
            .Replace("\"in_features\": 1024", "\"in_features\": 1000");

        var ex = Assert.Throws<UserInputException>(() => NetworkSpec.FromJson(json, "net.json"));

        Assert.Contains("net.json: stem.stride: must be >= 1 (is 0)", ex.Message);
        Assert.Contains("net.json: blocks[0].stride: must be >= 1 (is 0)", ex.Message);
        Assert.Contains("net.json: classifier[2].in_features: is 1000 but classifier[0] outputs 1024 features", ex.Message);
    }

    [Fact]
    public void FromJson_UnknownActivation_NamesThePath()
    {
        var json = MobileNets.V2().ToJson().Replace("\"relu6\"", "\"gelu\"");

        var ex = Assert.Throws<UserInputException>(() => NetworkSpec.FromJson(json, "net.json"));

        Assert.StartsWith("net.json: stem.activation:", ex.Message);
    }

    [Fact]
    public void Operators_MobileNetV3Small_HaveShapesAndSeOperators()
    {
        var ops = MobileNets.V3Small().Operators();

        Assert.Equal(112, ops[0].OutResolution);
        Assert.Contains(ops, o => o.Path == "blocks[0].se.reduce" && o.InChannels == 16 && o.OutChannels == 8 && o.Bias);
        Assert.Equal(7, ops.Single(o => o.Path == "pool").InResolution);
        Assert.Equal(1000, ops[^1].OutChannels);
    }

    [Fact]
    public void PeakActivation_MobileNetV2_IsTheFirstStridedDepthwise()
    {
        // blocks[1]'s depthwise reads 96x112x112 and writes 96x56x56; both are live at once.
        var costs = NetworkCosts.Of(MobileNets.V2());

        Assert.Equal(96L * 112 * 112 + 96L * 56 * 56, costs.PeakActivationElements);
        Assert.Equal(costs.PeakActivationElements * 4, costs.ActivationBytesFloat32);
    }
}
