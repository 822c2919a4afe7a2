using LayerNas.Costs;
using LayerNas.SearchSpaces;

namespace LayerNas.Core.Tests.Strategies;

/// <summary>A cost that adds one number per (layer, option), with exact completion bounds; works for spaces too large to enumerate.</summary>
public sealed class AdditiveCostModel(double[][] perLayer) : ICostModel
{
    public string Name => "cost";

    public string Unit => "units";

    public double Cost(Architecture arch)
    {
        double sum = 0;
        for (int l = 0; l < arch.Length; l++) sum += perLayer[l][arch[l]];
        return sum;
    }

    public CostRange Completions(PartialArchitecture partial)
    {
        double lo = 0, hi = 0;
        for (int l = 0; l < partial.Length; l++)
        {
            if (partial.IsFixed(l)) { lo += perLayer[l][partial[l]]; hi += perLayer[l][partial[l]]; }
            else { lo += perLayer[l].Min(); hi += perLayer[l].Max(); }
        }
        return new CostRange(lo, hi);
    }
}
