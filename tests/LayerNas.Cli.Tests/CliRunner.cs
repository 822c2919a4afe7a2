using System.Text.Json;
using LayerNas.Cli;

namespace LayerNas.Cli.Tests;

/// <summary>Runs `layernas` in-process through <see cref="CliApp"/> and captures its output.</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static async Task<JsonElement> JsonAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        Assert.True(code == 0, $"exit {code}: {error}");
        return JsonDocument.Parse(output).RootElement;
    }
}
