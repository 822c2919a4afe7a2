using LayerNas.Evaluation;
using LayerNas.SearchSpaces;
using LayerNas.Studies;

namespace LayerNas.Storage.Tests;

/// <summary>
/// The contract every <see cref="IStudyStore"/> must meet, run against the in-memory, SQLite and PostgreSQL
/// stores by the subclasses. <see cref="OpenAsync"/> opens another handle on the same storage, as a second
/// process or machine would.
/// </summary>
public abstract class StudyStoreContract
{
    protected abstract Task<IStudyStore> OpenAsync();

    private static readonly CancellationToken None = CancellationToken.None;

    private static Architecture A(string s) => Architecture.Parse(s);

    private static Func<IReadOnlyList<Trial>, IReadOnlyList<ProposedTrial>> Add(params string[] archs) =>
        _ => archs.Select((a, i) => new ProposedTrial(A(a), i)).ToArray();

    [Fact]
    public async Task CreateOrOpen_NewThenSame_ReturnsStoredDefinition()
    {
        await using var store = await OpenAsync();
        var definition = TestSearch.Definition(TestSearch.UniqueName(), budget: 5) with { Recipe = "[\"--benchmark\",\"nb201-cifar10\"]" };
        var created = await store.CreateOrOpenAsync(definition, None);
        var reopened = await store.CreateOrOpenAsync(definition, None);
        var found = await store.FindAsync(definition.Name, None);
        Assert.Equal(definition, created);
        Assert.Equal(definition, reopened);
        Assert.Equal(definition, found);
        Assert.True(double.IsNegativeInfinity(found!.MinCost));
        Assert.Null(await store.FindAsync(TestSearch.UniqueName("absent"), None));
    }

    [Fact]
    public async Task CreateOrOpen_ChangedSpaceOrSeed_RefusedWithMessage()
    {
        await using var store = await OpenAsync();
        var definition = TestSearch.Definition(TestSearch.UniqueName());
        await store.CreateOrOpenAsync(definition, None);
        var space = await Assert.ThrowsAsync<UserInputException>(() => store.CreateOrOpenAsync(definition with { Space = "other-space" }, None));
        var seed = await Assert.ThrowsAsync<UserInputException>(() => store.CreateOrOpenAsync(definition with { Seed = 7 }, None));
        var window = await Assert.ThrowsAsync<UserInputException>(() => store.CreateOrOpenAsync(definition with { Window = 3 }, None));
        Assert.Contains("space", space.Message);
        Assert.Contains("seed", seed.Message);
        Assert.Contains("window", window.Message);
    }

    [Fact]
    public async Task CreateOrOpen_LargerBudget_AllowedAndStored()
    {
        await using var store = await OpenAsync();
        var definition = TestSearch.Definition(TestSearch.UniqueName(), budget: 5);
        await store.CreateOrOpenAsync(definition, None);
        var grown = await store.CreateOrOpenAsync(definition with { TrialBudget = 50 }, None);
        Assert.Equal(50, grown.TrialBudget);
        Assert.Equal(50, (await store.FindAsync(definition.Name, None))!.TrialBudget);
    }

    [Fact]
    public async Task Propose_AppendsPendingTrialsNumberedInOrder()
    {
        await using var store = await OpenAsync();
        var name = (await store.CreateOrOpenAsync(TestSearch.Definition(TestSearch.UniqueName()), None)).Name;
        var first = await store.ProposeAsync(name, 0, Add("0-1-2-3-4-0", "1-1-1-1-1-1"), None);
        IReadOnlyList<Trial>? seen = null;
        var second = await store.ProposeAsync(name, 1, stored => { seen = stored; return [new ProposedTrial(A("2-2-2-2-2-2"), 1)]; }, None);
        var all = await store.GetTrialsAsync(name, 0, None);
        Assert.Equal([0L, 1L], first.Select(t => t.Number));
        Assert.Equal(2, second.Single().Number);
        Assert.Equal([1L], seen!.Select(t => t.Number));
        Assert.Equal(["0-1-2-3-4-0", "1-1-1-1-1-1", "2-2-2-2-2-2"], all.Select(t => t.Architecture.ToString()));
        Assert.All(all, t => Assert.Equal(TrialState.Pending, t.State));
        Assert.Equal([0L, 1L, 1L], all.Select(t => t.ToldBefore));
    }

    [Fact]
    public async Task Claim_TwoWorkers_GetDisjointTrialsLowestFirst()
    {
        await using var store = await OpenAsync();
        await using var other = await OpenAsync();
        var name = (await store.CreateOrOpenAsync(TestSearch.Definition(TestSearch.UniqueName()), None)).Name;
        await store.ProposeAsync(name, 0, Add("0-0-0-0-0-1", "0-0-0-0-0-2", "0-0-0-0-0-3"), None);
        var a = await store.ClaimAsync(name, "a", 2, TimeSpan.FromMinutes(1), None);
        var b = await other.ClaimAsync(name, "b", 2, TimeSpan.FromMinutes(1), None);
        var c = await store.ClaimAsync(name, "c", 2, TimeSpan.FromMinutes(1), None);
        Assert.Equal([0L, 1L], a.Select(t => t.Number));
        Assert.Equal([2L], b.Select(t => t.Number));
        Assert.Empty(c);
        Assert.All(a.Concat(b), t => Assert.Equal((TrialState.Running, 1), (t.State, t.Attempts)));
        Assert.Equal("b", b[0].Worker);
    }

    [Fact]
    public async Task Complete_HolderOfLease_RecordsRewardAndMetricsOnce()
    {
        await using var store = await OpenAsync();
        var name = (await store.CreateOrOpenAsync(TestSearch.Definition(TestSearch.UniqueName()), None)).Name;
        await store.ProposeAsync(name, 0, Add("0-1-2-3-4-0"), None);
        var claimed = (await store.ClaimAsync(name, "w", 1, TimeSpan.FromMinutes(1), None)).Single();
        var metrics = new Dictionary<string, double> { ["test_accuracy"] = 70.25, ["train_seconds"] = 12.5 };
        Assert.True(await store.CompleteAsync(name, claimed, new Evaluation.Evaluation(71.5, metrics), None));
        Assert.False(await store.CompleteAsync(name, claimed, new Evaluation.Evaluation(1, metrics), None));
        Assert.False(await store.FailAsync(name, claimed, "late", None));
        var trial = (await store.GetTrialsAsync(name, 0, None)).Single();
        Assert.Equal(TrialState.Complete, trial.State);
        Assert.Equal(71.5, trial.Reward);
        Assert.Equal(metrics, trial.Metrics);
        Assert.NotNull(trial.Finished);
    }

    [Fact]
    public async Task Claim_ExpiredLease_IsTakenOverAndOldHolderCannotRecord()
    {
        await using var store = await OpenAsync();
        await using var other = await OpenAsync();
        var name = (await store.CreateOrOpenAsync(TestSearch.Definition(TestSearch.UniqueName()), None)).Name;
        await store.ProposeAsync(name, 0, Add("0-1-2-3-4-0"), None);
        var dead = (await store.ClaimAsync(name, "dead", 1, TimeSpan.FromMilliseconds(1), None)).Single();
        await Task.Delay(50);
        var taken = (await other.ClaimAsync(name, "alive", 1, TimeSpan.FromMinutes(1), None)).Single();
        Assert.Equal((2, 1, 1), (taken.Attempts, taken.Interruptions, taken.AttemptsUsed));
        Assert.Equal("alive", taken.Worker);
        Assert.Equal(StudyNames.LeaseExpiredReason("dead"), taken.Error);
        Assert.False(await store.HeartbeatAsync(name, dead, TimeSpan.FromMinutes(1), None));
        Assert.False(await store.CompleteAsync(name, dead, new Evaluation.Evaluation(1), None));
        Assert.True(await other.HeartbeatAsync(name, taken, TimeSpan.FromMinutes(1), None));
        Assert.True(await other.CompleteAsync(name, taken, new Evaluation.Evaluation(2), None));
        Assert.Equal(2, (await store.GetTrialsAsync(name, 0, None)).Single().Reward);
    }

    [Fact]
    public async Task Heartbeat_NegativeLease_EndsLeaseAtOnce()
    {
        await using var store = await OpenAsync();
        var name = (await store.CreateOrOpenAsync(TestSearch.Definition(TestSearch.UniqueName()), None)).Name;
        await store.ProposeAsync(name, 0, Add("0-1-2-3-4-0"), None);
        var dead = (await store.ClaimAsync(name, "dead", 1, TimeSpan.FromHours(1), None)).Single();
        Assert.Empty(await store.ClaimAsync(name, "other", 1, TimeSpan.FromHours(1), None));
        Assert.True(await store.HeartbeatAsync(name, dead, TimeSpan.FromMilliseconds(-1), None));
        var taken = (await store.ClaimAsync(name, "other", 1, TimeSpan.FromHours(1), None)).Single();
        Assert.Equal((2, "other"), (taken.Attempts, taken.Worker));
    }

    [Fact]
    public async Task Retry_WithDelay_NotClaimableUntilDelayPasses()
    {
        await using var store = await OpenAsync();
        var name = (await store.CreateOrOpenAsync(TestSearch.Definition(TestSearch.UniqueName()), None)).Name;
        await store.ProposeAsync(name, 0, Add("0-1-2-3-4-0", "0-1-2-3-4-1"), None);
        var claimed = await store.ClaimAsync(name, "w", 2, TimeSpan.FromMinutes(1), None);
        Assert.True(await store.RetryAsync(name, claimed[0], "attempt 1: boom", TimeSpan.FromHours(1), None));
        Assert.True(await store.RetryAsync(name, claimed[1], "attempt 1: bang", TimeSpan.Zero, None));
        var again = await store.ClaimAsync(name, "w", 2, TimeSpan.FromMinutes(1), None);
        Assert.Equal(1, again.Single().Number);
        Assert.Equal(2, again.Single().Attempts);
        Assert.Equal("attempt 1: bang", again.Single().Error);
        var first = (await store.GetTrialsAsync(name, 0, None))[0];
        Assert.Equal((TrialState.Pending, "attempt 1: boom"), (first.State, first.Error));
    }

    [Fact]
    public async Task Release_ClaimedTrial_ClaimableAtOnceAsAnInterruptionAndOldLeaseGone()
    {
        await using var store = await OpenAsync();
        var name = (await store.CreateOrOpenAsync(TestSearch.Definition(TestSearch.UniqueName()), None)).Name;
        await store.ProposeAsync(name, 0, Add("0-1-2-3-4-0"), None);
        var stopped = (await store.ClaimAsync(name, "w", 1, TimeSpan.FromHours(1), None)).Single();
        Assert.True(await store.ReleaseAsync(name, stopped, None));
        Assert.False(await store.CompleteAsync(name, stopped, new Evaluation.Evaluation(1), None));
        var pending = (await store.GetTrialsAsync(name, 0, None)).Single();
        Assert.Equal((TrialState.Pending, 1, 1, 0), (pending.State, pending.Attempts, pending.Interruptions, pending.AttemptsUsed));
        var again = (await store.ClaimAsync(name, "w", 1, TimeSpan.FromHours(1), None)).Single();
        Assert.Equal((2, 1, 1), (again.Attempts, again.Interruptions, again.AttemptsUsed));
        Assert.False(await store.ReleaseAsync(name, stopped, None));
    }

    [Fact]
    public async Task Fail_RecordsReason()
    {
        await using var store = await OpenAsync();
        var name = (await store.CreateOrOpenAsync(TestSearch.Definition(TestSearch.UniqueName()), None)).Name;
        await store.ProposeAsync(name, 0, Add("0-1-2-3-4-0"), None);
        var claimed = (await store.ClaimAsync(name, "w", 1, TimeSpan.FromMinutes(1), None)).Single();
        Assert.True(await store.FailAsync(name, claimed, "exit code 3", None));
        var trial = (await store.GetTrialsAsync(name, 0, None)).Single();
        Assert.Equal((TrialState.Failed, "exit code 3", (double?)null), (trial.State, trial.Error, trial.Reward));
        Assert.Empty(await store.ClaimAsync(name, "w", 1, TimeSpan.FromMinutes(1), None));
    }

    [Theory]
    [InlineData("O'Brien \"quoted\"; DROP TABLE layernas_trials; --")]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b\\c:d*e?f<g>h|i %s {0} $1 @now")]
    [InlineData("ünïcödé 研究")]
    public async Task CreateOrOpen_NameWithQuotesOrPathCharacters_WorksAsAnyName(string prefix)
    {
        await using var store = await OpenAsync();
        var name = prefix + Guid.NewGuid().ToString("N")[..6];
        await store.CreateOrOpenAsync(TestSearch.Definition(name), None);
        await store.ProposeAsync(name, 0, Add("0-1-2-3-4-0"), None);
        var claimed = (await store.ClaimAsync(name, "w'; --", 1, TimeSpan.FromMinutes(1), None)).Single();
        Assert.True(await store.CompleteAsync(name, claimed, new Evaluation.Evaluation(5), None));
        var listed = (await store.ListAsync(None)).Single(s => s.Definition.Name == name);
        Assert.Equal((1, 5.0), (listed.Complete, listed.BestReward!.Value));
        Assert.Equal("w'; --", (await store.GetTrialsAsync(name, 0, None)).Single().Worker);
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    public async Task CreateOrOpen_EmptyOrControlCharacters_RefusedCleanly(string name)
    {
        await using var store = await OpenAsync();
        var ex = await Assert.ThrowsAsync<UserInputException>(() => store.CreateOrOpenAsync(TestSearch.Definition(name), None));
        Assert.Equal("study", ex.Setting); // the CLI names it --study
    }

    [Fact]
    public async Task GetTrials_UnknownStudy_UserErrorNamingIt()
    {
        await using var store = await OpenAsync();
        var ex = await Assert.ThrowsAsync<UserInputException>(() => store.GetTrialsAsync("no-such-study", 0, None));
        Assert.Contains("no-such-study", ex.Message);
    }

    [Fact]
    public async Task List_CountsTrialsByState()
    {
        await using var store = await OpenAsync();
        var name = (await store.CreateOrOpenAsync(TestSearch.Definition(TestSearch.UniqueName()), None)).Name;
        await store.ProposeAsync(name, 0, Add("0-0-0-0-0-1", "0-0-0-0-0-2", "0-0-0-0-0-3", "0-0-0-0-0-4"), None);
        var c = await store.ClaimAsync(name, "w", 3, TimeSpan.FromMinutes(1), None);
        await store.CompleteAsync(name, c[0], new Evaluation.Evaluation(3), None);
        await store.FailAsync(name, c[1], "x", None);
        var s = (await store.ListAsync(None)).Single(x => x.Definition.Name == name);
        Assert.Equal((1, 1, 1, 1, 4), (s.Pending, s.Running, s.Complete, s.Failed, s.Total));
        Assert.Equal("0-0-0-0-0-1", s.BestArchitecture);
    }

    [Fact]
    public async Task Run_LayerNasOnTable_EqualsInMemoryRun()
    {
        var expected = await new StudyRunner(TestSearch.Strategy(), TestSearch.Evaluator, new InMemoryStudyStore(),
            TestSearch.Definition("reference")).RunAsync(None);
        await using var store = await OpenAsync();
        var trials = await new StudyRunner(TestSearch.Strategy(), TestSearch.Evaluator, store,
            TestSearch.Definition(TestSearch.UniqueName()), new RunnerOptions { Parallel = 3 }).RunAsync(None);
        Assert.True(expected.Count > 50, $"the reference search made {expected.Count} trials");
        Assert.Equal(TestSearch.Outcome(expected), TestSearch.Outcome(trials));
        Assert.Equal(trials.Count, trials.Select(t => t.Architecture).Distinct().Count());
    }

    [Fact]
    public async Task Run_ResumedInSteps_EqualsUninterruptedRunAndEvaluatesEachOnce()
    {
        var expected = await new StudyRunner(TestSearch.Strategy(), TestSearch.Evaluator, new InMemoryStudyStore(),
            TestSearch.Definition("reference")).RunAsync(None);
        var name = TestSearch.UniqueName();
        var counting = new FailingEvaluator(TestSearch.Evaluator, int.MaxValue);
        IReadOnlyList<Trial> trials = [];
        foreach (int budget in new[] { 7, 30, 31, 1000 })
        {
            await using var store = await OpenAsync(); // a new process each time: a fresh strategy rebuilt from the store
            trials = await new StudyRunner(TestSearch.Strategy(), counting, store, TestSearch.Definition(name, budget),
                new RunnerOptions { Parallel = 2 }).RunAsync(None);
            Assert.Equal(Math.Min(budget, expected.Count), trials.Count);
        }
        Assert.Equal(TestSearch.Outcome(expected), TestSearch.Outcome(trials));
        Assert.All(counting.Calls.Values, n => Assert.Equal(1, n));
        Assert.Equal(expected.Count, counting.Calls.Count);
    }

    [Fact]
    public async Task Run_ThreeRunnersSharingTheStudy_EqualSingleRunnerAndRecordEachTrialOnce()
    {
        var expected = await new StudyRunner(TestSearch.Strategy(), TestSearch.Evaluator, new InMemoryStudyStore(),
            TestSearch.Definition("reference")).RunAsync(None);
        var name = TestSearch.UniqueName();
        var counting = new FailingEvaluator(new SlowEvaluator(TestSearch.Evaluator), int.MaxValue);
        var stores = new List<IStudyStore>();
        for (int i = 0; i < 3; i++) stores.Add(await OpenAsync());
        await stores[0].CreateOrOpenAsync(TestSearch.Definition(name), None);
        var runners = stores.Select((s, i) => new StudyRunner(TestSearch.Strategy(), counting, s, TestSearch.Definition(name),
            new RunnerOptions { Parallel = 2, CreateStudy = i == 0, Poll = TimeSpan.FromMilliseconds(20), WorkerId = $"w{i}" })).ToArray();
        var results = await Task.WhenAll(runners.Select(r => r.RunAsync(None)));
        foreach (var s in stores) await s.DisposeAsync();
        Assert.All(results, r => Assert.Equal(TestSearch.Outcome(expected), TestSearch.Outcome(r)));
        Assert.Equal(expected.Count, runners.Sum(r => r.Recorded));
        Assert.All(counting.Calls.Values, n => Assert.Equal(1, n));
        Assert.All(results[0], t => Assert.Equal(1, t.Attempts));
        Assert.All(runners, r => Assert.True(r.Recorded > 0, $"runner {r.WorkerId} recorded nothing"));
    }

    [Fact]
    public async Task Run_FailingEvaluations_RetriedThenRecordedAsFailedAndTreatedAsInfeasible()
    {
        var options = new RunnerOptions { MaxAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(1), Poll = TimeSpan.FromMilliseconds(10) };
        var reference = new FailingEvaluator(TestSearch.Evaluator, 4);
        var expected = await new StudyRunner(TestSearch.Strategy(), reference, new InMemoryStudyStore(), TestSearch.Definition("reference"), options).RunAsync(None);
        await using var store = await OpenAsync();
        var failing = new FailingEvaluator(TestSearch.Evaluator, 4);
        var trials = await new StudyRunner(TestSearch.Strategy(), failing, store, TestSearch.Definition(TestSearch.UniqueName()),
            options with { Parallel = 2 }).RunAsync(None);
        var failed = trials.Where(t => t.State == TrialState.Failed).ToArray();
        Assert.NotEmpty(failed);
        Assert.All(failed, t => Assert.True(FailingEvaluator.Fails(t.Architecture, 4)));
        Assert.All(failed, t => Assert.Equal((2, $"failed 2 attempt(s), the last: synthetic failure of {t.Architecture}"), (t.Attempts, t.Error)));
        Assert.All(failed, t => Assert.Equal(2, failing.Calls[t.Architecture]));
        Assert.Equal(TestSearch.Outcome(expected), TestSearch.Outcome(trials));
    }

    [Fact]
    public async Task Run_CancelledMidEvaluation_ReleasesItsTrialsAndResumeRedoesOnlyThem()
    {
        var expected = await new StudyRunner(TestSearch.Strategy(), TestSearch.Evaluator, new InMemoryStudyStore(),
            TestSearch.Definition("reference")).RunAsync(None);
        var name = TestSearch.UniqueName();
        var options = new RunnerOptions { Parallel = 2, MaxAttempts = 1, Poll = TimeSpan.FromMilliseconds(10) };
        using var stop = new CancellationTokenSource();
        var stopping = new StoppingEvaluator(TestSearch.Evaluator, after: 5, stop);
        await using (var store = await OpenAsync())
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new StudyRunner(TestSearch.Strategy(), stopping, store, TestSearch.Definition(name), options).RunAsync(stop.Token));
        await using (var store = await OpenAsync())
        {
            var stopped = await store.GetTrialsAsync(name, 0, None);
            Assert.DoesNotContain(stopped, t => t.State is TrialState.Running or TrialState.Failed);
            var interrupted = stopped.Where(t => t.Interruptions > 0).ToArray();
            Assert.NotEmpty(interrupted);
            Assert.All(interrupted, t => Assert.Equal((TrialState.Pending, 1, 0), (t.State, t.Interruptions, t.AttemptsUsed)));
            var counting = new FailingEvaluator(TestSearch.Evaluator, int.MaxValue);
            var trials = await new StudyRunner(TestSearch.Strategy(), counting, store, TestSearch.Definition(name), options).RunAsync(None);
            Assert.Equal(TestSearch.Outcome(expected), TestSearch.Outcome(trials));
            Assert.Equal(stopped.Where(t => t.State == TrialState.Complete).Select(t => t.Architecture).Intersect(counting.Calls.Keys), []);
        }
    }

    [Fact]
    public async Task Run_StoppedJustAsAClaimCommits_GivesTheClaimedTrialsBack()
    {
        var name = TestSearch.UniqueName();
        using var stop = new CancellationTokenSource();
        await using (var store = new StoppingAfterClaim(await OpenAsync(), claims: 3, stop))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new StudyRunner(TestSearch.Strategy(), TestSearch.Evaluator, store, TestSearch.Definition(name),
                    new RunnerOptions { Parallel = 2, Poll = TimeSpan.FromMilliseconds(10) }).RunAsync(stop.Token));
        await using (var store = await OpenAsync())
        {
            var stopped = await store.GetTrialsAsync(name, 0, None);
            Assert.Contains(stopped, t => t.State == TrialState.Complete);
            Assert.DoesNotContain(stopped, t => t.State is TrialState.Running or TrialState.Failed);
        }
    }

    // Stops the run right after its n-th claim commits, before the claim returns: the moment a stop can land.
    private sealed class StoppingAfterClaim(IStudyStore inner, int claims, CancellationTokenSource stop) : IStudyStore
    {
        private int _claims;

        public string Description => inner.Description;
        public Task<StudyDefinition> CreateOrOpenAsync(StudyDefinition definition, CancellationToken cancellationToken) => inner.CreateOrOpenAsync(definition, cancellationToken);
        public Task<StudyDefinition?> FindAsync(string study, CancellationToken cancellationToken) => inner.FindAsync(study, cancellationToken);
        public Task<IReadOnlyList<StudySummary>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);
        public Task<IReadOnlyList<Trial>> GetTrialsAsync(string study, long fromNumber, CancellationToken cancellationToken) => inner.GetTrialsAsync(study, fromNumber, cancellationToken);
        public Task<IReadOnlyList<Trial>> ProposeAsync(string study, long fromNumber, Func<IReadOnlyList<Trial>, IReadOnlyList<ProposedTrial>> plan, CancellationToken cancellationToken) =>
            inner.ProposeAsync(study, fromNumber, plan, cancellationToken);

        public async Task<IReadOnlyList<Trial>> ClaimAsync(string study, string worker, int maxCount, TimeSpan lease, CancellationToken cancellationToken)
        {
            var claimed = await inner.ClaimAsync(study, worker, maxCount, lease, cancellationToken);
            if (claimed.Count > 0 && Interlocked.Increment(ref _claims) == claims) await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return claimed;
        }

        public Task<bool> HeartbeatAsync(string study, Trial claimed, TimeSpan lease, CancellationToken cancellationToken) => inner.HeartbeatAsync(study, claimed, lease, cancellationToken);
        public Task<bool> CompleteAsync(string study, Trial claimed, Evaluation.Evaluation evaluation, CancellationToken cancellationToken) => inner.CompleteAsync(study, claimed, evaluation, cancellationToken);
        public Task<bool> FailAsync(string study, Trial claimed, string reason, CancellationToken cancellationToken) => inner.FailAsync(study, claimed, reason, cancellationToken);
        public Task<bool> RetryAsync(string study, Trial claimed, string reason, TimeSpan delay, CancellationToken cancellationToken) => inner.RetryAsync(study, claimed, reason, delay, cancellationToken);
        public Task<bool> ReleaseAsync(string study, Trial claimed, CancellationToken cancellationToken) => inner.ReleaseAsync(study, claimed, cancellationToken);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    // Cancels the run during its (after+1)-th evaluation and waits there to be stopped, as a training would.
    private sealed class StoppingEvaluator(IEvaluator inner, int after, CancellationTokenSource stop) : IEvaluator
    {
        private int _calls;

        public async Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) > after)
            {
                await stop.CancelAsync();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            return await inner.EvaluateAsync(arch, context, cancellationToken);
        }
    }
}
