namespace LayerNas.Export.Weights;

/// <summary>The name, shape and type of one state-dict entry. Immutable.</summary>
public sealed record TensorSpec(string Name, long[] Shape, bool IsInt64 = false)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
