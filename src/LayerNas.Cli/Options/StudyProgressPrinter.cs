using System.Diagnostics;
using System.Globalization;
using LayerNas.Studies;

namespace LayerNas.Cli.Options;

/// <summary>Prints a study's progress to stderr, at most one line every <c>interval</c> (long trainings need a sign of life). Thread-safe.</summary>
public sealed class StudyProgressPrinter(TextWriter error, TimeSpan interval) : IProgress<StudyProgress>
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private bool _printed;

    public void Report(StudyProgress value)
    {
        lock (_lock)
        {
            if (_printed && _since.Elapsed < interval) return;
            _printed = true;
            _since.Restart();
            var best = value.BestReward is { } r ? $", best {r.ToString("F3", CultureInfo.InvariantCulture)} at {value.BestArchitecture}" : "";
            error.WriteLine($"[{value.Elapsed:hh\\:mm\\:ss}] {value.Completed} complete, {value.Failed} failed, {value.Running} running{best}");
        }
    }
}
