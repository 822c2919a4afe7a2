using LayerNas.Evaluation;

namespace LayerNas.Cli.Tests.Studies;

/// <summary>
/// `--cost latency` keeps the cost contract: the search prunes and buckets with the lookup table (pure, exact), and
/// each evaluated network's measured latency is a trial metric. So a study that stops, is resumed and is joined by a
/// worker makes the trials of one uninterrupted process, although every measurement is noisy.
/// </summary>
public sealed class LatencyStudyTests : IDisposable
{
    private readonly StudyProcesses _p = new();

    public void Dispose() => _p.Dispose();

    private string Db => $"sqlite:{Path.Combine(_p.Folder, "lat.db")}";

    [Fact]
    public async Task LatencyStudy_StoppedResumedAndJoinedByAWorker_SameTrialsAsUninterrupted()
    {
        var space = Path.Combine(_p.Folder, "tiny.yaml");
        File.Copy(TestPaths.Example("tiny-space.yaml"), space);
        var lut = Path.Combine(_p.Folder, "lut.json");
        string[] Search(string study) =>
            ["search", "--space", space, "--cost", "latency", "--max-cost", "0.7x", "--latency-table", lut, "--study", study, "--storage", Db,
             "--budget", "14", "--window", "3", "--command", _p.Command(0.25), "--log-dir", Path.Combine(_p.Folder, "logs"), "-q"];

        var uninterrupted = await StudyProcesses.RunAsync(Search("one")); // measures the lookup table once and saves it
        Assert.True(uninterrupted.Code == 0, uninterrupted.Err);
        Assert.True(File.Exists(lut));

        // Killed after a few trials, then resumed while a worker joins.
        var first = _p.Start(Search("parts"));
        while ((await StudyProcesses.TrialsAsync(Db, "parts").ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : [])).Count(t => t.IsFinished) < 4)
        {
            Assert.False(first.HasExited, _p.OutputOf(first));
            await Task.Delay(100);
        }
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var worker = _p.Start("worker", "--study", "parts", "--storage", Db, "--log-dir", Path.Combine(_p.Folder, "logs"), "-q");
        var resumed = await StudyProcesses.RunAsync(Search("parts"));
        Assert.True(resumed.Code == 0, resumed.Err);
        Assert.True(worker.WaitForExit(120_000), "the worker did not finish");
        Assert.True(worker.ExitCode == 0, _p.OutputOf(worker));

        var one = await StudyProcesses.TrialsAsync(Db, "one");
        var parts = await StudyProcesses.TrialsAsync(Db, "parts");
        Assert.Equal(14, one.Count);
        Assert.Equal(StudyProcesses.Outcome(one), StudyProcesses.Outcome(parts));
        // Every evaluated network was measured, by whichever process evaluated it.
        Assert.All(parts, t => Assert.True(t.Metrics[MetricNames.LatencyMs] > 0));
    }
}
