namespace LayerNas.Cli.Tests.Commands;

public class SearchReportOptionTests
{
    [Fact]
    public async Task Search_WithReport_WritesReportAndKeepsStdoutTheResult()
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("layernas-cli-report-").FullName, "r");

        var (code, output, error) = await CliRunner.RunAsync("search", "--benchmark", "nas-bench-macro", "--max-cost", "0.6x", "--report", dir);

        Assert.Equal(0, code);
        Assert.StartsWith("layernas on nas-bench-macro", output);
        foreach (var f in new[] { "report.html", "front.png", "memorial.png", "progress-evaluations.png", "progress-time.png" })
        {
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
            Assert.Contains(Path.Combine(dir, f), error);
        }
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "report.html"));
        Assert.Contains("nas-bench-macro", html);
        Assert.Contains("id=\"front-table\"", html);
    }
}
