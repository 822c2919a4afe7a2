namespace LayerNas.Export.Weights;

/// <summary>
/// One named tensor of a model's state dict, row-major. Exactly one of <see cref="Floats"/> (float32) and
/// <see cref="Longs"/> (int64, e.g. BN's <c>num_batches_tracked</c>) is set. Arrays must not be mutated after construction.
/// </summary>
public sealed record TensorData(string Name, long[] Shape, float[]? Floats, long[]? Longs = null)
{
    /// <summary>Number of elements (product of <see cref="Shape"/>; 1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public static TensorData Float(string name, long[] shape, float[] data)
    {
        var t = new TensorData(name, shape, data);
        if (t.ElementCount != data.Length)
            throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(", ", shape)}] but {data.Length} values.", nameof(data));
        return t;
    }

    public static TensorData Int64(string name, long[] shape, long[] data) => new(name, shape, null, data);

    /// <summary>The float values; throws when this is an int64 tensor.</summary>
    public float[] RequireFloats() => Floats ?? throw new InvalidOperationException($"Tensor '{Name}' is not float32.");
}
