using LayerNas.Networks.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LayerNas.Training.Modules;

/// <summary>
/// A TorchSharp module built from a <see cref="NetworkSpec"/>: stem → blocks → head → global average pool →
/// classifier, with exactly the layers the spec's cost model counts (so <see cref="ParameterCount"/> equals
/// <see cref="LayerNas.Networks.NetworkCosts.Parameters"/>). Parameter names match bench/torch_reference.py
/// (<c>stem.0.weight</c>, <c>blocks.3.depthwise.1.bias</c>, ...). Weights are initialized as torchvision's
/// MobileNets (Kaiming-normal fan-out convs, N(0, 0.01) linears, BN 1/0) from the torch generator, so
/// <c>torch.manual_seed</c> before construction fixes them (to the same values PyTorch draws after the same seed).
/// Dropout draws from the generator the trainer gives it (<see cref="SetDropoutGenerator"/>). Not thread-safe (a
/// module is trained by one thread).
/// </summary>
public sealed class NetworkModule : nn.Module<Tensor, Tensor>
{
    private readonly Sequential stem;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> blocks;
    private readonly ModuleList<Sequential> head;
    private readonly Sequential classifier;

    public NetworkModule(NetworkSpec spec) : base(spec.Name)
    {
        spec.Validate();
        Spec = spec;
        var bn = spec.BatchNorm;
        stem = Conv(spec.Stem, bn);
        blocks = new ModuleList<nn.Module<Tensor, Tensor>>(spec.Blocks.Select(b => Block(b, bn)).ToArray());
        head = new ModuleList<Sequential>(spec.Head.Select(h => Conv(h, bn)).ToArray());
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        foreach (var layer in spec.Classifier)
        {
            string name = layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (layer)
            {
                case LinearSpec l:
                    layers.Add((name, nn.Linear(l.InFeatures, l.OutFeatures, hasBias: l.Bias)));
                    if (ConvBnAct.Act(l.Activation) is { } act)
                        layers.Add((layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), act));
                    break;
                case DropoutSpec d:
                    layers.Add((name, new DropoutModule(d.Rate)));
                    break;
                default:
                    throw new ArgumentException($"Unknown classifier layer {layer.GetType().Name}.", nameof(spec));
            }
        }
        classifier = nn.Sequential(layers);
        RegisterComponents();
        Initialize();
    }

    /// <summary>The spec this module was built from.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>Makes every dropout layer draw its masks from <paramref name="generator"/> (null = libtorch's global one).</summary>
    internal void SetDropoutGenerator(Generator? generator)
    {
        foreach (var d in modules().OfType<DropoutModule>()) d.Generator = generator;
    }

    /// <summary>Number of trainable parameters (BN running statistics are buffers, not counted).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = stem.call(input);
        foreach (var b in blocks) h = b.call(h);
        foreach (var c in head) h = c.call(h);
        h = nn.functional.adaptive_avg_pool2d(h, 1).flatten(1);
        return classifier.call(h).MoveToOuterDisposeScope();
    }

    private static Sequential Conv(ConvSpec c, BatchNormSpec bn) =>
        ConvBnAct.Create(c.InChannels, c.OutChannels, c.Kernel, c.Stride, c.Groups, c.Bias, c.BatchNorm, c.Activation, bn);

    private static nn.Module<Tensor, Tensor> Block(BlockSpec block, BatchNormSpec bn) => block switch
    {
        ConvSpec c => Conv(c, bn),
        DepthwiseSeparableSpec d => new DepthwiseSeparableModule(d, bn),
        InvertedResidualSpec r => new InvertedResidualModule(r, bn),
        _ => throw new ArgumentException($"Unknown block type {block.GetType().Name}.", nameof(block)),
    };

    private void Initialize()
    {
        using var noGrad = torch.no_grad();
        foreach (var m in modules())
        {
            switch (m)
            {
                case Conv2d conv:
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut);
                    if (conv.bias is not null) nn.init.zeros_(conv.bias);
                    break;
                case BatchNorm2d norm:
                    nn.init.ones_(norm.weight);
                    nn.init.zeros_(norm.bias);
                    break;
                case Linear linear:
                    nn.init.normal_(linear.weight, 0, 0.01);
                    if (linear.bias is not null) nn.init.zeros_(linear.bias);
                    break;
            }
        }
    }
}
