using LayerNas.Networks.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LayerNas.Training.Modules;

/// <summary>Depthwise conv → BN → act → [SE] → pointwise conv → BN → [act], as <see cref="DepthwiseSeparableSpec"/>.</summary>
internal sealed class DepthwiseSeparableModule : nn.Module<Tensor, Tensor>
{
    private readonly Sequential depthwise;
    private readonly SqueezeExciteModule? se;
    private readonly Sequential pointwise;

    public DepthwiseSeparableModule(DepthwiseSeparableSpec spec, BatchNormSpec bn) : base("DepthwiseSeparable")
    {
        depthwise = ConvBnAct.Create(spec.InChannels, spec.InChannels, spec.Kernel, spec.Stride, spec.InChannels, false, true, spec.Activation, bn);
        if (spec.SqueezeExcite is { } s) se = new SqueezeExciteModule(spec.InChannels, s);
        pointwise = ConvBnAct.Create(spec.InChannels, spec.OutChannels, 1, 1, 1, false, true, spec.PointwiseActivation, bn);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = depthwise.call(input);
        if (se is not null) h = se.call(h);
        return pointwise.call(h).MoveToOuterDisposeScope();
    }
}
