namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// A data set of NATS-Bench: its official name, the number of classes (the classifier's outputs) and the
/// side of its square input images. Immutable.
/// </summary>
public sealed record NatsDataset(string Name, int Classes, int ImageSize)
{
    public static NatsDataset Cifar10 { get; } = new("cifar10", 10, 32);

    public static NatsDataset Cifar100 { get; } = new("cifar100", 100, 32);

    public static NatsDataset ImageNet16_120 { get; } = new("ImageNet16-120", 120, 16);

    public static IReadOnlyList<NatsDataset> All { get; } = [Cifar10, Cifar100, ImageNet16_120];

    /// <summary>Finds a data set by its official name, case-insensitively.</summary>
    public static NatsDataset Parse(string name) =>
        All.FirstOrDefault(d => d.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new UserInputException($"Unknown NATS-Bench data set '{name}': use one of {string.Join(", ", All.Select(d => d.Name))}.");

    public override string ToString() => Name;
}
