namespace LayerNas.Cli.Tests.Commands;

public class ReportCommandTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("layernas-report-cmd-").FullName;

    [Fact]
    public async Task Report_StoredLayerNasStudy_WritesReportWithReplayedMemorialTables()
    {
        var dir = TempDir();
        string storage = $"sqlite:{Path.Combine(dir, "studies.db")}";
        var search = await CliRunner.RunAsync("search", "--benchmark", "nas-bench-macro", "--max-cost", "0.6x", "--study", "macro", "--storage", storage, "-q");
        Assert.True(search.Code == 0, search.Err);

        var (code, output, error) = await CliRunner.RunAsync("report", "--study", "macro", "--storage", storage, "--out", Path.Combine(dir, "out"));

        Assert.True(code == 0, error);
        var paths = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(Path.Combine(dir, "out", "report.html"), paths[0]);
        Assert.Equal(5, paths.Length);
        var html = await File.ReadAllTextAsync(paths[0]);
        Assert.Contains("id=\"memorial-heatmap\"", html);
        Assert.Contains("final memorial table", html);
        Assert.DoesNotContain("class=\"note\"", html);
        Assert.Contains("macro", html);
    }

    [Fact]
    public async Task Report_UnknownStudy_UsageErrorNamingIt()
    {
        var dir = TempDir();

        var (code, _, error) = await CliRunner.RunAsync("report", "--study", "nope", "--storage", $"sqlite:{Path.Combine(dir, "s.db")}", "--out", dir);

        Assert.Equal(2, code);
        Assert.Contains("nope", error);
        Assert.False(File.Exists(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public async Task Report_WithoutStudy_UsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("report", "--out", TempDir());

        Assert.Equal(2, code);
        Assert.Contains("--study", error);
    }
}
