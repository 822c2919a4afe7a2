using LayerNas.Evaluation;

namespace LayerNas.Studies;

/// <summary>
/// A study store that lives in one process and forgets everything when it exits. Thread-safe; leases use the
/// injected clock. Follows the same contract as the database stores (one test suite runs against all).
/// </summary>
public sealed class InMemoryStudyStore(TimeProvider? time = null) : IStudyStore
{
    private sealed class Study(StudyDefinition definition, DateTimeOffset created)
    {
        public StudyDefinition Definition = definition;
        public readonly DateTimeOffset Created = created;
        public readonly List<Trial> Trials = new();
        public readonly List<DateTimeOffset?> NotBefore = new();
    }

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, Study> _studies = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public string Description => "memory";

    /// <inheritdoc />
    public Task<StudyDefinition> CreateOrOpenAsync(StudyDefinition definition, CancellationToken cancellationToken)
    {
        StudyNames.Validate(definition.Name);
        lock (_lock)
        {
            if (_studies.TryGetValue(definition.Name, out var existing))
            {
                StudyCompatibility.Check(existing.Definition, definition);
                existing.Definition = existing.Definition with { TrialBudget = definition.TrialBudget };
                return Task.FromResult(existing.Definition);
            }
            _studies[definition.Name] = new Study(definition, _time.GetUtcNow());
            return Task.FromResult(definition);
        }
    }

    /// <inheritdoc />
    public Task<StudyDefinition?> FindAsync(string study, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_studies.TryGetValue(study, out var s) ? s.Definition : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StudySummary>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<StudySummary> list = _studies.Values.OrderBy(s => s.Definition.Name, StringComparer.Ordinal).Select(s =>
            {
                var best = s.Trials.Where(t => t.State == TrialState.Complete).OrderByDescending(t => t.Reward).ThenBy(t => t.Number).FirstOrDefault();
                return new StudySummary(s.Definition, s.Created,
                    s.Trials.Count(t => t.State == TrialState.Pending), s.Trials.Count(t => t.State == TrialState.Running),
                    s.Trials.Count(t => t.State == TrialState.Complete), s.Trials.Count(t => t.State == TrialState.Failed),
                    best?.Reward, best?.Architecture.ToString());
            }).ToArray();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Trial>> GetTrialsAsync(string study, long fromNumber, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<Trial>>(Get(study).Trials.Skip((int)Math.Max(0, fromNumber)).ToArray());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Trial>> ProposeAsync(string study, long fromNumber, Func<IReadOnlyList<Trial>, IReadOnlyList<ProposedTrial>> plan,
        CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var s = Get(study);
            var proposals = plan(s.Trials.Skip((int)Math.Max(0, fromNumber)).ToArray());
            var now = _time.GetUtcNow();
            var added = new List<Trial>();
            foreach (var p in proposals)
            {
                var trial = new Trial(s.Trials.Count, p.Architecture, TrialState.Pending, null, new Dictionary<string, double>(), 0, null, now, null)
                    { ToldBefore = p.ToldBefore };
                s.Trials.Add(trial);
                s.NotBefore.Add(null);
                added.Add(trial);
            }
            return Task.FromResult<IReadOnlyList<Trial>>(added);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Trial>> ClaimAsync(string study, string worker, int maxCount, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var s = Get(study);
            var now = _time.GetUtcNow();
            var claimed = new List<Trial>();
            for (int i = 0; i < s.Trials.Count && claimed.Count < maxCount; i++)
            {
                var t = s.Trials[i];
                bool pending = t.State == TrialState.Pending && (s.NotBefore[i] is not { } nb || nb <= now);
                bool expired = t.State == TrialState.Running && t.LeaseExpires < now;
                if (!pending && !expired) continue;
                var c = t with
                {
                    State = TrialState.Running, Attempts = t.Attempts + 1, Worker = worker, LeaseExpires = now + lease,
                    Error = expired ? StudyNames.LeaseExpiredReason(t.Worker) : t.Error, Interruptions = t.Interruptions + (expired ? 1 : 0),
                };
                s.Trials[i] = c;
                claimed.Add(c);
            }
            return Task.FromResult<IReadOnlyList<Trial>>(claimed);
        }
    }

    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(string study, Trial claimed, TimeSpan lease, CancellationToken cancellationToken) =>
        Update(study, claimed, t => t with { LeaseExpires = _time.GetUtcNow() + lease }, null);

    /// <inheritdoc />
    public Task<bool> CompleteAsync(string study, Trial claimed, Evaluation.Evaluation evaluation, CancellationToken cancellationToken) =>
        Update(study, claimed, t => t with
        {
            State = TrialState.Complete, Reward = evaluation.Reward, Metrics = new Dictionary<string, double>(evaluation.Metrics),
            Finished = _time.GetUtcNow(), LeaseExpires = null,
        }, null);

    /// <inheritdoc />
    public Task<bool> FailAsync(string study, Trial claimed, string reason, CancellationToken cancellationToken) =>
        Update(study, claimed, t => t with { State = TrialState.Failed, Error = reason, Finished = _time.GetUtcNow(), LeaseExpires = null }, null);

    /// <inheritdoc />
    public Task<bool> RetryAsync(string study, Trial claimed, string reason, TimeSpan delay, CancellationToken cancellationToken) =>
        Update(study, claimed, t => t with { State = TrialState.Pending, Error = reason, LeaseExpires = null }, _time.GetUtcNow() + delay);

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string study, Trial claimed, CancellationToken cancellationToken) =>
        Update(study, claimed, t => t with { State = TrialState.Pending, Interruptions = t.Interruptions + 1, LeaseExpires = null }, null);

    /// <summary>Nothing to release: the store lives in memory.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<bool> Update(string study, Trial claimed, Func<Trial, Trial> change, DateTimeOffset? notBefore)
    {
        lock (_lock)
        {
            var s = Get(study);
            if (claimed.Number < 0 || claimed.Number >= s.Trials.Count) return Task.FromResult(false);
            var t = s.Trials[(int)claimed.Number];
            if (t.State != TrialState.Running || t.Worker != claimed.Worker || t.Attempts != claimed.Attempts) return Task.FromResult(false);
            s.Trials[(int)claimed.Number] = change(t);
            s.NotBefore[(int)claimed.Number] = notBefore;
            return Task.FromResult(true);
        }
    }

    private Study Get(string study) =>
        _studies.TryGetValue(study, out var s) ? s : throw new UserInputException(StudyNames.NotFound(study, Description));
}
