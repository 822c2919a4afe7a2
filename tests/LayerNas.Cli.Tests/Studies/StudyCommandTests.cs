namespace LayerNas.Cli.Tests.Studies;

/// <summary>`search --study`, `worker` and `studies` through the CLI: usage errors are one clear message and exit code 2.</summary>
public sealed class StudyCommandTests : IDisposable
{
    private readonly StudyProcesses _p = new();

    public void Dispose() => _p.Dispose();

    private string Db => $"sqlite:{Path.Combine(_p.Folder, "s.db")}";

    [Fact]
    public async Task Search_StorageWithoutStudy_UsageError()
    {
        var (code, _, err) = await StudyProcesses.RunAsync("search", "--storage", Db, "--budget", "2");
        Assert.Equal(2, code);
        Assert.Contains("error: --storage needs --study NAME", err);
    }

    [Fact]
    public async Task Search_CommandEvaluatorWithoutCommand_UsageError()
    {
        var (code, _, err) = await StudyProcesses.RunAsync("search", "--study", "s", "--storage", Db, "--evaluator", "command");
        Assert.Equal(2, code);
        Assert.Contains("error: --command is needed with evaluator kind command", err);
    }

    [Fact]
    public async Task Search_StudyNameWithNewline_UsageError()
    {
        var (code, _, err) = await StudyProcesses.RunAsync("search", "--study", "a\nb", "--storage", Db, "--budget", "2");
        Assert.Equal(2, code);
        Assert.Contains("control characters", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task Worker_UnknownStudy_UsageErrorNamingIt()
    {
        var (code, _, err) = await StudyProcesses.RunAsync("worker", "--study", "nope", "--storage", Db);
        Assert.Equal(2, code);
        Assert.Contains("There is no study named 'nope'", err);
    }

    [Fact]
    public async Task Search_ResumedWithOtherSeed_RefusedAndLargerBudgetContinues()
    {
        var first = await StudyProcesses.RunAsync("search", "--study", "grow", "--storage", Db, "--budget", "5");
        var otherSeed = await StudyProcesses.RunAsync("search", "--study", "grow", "--storage", Db, "--budget", "5", "--seed", "4");
        var grown = await StudyProcesses.RunAsync("search", "--study", "grow", "--storage", Db, "--budget", "9");
        var list = await StudyProcesses.RunAsync("studies", "list", "--storage", Db);
        Assert.Equal((0, 2, 0), (first.Code, otherSeed.Code, grown.Code));
        Assert.Contains("5 evaluations", first.Out);
        Assert.Contains("seed '0', not '4'", otherSeed.Err);
        Assert.Contains("resuming after 5 finished trials", grown.Err);
        Assert.Contains("9 evaluations", grown.Out);
        Assert.Contains("grow", list.Out);
        Assert.Contains("9/9", list.Out);
        var trials = await StudyProcesses.TrialsAsync(Db, "grow");
        Assert.Equal(9, trials.Select(t => t.Architecture).Distinct().Count());
    }

    [Fact]
    public async Task Search_TrainerSettings_InTrialFileAndChangingThemOnResumeRefused()
    {
        string[] Args(string epochs) =>
            ["search", "--study", "set", "--storage", Db, "--budget", "2", "--evaluator", "command", "--command", _p.Command(0),
             "--setting", $"epochs={epochs}", "--setting", "dataset=fashion-mnist", "--log-dir", Path.Combine(_p.Folder, "logs")];
        var first = await StudyProcesses.RunAsync(Args("5"));
        var changed = await StudyProcesses.RunAsync(Args("50"));
        Assert.Equal((0, 2), (first.Code, changed.Code));
        Assert.Contains("evaluator 'command dataset=fashion-mnist epochs=5', not 'command dataset=fashion-mnist epochs=50'", changed.Err);
        var trialFile = Directory.GetFiles(Path.Combine(_p.Folder, "logs"), "trial.json", SearchOption.AllDirectories).First();
        var trial = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(trialFile))!;
        Assert.Equal(5, (int)trial["epochs"]!);
        Assert.Equal("fashion-mnist", (string?)trial["settings"]!["dataset"]);
    }

    [Fact]
    public async Task Search_NetworkSpaceWithCommand_TrialFileCarriesNetworkSpec()
    {
        var run = await StudyProcesses.RunAsync("search", "--study", "net", "--storage", Db, "--space", "mobilenet-v3-small-32", "--budget", "2",
            "--evaluator", "command", "--command", _p.Command(0), "--log-dir", Path.Combine(_p.Folder, "logs"));
        Assert.True(run.Code == 0, run.Out + run.Err);
        var trialFile = Directory.GetFiles(Path.Combine(_p.Folder, "logs"), "trial.json", SearchOption.AllDirectories).First();
        var trial = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(trialFile))!;
        Assert.NotNull(trial["spec"]!["blocks"]);
        Assert.Equal(11, trial["layers"]!.AsArray().Count);
    }
}
