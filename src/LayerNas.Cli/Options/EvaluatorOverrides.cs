namespace LayerNas.Cli.Options;

/// <summary>A worker's own evaluator settings, used instead of the stored study's (paths differ between machines). Immutable.</summary>
public sealed record EvaluatorOverrides(string? Command, double? Timeout, string? LogDirectory, string? Gpus = null);
