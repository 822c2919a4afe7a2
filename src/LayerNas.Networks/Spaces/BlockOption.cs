using System.Globalization;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// One option of a searchable block: kernel, expansion (a ratio or absolute channels), output channels,
/// squeeze-and-excite, or <see cref="Dropped"/> (identity). Immutable.
/// </summary>
public sealed record BlockOption(int Kernel, double? ExpansionRatio, int? ExpandedChannels, int Out, bool Se, bool Dropped = false)
{
    public static BlockOption Drop { get; } = new(0, null, null, 0, false, true);

    /// <summary>Short label, e.g. <c>k5-e6-c40</c>, <c>k3-x120-c40-se</c>, <c>drop</c>.</summary>
    public string Label(BlockType type)
    {
        if (Dropped) return "drop";
        var parts = new List<string> { $"k{Kernel}" };
        if (type == BlockType.InvertedResidual)
            parts.Add(ExpandedChannels is { } x ? $"x{x}" : $"e{ExpansionRatio!.Value.ToString("0.###", CultureInfo.InvariantCulture)}");
        parts.Add($"c{Out}");
        if (Se) parts.Add("se");
        return string.Join('-', parts);
    }
}
