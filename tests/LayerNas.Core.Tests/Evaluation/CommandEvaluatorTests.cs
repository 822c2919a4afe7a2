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
    public async Task Evaluate_ChildKeepsStdoutOpenAfterTrainerExits_ResultCountsAndChildIsEnded()
    {
        var pidFile = Path.Combine(_folder, "daemon.pid");
        var script = Script("daemon.sh", $"sleep 300 & echo $! > '{pidFile}'; echo '{{\"reward\": 2}}'");
        var result = await Evaluator($"sh {script}").EvaluateAsync(Architecture.Parse("0-0"), Context(), CancellationToken.None);
        Assert.Equal(2, result.Reward);
        Assert.False(IsRunning(int.Parse(File.ReadAllText(pidFile).Trim())), "the trainer's child outlived the attempt");
    }

    [Fact]
    public async Task Evaluate_CancelledMidTraining_KillsTrainerAndChildrenAtOnce()
    {
        var pidFile = Path.Combine(_folder, "pids");
        var script = Script("long.sh", $"echo $$ >> '{pidFile}'; sleep 300 & echo $! >> '{pidFile}'; wait");
        using var stop = new CancellationTokenSource();
        var evaluation = Evaluator($"sh {script}").EvaluateAsync(Architecture.Parse("0-0"), Context(), stop.Token);
        while (!File.Exists(pidFile) || File.ReadAllLines(pidFile).Length < 2) await Task.Delay(20);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => evaluation);
        Assert.All(File.ReadAllLines(pidFile), pid => Assert.False(IsRunning(int.Parse(pid)), $"{pid} survived the cancellation"));
    }

    [Fact]
    public async Task Evaluate_OutputStartsWithUtf16ByteOrderMark_DecodedAsUtf8()
    {
        var script = Script("bom.sh", @"printf '\377\376log\n{""reward"": 3.5}\n'");
        var result = await Evaluator($"sh {script}").EvaluateAsync(Architecture.Parse("0-0"), Context(), CancellationToken.None);
        Assert.Equal(3.5, result.Reward);
    }

    [Fact]
    public async Task Evaluate_FiftyMegabyteLines_KeptOnDiskAndOnlyTheLastLineJudged()
    {
        var endless = Script("endless.sh", "head -c 50000000 /dev/zero | tr '\\0' x");
        var ex = await Assert.ThrowsAsync<EvaluationFailedException>(() =>
            Evaluator($"sh {endless}").EvaluateAsync(Architecture.Parse("0-0"), Context(trial: 1), CancellationToken.None));
        Assert.Contains("longer than 1024 KiB", ex.Message);
        var log = Directory.GetFiles(Path.Combine(_folder, "logs"), "stdout.log", SearchOption.AllDirectories).Single();
        Assert.Equal(50_000_000, new FileInfo(log).Length);
        var then = Script("then.sh", "head -c 50000000 /dev/zero | tr '\\0' x; echo; echo '{\"reward\": 4}'");
        Assert.Equal(4, (await Evaluator($"sh {then}").EvaluateAsync(Architecture.Parse("0-0"), Context(trial: 2), CancellationToken.None)).Reward);
    }

    [Fact]
    public async Task Evaluate_DuplicateRewardKey_SaysSoAndWhereTheLogIs()
    {
        var script = Script("dup.sh", "echo '{\"reward\": 1, \"reward\": 99}'");
        var ex = await Assert.ThrowsAsync<EvaluationFailedException>(() =>
            Evaluator($"sh {script}").EvaluateAsync(Architecture.Parse("0-0"), Context(), CancellationToken.None));
        Assert.Contains("repeats a key", ex.Message);
        Assert.Contains("logs: ", ex.Message);
    }

    [Fact]
    public async Task Evaluate_StoreCredentialsInEnvironment_NotPassedToTrainer()
    {
        Environment.SetEnvironmentVariable("PGPASSWORD", "s3cret-pg");
        Environment.SetEnvironmentVariable("LAYERNAS_TEST_SOME_URL", "postgresql://nas:s3cret-url@db:5432/studies");
        try
        {
            var script = Script("env.sh", "env > \"$LAYERNAS_OUTPUT_DIR/env\"; echo '{\"reward\": 1}'");
            await Evaluator($"sh {script}").EvaluateAsync(Architecture.Parse("0-0"), Context(), CancellationToken.None);
            var env = File.ReadAllText(Directory.GetFiles(Path.Combine(_folder, "logs"), "env", SearchOption.AllDirectories).Single());
            Assert.DoesNotContain("s3cret", env);
            Assert.Contains("LAYERNAS_TRIAL_FILE=", env);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PGPASSWORD", null);
            Environment.SetEnvironmentVariable("LAYERNAS_TEST_SOME_URL", null);
        }
    }

    [Fact]
    public async Task Evaluate_TrialFolderIsASymlinkIntoAnotherTrial_RefusedWithoutWritingThere()
    {
        var victim = Directory.CreateDirectory(Path.Combine(_folder, "victim")).FullName;
        var ok = Script("ok1.sh", "echo '{\"reward\": 1}'");
        await Evaluator($"sh {ok}").EvaluateAsync(Architecture.Parse("0-0"), Context(trial: 1), CancellationToken.None);
        var study = Directory.GetDirectories(Path.Combine(_folder, "logs")).Single();
        Directory.CreateSymbolicLink(Path.Combine(study, "trial-000002"), victim);
        var ex = await Assert.ThrowsAsync<EvaluationFailedException>(() =>
            Evaluator($"sh {ok}").EvaluateAsync(Architecture.Parse("0-0"), Context(trial: 2), CancellationToken.None));
        Assert.Contains("symbolic link", ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(victim));
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

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
