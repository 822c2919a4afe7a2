using LayerNas.Costs;
using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.LayerNas;

/// <summary>
/// LayerNAS: searches layers one at a time. After each layer a <see cref="MemorialTable"/> keeps the top-K
/// candidates per cost bucket; each kept candidate is expanded by every option of the next layer; children
/// that cannot meet the budget are pruned before evaluation; a child whose stand-in model was already
/// evaluated reuses its reward. Trials grow with layers × options × buckets, not exponentially.
/// Not thread-safe; deterministic for its inputs.
/// </summary>
public sealed class LayerNasStrategy : IFinishingStrategy, IPlannedStrategy, IFrontStrategy, IPhasedStrategy
{
    private readonly StrategyContext _context;
    private readonly LayerNasOptions _options;
    private readonly int[] _order;
    private readonly int _buckets;
    private readonly int _keep;
    private readonly int _passes;
    private readonly BucketScheme _scheme;
    private readonly Dictionary<Architecture, double> _observed = new();
    private readonly HashSet<Architecture> _outstanding = new();
    private readonly List<MemorialTable> _tables = new();
    private readonly Queue<Child> _queue = new();
    private List<Child> _children = new();
    private IReadOnlyList<Candidate> _parents;
    private int _step;
    private Candidate? _best;
    private Stage _stage;
    private readonly Queue<Architecture> _preludeQueue = new();
    private readonly HashSet<Architecture> _centres = new();
    private readonly int _guided;
    private readonly int _guidedPerStep;
    // One-layer changes of the prelude's current centre that break the budget, made to fit once its pass is measured.
    private readonly List<(Architecture Centre, int Layer, int Option)> _repairs = new();
    private readonly AdditiveRewardModel _model;
    private readonly Dictionary<PartialArchitecture, bool> _reachable = new(); // prefix feasibility, for the guided search
    // A small feasible set, scored whole by the guided search, with the evaluated models marked by dense index (a guided
    // proposal waits until nothing is outstanding, so the evaluated models are all it must skip).
    private readonly (FeasibleSet Set, bool[] Seen)? _scan;
    private int _guidedLeft;
    private Architecture? _template; // the prelude's best model: breaks ties of the stand-in completion
    private double[][]? _tieWeights; // or the additive model's weights when the layerwise search starts

    /// <summary>A LayerNAS search of <paramref name="context"/>'s space; <paramref name="options"/> null means <see cref="LayerNasOptions.Default"/>. Invalid options are refused here, naming the setting.</summary>
    public LayerNasStrategy(StrategyContext context, LayerNasOptions? options = null)
    {
        _context = context;
        _options = options ?? LayerNasOptions.Default;
        _options.Validate(context.Space);
        if (_options.Completion == Completion.Default && _options.DefaultArchitecture is null)
            _options = _options with
            {
                DefaultArchitecture = context.Backbone
                    ?? throw UserInputException.ForSetting("completion", $"default needs a default architecture: '{context.Space.Name}' has no backbone, so set default_architecture."),
            };
        (_buckets, _keep) = _options.SizeFor(context.Space);
        _passes = _options.PassesFor(context.Space);
        _guided = _options.GuidedFor(context.Space);
        _guidedPerStep = _options.GuidedPerStepFor(context.Space);
        _model = new AdditiveRewardModel(context.Space);
        if (_guided > 0 && FeasibleSet.TryGet(context) is { Count: <= GuidedSearch.ScanLimit } set)
            _scan = (set, new bool[set.Indexer.Count]);
        _order = _options.LayerOrder?.ToArray() ?? Enumerable.Range(0, context.Space.LayerCount).ToArray();
        _scheme = _options.Edges == BucketEdges.Uniform
            ? UniformScheme()
            : BucketScheme.Quantile(_buckets, FeasibleCostSample.Of(context));
        var root = PartialArchitecture.Empty(context.Space.LayerCount);
        if (!context.CanBeFeasible(root))
            throw new UserInputException(
                $"No architecture of '{context.Space.Name}' meets {context.Constraint}: widen the cost range.");
        _parents = [new Candidate(root, null!, double.NaN, 0, 0)];
        var starts = !_options.GreedyPrelude ? []
            : (_options.PreludeStart == PreludeStart.Balanced ? BalancedStarts() : []) is { Count: > 0 } balanced ? balanced
            : Complete(root) is { } dearest ? [dearest] : [];
        foreach (var start in starts) _preludeQueue.Enqueue(start);
        if (starts.Count > 0) _stage = Stage.Prelude;
        else StartLayerwise();
    }

    // What the search is doing: the greedy prelude, model-guided proposals (before, between the steps of and after the
    // layerwise search), the layerwise search, or nothing.
    private enum Stage { Prelude, GuidedBefore, Layerwise, GuidedBetween, GuidedAfter, Done }

    /// <inheritdoc />
    public string Name => "layernas";

    /// <summary>The options this search runs with.</summary>
    public LayerNasOptions Options => _options;

    /// <summary>The number of buckets H and candidates kept per bucket K in use.</summary>
    public (int Buckets, int Keep) Size => (_buckets, _keep);

    /// <inheritdoc />
    public bool IsFinished => _stage == Stage.Done;

    private bool LayerwiseDone => _step >= _order.Length;

    /// <inheritdoc />
    public IReadOnlyList<CostRange> BucketRanges
    {
        get
        {
            var range = _context.Cost.Completions(PartialArchitecture.Empty(_context.Space.LayerCount));
            return _scheme.Ranges(Math.Max(range.Min, _context.Constraint.Min), Math.Min(range.Max, _context.Constraint.Max));
        }
    }

    /// <summary>Memorial tables of the finished steps, in search order. The last one is the result's front.</summary>
    public IReadOnlyList<MemorialTable> Tables => _tables;

    /// <summary>The best evaluated candidate so far (every evaluated model is feasible).</summary>
    public Candidate? Best => _best;

    /// <summary>Distinct architectures evaluated (told) so far.</summary>
    public int Evaluations => _observed.Count;

    /// <summary>Best per cost bucket of the final table: the cost/reward front of the search (empty until finished).</summary>
    public IReadOnlyList<Candidate> Front => LayerwiseDone && _tables.Count == _order.Length
        ? Enumerable.Range(0, _tables[^1].BucketCount).Select(b => _tables[^1][b]).Where(b => b.Count > 0).Select(b => b[0]).ToArray()
        : [];

    /// <inheritdoc />
    public SearchPhase Phase
    {
        get
        {
            int step = Math.Min(_step, _order.Length - 1);
            var last = _tables.Count > 0 ? _tables[^1] : null;
            int filled = last is null ? 0 : Enumerable.Range(0, last.BucketCount).Count(b => last[b].Count > 0);
            int proposed = LayerwiseDone ? _children.Count : _children.Count - _queue.Count;
            return new SearchPhase(LayerwiseDone ? _order.Length : _step + 1, _order.Length, _context.Space.Layers[_order[step]].Name,
                proposed, _children.Count, filled, last?.BucketCount ?? _buckets);
        }
    }

    /// <inheritdoc />
    public SearchPlan Plan(int simulations) => LayerNasPlanner.Plan(_context, _options, simulations);

    /// <inheritdoc />
    public IReadOnlyList<Architecture> Propose(int maxCount)
    {
        var proposals = new List<Architecture>();
        while (proposals.Count < maxCount && !IsFinished)
        {
            if (_stage == Stage.Prelude)
            {
                if (_preludeQueue.Count == 0)
                {
                    if (_outstanding.Count > 0) break;
                    AdvancePrelude();
                    continue;
                }
                var next = _preludeQueue.Dequeue();
                if (_observed.ContainsKey(next) || !_outstanding.Add(next)) continue;
                proposals.Add(next);
                continue;
            }
            if (_stage is Stage.GuidedBefore or Stage.GuidedBetween or Stage.GuidedAfter)
            {
                // One at a time: the model is refitted after every result, so a guess waits for the previous one's
                // result (in a study too, whatever its window: the same trials as the synchronous comparison).
                if (_outstanding.Count > 0) break;
                var guess = _guidedLeft <= 0 ? null
                    : _scan is { } scan ? GuidedSearch.BestUnseen(scan.Set, _model, scan.Seen, _options.Optimism)
                    : GuidedSearch.BestUnseen(_context, _model, _order, a => _observed.ContainsKey(a) || _outstanding.Contains(a), _reachable);
                if (guess is not null)
                {
                    _guidedLeft--;
                    _outstanding.Add(guess);
                    proposals.Add(guess);
                    continue;
                }
                EndGuided();
                continue;
            }
            if (_queue.Count == 0)
            {
                if (_outstanding.Count > 0) break;
                Advance();
                continue;
            }
            var child = _queue.Dequeue();
            child.Resolve(this);
            if (child.Concrete is null || _observed.ContainsKey(child.Concrete) || _outstanding.Contains(child.Concrete))
                continue;
            _outstanding.Add(child.Concrete);
            proposals.Add(child.Concrete);
        }
        return proposals;
    }

    /// <inheritdoc />
    public void Tell(Observation observation)
    {
        if (!_outstanding.Remove(observation.Architecture))
            throw new InvalidOperationException($"Architecture {observation.Architecture} was not proposed or was already told.");
        _observed[observation.Architecture] = observation.Reward;
        if (_scan is { } scan) scan.Seen[scan.Set.Indexer.IndexOf(observation.Architecture)] = true;
        if (!observation.Failed)
        {
            _model.Add(observation.Architecture, observation.Reward);
            if (_best is null || observation.Reward > _best.Reward)
            {
                var arch = observation.Architecture;
                double cost = _context.Cost.Cost(arch);
                _best = new Candidate(new PartialArchitecture(arch.Options), arch, observation.Reward, cost, cost);
            }
        }
        if (_outstanding.Count > 0) return;
        if (_stage == Stage.Prelude)
        {
            if (_preludeQueue.Count == 0) AdvancePrelude();
        }
        else if (_stage == Stage.Layerwise && _queue.Count == 0) Advance();
    }

    // The guided phase before the layerwise search leads into it, one between two steps into the next step; the one after
    // it ends the search.
    private void EndGuided()
    {
        if (_stage == Stage.GuidedBefore) StartLayerwise();
        else if (_stage == Stage.GuidedBetween)
        {
            _stage = Stage.Layerwise;
            Expand();
        }
        else _stage = Stage.Done;
    }

    private void StartLayerwise()
    {
        _stage = Stage.Layerwise;
        // Frozen for the whole layerwise search, so a child that keeps its parent's option stands in by the parent's model.
        _template = _options.CompletionTies == CompletionTies.Incumbent ? _best?.Evaluated : null;
        if (_options.CompletionTies == CompletionTies.Model && _model.Count > 0)
            _tieWeights = Enumerable.Range(0, _context.Space.LayerCount)
                .Select(l => Enumerable.Range(0, _context.Space.Layers[l].Count).Select(o => _model.Weight(l, o)).ToArray()).ToArray();
        Expand();
    }

    private void StartGuided(Stage stage)
    {
        _stage = stage;
        // After the layerwise search, a pruned search fills up to what the unconstrained one makes (FillToUnconstrained).
        int fill = stage == Stage.GuidedAfter ? LayerNasPlanner.FillTo(_context, _options) - _observed.Count - _outstanding.Count : 0;
        _guidedLeft = _model.Count > 0 ? Math.Max(stage == Stage.GuidedBetween ? _guidedPerStep : _guided, fill) : 0;
        if (_guidedLeft == 0) EndGuided();
    }

    // The prelude explores one-layer neighbourhoods best first: each pass takes the best model evaluated so far
    // that has not been a centre yet and tries every other option of every layer on it, within the budget; a change
    // that breaks the budget is tried once the pass is measured, repaired (Repair).
    private void AdvancePrelude()
    {
        while (_stage == Stage.Prelude && _preludeQueue.Count == 0 && _outstanding.Count == 0)
        {
            if (_repairs.Count > 0)
            {
                foreach (var (c, layer, option) in _repairs)
                    if (Repair(c, layer, option) is { } repaired && !_observed.ContainsKey(repaired) && !_preludeQueue.Contains(repaired))
                        _preludeQueue.Enqueue(repaired);
                _repairs.Clear();
                continue;
            }
            Architecture? centre = null;
            if (_centres.Count < _passes)
                foreach (var (arch, reward) in _observed)
                    if (!double.IsNaN(reward) && !_centres.Contains(arch) && (centre is null || reward > _observed[centre]))
                        centre = arch;
            if (centre is null)
            {
                StartGuided(Stage.GuidedBefore);
                return;
            }
            _centres.Add(centre);
            foreach (int layer in _order)
                for (int option = 0; option < _context.Space.Layers[layer].Count; option++)
                {
                    if (option == centre[layer]) continue;
                    var variant = centre.With(layer, option);
                    if (!_context.IsFeasible(variant))
                    {
                        if (_options.PreludeRepairs) _repairs.Add((centre, layer, option));
                    }
                    else if (!_observed.ContainsKey(variant)) _preludeQueue.Enqueue(variant);
                }
        }
    }

    // A one-layer change of a prelude centre that breaks the budget, made to fit: the other layers are lowered one at a
    // time, each to the cheaper option whose own one-layer change of the centre lost the least reward (the pass just
    // measured them), until the model fits. Null when the measured cheaper changes cannot make it fit.
    private Architecture? Repair(Architecture centre, int layer, int option)
    {
        double centreCost = _context.Cost.Cost(centre);
        var moves = new List<(int Layer, int Option, double Reward)>();
        foreach (int other in _order)
        {
            if (other == layer) continue;
            for (int o = 0; o < _context.Space.Layers[other].Count; o++)
            {
                if (o == centre[other]) continue;
                var variant = centre.With(other, o);
                if (_observed.TryGetValue(variant, out double reward) && !double.IsNaN(reward) && _context.Cost.Cost(variant) < centreCost)
                    moves.Add((other, o, reward));
            }
        }
        var arch = centre.With(layer, option);
        var lowered = new HashSet<int>();
        foreach (var (other, o, _) in moves.OrderByDescending(m => m.Reward))
        {
            if (_context.IsFeasible(arch)) break;
            if (lowered.Add(other)) arch = arch.With(other, o);
        }
        return _context.IsFeasible(arch) ? arch : null;
    }

    // All children of this step are scored: build the memorial table and expand the next layer.
    private void Advance()
    {
        while (!LayerwiseDone && _queue.Count == 0 && _outstanding.Count == 0)
        {
            var scored = new Dictionary<PartialArchitecture, Candidate>();
            void Offer(PartialArchitecture prefix, Architecture evaluated, double reward)
            {
                if (scored.TryGetValue(prefix, out var known) && known.Reward >= reward) return;
                double evaluatedCost = _context.Cost.Cost(evaluated);
                scored[prefix] = new Candidate(prefix, evaluated, reward, BucketCostOf(prefix, evaluatedCost), evaluatedCost);
            }
            foreach (var child in _children)
                if (child.Concrete is not null && _observed.TryGetValue(child.Concrete, out var reward) && !double.IsNaN(reward))
                    Offer(child.Prefix, child.Concrete, reward);
            if (_options.ShareEvaluations)
                foreach (var (arch, reward) in _observed)
                    if (!double.IsNaN(reward)) Offer(PrefixOf(arch, _step), arch, reward);
            var table = MemorialTable.Build(_order[_step], _step, _scheme, scored.Values, _keep);
            _tables.Add(table);
            _parents = table.Entries;
            _step++;
            if (_parents.Count == 0) _step = _order.Length; // nothing survived: the layerwise search ends here
            if (LayerwiseDone) continue;
            if (_guidedPerStep > 0)
            {
                StartGuided(Stage.GuidedBetween); // expands the next layer when it ends
                return;
            }
            Expand();
        }
        if (LayerwiseDone && _stage == Stage.Layerwise) StartGuided(Stage.GuidedAfter);
    }

    // The prefix of a complete architecture whose layers _order[0..step] are fixed.
    private PartialArchitecture PrefixOf(Architecture arch, int step)
    {
        var options = new int[arch.Length];
        Array.Fill(options, PartialArchitecture.Free);
        for (int k = 0; k <= step; k++) options[_order[k]] = arch[_order[k]];
        return new PartialArchitecture(options);
    }

    private void Expand()
    {
        int layer = _order[_step];
        var parents = _options.BestParentsFirst ? _parents : _parents.OrderBy(p => p.Prefix.ToString(), StringComparer.Ordinal).ToList();
        _children = new List<Child>();
        var seen = new HashSet<PartialArchitecture>();
        foreach (var parent in parents)
        {
            for (int option = 0; option < _context.Space.Layers[layer].Count; option++)
            {
                var prefix = parent.Prefix.Fix(layer, option);
                if (!seen.Add(prefix) || !_context.CanBeFeasible(prefix)) continue;
                _children.Add(new Child(prefix));
            }
        }
        foreach (var child in _children) _queue.Enqueue(child);
    }

    private double BucketCostOf(PartialArchitecture prefix, double evaluatedCost) => _options.BucketBy switch
    {
        BucketCost.Cheapest => _context.Cost.Completions(prefix).Min,
        BucketCost.Dearest => _context.Cost.Completions(prefix).Max,
        _ => evaluatedCost,
    };

    private BucketScheme UniformScheme()
    {
        var range = _context.Cost.Completions(PartialArchitecture.Empty(_context.Space.LayerCount));
        double lo = Math.Max(range.Min, _context.Constraint.Min), hi = Math.Min(range.Max, _context.Constraint.Max);
        return BucketScheme.Uniform(_buckets, lo, hi);
    }

    // The cheapest feasible model, then rounds over the layers raising each to its next dearer option while the
    // model stays feasible: the budget is spread over all layers rather than spent on the first ones. Options are
    // ranked by the cost bounds of the layer alone (cheap for every cost model), and a layer whose raise breaks
    // the budget is not tried again, so at most Σ options + layers complete models are costed per start. Options
    // that tie as a layer's cheapest are indistinguishable by cost; with TiedStarts there is one start per such
    // option (the t-th start takes the t-th tied option wherever layers tie), repeats dropped.
    private List<Architecture> BalancedStarts()
    {
        var space = _context.Space;
        var empty = PartialArchitecture.Empty(space.LayerCount);
        var ranks = new int[space.LayerCount][];
        var floor = new double[space.LayerCount][];
        var tied = new int[space.LayerCount][];
        foreach (int layer in _order)
        {
            int count = space.Layers[layer].Count;
            floor[layer] = Enumerable.Range(0, count).Select(o => _context.Cost.Completions(empty.Fix(layer, o)).Min).ToArray();
            ranks[layer] = Enumerable.Range(0, count).OrderBy(o => floor[layer][o]).ThenBy(o => o).ToArray();
            double cheapest = floor[layer][ranks[layer][0]];
            tied[layer] = ranks[layer].Where(o => floor[layer][o] == cheapest).ToArray();
        }
        int variants = _options.TiedStarts ? tied.Where(t => t is not null).Max(t => t.Length) : 1;
        var starts = new List<Architecture>();
        for (int t = 0; t < variants; t++)
        {
            var options = new int[space.LayerCount];
            foreach (int layer in _order) options[layer] = tied[layer][t % tied[layer].Length];
            var arch = new Architecture(options);
            if (!_context.IsFeasible(arch)) continue;
            var stuck = new bool[space.LayerCount];
            for (bool raised = true; raised;)
            {
                raised = false;
                foreach (int layer in _order)
                {
                    if (stuck[layer]) continue;
                    // The next option up whose bound is strictly dearer (options of equal bound are not a raise).
                    int next = Array.FindIndex(ranks[layer], o => floor[layer][o] > floor[layer][arch[layer]]);
                    var variant = next < 0 ? null : arch.With(layer, ranks[layer][next]);
                    if (variant is not null && _context.IsFeasible(variant)) { arch = variant; raised = true; }
                    else stuck[layer] = true;
                }
            }
            if (!starts.Contains(arch)) starts.Add(arch);
        }
        return starts;
    }

    // The complete stand-in model for a prefix: free layers follow the completion policy, each choice keeping
    // the budget reachable, so the model is feasible whenever the bounds are exact.
    private Architecture? Complete(PartialArchitecture prefix)
    {
        var partial = prefix;
        Architecture? preferred = _options.Completion switch
        {
            Completion.Default => _options.DefaultArchitecture,
            Completion.Incumbent => _best?.Evaluated,
            _ => null,
        };
        for (int k = 0; k < _order.Length; k++)
        {
            int layer = _order[k];
            if (partial.IsFixed(layer)) continue;
            int chosen = -1;
            if (preferred is not null && _context.CanBeFeasible(partial.Fix(layer, preferred[layer])))
                chosen = preferred[layer];
            else
            {
                double bestScore = double.NaN;
                for (int option = 0; option < _context.Space.Layers[layer].Count; option++)
                {
                    var trial = partial.Fix(layer, option);
                    var range = _context.Cost.Completions(trial);
                    if (!_context.Constraint.CanBeMet(range)) continue;
                    double score = _options.Completion == Completion.Cheapest ? -range.Min : range.Max;
                    if (chosen < 0 || score > bestScore || (score == bestScore && PreferredTie(layer, option, chosen)))
                    {
                        chosen = option;
                        bestScore = score;
                    }
                }
            }
            if (chosen < 0) return null;
            partial = partial.Fix(layer, chosen);
        }
        var arch = new Architecture(partial.Options);
        return _context.IsFeasible(arch) ? arch : null;
    }

    // Among options of equal dearest cost: the model's weight, or the prelude's best model's option.
    private bool PreferredTie(int layer, int option, int chosen) =>
        _tieWeights is { } w ? w[layer][option] > w[layer][chosen] : _template is not null && option == _template[layer];

    private sealed class Child(PartialArchitecture prefix)
    {
        private bool _resolved;

        public PartialArchitecture Prefix { get; } = prefix;

        public Architecture? Concrete { get; private set; }

        // Resolved when proposed, so an incumbent completion uses the best model known at that moment.
        public void Resolve(LayerNasStrategy owner)
        {
            if (_resolved) return;
            _resolved = true;
            Concrete = owner.Complete(Prefix);
        }
    }
}
