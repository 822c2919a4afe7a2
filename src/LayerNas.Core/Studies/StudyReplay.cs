using LayerNas.Strategies;

namespace LayerNas.Studies;

/// <summary>
/// Rebuilds a strategy's state from the trials of a stored study by replaying them, in proposal order, the way
/// a <see cref="StudyRunner"/> with <c>parallel</c> slots called it: propose while a slot is free, then tell the
/// oldest outstanding result. Strategies are deterministic for a seed and a call sequence, so the rebuilt
/// strategy is the one that made the trials (its memorial tables, its front, its next proposal).
/// </summary>
public static class StudyReplay
{
    /// <summary>
    /// Replays <paramref name="trials"/> (sorted by <see cref="Trial.Number"/>) into the fresh
    /// <paramref name="strategy"/> and returns how many trials were told. Replay stops early at a trial that is
    /// still running when its result is needed to go on. Throws a <see cref="UserInputException"/> when the
    /// strategy proposes another architecture than the stored one (the study was made with other settings).
    /// As after the runner's last tell, a strategy may only learn that it is finished on its next
    /// <see cref="ISearchStrategy.Propose"/> (e.g. when the last children reuse earlier rewards).
    /// </summary>
    public static int Rebuild(ISearchStrategy strategy, IReadOnlyList<Trial> trials, int parallel = 1)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(trials);
        if (parallel < 1) throw new ArgumentOutOfRangeException(nameof(parallel), parallel, "Replay with at least one slot.");
        var ordered = trials.OrderBy(t => t.Number).ToArray();
        var pending = new Queue<Trial>();
        int next = 0, told = 0;
        while (next < ordered.Length)
        {
            if (pending.Count < parallel && !strategy.IsFinished)
            {
                var proposal = strategy.Propose(1);
                if (proposal.Count == 1)
                {
                    var stored = ordered[next];
                    if (proposal[0] != stored.Architecture)
                        throw new UserInputException(
                            $"Trial {stored.Number} of the study is {stored.Architecture}, but strategy '{strategy.Name}' replayed with the study's settings proposes {proposal[0]}: " +
                            "the study was made by another version or other settings; report it with the version that made it.");
                    pending.Enqueue(stored);
                    next++;
                    continue;
                }
            }
            if (pending.Count == 0)
                throw new UserInputException(
                    $"Strategy '{strategy.Name}' has nothing to propose after {told} trials, but the study stores {ordered.Length}: " +
                    "the study was made by another version or other settings.");
            if (!TryTell(strategy, pending.Peek())) return told;
            pending.Dequeue();
            told++;
        }
        while (pending.Count > 0 && TryTell(strategy, pending.Peek()))
        {
            pending.Dequeue();
            told++;
        }
        return told;
    }

    private static bool TryTell(ISearchStrategy strategy, Trial trial)
    {
        switch (trial.State)
        {
            case TrialState.Complete when trial.Reward is { } reward:
                strategy.Tell(new Observation(trial.Architecture, reward));
                return true;
            case TrialState.Failed:
                strategy.Tell(Observation.Failure(trial.Architecture));
                return true;
            default:
                return false;
        }
    }
}
