using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace LayerNas.Cli;

/// <summary>
/// Adds an "Examples:" section and the exit codes to <c>--help</c>. Each command registers its examples with
/// <see cref="AddExamples"/> in its <c>Create</c>; <see cref="Install"/> (called once by <see cref="CliApp.Build"/>)
/// wraps the default help so every command shows them.
/// </summary>
public static class CliHelp
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = new();

    /// <summary>Command lines shown under "Examples:" in the help of <paramref name="command"/>, each with an optional "  # comment".</summary>
    public static Command AddExamples(Command command, params string[] examples)
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    /// <summary>The examples registered for <paramref name="command"/> (empty when none).</summary>
    public static IReadOnlyList<string> ExamplesOf(Command command) => Examples.TryGetValue(command, out var e) ? e : [];

    /// <summary>True when the command line asks for help (then parse errors such as missing options are not reported).</summary>
    public static bool IsHelp(ParseResult parse) => parse.Action is HelpAction or ExamplesHelpAction;

    /// <summary>
    /// Replaces the help action of <paramref name="root"/> with one that also prints examples and exit codes, and
    /// makes <c>--version</c> print this tool's version (not the host's, e.g. a test runner's).
    /// </summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction original) help.Action = new ExamplesHelpAction(original);
        root.Options.OfType<VersionOption>().Single().Action = new ToolVersionAction();
    }

    /// <summary>The informational version of the CLI assembly, e.g. <c>0.1.0+commit</c>.</summary>
    public static string Version =>
        typeof(CliHelp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliHelp).Assembly.GetName().Version?.ToString() ?? "unknown";

    private sealed class ToolVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return 0;
        }
    }

    private sealed class ExamplesHelpAction(HelpAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            inner.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            var command = parseResult.CommandResult.Command;
            var examples = ExamplesOf(command);
            if (examples.Count > 0)
            {
                output.WriteLine("Examples:");
                foreach (var e in examples) output.WriteLine($"  {e}");
                output.WriteLine();
            }
            output.WriteLine("Exit codes: 0 success, 1 failure (a run that could not finish), 2 usage error (bad option or input).");
            if (command is RootCommand)
                output.WriteLine("Docs: docs/cli.md. Shell completion: see docs/cli.md#shell-completion.");
            output.WriteLine();
            return 0;
        }
    }
}
