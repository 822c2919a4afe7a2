using TorchSharp;
using static TorchSharp.torch;

namespace LayerNas.Training.Modules;

/// <summary>
/// Inverted dropout whose mask (uniform(0, 1) &lt; 1 - p, scaled by 1 / (1 - p)) is drawn from
/// <see cref="Generator"/>: each training run owns its generator, so concurrent runs in one process stay
/// deterministic (libtorch's global generator would interleave their draws), and the masks equal those of
/// bench/layernas_torch's Dropout for the same generator seed. Identity in eval mode.
/// </summary>
internal sealed class DropoutModule : nn.Module<Tensor, Tensor>
{
    private readonly double _rate;

    public DropoutModule(double rate) : base("Dropout") => _rate = rate;

    /// <summary>The generator masks are drawn from; null = libtorch's global generator.</summary>
    public Generator? Generator { get; set; }

    public override Tensor forward(Tensor input)
    {
        if (!training || _rate == 0) return input.alias();
        double keep = 1 - _rate;
        using var scope = NewDisposeScope();
        var mask = torch.empty_like(input).uniform_(0, 1, Generator).lt(keep).to_type(input.dtype).div_(keep);
        return (input * mask).MoveToOuterDisposeScope();
    }
}
