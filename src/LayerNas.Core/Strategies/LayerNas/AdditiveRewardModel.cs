using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.LayerNas;

/// <summary>
/// A ridge regression of the observed rewards on one indicator per (layer, option): reward ≈ mean + Σ_l w[l, a_l].
/// It is the additive structure under which LayerNAS is exact, fitted to every evaluation so far; an option never
/// observed keeps weight 0 (the mean). Refitted lazily (a Cholesky solve of Σ options unknowns) after new data.
/// Not thread-safe; deterministic for its inputs.
/// </summary>
internal sealed class AdditiveRewardModel
{
    private readonly int[] _offset;
    private readonly double[,] _gram; // XᵀX + ridge·I over the indicators
    private readonly double[] _xty;   // Xᵀy with y uncentred; centred at fit time
    private readonly double[] _count; // observations per indicator
    private readonly double _ridge;
    private double[] _weights;
    private double _sum;
    private int _n;
    private bool _stale;

    public AdditiveRewardModel(SearchSpace space, double ridge = 1.0)
    {
        _offset = new int[space.LayerCount + 1];
        for (int l = 0; l < space.LayerCount; l++) _offset[l + 1] = _offset[l] + space.Layers[l].Count;
        int d = _offset[^1];
        _gram = new double[d, d];
        for (int i = 0; i < d; i++) _gram[i, i] = ridge;
        _xty = new double[d];
        _count = new double[d];
        _weights = new double[d];
        _ridge = ridge;
    }

    /// <summary>Options of <paramref name="layer"/>.</summary>
    public int OptionCount(int layer) => _offset[layer + 1] - _offset[layer];

    /// <summary>Observations added so far.</summary>
    public int Count => _n;

    public void Add(Architecture arch, double reward)
    {
        for (int l = 0; l < arch.Length; l++)
        {
            int i = _offset[l] + arch[l];
            for (int m = 0; m < arch.Length; m++) _gram[i, _offset[m] + arch[m]] += 1;
            _xty[i] += reward;
            _count[i] += 1;
        }
        _sum += reward;
        _n++;
        _stale = true;
    }

    /// <summary>The fitted weight of option <paramref name="option"/> at <paramref name="layer"/> (0 before any data).</summary>
    public double Weight(int layer, int option)
    {
        Fit();
        return _weights[_offset[layer] + option];
    }

    private void Fit()
    {
        if (!_stale || _n == 0) return;
        _stale = false;
        int d = _xty.Length;
        double mean = _sum / _n;
        // Centre y: Xᵀ(y − mean) = Xᵀy − mean·(indicator counts).
        var rhs = new double[d];
        for (int i = 0; i < d; i++) rhs[i] = _xty[i] - mean * _count[i];
        // Cholesky of the symmetric positive definite Gram matrix (ridge > 0), then two triangular solves.
        var chol = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = _gram[i, j];
                for (int k = 0; k < j; k++) s -= chol[i, k] * chol[j, k];
                chol[i, j] = i == j ? Math.Sqrt(Math.Max(s, _ridge * 1e-12)) : s / chol[j, j];
            }
        var z = new double[d];
        for (int i = 0; i < d; i++)
        {
            double s = rhs[i];
            for (int k = 0; k < i; k++) s -= chol[i, k] * z[k];
            z[i] = s / chol[i, i];
        }
        for (int i = d - 1; i >= 0; i--)
        {
            double s = z[i];
            for (int k = i + 1; k < d; k++) s -= chol[k, i] * _weights[k];
            _weights[i] = s / chol[i, i];
        }
    }
}
