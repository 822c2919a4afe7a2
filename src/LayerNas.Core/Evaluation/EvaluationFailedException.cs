namespace LayerNas.Evaluation;

/// <summary>An evaluation could not produce a reward; <see cref="Exception.Message"/> says why.</summary>
public sealed class EvaluationFailedException : Exception
{
    public EvaluationFailedException(string message) : base(message) { }

    public EvaluationFailedException(string message, Exception inner) : base(message, inner) { }
}
