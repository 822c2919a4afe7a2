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
    private double _sumSquares;
    private int _n;
    private bool _stale;
    private readonly double[] _lower; // the last fit's Cholesky factor of XᵀX + ridge·I, row-major
    private double[]? _inverse; // (XᵀX + ridge·I)⁻¹, row-major, computed on request after a fit
    private double _spread;

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
        _lower = new double[d * d];
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
        _sumSquares += reward * reward;
        _n++;
        _stale = true;
    }

    /// <summary>The fitted weight of option <paramref name="option"/> at <paramref name="layer"/> (0 before any data).</summary>
    public double Weight(int layer, int option)
    {
        Fit();
        return _weights[_offset[layer] + option];
    }

    /// <summary>Indicator index of (<paramref name="layer"/>, <paramref name="option"/>) in <see cref="Inverse"/>'s rows and columns.</summary>
    public int Index(int layer, int option) => _offset[layer] + option;

    /// <summary>Indicators (Σ options over the layers): the side of <see cref="Inverse"/>.</summary>
    public int Indicators => _xty.Length;

    /// <summary>
    /// The root mean square residual of the fit: the model's own error on what it was fitted to (on a benchmark table the
    /// interactions an additive model cannot express), the scale of <see cref="Inverse"/>'s variances.
    /// </summary>
    public double Spread
    {
        get { Fit(); return _spread; }
    }

    /// <summary>
    /// (XᵀX + ridge·I)⁻¹, row-major over the indicators: σ² xᵀ(XᵀX + ridge·I)⁻¹x is the posterior variance of the prediction
    /// for the indicators x of an architecture, under the ridge model's Gaussian prior and noise σ (<see cref="Spread"/>).
    /// Computed once per fit; do not modify.
    /// </summary>
    public double[] Inverse
    {
        get
        {
            Fit();
            return _inverse ??= Invert();
        }
    }

    private void Fit()
    {
        if (!_stale || _n == 0) return;
        _stale = false;
        _inverse = null;
        int d = _xty.Length;
        double mean = _sum / _n;
        // Centre y: Xᵀ(y − mean) = Xᵀy − mean·(indicator counts).
        var rhs = new double[d];
        for (int i = 0; i < d; i++) rhs[i] = _xty[i] - mean * _count[i];
        // Cholesky of the symmetric positive definite Gram matrix (ridge > 0), row-major, then two triangular solves.
        var lower = _lower;
        for (int i = 0; i < d; i++)
        {
            int ri = i * d;
            for (int j = 0; j <= i; j++)
            {
                int rj = j * d;
                double s = _gram[i, j];
                for (int k = 0; k < j; k++) s -= lower[ri + k] * lower[rj + k];
                lower[ri + j] = i == j ? Math.Sqrt(Math.Max(s, _ridge * 1e-12)) : s / lower[rj + j];
            }
        }
        Solve(rhs, _weights, 0);
        // Residual sum of squares without the data: with w = (G + ridge·I)⁻¹ r, r = Xᵀ(y − mean) and G = XᵀX,
        // Σ(y − mean − xᵀw)² = Σ(y − mean)² − 2wᵀr + wᵀGw = Σ(y − mean)² − wᵀr − ridge·‖w‖².
        double wr = 0, ww = 0;
        for (int i = 0; i < d; i++) { wr += _weights[i] * rhs[i]; ww += _weights[i] * _weights[i]; }
        double rss = _sumSquares - _n * mean * mean - wr - _ridge * ww;
        _spread = Math.Sqrt(Math.Max(0, rss) / _n);
    }


    // The inverse from the last fit's Cholesky factor: column c solves (XᵀX + ridge·I) x = e_c.
    private double[] Invert()
    {
        int d = _xty.Length;
        var inverse = new double[d * d];
        var unit = new double[d];
        var column = new double[d];
        for (int c = 0; c < d; c++)
        {
            unit[c] = 1;
            Solve(unit, column, c);
            unit[c] = 0;
            for (int i = 0; i < d; i++) inverse[i * d + c] = column[i];
        }
        return inverse;
    }

    // Solves L Lᵀ x = b with the last fit's factor L: L z = b forward, then Lᵀ x = z back. b is 0 above row `first`, so
    // the forward pass starts there (z is 0 above it too).
    private void Solve(double[] b, double[] x, int first)
    {
        int d = b.Length;
        var lower = _lower;
        var z = new double[d];
        for (int i = first; i < d; i++)
        {
            double s = b[i];
            int row = i * d;
            for (int k = first; k < i; k++) s -= lower[row + k] * z[k];
            z[i] = s / lower[row + i];
        }
        for (int i = d - 1; i >= 0; i--)
        {
            double s = z[i];
            for (int k = i + 1; k < d; k++) s -= lower[k * d + i] * x[k];
            x[i] = s / lower[i * d + i];
        }
    }
}
