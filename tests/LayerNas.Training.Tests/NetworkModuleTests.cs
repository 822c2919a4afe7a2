using LayerNas.Networks;
using LayerNas.Networks.Specs;
using LayerNas.Training.Modules;
using TorchSharp;

namespace LayerNas.Training.Tests;

public class NetworkModuleTests
{
    private static readonly SqueezeExciteSpec Se = new(8, Activation.Relu, Activation.Hsigmoid);

    /// <summary>One network per block variant the spec allows (and the reference MobileNets).</summary>
    public static TheoryData<string> Variants() => new(VariantSpecs().Keys);

    private static Dictionary<string, NetworkSpec> VariantSpecs()
    {
        NetworkSpec With(string name, params BlockSpec[] blocks) => new()
        {
            Name = name,
            Input = new InputSpec(16, 3),
            Stem = new ConvSpec { InChannels = 3, OutChannels = 16, Kernel = 3, Stride = 2, Activation = Activation.Hswish },
            Blocks = blocks,
            Head = [new ConvSpec { InChannels = blocks[^1].OutChannels, OutChannels = 48, Kernel = 1, Activation = Activation.Hswish }],
            Classifier = [new LinearSpec(48, 32, Activation: Activation.Hswish), new DropoutSpec(0.2), new LinearSpec(32, 10)],
        };
        return new Dictionary<string, NetworkSpec>
        {
            ["conv-dense"] = With("conv-dense", new ConvSpec { InChannels = 16, OutChannels = 24, Kernel = 3, Stride = 2 }),
            ["conv-grouped-bias-nobn"] = With("conv-grouped-bias-nobn",
                new ConvSpec { InChannels = 16, OutChannels = 32, Kernel = 5, Groups = 4, Bias = true, BatchNorm = false, Activation = Activation.None }),
            ["depthwise-separable"] = With("depthwise-separable",
                new DepthwiseSeparableSpec { InChannels = 16, OutChannels = 24, Kernel = 3, Stride = 2, PointwiseActivation = Activation.None }),
            ["depthwise-separable-se"] = With("depthwise-separable-se",
                new DepthwiseSeparableSpec { InChannels = 16, OutChannels = 16, Kernel = 5, SqueezeExcite = Se }),
            ["inverted-residual"] = With("inverted-residual",
                new InvertedResidualSpec { InChannels = 16, ExpandedChannels = 64, OutChannels = 24, Kernel = 3, Stride = 2 }),
            ["inverted-residual-residual-se"] = With("inverted-residual-residual-se",
                new InvertedResidualSpec { InChannels = 16, ExpandedChannels = 48, OutChannels = 16, Kernel = 5, Activation = Activation.Hswish, SqueezeExcite = Se }),
            ["inverted-residual-no-expand"] = With("inverted-residual-no-expand",
                new InvertedResidualSpec { InChannels = 16, ExpandedChannels = 16, OutChannels = 16, Kernel = 3, Activation = Activation.Relu }),
            ["mobilenet_v2_0.35_28x28x1"] = MobileNets.V2(0.35, 28, 10, 1, 1),
            ["mobilenet_v3_small_32"] = MobileNets.V3Small(0.5, 32, 10, 3, 1),
        };
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ParameterCount_EveryBlockType_EqualsSpecParams(string variant)
    {
        var spec = VariantSpecs()[variant];
        using var module = new NetworkModule(spec);

        Assert.Equal(NetworkCosts.Of(spec).Parameters, module.ParameterCount);
        module.eval();
        using var x = torch.randn(2, spec.Input.Channels, spec.Input.Resolution, spec.Input.Resolution);
        using var y = module.call(x);
        Assert.Equal(new long[] { 2, spec.Classes }, y.shape);
    }

    [Fact]
    public void NamedParameters_InvertedResidual_FollowReferenceNames()
    {
        var spec = VariantSpecs()["inverted-residual-residual-se"];
        using var module = new NetworkModule(spec);

        var names = module.named_parameters().Select(p => p.name).ToList();

        Assert.Contains("stem.0.weight", names);
        Assert.Contains("stem.1.weight", names);
        Assert.Contains("blocks.0.expand.0.weight", names);
        Assert.Contains("blocks.0.depthwise.0.weight", names);
        Assert.Contains("blocks.0.se.fc1.bias", names);
        Assert.Contains("blocks.0.project.1.bias", names);
        Assert.Contains("head.0.0.weight", names);
        Assert.Contains("classifier.0.weight", names);
        Assert.Contains("classifier.3.bias", names);
    }

    [Fact]
    public void CreateModule_SameSeed_SameWeights_OtherSeed_Differs()
    {
        var spec = TinyData.Network();
        using var a = Trainer.CreateModule(spec, 7);
        using var b = Trainer.CreateModule(spec, 7);
        using var c = Trainer.CreateModule(spec, 8);

        var pa = a.parameters().ToList();
        var pb = b.parameters().ToList();
        var pc = c.parameters().ToList();
        Assert.All(pa.Zip(pb), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
        Assert.Contains(pa.Zip(pc), p => !p.First.eq(p.Second).all().item<bool>());
    }
}
