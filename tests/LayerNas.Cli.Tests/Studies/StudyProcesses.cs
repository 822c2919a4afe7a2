using System.Diagnostics;
using LayerNas.Storage;
using LayerNas.Studies;

namespace LayerNas.Cli.Tests.Studies;

/// <summary>Helpers for tests that run the real `layernas` program as separate processes and a real evaluator script.</summary>
internal sealed class StudyProcesses : IDisposable
{
    public StudyProcesses()
    {
        Folder = Directory.CreateTempSubdirectory("layernas-cli-").FullName;
        Log = Path.Combine(Folder, "evaluations.log");
        Script = Path.Combine(Folder, "train.sh");
        // A deterministic stand-in trainer: logs its start and end, sleeps $2 seconds, derives the reward from the arch.
        // Archs whose checksum is 0 mod $3 crash, 1 mod $3 hang, 2 mod $3 print garbage (when $3 is given).
        File.WriteAllText(Script, """
            #!/bin/sh
            log="$1"; pause="$2"; mode=""
            [ $# -ge 4 ] && mode="$3"
            for f; do :; done
            arch=$(sed -n 's/.*"arch": *"\([0-9-]*\)".*/\1/p' "$f")
            echo "start $arch $PPID" >> "$log"
            sum=$(printf '%s' "$arch" | cksum | cut -d' ' -f1)
            if [ -n "$mode" ]; then
              case $((sum % mode)) in
                0) echo "training crashed on $arch" >&2; exit 3 ;;
                1) sleep 100 ;;
                2) echo "loss nan, no json here"; exit 0 ;;
              esac
            fi
            [ "$pause" = 0 ] || sleep "$pause"
            echo "end $arch $PPID" >> "$log"
            echo "epoch 1 done"
            echo "{\"reward\": $((sum % 1000)).25, \"metrics\": {\"test_accuracy\": $((sum % 97))}}"
            """.Replace("\r", ""));
    }

    public string Folder { get; }

    // Everything each started process printed, by process id; appended by the output readers' threads under its lock.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, System.Text.StringBuilder> _output = new();

    /// <summary>What <paramref name="process"/> (started by <see cref="Start"/>) has printed so far, stdout and stderr.</summary>
    public string OutputOf(Process process)
    {
        var text = _output[process.Id];
        lock (text) return text.ToString();
    }

    public string Log { get; }

    public string Script { get; }

    public string Command(double pause, int? mode = null) => $"sh {Script} {Log} {pause.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(mode is { } m ? $" {m}" : "")}";

    /// <summary>Starts `dotnet layernas.dll ARGS` as a real process in <see cref="Folder"/>, output captured.</summary>
    public Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var text = _output[process.Id] = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Lines of the evaluation log: (event, arch, pid).</summary>
    public IReadOnlyList<(string Event, string Arch, int Pid)> Events()
    {
        if (!File.Exists(Log)) return [];
        return File.ReadAllLines(Log).Select(l => l.Split(' ')).Where(p => p.Length == 3)
            .Select(p => (p[0], p[1], int.Parse(p[2]))).ToArray();
    }

    public static async Task<IReadOnlyList<Trial>> TrialsAsync(string storage, string study)
    {
        await using var store = await StudyStores.OpenAsync(storage, CancellationToken.None);
        return await store.GetTrialsAsync(study, 0, CancellationToken.None);
    }

    public static string[] Outcome(IEnumerable<Trial> trials) =>
        trials.OrderBy(t => t.Number).Select(t => $"{t.Number}:{t.Architecture}:{t.State}:{t.Reward:R}:{t.ToldBefore}").ToArray();

    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CliApp.RunAsync(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } // an orphaned trainer may still write its log
    }
}
