using System.Numerics;
using LayerNas.SearchSpaces;

namespace LayerNas.Networks.Spaces;

/// <summary>What `layernas spaces` shows of a network space: size, options, and backbone and range of each cost. Immutable.</summary>
public sealed record NetworkSpaceSummary(
    string Name, string Description, int Resolution, int InputChannels, int Classes, int Layers, int MinOptions, int MaxOptions,
    BigInteger Size, double BackboneMMAdds, double MinMMAdds, double MaxMMAdds, double BackboneMParams, double MinMParams, double MaxMParams)
{
    public static NetworkSpaceSummary Of(NetworkSearchSpace space)
    {
        var empty = PartialArchitecture.Empty(space.Space.LayerCount);
        var madds = space.CostModel(NetworkCostKind.MultiplyAdds);
        var parameters = space.CostModel(NetworkCostKind.Parameters);
        var m = madds.Completions(empty);
        var p = parameters.Completions(empty);
        var backbone = space.Build(space.Backbone);
        return new NetworkSpaceSummary(space.Name, space.Definition.Description, space.Definition.Input.Resolution, space.Definition.Input.Channels,
            backbone.Classes, space.Space.LayerCount, space.Space.Layers.Min(l => l.Count), space.Space.Layers.Max(l => l.Count), space.Space.Size,
            madds.Cost(space.Backbone), m.Min, m.Max, parameters.Cost(space.Backbone), p.Min, p.Max);
    }

    /// <summary>The size as a power of ten, e.g. <c>3.1e24</c>.</summary>
    public string SizeText => Size < 1_000_000 ? Size.ToString() : $"{Math.Exp(BigInteger.Log(Size) - Math.Floor(BigInteger.Log10(Size)) * Math.Log(10)):F1}e{Math.Floor(BigInteger.Log10(Size))}";
}
