namespace LayerNas.Costs;

/// <summary>An inclusive range of cost values, in the unit of the cost model that produced it.</summary>
public readonly record struct CostRange(double Min, double Max)
{
    public bool Contains(double cost) => cost >= Min && cost <= Max;

    public override string ToString() => $"[{Min:G6}, {Max:G6}]";
}
