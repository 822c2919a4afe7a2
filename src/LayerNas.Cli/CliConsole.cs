namespace LayerNas.Cli;

/// <summary>
/// Where a command writes: results to <see cref="Out"/>, progress and errors to <see cref="Error"/>.
/// <see cref="IsTerminal"/> is true when both are a terminal, so progress may be drawn live.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal = false);
