using LayerNas.SearchSpaces;
using LayerNas.Strategies.RandomSearch;

namespace LayerNas.Strategies.Ppo;

/// <summary>
/// Proximal policy optimization over a factorized per-layer categorical policy: one logit per (layer, option),
/// sampled layer by layer. Options that cannot lead to a feasible architecture are masked at sampling time; in
/// enumerable spaces architectures already proposed are masked too (exact sampling without replacement), in
/// larger ones repeats are re-drawn. The mask is stored with each sample, so the probability ratio of the
/// clipped objective compares the same (masked) distributions. Advantage = reward - baseline, where the baseline
/// is an exponential moving average of batch mean rewards; the logits take Adam steps on the clipped objective.
/// Not thread-safe; deterministic for its seed and the sequence of calls.
/// </summary>
public sealed class PpoStrategy : ISearchStrategy
{
    private const double AdamBeta1 = 0.9, AdamBeta2 = 0.999, AdamEpsilon = 1e-8;

    private readonly PpoOptions _options;
    private readonly SearchGuard _guard;
    private readonly UniformFeasibleSampler _sampler;
    private readonly Random _random;
    private readonly int[] _radix;
    private readonly int[] _offset;
    private readonly double[] _logits, _m, _v, _grad, _probs, _weights;
    private readonly int[][]? _remaining; // unproposed feasible architectures per prefix (enumerable spaces)
    private readonly Dictionary<Architecture, Sample> _pending = new();
    private readonly List<(Sample Sample, double Reward)> _batch = new();
    private double _baseline = double.NaN;
    private int _adamStep;
    private bool _gaveUp;

    /// <summary>A new PPO search over <paramref name="context"/> (null options: <see cref="PpoOptions.Default"/>).</summary>
    public PpoStrategy(StrategyContext context, PpoOptions? options = null)
    {
        _options = options ?? PpoOptions.Default;
        _options.Validate(context.Space);
        _guard = new SearchGuard(context);
        _random = new Random(context.Seed);
        _sampler = new UniformFeasibleSampler(_guard, _random);
        _radix = context.Space.Layers.Select(l => l.Count).ToArray();
        _offset = new int[_radix.Length + 1];
        for (int l = 0; l < _radix.Length; l++) _offset[l + 1] = _offset[l] + _radix[l];
        int total = _offset[^1];
        _logits = new double[total];
        _m = new double[total];
        _v = new double[total];
        _grad = new double[total];
        _probs = new double[total];
        _weights = new double[_radix.Max()];
        _remaining = _guard.Set?.PrefixCounts();
    }

    /// <inheritdoc />
    public string Name => "ppo";

    /// <summary>The settings in use.</summary>
    public PpoOptions Options => _options;

    /// <inheritdoc />
    public bool IsFinished => _gaveUp || _guard.Exhausted;

    /// <summary>The policy's probability of each option of <paramref name="layer"/> with no mask (for inspection).</summary>
    public double[] Probabilities(int layer)
    {
        var p = new double[_radix[layer]];
        double max = double.NegativeInfinity, sum = 0;
        for (int o = 0; o < p.Length; o++) max = Math.Max(max, _logits[_offset[layer] + o]);
        for (int o = 0; o < p.Length; o++) sum += p[o] = Math.Exp(_logits[_offset[layer] + o] - max);
        for (int o = 0; o < p.Length; o++) p[o] /= sum;
        return p;
    }

    /// <inheritdoc />
    public IReadOnlyList<Architecture> Propose(int maxCount)
    {
        var proposals = new List<Architecture>(Math.Min(maxCount, 64));
        while (proposals.Count < maxCount && !IsFinished)
        {
            var sample = Next();
            if (sample is null) { _gaveUp = true; break; }
            _pending.Add(sample.Arch, sample);
            proposals.Add(sample.Arch);
        }
        return proposals;
    }

    /// <inheritdoc />
    public void Tell(Observation observation)
    {
        if (!_pending.Remove(observation.Architecture, out var sample))
            throw new InvalidOperationException($"Architecture {observation.Architecture} was not proposed or was already told.");
        if (observation.Failed || double.IsNaN(sample.OldLogProb)) return;
        _batch.Add((sample, observation.Reward));
        if (_batch.Count >= _options.BatchSize)
        {
            Update();
            _batch.Clear();
        }
    }

    private Sample? Next()
    {
        if (_remaining is not null)
        {
            var sample = Draw(null);
            if (sample is null) return null;
            if (!_guard.TryClaim(sample.Arch))
                throw new InvalidOperationException($"PPO drew {sample.Arch}, which the feasible-set mask should have excluded.");
            _guard.Set!.Remove(_remaining, _guard.Set.Indexer.IndexOf(sample.Arch));
            return sample;
        }
        for (int attempt = 0; attempt < _options.MaxResamples; attempt++)
        {
            var sample = Draw(null);
            if (sample is not null && _guard.TryClaim(sample.Arch)) return sample;
        }
        // The policy keeps drawing repeats: take an unseen feasible architecture and score it under the policy.
        var arch = _sampler.Next();
        if (arch is null) return null;
        return Draw(arch) ?? new Sample(arch, arch.Options.ToArray(), new bool[_logits.Length], double.NaN);
    }

    // Samples layer by layer from the masked policy (or, with forced, scores that architecture); null when no option is allowed.
    private Sample? Draw(Architecture? forced)
    {
        int layers = _radix.Length;
        var options = new int[layers];
        var allowed = new bool[_logits.Length];
        var partial = _remaining is null ? Enumerable.Repeat(PartialArchitecture.Free, layers).ToArray() : null;
        long prefix = 0;
        double logProb = 0;
        for (int l = 0; l < layers; l++)
        {
            int off = _offset[l], r = _radix[l];
            double max = double.NegativeInfinity;
            for (int o = 0; o < r; o++)
            {
                bool ok;
                if (_remaining is not null) ok = _remaining[l + 1][prefix * r + o] > 0;
                else
                {
                    partial![l] = o;
                    ok = _guard.Context.CanBeFeasible(new PartialArchitecture(partial));
                }
                allowed[off + o] = ok;
                if (ok && _logits[off + o] > max) max = _logits[off + o];
            }
            if (double.IsNegativeInfinity(max)) return null;
            var weights = _weights;
            double sum = 0;
            for (int o = 0; o < r; o++) sum += weights[o] = allowed[off + o] ? Math.Exp(_logits[off + o] - max) : 0;
            int chosen;
            if (forced is not null)
            {
                chosen = forced[l];
                if (!allowed[off + chosen]) return null;
            }
            else
            {
                double u = _random.NextDouble() * sum;
                chosen = -1;
                for (int o = 0; o < r; o++)
                {
                    if (weights[o] == 0) continue;
                    chosen = o;
                    u -= weights[o];
                    if (u < 0) break;
                }
            }
            logProb += _logits[off + chosen] - max - Math.Log(sum);
            options[l] = chosen;
            prefix = prefix * r + chosen;
            if (partial is not null) partial[l] = chosen;
        }
        return new Sample(forced ?? new Architecture(options), options, allowed, logProb);
    }

    private void Update()
    {
        double mean = 0;
        foreach (var (_, reward) in _batch) mean += reward;
        mean /= _batch.Count;
        if (double.IsNaN(_baseline)) _baseline = mean;
        int n = _batch.Count;
        double eps = _options.Clip;
        for (int epoch = 0; epoch < _options.Epochs; epoch++)
        {
            Array.Clear(_grad);
            foreach (var (sample, reward) in _batch)
            {
                double advantage = reward - _baseline;
                double logProb = LogProbAndProbs(sample);
                double ratio = Math.Exp(logProb - sample.OldLogProb);
                // min(ratio*A, clip(ratio)*A) has zero gradient where the clipped term is the smaller one.
                if ((advantage > 0 && ratio > 1 + eps) || (advantage < 0 && ratio < 1 - eps) || advantage == 0) continue;
                double coef = advantage * ratio / n;
                for (int l = 0; l < _radix.Length; l++)
                {
                    int off = _offset[l];
                    for (int o = 0; o < _radix[l]; o++)
                        if (sample.Allowed[off + o])
                            _grad[off + o] += coef * ((o == sample.Options[l] ? 1 : 0) - _probs[off + o]);
                }
            }
            AdamAscent();
        }
        _baseline = _options.BaselineDecay * _baseline + (1 - _options.BaselineDecay) * mean;
    }

    // log pi(sample) under the current logits with the sample's mask; leaves the masked probabilities in _probs.
    private double LogProbAndProbs(Sample sample)
    {
        double logProb = 0;
        for (int l = 0; l < _radix.Length; l++)
        {
            int off = _offset[l], r = _radix[l];
            double max = double.NegativeInfinity;
            for (int o = 0; o < r; o++)
                if (sample.Allowed[off + o] && _logits[off + o] > max) max = _logits[off + o];
            double sum = 0;
            for (int o = 0; o < r; o++)
                sum += _probs[off + o] = sample.Allowed[off + o] ? Math.Exp(_logits[off + o] - max) : 0;
            for (int o = 0; o < r; o++) _probs[off + o] /= sum;
            logProb += _logits[off + sample.Options[l]] - max - Math.Log(sum);
        }
        return logProb;
    }

    private void AdamAscent()
    {
        _adamStep++;
        double c1 = 1 - Math.Pow(AdamBeta1, _adamStep), c2 = 1 - Math.Pow(AdamBeta2, _adamStep);
        for (int i = 0; i < _logits.Length; i++)
        {
            double g = _grad[i];
            _m[i] = AdamBeta1 * _m[i] + (1 - AdamBeta1) * g;
            _v[i] = AdamBeta2 * _v[i] + (1 - AdamBeta2) * g * g;
            _logits[i] += _options.LearningRate * (_m[i] / c1) / (Math.Sqrt(_v[i] / c2) + AdamEpsilon);
        }
    }

    private sealed record Sample(Architecture Arch, int[] Options, bool[] Allowed, double OldLogProb);
}
