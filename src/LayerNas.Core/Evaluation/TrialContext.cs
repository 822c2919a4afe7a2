namespace LayerNas.Evaluation;

/// <summary>
/// What an evaluator may know about the trial it scores: the study, the trial number, the attempt (1 for the
/// first try) and the parallel slot index (0..N-1, e.g. to pick a GPU). Immutable.
/// </summary>
public sealed record TrialContext(string Study, long TrialNumber, int Attempt = 1, int Slot = 0, int Seed = 0);
