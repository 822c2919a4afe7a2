using System.Text.Json.Nodes;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;

namespace LayerNas.Core.Tests.Evaluation;

/// <summary>The external-command evaluator against real shell scripts that succeed, crash, hang and print garbage.</summary>
public sealed class CommandEvaluatorTests : IDisposable
{
    private static readonly SearchSpace Space = new("tiny", [new Layer("conv", ["k3", "k5"]), new Layer("width", ["16", "32", "64"])]);
    private readonly string _folder = Directory.CreateTempSubdirectory("layernas-cmd-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Script(string name, string body)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        return path;
    }

    private CommandEvaluator Evaluator(string command, TimeSpan? timeout = null) =>
        new(new CommandEvaluatorOptions(ArgumentSplitter.Split(command), Space, Path.Combine(_folder, "logs"))
        {
            Timeout = timeout,
            Settings = new Dictionary<string, string> { ["epochs"] = "3", ["dataset"] = "fashion-mnist", ["trial"] = "clash" },
            Gpus = ["0", "1"],
        });

    private static TrialContext Context(long trial = 4, int slot = 2) => new("my study/../x", trial, 1, slot, 7);

    [Fact]
    public async Task Evaluate_ScriptPrintsJson_ReturnsRewardMetricsAndGetsTrialFileAndSlot()
    {
        var script = Script("ok.sh", """
            echo "log line before the result"
            for last; do :; done
            [ "$1" = "--flag" ] && [ "$last" = "$LAYERNAS_TRIAL_FILE" ] || { echo "argv and env differ" >&2; exit 9; }
            cp "$last" "$LAYERNAS_OUTPUT_DIR/seen.json"
            echo "$CUDA_VISIBLE_DEVICES" > "$LAYERNAS_OUTPUT_DIR/gpu"
            echo "{\"reward\": 71.5, \"metrics\": {\"test_accuracy\": 70.25, \"slot\": $LAYERNAS_SLOT}}"
            """);
        var result = await Evaluator($"sh '{script}' --flag").EvaluateAsync(Architecture.Parse("1-2"), Context(), CancellationToken.None);
        Assert.Equal(71.5, result.Reward);
        Assert.Equal(70.25, result.Metric("test_accuracy"));
        Assert.Equal(2, result.Metric("slot"));
        var attempt = Directory.GetDirectories(Path.Combine(_folder, "logs"), "attempt-1", SearchOption.AllDirectories).Single();
        var trial = JsonNode.Parse(File.ReadAllText(Path.Combine(attempt, "seen.json")))!;
        Assert.Equal("1-2", (string?)trial["arch"]);
        Assert.Equal("k5", (string?)trial["layers"]![0]!["option"]);
        Assert.Equal("64", (string?)trial["layers"]![1]!["option"]);
        Assert.Equal(4, (long)trial["trial"]!);
        Assert.Equal(3, (int)trial["settings"]!["epochs"]!);
        Assert.Equal(3, (int)trial["epochs"]!);
        Assert.Equal("fashion-mnist", (string?)trial["dataset"]);
        Assert.Equal(4, (long)trial["trial"]!); // a setting never overwrites a field of the trial file
        Assert.Equal("0", File.ReadAllText(Path.Combine(attempt, "gpu")).Trim()); // slot 2 of GPUs 0,1
        Assert.Contains("log line before the result", File.ReadAllText(Path.Combine(attempt, "stdout.log")));
        Assert.DoesNotContain("..", Path.GetRelativePath(Path.Combine(_folder, "logs"), attempt));
    }

    [Fact]
    public async Task Evaluate_NonZeroExit_FailsWithCodeAndLastStderrLine()
    {
        var script = Script("crash.sh", "echo 'Traceback: CUDA out of memory' >&2; exit 3");
        var ex = await Assert.ThrowsAsync<EvaluationFailedException>(() =>
            Evaluator($"sh {script}").EvaluateAsync(Architecture.Parse("0-0"), Context(), CancellationToken.None));
        Assert.Contains("exited with code 3", ex.Message);
        Assert.Contains("CUDA out of memory", ex.Message);
    }

    [Theory]
    [InlineData("echo 'epoch 1 loss 0.3'", "not a JSON object")]
    [InlineData("echo '{\"accuracy\": 3}'", "no numeric \"reward\"")]
    [InlineData("echo '{\"reward\": \"high\"}'", "no numeric \"reward\"")]
    [InlineData("echo '{\"reward\": 1, \"metrics\": {\"x\": \"y\"}}'", "metric \"x\" is not a number")]
    [InlineData("true", "printed nothing")]
    public async Task Evaluate_Garbage_FailsWithReason(string body, string reason)
    {
        var script = Script("garbage.sh", body);
        var ex = await Assert.ThrowsAsync<EvaluationFailedException>(() =>
            Evaluator($"sh {script}").EvaluateAsync(Architecture.Parse("0-1"), Context(), CancellationToken.None));
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public async Task Evaluate_HangsPastTimeout_KillsProcessTreeAndFails()
    {
        var pidFile = Path.Combine(_folder, "child.pid");
        // The grandchild `sleep` must die too, or a GPU would stay busy after the timeout.
        var script = Script("hang.sh", $"sleep 300 & echo $! > '{pidFile}'; wait");
        var ex = await Assert.ThrowsAsync<EvaluationFailedException>(() =>
            Evaluator($"sh {script}", TimeSpan.FromMilliseconds(500)).EvaluateAsync(Architecture.Parse("1-1"), Context(), CancellationToken.None));
        Assert.Contains("timed out", ex.Message);
        int pid = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "), $"grandchild {pid} survived the timeout");
    }

    [Fact]
    public async Task Evaluate_ArgumentWithShellCharacters_ReachesCommandVerbatim()
    {
        var marker = Path.Combine(_folder, "pwned");
        var script = Script("args.sh", "printf '%s' \"$1\" > \"$LAYERNAS_OUTPUT_DIR/arg1\"; echo '{\"reward\": 1}'");
        await Evaluator($"sh {script} \"; touch {marker}; $(id)\"").EvaluateAsync(Architecture.Parse("0-0"), Context(), CancellationToken.None);
        var arg = File.ReadAllText(Directory.GetFiles(Path.Combine(_folder, "logs"), "arg1", SearchOption.AllDirectories).Single());
        Assert.Equal($"; touch {marker}; $(id)", arg);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Create_MissingProgram_UserError()
    {
        var ex = Assert.Throws<UserInputException>(() => Evaluator("no-such-trainer-xyz train.py"));
        Assert.Contains("no-such-trainer-xyz", ex.Message);
    }

    [Theory]
    [InlineData("python3 train.py", new[] { "python3", "train.py" })]
    [InlineData("python3  'my dir/train.py' --lr=0.1", new[] { "python3", "my dir/train.py", "--lr=0.1" })]
    [InlineData("a \"b \\\" c\" d\\ e ''", new[] { "a", "b \" c", "d e", "" })]
    public void Split_ShellLikeWords_WithoutExpansion(string line, string[] expected) =>
        Assert.Equal(expected, ArgumentSplitter.Split(line));

    [Fact]
    public void Split_UnclosedQuote_UserError() =>
        Assert.Contains("unclosed", Assert.Throws<UserInputException>(() => ArgumentSplitter.Split("python3 'train.py")).Message);
}
