using System.Text.Json.Serialization;

namespace LayerNas.Networks.Specs;

/// <summary>
/// One block of a network's body. Every block states its input and output channels and its stride explicitly,
/// so each layer's shape is known without running anything; <see cref="NetworkSpec.Validate"/> checks that
/// consecutive blocks agree. JSON: an object with <c>"type"</c> = <c>conv</c>, <c>depthwise_separable</c> or
/// <c>inverted_residual</c>. Convolutions use padding (kernel-1)/2, dilation 1, so the output resolution is
/// ceil(input / stride). Immutable.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ConvSpec), "conv")]
[JsonDerivedType(typeof(DepthwiseSeparableSpec), "depthwise_separable")]
[JsonDerivedType(typeof(InvertedResidualSpec), "inverted_residual")]
public abstract record BlockSpec
{
    [JsonPropertyOrder(-1)]
    public required int InChannels { get; init; }

    [JsonPropertyOrder(-1)]
    public required int OutChannels { get; init; }

    [JsonPropertyOrder(-1)]
    public required int Kernel { get; init; }

    [JsonPropertyOrder(-1)]
    public int Stride { get; init; } = 1;
}
