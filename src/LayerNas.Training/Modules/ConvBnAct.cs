using LayerNas.Networks.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LayerNas.Training.Modules;

/// <summary>Builds the Conv2d → BatchNorm2d → activation sequences every block is made of.</summary>
internal static class ConvBnAct
{
    /// <summary>
    /// Sequential(conv, [bn], [act]) with children named 0, 1, 2 as torchvision's Conv2dNormActivation, so that
    /// parameter names match bench/torch_reference.py (safetensors round trips).
    /// </summary>
    public static Sequential Create(int inChannels, int outChannels, int kernel, int stride, int groups, bool bias,
        bool batchNorm, Activation activation, BatchNormSpec bn)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("0", nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: bias)),
        };
        if (batchNorm) layers.Add(("1", nn.BatchNorm2d(outChannels, eps: bn.Eps, momentum: bn.Momentum)));
        var act = Act(activation);
        if (act is not null) layers.Add((layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), act));
        return nn.Sequential(layers);
    }

    public static nn.Module<Tensor, Tensor>? Act(Activation activation) => activation switch
    {
        Activation.None => null,
        Activation.Relu => nn.ReLU(),
        Activation.Relu6 => nn.ReLU6(),
        Activation.Hswish => nn.Hardswish(),
        Activation.Hsigmoid => nn.Hardsigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
