namespace LayerNas.Costs;

/// <summary>An inclusive range of cost values, in the unit of the cost model that produced it.</summary>
public readonly record struct CostRange(double Min, double Max)
{
    public bool Contains(double cost) => cost >= Min && cost <= Max;

    public bool Overlaps(CostRange other) => Min <= other.Max && other.Min <= Max;

    public static CostRange Unbounded => new(double.NegativeInfinity, double.PositiveInfinity);

    public override string ToString() => $"[{Min:G6}, {Max:G6}]";
}
