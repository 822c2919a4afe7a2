using System.CommandLine;

namespace LayerNas.Cli.Progress;

/// <summary>The <c>--json</c> and <c>--quiet</c> options shared by the commands that show progress, and how they pick a <see cref="ProgressMode"/>.</summary>
public sealed class ProgressOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Write progress as JSON lines on stderr (one object per finished trial), for machines." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Show no progress; print only the result." };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public ProgressOptions AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Quiet);
        return this;
    }

    /// <summary>The mode chosen on the command line (--quiet wins over --json).</summary>
    public ProgressMode Mode(ParseResult parse) =>
        parse.GetValue(Quiet) ? ProgressMode.Quiet : parse.GetValue(Json) ? ProgressMode.Json : ProgressMode.Auto;
}
