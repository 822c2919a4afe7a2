namespace LayerNas.Training.Data;

/// <summary>A data set as published: its training images and its test images. Immutable.</summary>
public sealed record LabeledData(string Name, ImageSet Train, ImageSet Test)
{
    /// <summary>Class names when the format carries them (image folders), else null.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}
