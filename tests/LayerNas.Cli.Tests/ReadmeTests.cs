using System.Text.RegularExpressions;
using LayerNas.Cli.Tests.Studies;
using LayerNas.Evaluation;

namespace LayerNas.Cli.Tests;

/// <summary>
/// The README is run, not just read: its tour shows exactly what the command prints (written by
/// scripts/readme-tour.sh), and every `layernas` command of its tour, studies and report sections runs from a
/// checkout's point of view — a fresh folder with the repository's examples — as a real process. (The install
/// commands are checked by scripts/check-install.sh, which scripts/test.sh runs.)
/// </summary>
public sealed class ReadmeTests : IDisposable
{
    private readonly StudyProcesses _p = new();

    public void Dispose() => _p.Dispose();

    private static string Root => TestPaths.RepositoryRoot;

    private static string Readme => File.ReadAllText(Path.Combine(Root, "README.md"));

    [Fact]
    public async Task Tour_ReadmeShowsExactlyWhatSearchPrints()
    {
        var (code, output, error) = await StudyProcesses.RunAsync("search", "-q");
        Assert.True(code == 0, error);
        var readme = Readme;
        var tour = readme[readme.IndexOf("<!-- tour:begin", StringComparison.Ordinal)..readme.IndexOf("<!-- tour:end -->", StringComparison.Ordinal)];
        var block = tour.Split("$ bash scripts/run.sh search\n", 2)[1].Split("```", 2)[0];
        Assert.True(block.TrimEnd() == output.TrimEnd().Replace("\r", ""), "README.md's tour is not what `layernas search` prints now: run bash scripts/readme-tour.sh");
        int evaluations = int.Parse(Regex.Match(output, @": (\d+) evaluations").Groups[1].Value);
        Assert.Contains($"{evaluations} of 15,625 cells were trained", tour);
    }

    [Fact]
    public async Task EveryLayernasCommandOfTheReadme_RunsFromACheckout()
    {
        var postgres = Environment.GetEnvironmentVariable("LAYERNAS_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(postgres), "LAYERNAS_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts a PostgreSQL server");
        CopyDirectory(Path.Combine(Root, "examples"), Path.Combine(_p.Folder, "examples"));
        var commands = Commands(Readme).ToList();
        Assert.True(commands.Count >= 15, $"only {commands.Count} commands found in README.md");
        foreach (var line in commands)
        {
            var words = ArgumentSplitter.Split(line.Replace("postgresql://nas:PASSWORD@db:5432/nas", postgres));
            var args = words.SkipWhile(w => w is "layernas" or "bash" or "scripts/run.sh").ToArray();
            var process = _p.Start(args);
            Assert.True(process.WaitForExit(300_000), $"`{line}` did not finish in 5 minutes");
            Assert.True(process.ExitCode == 0, $"`{line}` exited {process.ExitCode}:\n{_p.OutputOf(process)}");
        }
        // What the commands left behind is what the README says they make.
        Assert.True(File.Exists(Path.Combine(_p.Folder, "layernas.db")));
        Assert.True(File.Exists(Path.Combine(_p.Folder, "report", "report.html")));
        Assert.True(File.Exists(Path.Combine(_p.Folder, "model", "model.onnx")));
        var show = await StudyProcesses.RunAsync("studies", "show", "big", "--storage", postgres!);
        Assert.Contains("trials     20: 20 complete", show.Out);
    }

    // The `layernas` (or `bash scripts/run.sh`) lines of the README's bash blocks, without comments; not the install section's.
    private static IEnumerable<string> Commands(string readme)
    {
        var install = readme.IndexOf("## Install the `layernas` tool", StringComparison.Ordinal);
        var next = readme.IndexOf("\n## ", install + 1, StringComparison.Ordinal);
        var text = readme[..install] + readme[next..];
        foreach (Match block in Regex.Matches(text, "```bash\n(.*?)```", RegexOptions.Singleline))
            foreach (var raw in block.Groups[1].Value.Split('\n'))
            {
                var line = StripComment(raw).Trim();
                if (line.StartsWith("layernas ", StringComparison.Ordinal)) yield return line;
                else if (line.StartsWith("bash scripts/run.sh ", StringComparison.Ordinal)) yield return line;
            }
    }

    private static string StripComment(string line)
    {
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            if (line[i] == '#' && !quoted && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i];
        }
        return line;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
