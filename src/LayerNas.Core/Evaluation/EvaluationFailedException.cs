namespace LayerNas.Evaluation;

/// <summary>An evaluation could not produce a reward; <see cref="Exception.Message"/> says why.</summary>
public sealed class EvaluationFailedException : Exception
{
    /// <summary>An evaluation that failed for the reason <paramref name="message"/>.</summary>
    public EvaluationFailedException(string message) : base(message) { }

    /// <summary>An evaluation that failed for the reason <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public EvaluationFailedException(string message, Exception inner) : base(message, inner) { }
}
