using System.CommandLine;
using LayerNas.Cli.Commands;

namespace LayerNas.Cli;

/// <summary>
/// Builds the `layernas` command tree and runs it. Exit codes: 0 success, 1 failure, 2 usage error
/// (bad option, bad input file, impossible budget) with one clear message on stderr, 130 stopped by its
/// cancellation token (the program maps SIGTERM's to 143).
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Interrupted = 130;

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("LayerNas: cost-constrained neural architecture search (LayerNAS).");
        root.Subcommands.Add(SearchCommand.Create(console));
        root.Subcommands.Add(PlanCommand.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(CostCommand.Create(console));
        root.Subcommands.Add(SpacesCommand.Create(console));
        root.Subcommands.Add(WorkerCommand.Create(console));
        root.Subcommands.Add(StudiesCommand.Create(console));
        root.Subcommands.Add(BenchStoreCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(BenchLatencyCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        CliHelp.AddExamples(root,
            "layernas plan --benchmark nb201-cifar10 --cost flops --max-cost 0.5x # how many evaluations, before any training",
            "layernas search --benchmark nb201-cifar10 --cost flops --max-cost 0.5x --study demo",
            "layernas report --study demo --out report/                          # report/report.html",
            "layernas COMMAND --help                                             # options and examples of a command");
        CliHelp.Install(root);
        return root;
    }

    // The recipe file of a command line (--config), as given, for errors about settings it set.
    private static string? ConfigFile(ParseResult parsed) =>
        parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--config") is { } option && parsed.GetResult(option) is { Implicit: false } result
            ? result.GetValueOrDefault<FileInfo?>()?.FullName
            : null;

    /// <summary>
    /// <paramref name="text"/> with control characters (other than line breaks and tabs) written as \u escapes: user text in a
    /// message (a CSV header, a file name) must not drive the terminal (ANSI escape sequences, a bell, a carriage return).
    /// </summary>
    public static string Printable(string text) =>
        text.Any(IsEscaped) ? string.Concat(text.Select(c => IsEscaped(c) ? $"\\u{(int)c:x4}" : c.ToString())) : text;

    private static bool IsEscaped(char c) => char.IsControl(c) && c is not '\n' and not '\t';

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliConsole(output, error), cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var (output, error) = (console.Out, console.Error);
        var root = Build(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !CliHelp.IsHelp(parsed))
        {
            foreach (var e in parsed.Errors) error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run `layernas --help` (or `layernas COMMAND --help`) for usage.");
            return UsageError;
        }
        try
        {
            // Signals are the caller's (Program's TerminationSignals): System.CommandLine's own handler would end the process
            // two seconds after Ctrl+C, before trainers are stopped and trials given back.
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            }, cancellationToken);
        }
        catch (UserInputException ex)
        {
            error.WriteLine($"error: {Printable(Options.SettingFlags.Describe(ex, parsed, ConfigFile(parsed)))}");
            return UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("interrupted: stopped cleanly; trials in progress were given back, and the same command resumes a study.");
            return Interrupted;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("LAYERNAS_DEBUG") is null)
        {
            // A bug or an environment problem, not a usage error: say what happened without a stack trace.
            error.WriteLine($"error: {ex.GetType().Name}: {Printable(ex.Message)}");
            error.WriteLine("This is not a usage error; set LAYERNAS_DEBUG=1 for the stack trace and report it.");
            return Failure;
        }
    }
}
