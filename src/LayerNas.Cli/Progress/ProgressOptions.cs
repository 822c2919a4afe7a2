using System.CommandLine;

namespace LayerNas.Cli.Progress;

/// <summary>The <c>--progress</c> and <c>--quiet</c> options shared by the commands that show progress, and how they pick a <see cref="ProgressMode"/>.</summary>
public sealed class ProgressOptions
{
    public Option<ProgressMode?> Progress { get; } = new("--progress")
    {
        Description = "How progress is shown on stderr: auto (a live panel on a terminal, a plain line every few seconds otherwise), live, plain, json (one JSON object per finished trial) or quiet.",
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Show no progress and no notes on stderr; print only the result (errors still go to stderr)." };

    /// <summary>Adds <c>--progress</c> and <c>--quiet</c> to <paramref name="command"/>.</summary>
    public ProgressOptions AddTo(Command command)
    {
        command.Options.Add(Progress);
        command.Options.Add(Quiet);
        return this;
    }

    /// <summary>The mode chosen on the command line (--quiet wins); <c>--json</c> output on stdout does not change it.</summary>
    public ProgressMode Mode(ParseResult parse) =>
        parse.GetValue(Quiet) ? ProgressMode.Quiet : parse.GetValue(Progress) ?? ProgressMode.Auto;

    /// <summary>True unless <c>--quiet</c>: whether notes (which study, which store) go to stderr.</summary>
    public bool Notes(ParseResult parse) => !parse.GetValue(Quiet);
}
