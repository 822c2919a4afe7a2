using System.Text.Json.Serialization;

namespace LayerNas.Networks.Specs;

/// <summary>
/// A complete, explicit description of a feed-forward image classifier: input → <see cref="Stem"/> →
/// <see cref="Blocks"/> → <see cref="Head"/> convs → <see cref="Pooling"/> → <see cref="Classifier"/>.
/// Every layer's channels, kernel, stride, groups, bias, batch norm and activation follow from the spec alone
/// (see <see cref="Operators"/>), so it is what cost models, module builders (TorchSharp) and exporters consume.
/// Serialized with <see cref="NetworkJson"/>; the JSON form is stable. Immutable (lists must not be mutated);
/// equality of two specs is best tested on <see cref="ToJson"/>.
/// </summary>
public sealed record NetworkSpec
{
    public required string Name { get; init; }

    public required InputSpec Input { get; init; }

    public BatchNormSpec BatchNorm { get; init; } = BatchNormSpec.TorchDefault;

    public required ConvSpec Stem { get; init; }

    public required IReadOnlyList<BlockSpec> Blocks { get; init; }

    public IReadOnlyList<ConvSpec> Head { get; init; } = [];

    public Pooling Pooling { get; init; } = Pooling.GlobalAverage;

    public required IReadOnlyList<ClassifierLayerSpec> Classifier { get; init; }

    /// <summary>Output features of the last linear layer (the number of classes).</summary>
    [JsonIgnore]
    public int Classes => Classifier.OfType<LinearSpec>().LastOrDefault()?.OutFeatures ?? FeatureChannels;

    /// <summary>Channels of the last feature map (the pooled vector's length).</summary>
    [JsonIgnore]
    public int FeatureChannels => Head.Count > 0 ? Head[^1].OutChannels : Blocks.Count > 0 ? Blocks[^1].OutChannels : Stem.OutChannels;

    public string ToJson() => NetworkJson.Serialize(this);

    /// <summary>Parses and validates a spec; <paramref name="source"/> names the input in error messages.</summary>
    public static NetworkSpec FromJson(string json, string source = "network spec") => NetworkJson.Deserialize(json, source);

    /// <summary>Every problem of the spec (empty when valid), each as <c>path: message</c>.</summary>
    public IReadOnlyList<string> Problems() => NetworkValidator.Problems(this);

    /// <summary>Throws one <see cref="UserInputException"/> listing every problem, each prefixed with <paramref name="source"/>.</summary>
    public NetworkSpec Validate(string source = "network spec")
    {
        var problems = Problems();
        if (problems.Count > 0) throw ProblemReport.ToException(source, problems);
        return this;
    }

    /// <summary>The spec flattened into its weighted and shape-changing operators, with shapes (validates first).</summary>
    public IReadOnlyList<NetworkOperator> Operators() => NetworkOperators.Of(Validate());
}
