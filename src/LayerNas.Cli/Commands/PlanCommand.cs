using System.CommandLine;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas plan`: how many evaluations a LayerNAS search will make, before any training.</summary>
public static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("plan", "Count the evaluations a LayerNAS search will make, before any training.");
        command.SetAction((ParseResult parse) => { console.Out.WriteLine("plan: pending"); return 0; });
        return command;
    }
}
