using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>A study store that lives in one process and forgets everything when it exits. Thread-safe.</summary>
public sealed class InMemoryStudyStore(TimeProvider? time = null) : IStudyStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, (StudyDefinition Definition, List<Trial> Trials)> _studies = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<StudyDefinition> CreateOrOpenAsync(StudyDefinition definition, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_studies.TryGetValue(definition.Name, out var existing))
            {
                StudyCompatibility.Check(existing.Definition, definition);
                var merged = existing.Definition with { TrialBudget = definition.TrialBudget };
                _studies[definition.Name] = (merged, existing.Trials);
                return Task.FromResult(merged);
            }
            _studies[definition.Name] = (definition, new List<Trial>());
            return Task.FromResult(definition);
        }
    }

    public Task<IReadOnlyList<Trial>> GetTrialsAsync(string study, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<Trial>>(Get(study).Trials.ToArray());
    }

    public Task<Trial> StartTrialAsync(string study, Architecture architecture, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var trials = Get(study).Trials;
            var trial = new Trial(trials.Count, architecture, TrialState.Running, null, new Dictionary<string, double>(), 0, null, _time.GetUtcNow(), null);
            trials.Add(trial);
            return Task.FromResult(trial);
        }
    }

    public Task CompleteTrialAsync(string study, long number, Evaluation.Evaluation evaluation, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var trials = Get(study).Trials;
            var t = trials[(int)number];
            trials[(int)number] = t with { State = TrialState.Complete, Reward = evaluation.Reward, Metrics = evaluation.Metrics, Attempts = t.Attempts + 1, Finished = _time.GetUtcNow() };
        }
        return Task.CompletedTask;
    }

    public Task FailTrialAsync(string study, long number, string reason, int attempts, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var trials = Get(study).Trials;
            var t = trials[(int)number];
            trials[(int)number] = t with { State = TrialState.Failed, Error = reason, Attempts = attempts, Finished = _time.GetUtcNow() };
        }
        return Task.CompletedTask;
    }

    private (StudyDefinition Definition, List<Trial> Trials) Get(string study) =>
        _studies.TryGetValue(study, out var s) ? s : throw new UserInputException($"There is no study named '{study}': create it with `layernas search --study {study}`.");
}
