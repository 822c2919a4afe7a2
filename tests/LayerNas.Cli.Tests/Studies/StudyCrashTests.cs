using LayerNas.Studies;

namespace LayerNas.Cli.Tests.Studies;

/// <summary>
/// A real `layernas search --study` on SQLite killed with SIGKILL at random points and resumed each time ends
/// with exactly the trials of an uninterrupted run, and repeats no evaluation except those a kill interrupted.
/// </summary>
public sealed class StudyCrashTests : IDisposable
{
    private readonly StudyProcesses _p = new();

    public void Dispose() => _p.Dispose();

    [Fact]
    public async Task Search_KilledAtRandomPointsAndResumed_EqualsUninterruptedRunWithoutRepeatedEvaluations()
    {
        string[] Args(string storage, double pause) =>
            ["search", "--study", "crash 'test'", "--storage", storage, "--budget", "60", "--evaluator", "command", "--command", _p.Command(pause),
             "--log-dir", Path.Combine(_p.Folder, "logs"), "--max-attempts", "10"];

        var reference = $"sqlite:{Path.Combine(_p.Folder, "reference.db")}";
        var (code, output, err) = await StudyProcesses.RunAsync(Args(reference, 0));
        Assert.True(code == 0, output + err + string.Join("\n", (await StudyProcesses.TrialsAsync(reference, "crash 'test'")).Select(t => t.Error)));
        var expected = StudyProcesses.Outcome(await StudyProcesses.TrialsAsync(reference, "crash 'test'"));
        File.Delete(_p.Log);

        var crashed = $"sqlite:{Path.Combine(_p.Folder, "crashed.db")}";
        // The default 60 s lease: a resumed search ends the leases of its dead predecessor at once. Each trial pauses
        // 50 ms, so the 60 trials outlast the kills on a fast, quiet machine too.
        int kills = await KillAtRandomThenFinishAsync(Args(crashed, 0.05), new Random(7), rounds: 6, maxKills: 4, TimeSpan.FromMilliseconds(600), 1400);
        var trials = await StudyProcesses.TrialsAsync(crashed, "crash 'test'");

        Assert.True(kills >= 2, $"only {kills} kills landed before the search finished");
        Assert.Equal(expected, StudyProcesses.Outcome(trials));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        var ends = _p.Events().Where(e => e.Event == "end").GroupBy(e => e.Arch).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(trials.Select(t => t.Architecture.ToString()).Order(), ends.Keys.Order());
        // Each kill can lose at most the one evaluation in flight (parallel 1); nothing recorded is ever evaluated again.
        int repeated = ends.Values.Sum(n => n - 1);
        Assert.True(repeated <= kills, $"{repeated} repeated evaluations after {kills} kills");
    }

    [Fact]
    public async Task Search_EightRandomKillsWithOneAttemptPerTrial_NoTrialFailsAndEndsAsUninterrupted()
    {
        // --max-attempts 1: an attempt ended by a dead worker must not count, or the first interrupted trial fails.
        string[] Args(string storage, double pause) =>
            ["search", "--study", "eight", "--storage", storage, "--budget", "49", "--evaluator", "command", "--command", _p.Command(pause),
             "--log-dir", Path.Combine(_p.Folder, "logs"), "--max-attempts", "1"];

        var reference = $"sqlite:{Path.Combine(_p.Folder, "reference.db")}";
        var (code, output, err) = await StudyProcesses.RunAsync(Args(reference, 0));
        Assert.True(code == 0, output + err);
        var expected = await StudyProcesses.TrialsAsync(reference, "eight");
        File.Delete(_p.Log);

        var crashed = $"sqlite:{Path.Combine(_p.Folder, "crashed.db")}";
        int kills = await KillAtRandomThenFinishAsync(Args(crashed, 0.3), new Random(11), rounds: 16, maxKills: 8, TimeSpan.FromMilliseconds(900), 1500);
        var trials = await StudyProcesses.TrialsAsync(crashed, "eight");

        Assert.Equal(8, kills);
        Assert.True(trials.Sum(t => t.Interruptions) >= 1, "no kill landed during an evaluation");
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(StudyProcesses.Outcome(expected), StudyProcesses.Outcome(trials));
        Assert.Equal(Best(expected), Best(trials));
        var ends = _p.Events().Where(e => e.Event == "end").GroupBy(e => e.Arch).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(ends.Values.Sum(n => n - 1) <= kills, $"{ends.Values.Sum(n => n - 1)} repeated evaluations after {kills} kills");
    }

    [Fact]
    public async Task Search_KilledTwiceInsideOneTrial_TrialCompletesWithoutUsingItsAttempts()
    {
        string[] Args(string storage) =>
            ["search", "--study", "twice", "--storage", storage, "--budget", "3", "--evaluator", "command", "--command", _p.Command(1.5),
             "--log-dir", Path.Combine(_p.Folder, "logs"), "--max-attempts", "2"];

        var reference = $"sqlite:{Path.Combine(_p.Folder, "reference.db")}";
        var (code, output, err) = await StudyProcesses.RunAsync(Args(reference));
        Assert.True(code == 0, output + err);
        var expected = await StudyProcesses.TrialsAsync(reference, "twice");
        File.Delete(_p.Log);

        var crashed = $"sqlite:{Path.Combine(_p.Folder, "crashed.db")}";
        for (int kill = 1; kill <= 2; kill++)
        {
            using var process = _p.Start(Args(crashed));
            // Kill while the first trial's trainer runs (its kill-th start is logged).
            while (_p.Events().Count(e => e.Event == "start" && e.Arch == expected[0].Architecture.ToString()) < kill)
            {
                Assert.False(process.HasExited, _p.OutputOf(process));
                await Task.Delay(50);
            }
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
        using (var last = _p.Start(Args(crashed)))
        {
            await last.WaitForExitAsync();
            Assert.True(last.ExitCode == 0, _p.OutputOf(last));
        }
        var trials = await StudyProcesses.TrialsAsync(crashed, "twice");

        Assert.Equal(StudyProcesses.Outcome(expected), StudyProcesses.Outcome(trials));
        Assert.Equal((TrialState.Complete, 3, 2, 1), (trials[0].State, trials[0].Attempts, trials[0].Interruptions, trials[0].AttemptsUsed));
    }

    // Starts the search again and again, SIGKILLing it after a random delay (at random points: start-up, proposing,
    // mid-evaluation, recording; the orphaned trainer may finish on its own), until maxKills kills landed or a run
    // finished first; then runs it once more to its end (exit 0). Returns the kills that landed.
    private async Task<int> KillAtRandomThenFinishAsync(string[] args, Random random, int rounds, int maxKills, TimeSpan minDelay, int spreadMs)
    {
        int kills = 0;
        for (int round = 0; round < rounds && kills < maxKills; round++)
        {
            using var process = _p.Start(args);
            await Task.Delay(minDelay + TimeSpan.FromMilliseconds(random.Next(spreadMs)));
            if (process.HasExited) break;
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
            kills++;
        }
        using var last = _p.Start(args);
        await last.WaitForExitAsync();
        Assert.True(last.ExitCode == 0, _p.OutputOf(last));
        return kills;
    }

    private static string Best(IEnumerable<Trial> trials) =>
        trials.Where(t => t.State == TrialState.Complete).OrderByDescending(t => t.Reward).ThenBy(t => t.Number).Select(t => $"{t.Number}:{t.Architecture}").First();
}
