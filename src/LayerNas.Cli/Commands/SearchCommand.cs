using System.CommandLine;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas search`: run a search.</summary>
public static class SearchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("search", "Search a space for the best architecture under a cost budget.");
        command.SetAction((ParseResult parse) => { console.Out.WriteLine("search: pending"); return 0; });
        return command;
    }
}
