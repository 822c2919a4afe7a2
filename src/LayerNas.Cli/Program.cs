namespace LayerNas.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) =>
        CliApp.RunAsync(args, new CliConsole(Console.Out, Console.Error, IsTerminal: !Console.IsOutputRedirected && !Console.IsErrorRedirected));
}
