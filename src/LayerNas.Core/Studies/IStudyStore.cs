using LayerNas.Evaluation;
using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>
/// The single source of truth of a study: its definition and every trial. Implementations are safe for
/// concurrent use by the runners of one process.
/// </summary>
public interface IStudyStore
{
    /// <summary>
    /// Creates the study, or opens it when it exists with the same definition. A different definition is refused
    /// with a <see cref="UserInputException"/> naming what differs.
    /// </summary>
    Task<StudyDefinition> CreateOrOpenAsync(StudyDefinition definition, CancellationToken cancellationToken);

    /// <summary>All trials of the study in proposal order.</summary>
    Task<IReadOnlyList<Trial>> GetTrialsAsync(string study, CancellationToken cancellationToken);

    /// <summary>Records a newly proposed architecture as a running trial and returns it.</summary>
    Task<Trial> StartTrialAsync(string study, Architecture architecture, CancellationToken cancellationToken);

    /// <summary>Records the evaluation of a running trial.</summary>
    Task CompleteTrialAsync(string study, long number, Evaluation.Evaluation evaluation, CancellationToken cancellationToken);

    /// <summary>Records that a running trial failed for good.</summary>
    Task FailTrialAsync(string study, long number, string reason, int attempts, CancellationToken cancellationToken);
}
