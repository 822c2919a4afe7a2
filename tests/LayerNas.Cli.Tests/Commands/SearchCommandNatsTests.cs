using System.Text.Json;

namespace LayerNas.Cli.Tests.Commands;

/// <summary>`layernas search` and `plan` on the NATS size space, with the three official sample files laid out like the official folder.</summary>
public sealed class SearchCommandNatsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "layernas-cli-nats-" + Guid.NewGuid().ToString("N"));

    public SearchCommandNatsTests()
    {
        Directory.CreateDirectory(_folder);
        var samples = Path.Combine(AppContext.BaseDirectory, "nats-sss-sample");
        File.Copy(Path.Combine(samples, "sss_meta.pickle.pbz2"), Path.Combine(_folder, "meta.pickle.pbz2"));
        foreach (var index in new[] { 0, 11, 284 })
            File.Copy(Path.Combine(samples, $"sss_{index:D6}.pickle.pbz2"), Path.Combine(_folder, $"{index:D6}.pickle.pbz2"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Search_NatsDirWithSamplesUnderSmallestBudget_FindsTheOnlyFeasibleNetwork()
    {
        // Only 8:8:8:8:8 (4.481114 MFLOPs) costs at most 4.5 MFLOPs on CIFAR-10, and its official file is there.
        var (code, stdout, stderr) = await CliRunner.RunAsync("search", "--benchmark", "nats-sss", "--nats-dir", _folder, "--max-cost", "4.5", "--budget", "10", "--json");

        Assert.True(code == 0, stderr);
        Assert.Contains("3 of 32,768 architectures read", stderr);
        using var json = JsonDocument.Parse(stdout);
        var best = json.RootElement.GetProperty("best");
        Assert.Equal("0-0-0-0-0", best.GetProperty("arch").GetString());
        Assert.Equal(66.48, best.GetProperty("reward").GetDouble(), 4);
        Assert.Equal(79.79, best.GetProperty("test_accuracy").GetDouble(), 4);
        Assert.Equal(4.481114, best.GetProperty("cost").GetDouble());
        Assert.Equal("0-0-0-0-0", json.RootElement.GetProperty("oracle").GetProperty("reward_arch").GetString());
    }

    [Fact]
    public async Task Search_NatsDirWithSamplesDefaultBudget_RunsAndCountsMissingFilesAsFailures()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("search", "--benchmark", "nats-sss-cifar100", "--nats-dir", _folder, "--budget", "5");

        Assert.NotEqual(CliApp.UsageError, code);
        Assert.Contains("3 of 32,768 architectures read", stderr);
        Assert.Contains("on nats-sss-cifar100", stdout);
        Assert.Contains("5 evaluations", stdout);
        // The networks LayerNAS tries first have no file among the samples; the reason names the file.
        Assert.Contains("is not in --nats-dir", stderr);
        Assert.Contains(_folder, stderr);
    }

    [Fact]
    public async Task Search_NatsWithoutDir_SaysScoringNeedsNatsDir()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("search", "--benchmark", "nats-sss");

        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("--nats-dir", stderr);
        Assert.Contains("NATS-sss-v1_0-50262-simple", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task Plan_NatsWithoutDir_CountsFromCostsAlone()
    {
        var json = await CliRunner.JsonAsync("plan", "--benchmark", "nats-sss", "--max-cost", "0.5x", "--json");

        Assert.Equal("nats-sss", json.GetProperty("benchmark").GetString());
        Assert.Equal(5, json.GetProperty("layers").GetInt32());
        Assert.InRange(json.GetProperty("upper_bound").GetInt32(), 8, 32_768);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("exact").ValueKind);
    }

    [Fact]
    public async Task Search_NatsDirWithoutMetaFile_NamesTheMissingFile()
    {
        File.Delete(Path.Combine(_folder, "meta.pickle.pbz2"));
        var (code, _, stderr) = await CliRunner.RunAsync("search", "--benchmark", "nats-sss", "--nats-dir", _folder);

        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains(Path.Combine(_folder, "meta.pickle.pbz2"), stderr);
    }
}
