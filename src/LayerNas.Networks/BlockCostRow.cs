namespace LayerNas.Networks;

/// <summary>
/// Costs of one element of a network (stem, a block, a head conv, the pool, a classifier layer): its operators'
/// MAdds and parameters summed, and the largest number of activation elements live during any of them. Immutable.
/// </summary>
public sealed record BlockCostRow(string Name, string Kind, int InChannels, int OutChannels, int InResolution, int OutResolution,
    long MultiplyAdds, long Parameters, long PeakActivationElements)
{
    /// <summary>One row per top-level element of <paramref name="spec"/>'s operators, in network order.</summary>
    public static IReadOnlyList<BlockCostRow> Of(Specs.NetworkSpec spec)
    {
        var kinds = new Dictionary<string, string> { ["stem"] = "conv", ["pool"] = "global_average_pool" };
        for (int i = 0; i < spec.Blocks.Count; i++)
            kinds[$"blocks[{i}]"] = spec.Blocks[i] switch
            {
                Specs.InvertedResidualSpec r => r.SqueezeExcite is null ? $"inverted_residual k{r.Kernel} x{r.ExpandedChannels}" : $"inverted_residual k{r.Kernel} x{r.ExpandedChannels} se",
                Specs.DepthwiseSeparableSpec d => $"depthwise_separable k{d.Kernel}",
                _ => $"conv k{spec.Blocks[i].Kernel}",
            };
        return spec.Operators()
            .GroupBy(o => o.Path.Split('.')[0])
            .Select(g => new BlockCostRow(g.Key,
                kinds.TryGetValue(g.Key, out var k) ? k : g.Key.StartsWith("head") ? "conv" : "linear",
                g.First().InChannels, g.Last().OutChannels, g.First().InResolution, g.Last().OutResolution,
                g.Sum(o => o.MultiplyAdds), g.Sum(o => o.Parameters), g.Max(o => o.LiveElements)))
            .ToList();
    }
}
