using LayerNas.Networks.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LayerNas.Training.Modules;

/// <summary>torchvision SqueezeExcitation: pool → fc1 (1×1 conv, bias) → act → fc2 → gate → scale the input.</summary>
internal sealed class SqueezeExciteModule : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d fc1;
    private readonly Conv2d fc2;
    private readonly nn.Module<Tensor, Tensor> act;
    private readonly nn.Module<Tensor, Tensor> gate;

    public SqueezeExciteModule(int channels, SqueezeExciteSpec se) : base("SqueezeExcite")
    {
        fc1 = nn.Conv2d(channels, se.SqueezeChannels, 1, bias: true);
        fc2 = nn.Conv2d(se.SqueezeChannels, channels, 1, bias: true);
        act = ConvBnAct.Act(se.Activation) ?? nn.Identity();
        gate = ConvBnAct.Act(se.Gate) ?? nn.Identity();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var s = nn.functional.adaptive_avg_pool2d(input, 1);
        s = gate.call(fc2.call(act.call(fc1.call(s))));
        return (input * s).MoveToOuterDisposeScope();
    }
}
