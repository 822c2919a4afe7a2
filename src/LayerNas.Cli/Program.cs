namespace LayerNas.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var signals = new TerminationSignals();
        int code = await CliApp.RunAsync(args, new CliConsole(Console.Out, Console.Error, IsTerminal: !Console.IsOutputRedirected && !Console.IsErrorRedirected),
            signals.Token);
        return code == CliApp.Interrupted && signals.ExitCode is { } signal ? signal : code;
    }
}
