using System.CommandLine;

namespace LayerNas.Cli.Progress;

/// <summary>The <c>--json</c> and <c>--quiet</c> options shared by the commands that show progress, and how they pick a <see cref="ProgressMode"/>.</summary>
public sealed class ProgressOptions
{
    private readonly bool _ownsJson;

    /// <param name="json">The command's own <c>--json</c> (machine-readable result on stdout), if it has one: then
    /// progress also becomes JSON lines, on stderr. Null: this class makes the option.</param>
    public ProgressOptions(Option<bool>? json = null)
    {
        _ownsJson = json is null;
        Json = json ?? new Option<bool>("--json") { Description = "Machine-readable output: progress as JSON lines on stderr." };
    }

    public Option<bool> Json { get; }

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Show no progress on stderr; print only the result." };

    /// <summary>Adds <c>--quiet</c> (and <c>--json</c> when this class made it) to <paramref name="command"/>.</summary>
    public ProgressOptions AddTo(Command command)
    {
        if (_ownsJson) command.Options.Add(Json);
        command.Options.Add(Quiet);
        return this;
    }

    /// <summary>The mode chosen on the command line (--quiet wins over --json).</summary>
    public ProgressMode Mode(ParseResult parse) =>
        parse.GetValue(Quiet) ? ProgressMode.Quiet : parse.GetValue(Json) ? ProgressMode.Json : ProgressMode.Auto;
}
