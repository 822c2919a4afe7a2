namespace LayerNas.Cli.Tests;

public class CliHelpTests
{
    [Fact]
    public async Task Version_Flag_PrintsPackageVersion()
    {
        var (code, output, _) = await CliRunner.RunAsync("--version");

        Assert.Equal(0, code);
        Assert.StartsWith("0.1.0", output.Trim());
    }

    [Fact]
    public async Task Help_Root_ListsCommandsExamplesAndExitCodes()
    {
        var (code, output, _) = await CliRunner.RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("Commands:", output);
        Assert.Contains("Examples:", output);
        Assert.Contains("Exit codes: 0 success, 1 failure", output);
    }

    [Fact]
    public async Task Help_EveryCommand_HasExamples()
    {
        var root = CliApp.Build(new CliConsole(TextWriter.Null, TextWriter.Null));
        foreach (var command in root.Subcommands)
        {
            var (code, output, _) = await CliRunner.RunAsync(command.Name, "--help");

            Assert.Equal(0, code);
            Assert.True(output.Contains("Examples:") && output.Contains($"layernas {command.Name}"), $"`layernas {command.Name} --help` shows no examples");
        }
    }

    [Fact]
    public async Task UnknownOption_ExitsWithUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("plan", "--no-such-option");

        Assert.Equal(2, code);
        Assert.Contains("error:", error);
    }

    [Fact]
    public async Task SuggestDirective_PartialCommand_CompletesIt()
    {
        var (code, output, _) = await CliRunner.RunAsync("[suggest:2]", "pl");

        Assert.Equal(0, code);
        Assert.Equal("plan", output.Trim());
    }
}
