namespace LayerNas.Costs;

/// <summary>An inclusive range of cost values, in the unit of the cost model that produced it.</summary>
public readonly record struct CostRange(double Min, double Max)
{
    /// <summary>True when <paramref name="cost"/> lies within the range (inclusive).</summary>
    public bool Contains(double cost) => cost >= Min && cost <= Max;

    /// <summary>The range for messages, e.g. <c>[7.78, 220.1]</c>.</summary>
    public override string ToString() => $"[{Min:G6}, {Max:G6}]";
}
