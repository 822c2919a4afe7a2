using System.Text.Json;
using LayerNas.Cli.Tests.Studies;

namespace LayerNas.Cli.Tests.Commands;

/// <summary>What the commands print is true: labels, fronts, oracle lines, units, budgets and notes (issue: the output tells the truth).</summary>
public sealed class OutputTruthTests : IDisposable
{
    private readonly StudyProcesses _p = new();

    public void Dispose() => _p.Dispose();

    private string Db => $"sqlite:{Path.Combine(_p.Folder, "s.db")}";

    [Fact]
    public async Task Search_TieForTheBestReward_CountsAsFound()
    {
        // Two cells of NB201 CIFAR-100 share the best reward 61.32: the search found one of them.
        var (code, output, error) = await StudyProcesses.RunAsync("search", "--benchmark", "nb201-cifar100", "--max-cost", "none", "-q");
        Assert.True(code == 0, error);
        Assert.Contains("reward 61.320", output);
        Assert.Contains("[found]", output);
        Assert.DoesNotContain("[missed]", output);
    }

    [Fact]
    public async Task Search_TableScoredByACommand_PrintsNoOracleOfTheTablesRewards()
    {
        var (code, output, error) = await StudyProcesses.RunAsync("search", "--command", _p.Command(0), "--budget", "3",
            "--log-dir", Path.Combine(_p.Folder, "logs"), "-q");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("Oracle:", output);
        Assert.Contains("reward: the training command's reward", output);
    }

    [Fact]
    public async Task Search_StandInReward_LabelledInTextJsonAndReport()
    {
        var (code, text, error) = await StudyProcesses.RunAsync("search", "--space", "mobilenet-v3-small", "--budget", "4", "--study", "s", "--storage", Db, "-q");
        Assert.True(code == 0, error);
        Assert.Contains("reward: stand-in", text);
        Assert.Matches(@"Best: .* reward [0-9.]+ \(stand-in\)", text);
        Assert.Contains("* stand-in reward: not accuracy", text);
        var json = await CliRunner.JsonAsync("search", "--space", "mobilenet-v3-small", "--budget", "4", "--json", "-q");
        Assert.True(json.GetProperty("stand_in").GetBoolean());
        Assert.StartsWith("stand-in", json.GetProperty("reward_name").GetString());
        var out_ = Path.Combine(_p.Folder, "report");
        var report = await StudyProcesses.RunAsync("report", "--study", "s", "--storage", Db, "--out", out_, "-q");
        Assert.True(report.Code == 0, report.Err);
        var html = await File.ReadAllTextAsync(Path.Combine(out_, "report.html"));
        Assert.Contains("id=\"stand-in\"", html);
        Assert.Contains("reward (stand-in)", html);
    }

    [Fact]
    public async Task Search_TrainerReportingAStandIn_LabelledAsSuch()
    {
        var trainer = Path.Combine(_p.Folder, "standin.sh");
        await File.WriteAllTextAsync(trainer, "#!/bin/sh\necho '{\"reward\": 70.5, \"metrics\": {\"stand_in\": 1}}'\n");
        var (code, output, error) = await StudyProcesses.RunAsync("search", "--command", $"sh {trainer}", "--budget", "2",
            "--log-dir", Path.Combine(_p.Folder, "logs"), "-q");
        Assert.True(code == 0, error);
        Assert.Contains("reward: stand-in (the trainer reported stand_in", output);
        Assert.Contains("reward 70.500 (stand-in)", output);
    }

    [Fact]
    public async Task Search_NetworkSpace_BestArchitectureDecodedIntoBlockSettings()
    {
        var (code, output, error) = await StudyProcesses.RunAsync("search", "--space", "mobilenet-v3-small", "--budget", "3", "-q");
        Assert.True(code == 0, error);
        Assert.Matches(@"\n       block0=k\d-x\d+-c\d+", output);
    }

    [Fact]
    public async Task Search_Front_IsParetoAndBestPerBucketIsShownAsSuchWithRanges()
    {
        var json = await CliRunner.JsonAsync("search", "--json", "-q");
        var front = json.GetProperty("front").EnumerateArray().Select(p => (Cost: p.GetProperty("cost").GetDouble(), Reward: p.GetProperty("reward").GetDouble())).ToArray();
        for (int i = 1; i < front.Length; i++) Assert.True(front[i].Cost >= front[i - 1].Cost && front[i].Reward > front[i - 1].Reward);
        var buckets = json.GetProperty("best_per_bucket").EnumerateArray().ToArray();
        var ranges = json.GetProperty("bucket_ranges").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(8, buckets.Length);
        Assert.All(buckets, b =>
        {
            var r = ranges[b.GetProperty("bucket").GetInt32()];
            Assert.True(r[0] < r[1]);
        });
        // The seed's example: 2-1-4-1-2-2 is its bucket's best and dominated by 2-1-4-1-0-2, so it is not on the Pareto front.
        Assert.Contains(buckets, b => b.GetProperty("arch").GetString() == "2-1-4-1-2-2");
        Assert.DoesNotContain(json.GetProperty("front").EnumerateArray(), p => p.GetProperty("arch").GetString() == "2-1-4-1-2-2");
        var (_, text, _) = await StudyProcesses.RunAsync("search", "-q");
        Assert.Contains("  [19.58, 43.17) 2-1-4-1-2-2", text);
    }

    [Fact]
    public async Task Search_StrategyThatNeverFinishes_GetsAndPrintsADefaultBudget()
    {
        var (code, output, error) = await StudyProcesses.RunAsync("search", "--strategy", "evolution");
        Assert.True(code == 0, error);
        var budget = int.Parse(System.Text.RegularExpressions.Regex.Match(error, @"it stops after (\d+) trials").Groups[1].Value);
        Assert.InRange(budget, 100, 1000);
        Assert.Contains($": {budget} evaluations", output);
    }

    [Fact]
    public async Task Search_JsonOutput_ProgressStaysOffStderrUnlessAskedFor()
    {
        var plain = await StudyProcesses.RunAsync("search", "--json");
        Assert.DoesNotContain("{\"study\"", plain.Err);
        Assert.True(plain.Err.Split('\n').Length < 40, plain.Err);
        JsonDocument.Parse(plain.Out);
        var lines = await StudyProcesses.RunAsync("search", "--json", "--progress", "json");
        Assert.True(lines.Err.Split('\n').Count(l => l.StartsWith("{\"study\"")) > 100);
    }

    [Fact]
    public async Task Search_Quiet_NoNotesOnStderr()
    {
        var (code, _, error) = await StudyProcesses.RunAsync("search", "--study", "q", "--storage", Db, "-q");
        Assert.Equal(0, code);
        Assert.Equal("", error.Trim());
    }

    [Fact]
    public async Task Search_CsvCosts_NoMadeUpUnits()
    {
        var table = Path.Combine(_p.Folder, "t.csv");
        await File.WriteAllLinesAsync(table, ["arch,acc,madds", "0-0,1,10", "0-1,2,20", "1-0,3,30", "1-1,4,40"]);
        var (code, output, error) = await StudyProcesses.RunAsync("search", "--table", table, "--reward", "acc", "--cost", "madds", "--max-cost", "30", "-q");
        Assert.True(code == 0, error);
        Assert.Contains("madds <= 30:", output);
        Assert.DoesNotContain("madds (madds)", output);
        Assert.DoesNotContain("30 madds", output);
    }

    [Fact]
    public async Task Plan_ConstraintWithItsUnit()
    {
        var (code, output, error) = await StudyProcesses.RunAsync("plan");
        Assert.True(code == 0, error);
        Assert.Contains("flops <= 110.06 MFLOPs", output);
    }

    [Fact]
    public async Task StudiesShowAndList_ReadableBoundsAndNoDatabaseCreatedByReading()
    {
        var missing = Path.Combine(_p.Folder, "none.db");
        var list = await StudyProcesses.RunAsync("studies", "list", "--storage", $"sqlite:{missing}");
        var bare = await StudyProcesses.RunAsync("studies", "--storage", $"sqlite:{missing}");
        var show = await StudyProcesses.RunAsync("studies", "show", "x", "--storage", $"sqlite:{missing}");
        var report = await StudyProcesses.RunAsync("report", "--study", "x", "--storage", $"sqlite:{missing}");
        Assert.Equal((0, 0, 2, 2), (list.Code, bare.Code, show.Code, report.Code));
        Assert.Contains("0 studies", list.Err);
        Assert.Contains("0 studies", bare.Err);
        Assert.False(File.Exists(missing));

        await StudyProcesses.RunAsync("search", "--study", "s", "--storage", Db, "--budget", "3", "-q");
        var shown = await StudyProcesses.RunAsync("studies", "show", "s", "--storage", Db);
        Assert.Contains("cost       flops <= 110.06", shown.Out);
        Assert.DoesNotContain("Infinity", shown.Out);
        var listed = await StudyProcesses.RunAsync("studies", "--storage", Db);
        Assert.Contains("s ", listed.Out);
    }

    [Fact]
    public async Task Export_StudyOfASpaceFile_ExportsLikeReportAndWorkerRead_AndQuietPrintsNoNotes()
    {
        var space = Path.Combine(_p.Folder, "tiny.yaml");
        File.Copy(TestPaths.Example("tiny-space.yaml"), space);
        var search = await StudyProcesses.RunAsync("search", "--space", space, "--max-cost", "none", "--budget", "4", "--study", "f", "--storage", Db, "-q");
        Assert.True(search.Code == 0, search.Err);
        var export = await StudyProcesses.RunAsync("export", "--study", "f", "--storage", Db, "--out", Path.Combine(_p.Folder, "model") + "/", "-q");
        Assert.True(export.Code == 0, export.Err);
        Assert.Equal("", export.Err.Trim());
        Assert.Contains("exported tiny-mobile", export.Out);
        Assert.True(File.Exists(Path.Combine(_p.Folder, "model", "model.onnx")));
    }
}
