using LayerNas.Evaluation;
using LayerNas.Strategies;

namespace LayerNas.Studies;

/// <summary>
/// Drives a study in one process: advances the study's <see cref="StudySchedule"/> under the store's lock,
/// claims pending trials for its free slots, evaluates them (up to <see cref="RunnerOptions.Parallel"/> at once,
/// renewing their leases), records the results and retries failed attempts with backoff. Any number of runners,
/// in one process or on many machines, may work on one study through a shared store; the trials made depend
/// only on the seed, the study's window and the results, never on timing or on the number of runners.
/// A runner is used once; not thread-safe.
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
    private readonly string _worker;

    /// <summary>A runner driving <paramref name="strategy"/> on <paramref name="store"/>'s study <paramref name="definition"/>, scoring with <paramref name="evaluator"/>; options are validated here.</summary>
    public StudyRunner(ISearchStrategy strategy, IEvaluator evaluator, IStudyStore store, StudyDefinition definition,
        RunnerOptions? options = null, IProgress<StudyProgress>? progress = null, TimeProvider? time = null)
    {
        _strategy = strategy;
        _evaluator = evaluator;
        _store = store;
        _definition = definition;
        _options = options ?? new RunnerOptions();
        if (_options.Parallel < 1) throw UserInputException.ForSetting("parallel", $"{_options.Parallel}: run at least one evaluation at a time.");
        if (_options.MaxAttempts < 1) throw UserInputException.ForSetting("max_attempts", $"{_options.MaxAttempts}: allow at least one attempt per trial.");
        if (_options.Lease <= TimeSpan.Zero) throw UserInputException.ForSetting("lease", "must be positive: give the seconds a worker may go silent before its trial is taken over.");
        _progress = progress;
        _time = time ?? TimeProvider.System;
        _worker = _options.WorkerId ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
    }

    /// <summary>This runner's name in the store's leases.</summary>
    public string WorkerId => _worker;

    /// <summary>Trials this runner evaluated and recorded (complete or failed for good), not counting lost leases.</summary>
    public int Recorded => Volatile.Read(ref _recorded);

    private int _recorded;

    /// <summary>Runs until the study is complete (every proposal told and nothing left to propose); returns every trial.</summary>
    public async Task<IReadOnlyList<Trial>> RunAsync(CancellationToken cancellationToken)
    {
        var definition = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (_options.EndDeadLocalLeases) await EndLeasesOfDeadLocalProcessesAsync(definition.Name, cancellationToken).ConfigureAwait(false);
        var schedule = new StudySchedule(_strategy, definition.Window, _options.TrialBudget ?? definition.TrialBudget);
        long start = _time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task>();
        var freeSlots = new SortedSet<int>(Enumerable.Range(0, _options.Parallel));
        var slotOf = new Dictionary<Task, int>();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await _store.ProposeAsync(definition.Name, schedule.Told, schedule.Advance, cancellationToken).ConfigureAwait(false);
                if (schedule.IsComplete) break;
                if (freeSlots.Count > 0)
                {
                    // The claim is not cancelled midway: a claim that committed but was never returned would leave its trials
                    // running under this worker until their lease ran out. Claimed just as the run is stopped, they go back at once.
                    var claimed = await _store.ClaimAsync(definition.Name, _worker, freeSlots.Count, _options.Lease, CancellationToken.None).ConfigureAwait(false);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        foreach (var trial in claimed) await _store.ReleaseAsync(definition.Name, trial, CancellationToken.None).ConfigureAwait(false);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    foreach (var trial in claimed)
                    {
                        if (freeSlots.Count == 0)
                        {
                            // A store handed out more than asked for: give the extra back at once rather than run it without a slot.
                            await _store.RetryAsync(definition.Name, trial, trial.Error ?? "returned unused", TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
                            continue;
                        }
                        int slot = freeSlots.Min;
                        freeSlots.Remove(slot);
                        var task = RunTrialAsync(definition, trial, slot, stop.Token);
                        slotOf[task] = slot;
                        running.Add(task);
                    }
                }
                var poll = Task.Delay(_options.Poll, _time, cancellationToken);
                var first = await Task.WhenAny(running.Append(poll)).ConfigureAwait(false);
                if (first == poll) { await poll.ConfigureAwait(false); continue; }
                foreach (var done in running.Where(t => t.IsCompleted).ToArray())
                {
                    running.Remove(done);
                    freeSlots.Add(slotOf[done]);
                    slotOf.Remove(done);
                    await done.ConfigureAwait(false); // store errors end the run
                }
                if (_progress is not null) await ReportAsync(definition.Name, start, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Evaluations still running here lost their lease to another worker, or the run is ending on an error.
            stop.Cancel();
            foreach (var task in running)
                try { await task.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        if (_progress is not null) await ReportAsync(definition.Name, start, cancellationToken).ConfigureAwait(false);
        return await _store.GetTrialsAsync(definition.Name, 0, cancellationToken).ConfigureAwait(false);
    }

    // A process of this machine that died (killed, crashed) cannot renew its leases: end them now, so that a resumed
    // search does not wait for them to expire. Worker names are host:pid:random; a live pid (even a reused one) is left alone.
    private async Task EndLeasesOfDeadLocalProcessesAsync(string study, CancellationToken cancellationToken)
    {
        var prefix = Environment.MachineName + ":";
        foreach (var trial in await _store.GetTrialsAsync(study, 0, cancellationToken).ConfigureAwait(false))
        {
            if (trial.State != TrialState.Running || trial.Worker is not { } worker || !worker.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var parts = worker.Split(':');
            if (parts.Length != 3 || !int.TryParse(parts[1], out int pid) || IsAlive(pid)) continue;
            await _store.HeartbeatAsync(study, trial, TimeSpan.FromMilliseconds(-1), cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private async Task<StudyDefinition> OpenAsync(CancellationToken cancellationToken)
    {
        if (_options.CreateStudy)
        {
            var requested = _options.TrialBudget is { } budget ? _definition with { TrialBudget = budget } : _definition;
            return await _store.CreateOrOpenAsync(requested, cancellationToken).ConfigureAwait(false);
        }
        return await _store.FindAsync(_definition.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new UserInputException(StudyNames.NotFound(_definition.Name, _store.Description));
    }

    private async Task RunTrialAsync(StudyDefinition definition, Trial claimed, int slot, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var evaluation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(definition.Name, claimed, evaluation);
        string? error = null;
        Evaluation.Evaluation? result = null;
        try
        {
            var context = new TrialContext(definition.Name, claimed.Number, claimed.Attempts, slot, definition.Seed);
            result = await _evaluator.EvaluateAsync(claimed.Architecture, context, evaluation.Token).ConfigureAwait(false);
            if (double.IsNaN(result.Reward) || double.IsInfinity(result.Reward))
            {
                error = $"the evaluator returned reward {result.Reward}";
                result = null;
            }
        }
        catch (OperationCanceledException) when (evaluation.IsCancellationRequested)
        {
            if (!cancellationToken.IsCancellationRequested) return; // the lease was lost: another worker has the trial now
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            error = ex.Message;
        }
        catch (Exception)
        {
            // The evaluation failed because it was stopped (e.g. its process was killed): no verdict on the trial.
        }
        finally
        {
            evaluation.Cancel();
            await heartbeat.ConfigureAwait(false);
        }
        // A result in hand is recorded even while stopping; it takes one quick statement.
        if (result is not null)
        {
            if (await _store.CompleteAsync(definition.Name, claimed, result, CancellationToken.None).ConfigureAwait(false)) Interlocked.Increment(ref _recorded);
            return;
        }
        if (cancellationToken.IsCancellationRequested)
        {
            // Stopped (Ctrl+C, or the run ends on an error): give the trial back unjudged, so a resume redoes only it.
            await _store.ReleaseAsync(definition.Name, claimed, CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        int used = claimed.AttemptsUsed;
        if (used < _options.MaxAttempts)
        {
            var delay = TimeSpan.FromTicks(Math.Min(_options.RetryDelay.Ticks * (1L << Math.Min(used - 1, 20)), TimeSpan.FromMinutes(10).Ticks));
            await _store.RetryAsync(definition.Name, claimed, $"attempt {used}: {error}", delay, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (await _store.FailAsync(definition.Name, claimed,
                _options.MaxAttempts == 1 ? error! : $"failed {used} attempt(s), the last: {error}", cancellationToken).ConfigureAwait(false))
            Interlocked.Increment(ref _recorded);
    }

    // Renews the lease until the evaluation ends; a lost lease cancels the evaluation.
    private async Task HeartbeatAsync(string study, Trial claimed, CancellationTokenSource evaluation)
    {
        var interval = _options.Heartbeat ?? _options.Lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _time, evaluation.Token).ConfigureAwait(false);
                if (!await _store.HeartbeatAsync(study, claimed, _options.Lease, evaluation.Token).ConfigureAwait(false))
                {
                    evaluation.Cancel();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (evaluation.IsCancellationRequested)
        {
        }
    }

    private async Task ReportAsync(string study, long start, CancellationToken cancellationToken)
    {
        var trials = await _store.GetTrialsAsync(study, 0, cancellationToken).ConfigureAwait(false);
        var best = trials.Where(t => t.State == TrialState.Complete).OrderByDescending(t => t.Reward).ThenBy(t => t.Number).FirstOrDefault();
        _progress!.Report(new StudyProgress(trials.Count(t => t.State == TrialState.Complete), trials.Count(t => t.State == TrialState.Failed),
            trials.Count(t => t.State == TrialState.Running), best?.Reward, best?.Architecture, _time.GetElapsedTime(start))
        {
            // Read between schedule advances, on this loop: the strategy is not used concurrently.
            Phase = (_strategy as IPhasedStrategy)?.Phase,
        });
    }
}
