using System.Text.Json;
using LayerNas.Cli.Progress;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Studies;
using Spectre.Console;

namespace LayerNas.Cli.Tests.Progress;

public class SearchProgressDisplayTests
{
    private static readonly Architecture Arch = Architecture.Parse("2-3-0-3-3-2");

    private static StudyProgress Report(int completed, int failed, double? best, int step, int filled, double seconds) =>
        new(completed, failed, 0, best, best is null ? null : Arch, TimeSpan.FromSeconds(seconds))
        {
            Phase = new SearchPhase(step, 6, $"edge{step - 1}", 3, 20, filled, 8),
        };

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualTime : TimeProvider
    {
        public long Now;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Now;
        public void Advance(double seconds) => Now += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    [Fact]
    public async Task Plain_NotATerminal_LinesOnNewsAndAFinalLine()
    {
        var err = new StringWriter();
        var time = new ManualTime();
        var display = new SearchProgressDisplay(new CliConsole(TextWriter.Null, err), ProgressMode.Auto, "demo", planned: 100, exact: true, time: time);

        await display.RunAsync<int>(p =>
        {
            p.Report(Report(1, 0, 80, 1, 0, 1));   // first: printed
            p.Report(Report(2, 0, 80, 1, 0, 2));   // nothing new, not due: skipped
            p.Report(Report(3, 0, 85, 1, 0, 3));   // new best: printed
            time.Advance(6);
            p.Report(Report(4, 1, 85, 1, 0, 9));   // due: printed
            p.Report(Report(10, 1, 85, 2, 5, 20)); // new layer: printed
            p.Report(Report(11, 1, 85, 2, 5, 22)); // skipped, but it is the final state
            return Task.FromResult(0);
        });

        Assert.Equal(ProgressMode.Plain, display.Mode);
        var lines = err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("[1/100] · layer 1/6 edge0, buckets 0/8 · best 80 (2-3-0-3-3-2) · 00:01 elapsed, ETA 01:39", lines[0]);
        Assert.StartsWith("[3/100]", lines[1]);
        Assert.Contains("1 failed", lines[2]);
        Assert.Contains("layer 2/6 edge1, buckets 5/8", lines[3]);
        // The final line: the work has ended, so done is the total.
        Assert.Equal("[12/12] · layer 2/6 edge1, buckets 5/8 · best 85 (2-3-0-3-3-2) · 1 failed · 00:22 elapsed, ETA 00:00", lines[4]);
    }

    [Fact]
    public async Task Plain_EstimatedPlan_ShownAsAnEstimateUntilTheEnd()
    {
        var err = new StringWriter();
        var time = new ManualTime();
        var display = new SearchProgressDisplay(new CliConsole(TextWriter.Null, err), ProgressMode.Plain, "demo", planned: 248, exact: false, time: time);

        await display.RunAsync<int>(p =>
        {
            p.Report(Report(189, 0, 80, 1, 0, 1));
            time.Advance(6);
            p.Report(Report(239, 0, 85, 1, 0, 9));
            return Task.FromResult(0);
        });

        var lines = err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("[189/~248]", lines[0]);
        Assert.StartsWith("[239/239]", lines[^1]); // once it ended, the count is known
    }

    [Fact]
    public async Task Json_EachReport_OneParsableObjectPerLine()
    {
        var err = new StringWriter();
        var display = new SearchProgressDisplay(new CliConsole(TextWriter.Null, err), ProgressMode.Json, "demo \"quoted\"", planned: null);

        await display.RunAsync<int>(p =>
        {
            p.Report(Report(1, 0, null, 1, 0, 0.5));
            p.Report(Report(2, 0, 81.5, 1, 0, 1));
            return Task.FromResult(0);
        });

        var objects = err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, objects.Length);
        Assert.Equal("demo \"quoted\"", objects[0].GetProperty("study").GetString());
        Assert.Equal(JsonValueKind.Null, objects[0].GetProperty("best_reward").ValueKind);
        Assert.Equal(81.5, objects[1].GetProperty("best_reward").GetDouble());
        Assert.Equal("2-3-0-3-3-2", objects[1].GetProperty("best_architecture").GetString());
        Assert.Equal("edge0", objects[1].GetProperty("layer").GetString());
        Assert.Equal(8, objects[1].GetProperty("buckets").GetInt32());
        Assert.Equal(JsonValueKind.Null, objects[1].GetProperty("eta_seconds").ValueKind);
    }

    [Fact]
    public async Task Quiet_Reports_WritesNothing()
    {
        var err = new StringWriter();
        var display = new SearchProgressDisplay(new CliConsole(TextWriter.Null, err), ProgressMode.Quiet, "demo", 10);

        int result = await display.RunAsync(p => { p.Report(Report(1, 0, 80, 1, 0, 1)); return Task.FromResult(42); });

        Assert.Equal(42, result);
        Assert.Equal("", err.ToString());
    }

    [Fact]
    public async Task Live_Terminal_DrawsPanelWithLayerBucketsEvaluationsBestAndEta()
    {
        var err = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(err),
        });
        ansi.Profile.Width = 100;
        var display = new SearchProgressDisplay(new CliConsole(TextWriter.Null, err, IsTerminal: true), ProgressMode.Auto, "demo<[x]>", 40, true, null, ansi);

        await display.RunAsync<int>(p =>
        {
            p.Report(Report(20, 2, 89.37, 4, 7, 30));
            return Task.FromResult(0);
        });

        Assert.Equal(ProgressMode.Live, display.Mode);
        var text = System.Text.RegularExpressions.Regex.Replace(err.ToString(), "\x1b\\[[0-9;?]*[A-Za-z]", "");
        Assert.Contains("layernas · demo<[x]>", text);
        Assert.Contains("4/6 edge3", text);
        Assert.Contains("7/8 buckets filled", text);
        Assert.Contains("22/40", text);
        Assert.Contains("(2 failed)", text);
        Assert.Contains("89.37", text);
        Assert.Contains("2-3-0-3-3-2", text);
        Assert.Contains("ETA 00:24", text); // 30 s for 22 done, 18 to go
    }
}
