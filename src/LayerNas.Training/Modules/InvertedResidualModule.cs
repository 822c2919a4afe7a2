using LayerNas.Networks.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LayerNas.Training.Modules;

/// <summary>MobileNetV2/V3 inverted residual exactly as <see cref="InvertedResidualSpec"/> describes it.</summary>
internal sealed class InvertedResidualModule : nn.Module<Tensor, Tensor>
{
    private readonly Sequential? expand;
    private readonly Sequential depthwise;
    private readonly SqueezeExciteModule? se;
    private readonly Sequential project;
    private readonly bool _residual;

    public InvertedResidualModule(InvertedResidualSpec spec, BatchNormSpec bn) : base("InvertedResidual")
    {
        int x = spec.ExpandedChannels;
        if (spec.HasExpand) expand = ConvBnAct.Create(spec.InChannels, x, 1, 1, 1, false, true, spec.Activation, bn);
        depthwise = ConvBnAct.Create(x, x, spec.Kernel, spec.Stride, x, false, true, spec.Activation, bn);
        if (spec.SqueezeExcite is { } s) se = new SqueezeExciteModule(x, s);
        project = ConvBnAct.Create(x, spec.OutChannels, 1, 1, 1, false, true, Activation.None, bn);
        _residual = spec.HasResidual;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = expand is null ? input : expand.call(input);
        h = depthwise.call(h);
        if (se is not null) h = se.call(h);
        h = project.call(h);
        if (_residual) h = h + input;
        return h.MoveToOuterDisposeScope();
    }
}
