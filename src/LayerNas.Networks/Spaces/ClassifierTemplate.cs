using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Spaces;

/// <summary>A classifier layer of a space: <c>linear</c> (out features, activation, bias) or <c>dropout</c> (rate). Input features follow from the previous layer. Immutable.</summary>
public sealed record ClassifierTemplate
{
    /// <summary><c>linear</c> or <c>dropout</c>.</summary>
    public string Type { get; init; } = "linear";

    public int Out { get; init; }

    public Activation Activation { get; init; } = Activation.None;

    public bool Bias { get; init; } = true;

    public double Rate { get; init; }
}
