namespace LayerNas.Strategies.LayerNas;

/// <summary>
/// A LayerNAS plan: the memorial table's size (H buckets × K kept), and the upper bound split into the greedy
/// prelude and one bound per searched layer, and the count a pruned search fills to (<see cref="FillTo"/>, 0: none). Immutable.
/// </summary>
public sealed record LayerNasPlan(
    int Buckets,
    int Keep,
    int UpperBound,
    int PreludeUpperBound,
    IReadOnlyList<int> UpperBoundPerStep,
    int SimulatedMin,
    double SimulatedMean,
    int SimulatedMax,
    int Simulations,
    int FillTo = 0) : SearchPlan(UpperBound, SimulatedMin, SimulatedMean, SimulatedMax, Simulations)
{
    /// <inheritdoc />
    public override IEnumerable<string> Details() =>
    [
        $"buckets H = {Buckets}, kept per bucket K = {Keep}",
        $"at most {UpperBound} evaluations (greedy prelude {PreludeUpperBound}; per layer: {string.Join(" + ", UpperBoundPerStep)})",
        .. (FillTo > 0 ? [$"a search the budget cuts short goes on with guided proposals to {FillTo} evaluations (the unconstrained search's mean)"] : Array.Empty<string>()),
    ];

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, object?>> Fields() =>
    [
        new("buckets", Buckets), new("keep", Keep), new("upper_bound_prelude", PreludeUpperBound), new("upper_bound_per_layer", UpperBoundPerStep),
        new("fill_to", FillTo),
    ];
}
