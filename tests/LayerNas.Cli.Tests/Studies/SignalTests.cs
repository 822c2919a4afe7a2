using System.Diagnostics;
using LayerNas.Studies;

namespace LayerNas.Cli.Tests.Studies;

/// <summary>
/// A real `layernas search --study` stopped by SIGINT, SIGTERM and Ctrl+C at a pseudo-terminal while a trainer
/// (with a child of its own) runs: the documented exit code, no trainer left, the terminal's cursor shown again,
/// the trial given back, and a resume redoes only that trial.
/// </summary>
public sealed class SignalTests : IDisposable
{
    private readonly StudyProcesses _p = new();

    public void Dispose() => _p.Dispose();

    // Trials 0 and 1 finish at once; from trial 2 on the trainer (and its child) trains "forever" until the file fast exists.
    private string Trainer()
    {
        var script = Path.Combine(_p.Folder, "slow.sh");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            echo "start $LAYERNAS_TRIAL" >> '{{_p.Folder}}/starts'
            if [ "$LAYERNAS_TRIAL" -ge 2 ] && [ ! -e '{{_p.Folder}}/fast' ]; then
              echo $$ >> '{{_p.Folder}}/pids'; sleep 300 & echo $! >> '{{_p.Folder}}/pids'; wait
            fi
            echo "{\"reward\": $LAYERNAS_TRIAL.5}"
            """.Replace("\r", ""));
        return $"sh {script}";
    }

    private string[] Args(string progress) =>
        ["search", "--study", "signals", "--storage", $"sqlite:{Path.Combine(_p.Folder, "s.db")}", "--budget", "4", "--evaluator", "command",
         "--command", Trainer(), "--log-dir", Path.Combine(_p.Folder, "logs"), "--max-attempts", "1", "--progress", progress];

    private async Task WaitForTrainerAsync(Func<bool> exited)
    {
        var pids = Path.Combine(_p.Folder, "pids");
        for (int i = 0; i < 1200 && (!File.Exists(pids) || File.ReadAllLines(pids).Length < 2); i++)
        {
            Assert.False(exited(), "layernas ended before the trainer started");
            await Task.Delay(50);
        }
        await Task.Delay(300);
    }

    private async Task AssertStoppedCleanlyAndResumeRedoesOnlyTheInterruptedTrialAsync()
    {
        foreach (var pid in File.ReadAllLines(Path.Combine(_p.Folder, "pids")).Select(int.Parse))
            Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "), $"trainer process {pid} is still running");
        var stopped = await StudyProcesses.TrialsAsync($"sqlite:{Path.Combine(_p.Folder, "s.db")}", "signals");
        Assert.DoesNotContain(stopped, t => t.State is TrialState.Running or TrialState.Failed);
        Assert.Equal((TrialState.Pending, 1, 0), (stopped[2].State, stopped[2].Interruptions, stopped[2].AttemptsUsed));

        File.WriteAllText(Path.Combine(_p.Folder, "fast"), "");
        using var resumed = _p.Start(Args("plain"));
        await resumed.WaitForExitAsync();
        Assert.True(resumed.ExitCode == 0, _p.OutputOf(resumed));
        var trials = await StudyProcesses.TrialsAsync($"sqlite:{Path.Combine(_p.Folder, "s.db")}", "signals");
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        var starts = File.ReadAllLines(Path.Combine(_p.Folder, "starts")).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal((1, 1, 2), (starts["start 0"], starts["start 1"], starts["start 2"]));
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Search_Signal_ExitsWithItsCodeStopsTrainersAndResumeRedoesOnlyTheInterruptedTrial(string signal, int code)
    {
        using var search = _p.Start(Args("plain"));
        await WaitForTrainerAsync(() => search.HasExited);
        using (var kill = Process.Start("kill", ["-" + signal, search.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        var exited = search.WaitForExitAsync();
        Assert.True(await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(30))) == exited, "layernas did not stop within 30 s");
        Assert.True(search.ExitCode == code, $"exit {search.ExitCode}: {_p.OutputOf(search)}");
        Assert.Contains("interrupted", _p.OutputOf(search));
        await AssertStoppedCleanlyAndResumeRedoesOnlyTheInterruptedTrialAsync();
    }

    [Fact]
    public async Task Search_CtrlCAtATerminal_Exits130WithTheCursorShownAgain()
    {
        // A pseudo-terminal: layernas draws its live progress (hiding the cursor) and Ctrl+C is the terminal's SIGINT.
        var transcript = Path.Combine(_p.Folder, "tty.out");
        var driver = Path.Combine(_p.Folder, "ctrl_c_driver.py");
        File.WriteAllText(driver, """
            import os, pty, sys, time, fcntl, termios, struct, select
            out, pids, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
            pid, fd = pty.fork()
            if pid == 0:
                os.execvp(argv[0], argv)
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            data, sent, start = b"", False, time.time()
            while True:
                if not sent and os.path.exists(pids) and len(open(pids).read().split()) >= 2:
                    time.sleep(0.3); os.write(fd, b"\x03"); sent = True
                if not select.select([fd], [], [], 0.1)[0]:
                    if time.time() - start > 120:
                        break
                    continue
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
                if time.time() - start > 120:
                    break
            if not sent:
                os.kill(pid, 9)
            _, status = os.waitpid(pid, 0)
            open(out, "wb").write(data)
            sys.exit(os.waitstatus_to_exitcode(status) if sent else 99)
            """.Replace("\r", ""));
        var start = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _p.Folder };
        foreach (var a in new[] { driver, transcript, Path.Combine(_p.Folder, "pids"), "dotnet", typeof(CliApp).Assembly.Location }.Concat(Args("auto")))
            start.ArgumentList.Add(a);
        using var tty = Process.Start(start)!;
        var errors = tty.StandardError.ReadToEndAsync();
        await tty.WaitForExitAsync();
        var text = File.Exists(transcript) ? File.ReadAllText(transcript) : "";
        Assert.True(tty.ExitCode == 130, $"exit {tty.ExitCode}: {await errors}\n{text}");
        int hidden = text.LastIndexOf("\u001b[?25l", StringComparison.Ordinal);
        Assert.True(hidden >= 0, "the live display never hid the cursor: not a terminal?\n" + text);
        Assert.True(text.IndexOf("\u001b[?25h", hidden, StringComparison.Ordinal) > hidden, "the cursor stayed hidden\n" + text);
        Assert.Contains("interrupted", text);
        await AssertStoppedCleanlyAndResumeRedoesOnlyTheInterruptedTrialAsync();
    }
}
