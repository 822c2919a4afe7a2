using LayerNas.SearchSpaces;
using LayerNas.Strategies;

namespace LayerNas.Studies;

/// <summary>
/// The canonical order of strategy calls of a study, independent of timing, workers and slots: propose one at
/// a time while fewer than <c>window</c> trials are untold and the strategy has something to propose; otherwise
/// tell the oldest untold trial as soon as it is finished. Results are told in proposal order. Because the
/// sequence of Propose(1)/Tell calls depends only on the seed, the window and the results, replaying the
/// stored trials through a fresh strategy rebuilds its state exactly (resume), and any process holding the
/// study's lock makes the same next proposals (many workers give the same trials as one).
/// Not thread-safe: the caller holds the study's lock.
/// </summary>
public sealed class StudySchedule
{
    private readonly ISearchStrategy _strategy;
    private readonly int _window;
    private readonly List<ProposedTrial> _proposed = new();
    private long _told;
    private bool _waiting;

    /// <summary>A schedule for a fresh <paramref name="strategy"/> with the study's <paramref name="window"/> and budget.</summary>
    public StudySchedule(ISearchStrategy strategy, int window, int? trialBudget)
    {
        if (window < 1) throw new UserInputException($"Study window {window}: allow at least one trial in flight.");
        _strategy = strategy;
        _window = window;
        TrialBudget = trialBudget;
    }

    /// <summary>The strategy the schedule calls.</summary>
    public ISearchStrategy Strategy => _strategy;

    /// <summary>Stop proposing at this many trials (null: when the strategy finishes). May be raised between calls.</summary>
    public int? TrialBudget { get; set; }

    /// <summary>Results told to the strategy so far: every trial numbered below this is finished.</summary>
    public long Told => _told;

    /// <summary>Trials proposed so far (stored or returned by <see cref="Advance"/>).</summary>
    public long Proposed => _proposed.Count;

    /// <summary>True when every proposed trial was told and nothing more will be proposed: the study is done.</summary>
    /// <remarks>A strategy that proposes nothing with nothing outstanding counts as finished (instead of spinning).</remarks>
    public bool IsComplete => _told == _proposed.Count && !CanPropose;

    private bool BudgetSpent => TrialBudget is { } b && _proposed.Count >= b;

    private bool CanPropose => !_waiting && !_strategy.IsFinished && !BudgetSpent && _proposed.Count - _told < _window;

    /// <summary>
    /// Replays <paramref name="stored"/> (the stored trials numbered <see cref="Told"/> and above, in order) and
    /// continues the schedule: tells every finished trial whose turn has come and returns the new proposals to
    /// store after the last stored trial. Proposals returned earlier that are not among <paramref name="stored"/> (their
    /// store call failed) are returned again first, so a call repeated after a lost connection loses nothing. Throws
    /// <see cref="InvalidOperationException"/> when the stored trials are not what this strategy proposes (a changed
    /// strategy or corrupted store).
    /// </summary>
    public IReadOnlyList<ProposedTrial> Advance(IReadOnlyList<Trial> stored)
    {
        var byNumber = new Dictionary<long, Trial>(stored.Count);
        foreach (var t in stored) byNumber[t.Number] = t;
        long reallyStored = stored.Count == 0 ? _told : stored[^1].Number + 1;
        var fresh = new List<ProposedTrial>();
        for (long n = reallyStored; n < _proposed.Count; n++) fresh.Add(_proposed[(int)n]);
        long storedEnd = Math.Max(_proposed.Count, reallyStored);
        while (true)
        {
            if (CanPropose)
            {
                var next = _strategy.Propose(1);
                if (next.Count == 0)
                {
                    // Nothing until a result is told; asking again before then would be a call the replay cannot repeat.
                    _waiting = true;
                    continue;
                }
                long number = _proposed.Count;
                if (number < storedEnd)
                {
                    if (!byNumber.TryGetValue(number, out var known))
                        throw new InvalidOperationException($"Trial {number} is missing from the stored trials passed to the schedule.");
                    if (known.Architecture != next[0] || known.ToldBefore != _told)
                        throw new InvalidOperationException(
                            $"Stored trial {number} is {known.Architecture} proposed after {known.ToldBefore} results, but the strategy now proposes {next[0]} after {_told}: the study's trials were not made by this strategy and seed.");
                }
                var proposal = new ProposedTrial(next[0], _told);
                if (number >= storedEnd) fresh.Add(proposal);
                _proposed.Add(proposal);
                continue;
            }
            if (_told < reallyStored && byNumber.TryGetValue(_told, out var oldest) && oldest.IsFinished)
            {
                _strategy.Tell(oldest.State == TrialState.Complete && oldest.Reward is { } reward
                    ? new Observation(oldest.Architecture, reward)
                    : Observation.Failure(oldest.Architecture));
                _told++;
                _waiting = false;
                continue;
            }
            return fresh;
        }
    }
}
