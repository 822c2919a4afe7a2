using System.Globalization;
using System.Text.Json;
using LayerNas.Strategies;
using LayerNas.Studies;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LayerNas.Cli.Progress;

/// <summary>
/// Shows the progress of a search or a worker on stderr: the layer being searched and its memorial-table fill,
/// evaluations done of planned, the best so far and an ETA. Live (Spectre.Console) in a terminal, plain lines or
/// JSON lines otherwise, nothing with <see cref="ProgressMode.Quiet"/>. Plug it in with <see cref="RunAsync{T}"/>.
/// Reports may come from any thread, one at a time (as <see cref="StudyRunner"/> makes them).
/// </summary>
public sealed class SearchProgressDisplay : IProgress<StudyProgress>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LiveEvery = TimeSpan.FromMilliseconds(100);

    private readonly CliConsole _console;
    private readonly string _study;
    private readonly int? _planned;
    private readonly bool _exact;
    private bool _finished;
    private readonly TimeProvider _time;
    private readonly IAnsiConsole? _ansi;
    private readonly Lock _lock = new();
    private LiveDisplayContext? _live;
    private StudyProgress? _last;
    private long _lastDrawn = long.MinValue;
    private (int Step, double? Best) _lastPlain = (-1, null);
    private string? _lastLine;

    /// <param name="planned">Evaluations the search will make (from <c>layernas plan</c> or the trial budget); null when unknown.</param>
    /// <param name="exact">True when <paramref name="planned"/> is the exact count (a budget the search will spend), false for an estimate (shown as ~N).</param>
    public SearchProgressDisplay(CliConsole console, ProgressMode mode, string study, int? planned, bool exact = false, TimeProvider? time = null)
        : this(console, mode, study, planned, exact, time, null) { }

    // Tests pass their own ANSI console to exercise the live panel without a terminal.
    internal SearchProgressDisplay(CliConsole console, ProgressMode mode, string study, int? planned, bool exact, TimeProvider? time, IAnsiConsole? ansi)
    {
        _console = console;
        _study = study;
        _planned = planned is > 0 ? planned : null;
        _exact = exact;
        _time = time ?? TimeProvider.System;
        Mode = mode == ProgressMode.Auto ? (console.IsTerminal ? ProgressMode.Live : ProgressMode.Plain) : mode;
        _ansi = Mode == ProgressMode.Live
            ? ansi ?? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect, Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(console.Error),
            })
            : null;
    }

    /// <summary>The mode in effect (<see cref="ProgressMode.Auto"/> resolved).</summary>
    public ProgressMode Mode { get; }

    /// <summary>Runs <paramref name="work"/> with this display as its progress sink and shows the final state when it ends.</summary>
    public async Task<T> RunAsync<T>(Func<IProgress<StudyProgress>, Task<T>> work)
    {
        if (Mode != ProgressMode.Live)
        {
            try { return await work(this).ConfigureAwait(false); }
            finally
            {
                lock (_lock) _finished = true;
                if (Mode == ProgressMode.Plain) Flush();
            }
        }
        return await _ansi!.Live(Render(null)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async ctx =>
        {
            lock (_lock) _live = ctx;
            try { return await work(this).ConfigureAwait(false); }
            finally
            {
                lock (_lock)
                {
                    _finished = true;
                    ctx.UpdateTarget(Render(_last));
                    ctx.Refresh();
                    _live = null;
                }
            }
        }).ConfigureAwait(false);
    }

    public void Report(StudyProgress value)
    {
        lock (_lock)
        {
            _last = value;
            switch (Mode)
            {
                case ProgressMode.Json:
                    _console.Error.WriteLine(Json(value));
                    break;
                case ProgressMode.Plain:
                    int step = value.Phase?.Step ?? 0;
                    bool news = step != _lastPlain.Step || value.BestReward != _lastPlain.Best;
                    if (news || Due(PlainEvery)) WritePlain(value);
                    break;
                case ProgressMode.Live when _live is not null:
                    if (Due(LiveEvery))
                    {
                        _lastDrawn = _time.GetTimestamp();
                        _live.UpdateTarget(Render(value));
                        _live.Refresh();
                    }
                    break;
            }
        }
    }

    /// <summary>The one-line summary used by plain mode.</summary>
    internal string Line(StudyProgress p)
    {
        var parts = new List<string> { $"[{Done(p)}{(Total(p) is { } n ? "/" + Planned(n) : "")}]" };
        if (p.Phase is { } ph)
            parts.Add($"layer {ph.Step}/{ph.Steps} {ph.Layer}, buckets {ph.BucketsFilled}/{ph.Buckets}");
        if (p.BestReward is { } best) parts.Add($"best {best.ToString("G6", Inv)} ({p.BestArchitecture})");
        if (p.Failed > 0) parts.Add($"{p.Failed} failed");
        parts.Add($"{Clock(p.Elapsed)} elapsed" + (Eta(p) is { } eta ? $", ETA {Clock(eta)}" : ""));
        return string.Join(" · ", parts);
    }

    internal TimeSpan? Eta(StudyProgress p)
    {
        int done = Done(p);
        if (Total(p) is not { } planned || done == 0) return null;
        return TimeSpan.FromTicks(p.Elapsed.Ticks / done * Math.Max(planned - done, 0));
    }

    // The final state, unless it was the very last line written.
    private void Flush()
    {
        lock (_lock)
            if (_last is { } last && Line(last) != _lastLine) WritePlain(last);
    }

    private void WritePlain(StudyProgress p)
    {
        var line = Line(p);
        _console.Error.WriteLine(line);
        _lastLine = line;
        _lastDrawn = _time.GetTimestamp();
        _lastPlain = (p.Phase?.Step ?? 0, p.BestReward);
    }

    private bool Due(TimeSpan every) => _lastDrawn == long.MinValue || _time.GetElapsedTime(_lastDrawn) >= every;

    private string Json(StudyProgress p)
    {
        var o = new Dictionary<string, object?>
        {
            ["study"] = _study,
            ["completed"] = p.Completed,
            ["failed"] = p.Failed,
            ["running"] = p.Running,
            ["planned"] = Total(p),
            ["planned_exact"] = _exact || _finished,
            ["best_reward"] = p.BestReward,
            ["best_architecture"] = p.BestArchitecture?.ToString(),
            ["elapsed_seconds"] = Math.Round(p.Elapsed.TotalSeconds, 3),
            ["eta_seconds"] = Eta(p) is { } eta ? Math.Round(eta.TotalSeconds, 1) : null,
        };
        if (p.Phase is { } ph)
        {
            o["step"] = ph.Step;
            o["steps"] = ph.Steps;
            o["layer"] = ph.Layer;
            o["step_proposed"] = ph.StepProposed;
            o["step_candidates"] = ph.StepCandidates;
            o["buckets_filled"] = ph.BucketsFilled;
            o["buckets"] = ph.Buckets;
        }
        return JsonSerializer.Serialize(o);
    }

    private IRenderable Render(StudyProgress? p)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        if (p is null)
        {
            grid.AddRow(new Markup("[grey]status[/]"), new Markup("starting…"));
        }
        else
        {
            if (p.Phase is { } ph)
            {
                grid.AddRow(new Markup("[grey]layer[/]"), new Markup(
                    $"{ph.Step}/{ph.Steps} [bold]{Markup.Escape(ph.Layer)}[/]  [grey]({ph.StepProposed}/{ph.StepCandidates} candidates proposed)[/]"));
                grid.AddRow(new Markup("[grey]memorial table[/]"), new Markup($"{Bar(ph.BucketsFilled, ph.Buckets, ph.Buckets)} {ph.BucketsFilled}/{ph.Buckets} buckets filled"));
            }
            int done = Done(p);
            grid.AddRow(new Markup("[grey]evaluations[/]"), new Markup(Total(p) is { } planned
                ? $"{Bar(done, planned, 30)} {done}/{Planned(planned)}" + (p.Failed > 0 ? $" [red]({p.Failed} failed)[/]" : "") + (p.Running > 0 ? $" [grey]{p.Running} running[/]" : "")
                : $"{done}" + (p.Failed > 0 ? $" [red]({p.Failed} failed)[/]" : "")));
            grid.AddRow(new Markup("[grey]best so far[/]"), new Markup(p.BestReward is { } best
                ? $"[green bold]{best.ToString("G6", Inv)}[/]  {Markup.Escape(p.BestArchitecture?.ToString() ?? "")}"
                : "[grey]none yet[/]"));
            grid.AddRow(new Markup("[grey]time[/]"), new Markup($"{Clock(p.Elapsed)} elapsed" + (Eta(p) is { } eta ? $", ETA [bold]{Clock(eta)}[/]" : "")));
        }
        return new Panel(grid).Header($" layernas · {Markup.Escape(_study)} ").Border(BoxBorder.Rounded).Expand();
    }

    private static string Bar(int value, int total, int width)
    {
        int filled = total <= 0 ? 0 : (int)Math.Round((double)Math.Clamp(value, 0, total) / total * width);
        return $"[green]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/]";
    }

    private static int Done(StudyProgress p) => p.Completed + p.Failed;

    // The plan is an estimate: never show fewer planned than done, and once the work has ended, done is the total.
    private int? Total(StudyProgress p) => _finished ? Done(p) : _planned is { } n ? Math.Max(n, Done(p)) : null;

    // An estimate reads ~N until the work has ended (then the count is known).
    private string Planned(int total) => _exact || _finished ? total.ToString(Inv) : "~" + total.ToString(Inv);

    private static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}"
        : $"{t.Minutes:00}:{t.Seconds:00}";
}
