using LayerNas.Studies;

namespace LayerNas.Cli.Tests.Studies;

/// <summary>
/// Real `layernas` processes on a real PostgreSQL (LAYERNAS_TEST_POSTGRES, started by scripts/test.sh; missing
/// is a failure, not a skip): many workers, a killed worker, a failing trainer, and passwords kept out of output.
/// </summary>
public sealed class WorkerTests : IDisposable
{
    private readonly StudyProcesses _p = new();

    public void Dispose() => _p.Dispose();

    private static string Postgres() =>
        Environment.GetEnvironmentVariable("LAYERNAS_TEST_POSTGRES") is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException(
                "LAYERNAS_TEST_POSTGRES is not set: run the tests with scripts/test.sh (it starts a throw-away PostgreSQL), or " +
                "`eval \"$(bash scripts/postgres-test.sh start)\"` and run dotnet test in that shell.");

    [Fact]
    public async Task Workers_FourProcessesOneKilledMidTrial_EveryTrialOnceAndSameAsOneWorker()
    {
        string study = $"many workers {Guid.NewGuid():N}";
        var url = Postgres();
        string[] Search(string storage, string name, double pause) =>
            // No greedy prelude: its trials go one at a time; the layerwise steps offer many trials at once to the workers.
            ["search", "--study", name, "--storage", storage, "--budget", "30", "--prelude-passes", "0", "--evaluator", "command", "--command", _p.Command(pause),
             "--log-dir", Path.Combine(_p.Folder, "logs"), "--lease", "2"];

        var reference = $"sqlite:{Path.Combine(_p.Folder, "reference.db")}";
        var (code, output, err) = await StudyProcesses.RunAsync(Search(reference, study, 0));
        Assert.True(code == 0, output + err);
        var expected = StudyProcesses.Outcome(await StudyProcesses.TrialsAsync(reference, study));
        File.Delete(_p.Log);

        // Workers first, waiting for the study, so that all four are up before the search starts on this busy machine.
        var workers = Enumerable.Range(0, 3).Select(_ => _p.Start("worker", "--study", study, "--storage", url, "--lease", "2", "--wait", "300",
            "--log-dir", Path.Combine(_p.Folder, "logs"))).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (workers.Any(w => !_p.OutputOf(w).Contains("waiting")) && DateTime.UtcNow < deadline) await Task.Delay(50);
        using var first = _p.Start(Search(url, study, 1.5)); // long enough that every worker gets trials even on a loaded machine
        var victim = workers[1];
        while (!_p.Events().Any(e => e.Event == "start" && e.Pid == victim.Id) && DateTime.UtcNow < deadline && !victim.HasExited) await Task.Delay(20);
        Assert.False(victim.HasExited, "the worker to kill finished before it started a trial: " + _p.OutputOf(victim));
        var killedArch = _p.Events().Last(e => e.Event == "start" && e.Pid == victim.Id).Arch;
        victim.Kill(entireProcessTree: true); // SIGKILL mid-trial: its trainer dies with it
        await victim.WaitForExitAsync();
        foreach (var p in workers.Where(w => w != victim).Append(first))
        {
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, _p.OutputOf(p));
        }
        var trials = await StudyProcesses.TrialsAsync(url, study);

        Assert.Equal(expected, StudyProcesses.Outcome(trials));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(trials.Count, trials.Select(t => t.Architecture).Distinct().Count());
        var killed = trials.Single(t => t.Architecture.ToString() == killedArch);
        Assert.Equal(2, killed.Attempts);
        Assert.Contains("lease of worker", killed.Error);
        var ends = _p.Events().Where(e => e.Event == "end").GroupBy(e => e.Arch).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(ends.Values, n => Assert.Equal(1, n));
        Assert.True(_p.Events().Select(e => e.Pid).Distinct().Count() >= 3, "fewer than three processes evaluated trials");
    }

    [Fact]
    public async Task Search_TrainerCrashesHangsOrPrintsGarbage_StudyFinishesWithFailuresAndReasons()
    {
        string study = $"flaky {Guid.NewGuid():N}";
        var storage = $"sqlite:{Path.Combine(_p.Folder, "flaky.db")}";
        var (code, output, err) = await StudyProcesses.RunAsync(
            "search", "--study", study, "--storage", storage, "--budget", "24", "--evaluator", "command", "--command", _p.Command(0, mode: 6),
            "--timeout", "1", "--max-attempts", "2", "--retry-delay", "0.01", "--parallel", "6", "--log-dir", Path.Combine(_p.Folder, "logs"));
        var trials = await StudyProcesses.TrialsAsync(storage, study);
        Assert.True(code == 0, output + err);
        Assert.Equal(24, trials.Count);
        var failed = trials.Where(t => t.State == TrialState.Failed).ToArray();
        Assert.Contains(failed, t => t.Error!.Contains("exited with code 3") && t.Error.Contains("training crashed"));
        Assert.Contains(failed, t => t.Error!.Contains("timed out after 1 s"));
        Assert.Contains(failed, t => t.Error!.Contains("not a JSON object"));
        Assert.All(failed, t => Assert.Equal(2, t.Attempts));
        Assert.Contains(trials, t => t.State == TrialState.Complete);
        Assert.Contains($"{failed.Length} failed", output);

        var show = await StudyProcesses.RunAsync("studies", "show", study, "--storage", storage);
        Assert.Equal(0, show.Code);
        Assert.Contains($"failures ({failed.Length}):", show.Out);
        Assert.Contains("timed out", show.Out);
    }

    [Fact]
    public async Task Output_PostgresPassword_NeverPrinted()
    {
        var url = Postgres();
        var password = new Uri(url.Replace("postgresql://", "http://")).UserInfo.Split(':')[1];
        string study = $"secret {Guid.NewGuid():N}";
        var runs = new[]
        {
            await StudyProcesses.RunAsync("search", "--study", study, "--storage", url, "--budget", "3"),
            await StudyProcesses.RunAsync("worker", "--study", study, "--storage", url),
            await StudyProcesses.RunAsync("studies", "list", "--storage", url),
            await StudyProcesses.RunAsync("studies", "show", study, "--storage", url),
            await StudyProcesses.RunAsync("studies", "show", "absent", "--storage", url),
            await StudyProcesses.RunAsync("studies", "list", "--storage", url.Replace(password, password + "x")),
            await StudyProcesses.RunAsync("bench-store", "--trials", "5", "--workers", "2", "--postgres", url),
        };
        Assert.Equal([0, 0, 0, 0, 2, 2, 0], runs.Select(r => r.Code));
        Assert.All(runs, r => Assert.DoesNotContain(password, r.Out + r.Err));
        Assert.Contains(":***@", runs[0].Err);
        Assert.Contains("password authentication failed", runs[5].Err);
    }
}
