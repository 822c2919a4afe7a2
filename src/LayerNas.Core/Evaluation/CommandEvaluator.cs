using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayerNas.SearchSpaces;
using LayerNas.Studies;

namespace LayerNas.Evaluation;

/// <summary>
/// Scores an architecture by running the user's command (e.g. a PyTorch training script) as a child process —
/// no shell. The candidate goes to the command as a JSON file whose path is the last argument and the
/// environment variable <c>LAYERNAS_TRIAL_FILE</c>; <c>LAYERNAS_SLOT</c> names the parallel slot (e.g. to pick a
/// GPU). The command prints its result as the last line of stdout: <c>{"reward": 71.3, "metrics": {"test_accuracy": 70.9}}</c>.
/// Each attempt gets its own folder with the trial file and the captured stdout and stderr. A non-zero exit, a
/// timeout (the whole process tree is killed) or a bad last line throws <see cref="EvaluationFailedException"/>
/// with the reason; retries are the runner's job. Thread-safe.
/// </summary>
public sealed class CommandEvaluator : IEvaluator
{
    /// <summary>Environment variable holding the trial file's path.</summary>
    public const string TrialFileVariable = "LAYERNAS_TRIAL_FILE";

    /// <summary>Environment variable holding the slot index 0..N-1.</summary>
    public const string SlotVariable = "LAYERNAS_SLOT";

    /// <summary>Environment variable holding the attempt's folder (for checkpoints and the trainer's own logs).</summary>
    public const string OutputDirectoryVariable = "LAYERNAS_OUTPUT_DIR";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };
    private readonly CommandEvaluatorOptions _options;
    private readonly string _program;

    /// <summary>An evaluator running <paramref name="options"/>' command; throws a <see cref="UserInputException"/> when the program cannot be found.</summary>
    public CommandEvaluator(CommandEvaluatorOptions options)
    {
        if (options.Command.Count == 0) throw UserInputException.ForSetting("evaluator.command", "is empty: give the program to run, e.g. \"python3 train.py\".");
        if (options.Timeout is { } t && t <= TimeSpan.Zero) throw UserInputException.ForSetting("evaluator.timeout", $"{t.TotalSeconds}: give the positive number of seconds one training may take.");
        _program = RequireProgram(options.Command[0], options.WorkingDirectory);
        // Made now, before any study is created or changed: a folder that cannot be made would fail every trial.
        if (File.Exists(options.LogDirectory))
            throw UserInputException.ForSetting("log_dir", $"{options.LogDirectory} is a file: give a folder (it is created when missing).");
        try
        {
            Directory.CreateDirectory(options.LogDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw UserInputException.ForSetting("log_dir", $"{options.LogDirectory} cannot be created ({ex.Message}): give a writable folder.");
        }
        _options = options;
    }

    /// <summary>How the command is run.</summary>
    public CommandEvaluatorOptions Options => _options;

    /// <inheritdoc />
    public async Task<Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
    {
        var folder = CreateAttemptFolder(Path.GetFullPath(_options.LogDirectory), StudyNames.ToFileName(context.Study),
            $"trial-{context.TrialNumber:D6}", $"attempt-{context.Attempt}");
        var trialFile = Path.Combine(folder, "trial.json");
        await File.WriteAllTextAsync(trialFile, TrialJson(arch, context, folder).ToJsonString(Indented), cancellationToken).ConfigureAwait(false);

        // In its own session (setsid, where there is one), so that the trainer and every child it starts can be ended
        // together, and a Ctrl+C at the terminal reaches LayerNas, which stops the trainers, rather than the trainers alone.
        var start = new ProcessStartInfo(SetSid ?? _program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = _options.WorkingDirectory ?? "",
        };
        if (SetSid is not null) start.ArgumentList.Add(_program);
        foreach (var a in _options.Command.Skip(1)) start.ArgumentList.Add(a);
        start.ArgumentList.Add(trialFile);
        foreach (var (name, value) in start.Environment.ToArray()) if (IsSecret(name, value)) start.Environment.Remove(name);
        start.Environment[TrialFileVariable] = trialFile;
        start.Environment[SlotVariable] = context.Slot.ToString(CultureInfo.InvariantCulture);
        start.Environment[OutputDirectoryVariable] = folder;
        start.Environment["LAYERNAS_STUDY"] = context.Study;
        start.Environment["LAYERNAS_TRIAL"] = context.TrialNumber.ToString(CultureInfo.InvariantCulture);
        start.Environment["LAYERNAS_ATTEMPT"] = context.Attempt.ToString(CultureInfo.InvariantCulture);
        if (_options.Gpus is { Count: > 0 } gpus) start.Environment["CUDA_VISIBLE_DEVICES"] = gpus[context.Slot % gpus.Count];

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception ex)
        {
            throw new EvaluationFailedException($"cannot start '{_options.Command[0]}': {ex.Message}", ex);
        }
        try
        {
            process.StandardInput.Close();
            var stdout = new OutputTail(process.StandardOutput.BaseStream, Path.Combine(folder, "stdout.log"));
            var stderr = new OutputTail(process.StandardError.BaseStream, Path.Combine(folder, "stderr.log"));
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (_options.Timeout is { } timeout) limit.CancelAfter(timeout);
            // Stopping kills at once, not when the wait notices: a second Ctrl+C (which ends LayerNas) finds no trainer left.
            using (limit.Token.Register(() => EndAll(process)))
            {
                try
                {
                    await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    EndAll(process);
                    await DrainAsync(stdout, stderr).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new EvaluationFailedException(
                        $"timed out after {_options.Timeout!.Value.TotalSeconds:G4} s; the process tree was killed (logs: {folder})");
                }
            }
            // The trainer exited: end what it left running, so that no child holds the pipes open (or outlives the study).
            EndAll(process);
            await DrainAsync(stdout, stderr).ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new EvaluationFailedException(
                    $"the command exited with code {process.ExitCode}{(stderr.LastLine is { } lastErr ? $"; last stderr line: {Clip(lastErr)}" : "")} (logs: {folder})");
            if (stdout.LastLineTooLong)
                throw new EvaluationFailedException($"the last stdout line is longer than {OutputTail.MaxLine / 1024} KiB; it must be JSON like {{\"reward\": 71.3}} (logs: {folder})");
            return ParseResult(stdout.LastLine, folder);
        }
        finally
        {
            EndAll(process);
        }
    }

    /// <summary>Parses the command's last stdout line: a JSON object with a numeric "reward" and an optional "metrics" object of numbers.</summary>
    public static Evaluation ParseResult(string? lastLine, string folder = "")
    {
        string where = folder.Length > 0 ? $" (logs: {folder})" : "";
        if (lastLine is null)
            throw new EvaluationFailedException($"the command printed nothing on stdout; its last line must be JSON like {{\"reward\": 71.3}}{where}");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(lastLine, documentOptions: StrictJson);
        }
        catch (JsonException ex) when (ex.Message.Contains("uplicate", StringComparison.Ordinal))
        {
            throw new EvaluationFailedException($"the last stdout line repeats a key (\"reward\", \"metrics\" and each metric may appear once): {Clip(lastLine)}{where}");
        }
        catch (JsonException)
        {
            node = null;
        }
        if (node is not JsonObject result)
            throw new EvaluationFailedException($"the last stdout line is not a JSON object like {{\"reward\": 71.3}}: {Clip(lastLine)}{where}");
        if (!TryNumber(result["reward"], out double reward))
            throw new EvaluationFailedException($"the result has no numeric \"reward\": {Clip(lastLine)}{where}");
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (result["metrics"] is JsonObject m)
        {
            foreach (var (name, value) in m)
            {
                if (!TryNumber(value, out double v))
                    throw new EvaluationFailedException($"metric \"{Clip(name)}\" is not a number: {Clip(lastLine)}{where}");
                metrics[name] = v;
            }
        }
        else if (result["metrics"] is not null)
            throw new EvaluationFailedException($"\"metrics\" must be an object of numbers: {Clip(lastLine)}{where}");
        return new Evaluation(reward, metrics);
    }

    private JsonObject TrialJson(Architecture arch, TrialContext context, string folder)
    {
        var space = _options.Space;
        var layers = new JsonArray();
        for (int i = 0; i < arch.Length && i < space.LayerCount; i++)
            layers.Add(new JsonObject { ["name"] = space.Layers[i].Name, ["index"] = arch[i], ["option"] = space.Layers[i].Options[arch[i]] });
        var settings = new JsonObject();
        foreach (var (k, v) in _options.Settings) settings[k] = SettingValue(v);
        var trial = new JsonObject
        {
            ["study"] = context.Study,
            ["trial"] = context.TrialNumber,
            ["attempt"] = context.Attempt,
            ["slot"] = context.Slot,
            ["seed"] = context.Seed,
            ["space"] = space.Name,
            ["arch"] = arch.ToString(),
            ["options"] = new JsonArray(Enumerable.Range(0, arch.Length).Select(i => (JsonNode)arch[i]).ToArray()),
            ["layers"] = layers,
            ["spec"] = _options.Spec?.Invoke(arch),
            ["settings"] = settings,
            ["timeout_seconds"] = _options.Timeout?.TotalSeconds,
            ["output_dir"] = folder,
        };
        // Trainers that read their knobs at the top level (e.g. trial["epochs"]) get them there too, never over a field above.
        foreach (var (k, v) in _options.Settings)
            if (!trial.ContainsKey(k)) trial[k] = SettingValue(v);
        return trial;
    }

    private static JsonNode? SettingValue(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonValue value && value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                return value;
        }
        catch (JsonException)
        {
        }
        return JsonValue.Create(text);
    }

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value) && double.IsFinite(value);
    }

    private static async Task DrainAsync(OutputTail stdout, OutputTail stderr)
    {
        // A child that left the trainer's session may still hold a pipe: what was read by then is what counts.
        await Task.WhenAny(Task.WhenAll(stdout.Completion, stderr.Completion), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }

    // Kills the trainer's whole session (its process group: the trainer and the children it started), or, without
    // setsid, the process tree that is still attached to it.
    private static void EndAll(Process process)
    {
        try
        {
            if (SetSid is not null) _ = Kill(-process.Id, 9);
            else if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static readonly string? SetSid = OperatingSystem.IsWindows() ? null : new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    // Credentials of the study store are LayerNas's, not the trainer's: a PostgreSQL password (variable or URL) is not passed on.
    private static bool IsSecret(string name, string? value) =>
        name is "PGPASSWORD" or "PGPASSFILE" || value is not null && StoreUrlWithPassword.IsMatch(value);

    private static readonly System.Text.RegularExpressions.Regex StoreUrlWithPassword = new(@"postgres(ql)?://[^/@\s]*:[^/@\s]*@", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    // Creates the attempt's folder under the log root, refusing to go through a symbolic link a trainer may have planted
    // (e.g. a later trial's folder pointing into another trial's).
    private static string CreateAttemptFolder(string root, params string[] parts)
    {
        var folder = root;
        Directory.CreateDirectory(root);
        foreach (var part in parts)
        {
            folder = Path.Combine(folder, part);
            if (new DirectoryInfo(folder).LinkTarget is not null || new FileInfo(folder).LinkTarget is not null)
                throw new EvaluationFailedException($"{folder} is a symbolic link (made by a trainer?): LayerNas writes attempts only into real folders; remove it.");
            Directory.CreateDirectory(folder);
        }
        return folder;
    }

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "…";

    // The program's full path (setsid looks only on PATH; a relative path is the working directory's).
    private static string RequireProgram(string program, string? workingDirectory)
    {
        if (program.Contains('/'))
        {
            var full = Path.GetFullPath(Path.IsPathRooted(program) ? program : Path.Combine(workingDirectory ?? Environment.CurrentDirectory, program));
            if (!File.Exists(full))
                throw UserInputException.ForSetting("evaluator.command", $"'{program}': the program does not exist: give its path or a program on PATH.");
            return full;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists)
            ?? throw UserInputException.ForSetting("evaluator.command", $"'{program}': the program is not on PATH: install it or give its full path.");
    }
}
