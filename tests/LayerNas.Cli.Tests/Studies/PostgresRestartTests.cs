using System.Diagnostics;
using LayerNas.Studies;

namespace LayerNas.Cli.Tests.Studies;

/// <summary>
/// A real PostgreSQL server (a private throw-away cluster, so other tests' server is left alone) stopped for three
/// seconds and started again in the middle of a `layernas search`: the workers reconnect and the study finishes
/// with every trial evaluated exactly once and the trials of an uninterrupted run.
/// </summary>
public sealed class PostgresRestartTests : IDisposable
{
    private readonly StudyProcesses _p = new();
    private string? _data;

    public void Dispose()
    {
        if (_data is not null) Script("stop", _data);
        _p.Dispose();
    }

    private static string Script(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(TestPaths.RepositoryRoot, "scripts", "postgres-test.sh"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"postgres-test.sh {string.Join(' ', args)}: {error}");
        return output;
    }

    [Fact]
    public async Task Search_ServerRestartedMidStudy_ReconnectsAndEvaluatesEveryTrialOnce()
    {
        var exports = Script("start").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l["export ".Length..].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1].Trim('\''));
        _data = exports["LAYERNAS_TEST_PGDATA"];
        var url = exports["LAYERNAS_TEST_POSTGRES"];
        string[] Args(string storage, double pause) =>
            ["search", "--study", "restart", "--storage", storage, "--budget", "30", "--parallel", "2", "--evaluator", "command",
             "--command", _p.Command(pause), "--log-dir", Path.Combine(_p.Folder, "logs")];

        var reference = $"sqlite:{Path.Combine(_p.Folder, "reference.db")}";
        var (code, output, err) = await StudyProcesses.RunAsync(Args(reference, 0));
        Assert.True(code == 0, output + err);
        var expected = StudyProcesses.Outcome(await StudyProcesses.TrialsAsync(reference, "restart"));
        File.Delete(_p.Log);

        using var search = _p.Start(Args(url, 0.3));
        while (_p.Events().Count(e => e.Event == "end") < 6)
        {
            Assert.False(search.HasExited, _p.OutputOf(search));
            await Task.Delay(50);
        }
        Script("restart", _data, "3");
        int endsAtRestart = _p.Events().Count(e => e.Event == "end");
        await search.WaitForExitAsync();

        Assert.True(search.ExitCode == 0, _p.OutputOf(search));
        Assert.True(endsAtRestart < 30, "the search finished before the server was restarted");
        var trials = await StudyProcesses.TrialsAsync(url, "restart");
        Assert.Equal(expected, StudyProcesses.Outcome(trials));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        var ends = _p.Events().Where(e => e.Event == "end").GroupBy(e => e.Arch).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(trials.Select(t => t.Architecture.ToString()).Order(), ends.Keys.Order());
        Assert.All(ends, e => Assert.True(e.Value == 1, $"{e.Key} was evaluated {e.Value} times"));
        Assert.DoesNotContain(url.Split(':')[2].Split('@')[0], _p.OutputOf(search)); // the password
    }
}
