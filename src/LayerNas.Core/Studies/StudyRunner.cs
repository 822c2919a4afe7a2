using LayerNas.Evaluation;
using LayerNas.Strategies;

namespace LayerNas.Studies;

/// <summary>
/// The search loop: propose, record, evaluate (up to <see cref="RunnerOptions.Parallel"/> at once), record,
/// tell. Results are told in proposal order and a new proposal is made only when a slot is free, so the
/// sequence of strategy calls depends on <see cref="RunnerOptions.Parallel"/> alone, never on timing: a
/// search is reproducible from its seed.
/// </summary>
public sealed class StudyRunner
{
    private readonly ISearchStrategy _strategy;
    private readonly IEvaluator _evaluator;
    private readonly IStudyStore _store;
    private readonly StudyDefinition _definition;
    private readonly RunnerOptions _options;
    private readonly IProgress<StudyProgress>? _progress;
    private readonly TimeProvider _time;

    public StudyRunner(ISearchStrategy strategy, IEvaluator evaluator, IStudyStore store, StudyDefinition definition,
        RunnerOptions? options = null, IProgress<StudyProgress>? progress = null, TimeProvider? time = null)
    {
        _strategy = strategy;
        _evaluator = evaluator;
        _store = store;
        _definition = definition;
        _options = options ?? new RunnerOptions();
        if (_options.Parallel < 1) throw new UserInputException($"--parallel {_options.Parallel}: run at least one evaluation at a time.");
        _progress = progress;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Runs until the strategy finishes or the trial budget is spent; returns every trial of the study.</summary>
    public async Task<IReadOnlyList<Trial>> RunAsync(CancellationToken cancellationToken)
    {
        await _store.CreateOrOpenAsync(_definition, cancellationToken).ConfigureAwait(false);
        long start = _time.GetTimestamp();
        var pending = new List<(Trial Trial, int Slot, Task<Outcome> Work)>();
        var busy = new bool[_options.Parallel];
        int proposed = (await _store.GetTrialsAsync(_definition.Name, cancellationToken).ConfigureAwait(false)).Count;
        int completed = 0, failed = 0;
        double? bestReward = null;
        SearchSpaces.Architecture? bestArch = null;
        try
        {
            while (true)
            {
                while (pending.Count < _options.Parallel && !_strategy.IsFinished && (_options.TrialBudget is not { } budget || proposed < budget))
                {
                    var next = _strategy.Propose(1);
                    if (next.Count == 0) break;
                    var trial = await _store.StartTrialAsync(_definition.Name, next[0], cancellationToken).ConfigureAwait(false);
                    proposed++;
                    int slot = Array.IndexOf(busy, false);
                    busy[slot] = true;
                    pending.Add((trial, slot, EvaluateAsync(trial, slot, cancellationToken)));
                }
                if (pending.Count == 0) break;
                var (done, doneSlot, work) = pending[0];
                pending.RemoveAt(0);
                var outcome = await work.ConfigureAwait(false);
                busy[doneSlot] = false;
                if (outcome.Evaluation is { } evaluation)
                {
                    await _store.CompleteTrialAsync(_definition.Name, done.Number, evaluation, cancellationToken).ConfigureAwait(false);
                    _strategy.Tell(new Observation(done.Architecture, evaluation.Reward));
                    completed++;
                    if (bestReward is null || evaluation.Reward > bestReward)
                    {
                        bestReward = evaluation.Reward;
                        bestArch = done.Architecture;
                    }
                }
                else
                {
                    await _store.FailTrialAsync(_definition.Name, done.Number, outcome.Error!, outcome.Attempts, cancellationToken).ConfigureAwait(false);
                    _strategy.Tell(Observation.Failure(done.Architecture));
                    failed++;
                }
                _progress?.Report(new StudyProgress(completed, failed, pending.Count, bestReward, bestArch, _time.GetElapsedTime(start)));
            }
        }
        finally
        {
            // Let in-flight evaluations observe cancellation before the caller disposes what they use.
            foreach (var (_, _, work) in pending)
                try { await work.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        return await _store.GetTrialsAsync(_definition.Name, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome> EvaluateAsync(Trial trial, int slot, CancellationToken cancellationToken)
    {
        await Task.Yield();
        string? error = null;
        var delay = _options.RetryDelay;
        for (int attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            try
            {
                var context = new TrialContext(_definition.Name, trial.Number, attempt, slot, _definition.Seed);
                var evaluation = await _evaluator.EvaluateAsync(trial.Architecture, context, cancellationToken).ConfigureAwait(false);
                if (double.IsNaN(evaluation.Reward) || double.IsInfinity(evaluation.Reward))
                    throw new EvaluationFailedException($"the evaluator returned reward {evaluation.Reward}");
                return new Outcome(evaluation, null, attempt);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                error = ex.Message;
            }
            if (attempt < _options.MaxAttempts)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
        return new Outcome(null, error, _options.MaxAttempts);
    }

    private sealed record Outcome(Evaluation.Evaluation? Evaluation, string? Error, int Attempts);
}
