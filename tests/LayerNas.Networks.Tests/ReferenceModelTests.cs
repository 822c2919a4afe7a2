using LayerNas.Networks;
using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Tests;

/// <summary>
/// Golden costs of the reference models. Expected values are the output of bench/torchvision_costs.py
/// (torch 1.13.0a0, torchvision 0.14.1a0 from Debian 12's python3-torchvision; params = sum of numel() of
/// parameters, MAdds = forward hooks on Conv2d/Linear), saved in bench/torchvision_costs.out and docs/spaces.md.
/// </summary>
public class ReferenceModelTests
{
    [Theory]
    [InlineData("mobilenet_v2", 1.0, 224, 3_504_872, 300_774_272)]
    [InlineData("mobilenet_v2", 1.0, 32, 3_504_872, 7_392_128)]
    [InlineData("mobilenet_v2", 1.4, 224, 6_108_776, 582_195_824)]
    [InlineData("mobilenet_v2", 1.4, 32, 6_108_776, 13_636_976)]
    [InlineData("mobilenet_v2", 0.5, 224, 1_968_680, 97_131_840)]
    [InlineData("mobilenet_v2", 0.35, 224, 1_677_128, 59_285_808)]
    [InlineData("mobilenet_v2", 0.35, 32, 1_677_128, 2_463_792)]
    [InlineData("mobilenet_v3_large", 1.0, 224, 5_483_032, 216_589_760)]
    [InlineData("mobilenet_v3_large", 1.0, 32, 5_483_032, 8_354_240)]
    [InlineData("mobilenet_v3_large", 0.75, 224, 3_377_576, 140_033_816)]
    [InlineData("mobilenet_v3_small", 1.0, 224, 2_542_856, 56_510_400)]
    [InlineData("mobilenet_v3_small", 1.0, 32, 2_542_856, 3_183_552)]
    public void Costs_ReferenceModel_EqualTorchvisionCounts(string model, double width, int resolution, long parameters, long madds)
    {
        var costs = NetworkCosts.Of(MobileNets.ByName(model, width, resolution));

        Assert.Equal(parameters, costs.Parameters);
        Assert.Equal(madds, costs.MultiplyAdds);
    }

    [Theory]
    [InlineData("mobilenet-v2-32", 2_236_682, 24_461_312)]
    [InlineData("mobilenet-v2-28", 2_236_106, 21_750_608)]
    [InlineData("mobilenet-v2-1.4-32", 4_333_706, 47_397_824)]
    [InlineData("mobilenet-v2-1.4-28", 4_332_842, 42_357_248)]
    [InlineData("mobilenet-v3-large-32", 4_214_842, 20_101_760)]
    [InlineData("mobilenet-v3-large-28", 4_214_554, 18_361_688)]
    [InlineData("mobilenet-v3-small-32", 1_528_106, 5_502_720)]
    [InlineData("mobilenet-v3-small-28", 1_527_818, 4_934_688)]
    public void Costs_SmallInputSpaceBackbone_EqualsTorchvisionWithStrideOneStem(string space, long parameters, long madds)
    {
        // bench/torchvision_costs.py: torchvision model with 10 classes and its stem conv replaced by a stride-1 conv.
        var s = Spaces.NetworkSpaceCatalog.Get(space);

        var costs = s.Costs(s.Backbone);

        Assert.Equal(parameters, costs.Parameters);
        Assert.Equal(madds, costs.MultiplyAdds);
    }

    [Fact]
    public void ToJson_RoundTrip_GivesSameSpec()
    {
        var spec = MobileNets.V3Large();

        var back = NetworkSpec.FromJson(spec.ToJson());

        Assert.Equal(spec.ToJson(), back.ToJson());
        Assert.Equal(NetworkCosts.Of(spec), NetworkCosts.Of(back));
    }
}
