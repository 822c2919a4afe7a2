namespace LayerNas.Benchmarks;

/// <summary>Which variant of a built-in benchmark to load: the search reward (null: its default) and, for nats-sss, the official data folder.</summary>
public sealed record BenchmarkRequest(string Name, string? Reward = null, string? NatsDirectory = null);
