using LayerNas.Benchmarks.Comparison;
using SkiaSharp;

namespace LayerNas.Reporting.Tests;

public class ComparisonPlotTests
{
    private static SettingResult Setting() => new(
        "tiny / reward / flops <= 0.5x", "tiny_reward_flops-0.5x", "tiny", "reward", "flops", "MFLOPs", "0.5x", 20, 12,
        new OracleSummary(93.5, 93.1, "2-2-2", "2-2-1", 95),
        [
            Strategy("layernas", 92.0, new FinishStats(30, 30, 30, 5, new BudgetStats(30, 93.1, 93.1, 93.1, 1, 5))),
            Strategy("random", 91.0, null),
        ]);

    private static StrategyResult Strategy(string name, double start, FinishStats? finish) => new(name,
        [new BudgetStats(10, start, start - 1, start + 0.5, 0, 5), new BudgetStats(20, start + 1, start, start + 1.2, 0.2, 5), new BudgetStats(40, null, null, null, 0, 5)],
        finish, 100, 0.1);

    [Fact]
    public void SavePng_Setting_WritesANonBlankImageOfTheGivenSize()
    {
        var path = Path.Combine(Path.GetTempPath(), $"layernas-plot-{Guid.NewGuid():N}.png");
        try
        {
            ComparisonPlot.SavePng(Setting(), "evaluations", path, 640, 400);
            using var bitmap = SKBitmap.Decode(path);
            Assert.Equal(640, bitmap.Width);
            Assert.Equal(400, bitmap.Height);
            int coloured = 0;
            for (int y = 0; y < bitmap.Height; y += 2)
                for (int x = 0; x < bitmap.Width; x += 2)
                {
                    var c = bitmap.GetPixel(x, y);
                    if (c.Red != c.Green || c.Green != c.Blue) coloured++;
                }
            Assert.True(coloured > 500, $"only {coloured} coloured pixels: the strategy lines and bands are missing");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SaveAll_Report_OnePngPerSettingNamedByKey()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"layernas-plots-{Guid.NewGuid():N}");
        try
        {
            var info = new ComparisonRunInfo(["layernas", "random"], 5, 0, "evaluations", [10, 20, 40], ["flops"], ["0.5x"], 1);
            var report = new ComparisonReport(ComparisonReport.CurrentSchema, DateTimeOffset.UnixEpoch, info, 1, 1, 100, 100, [Setting()]);
            var paths = ComparisonPlot.SaveAll(report, dir);
            var path = Assert.Single(paths);
            Assert.Equal("tiny_reward_flops-0.5x.png", Path.GetFileName(path));
            Assert.True(new FileInfo(path).Length > 1000);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SaveLeadHeatmaps_Sweep_OneNonBlankPngPerTableAndCost()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"layernas-plots-{Guid.NewGuid():N}");
        try
        {
            var tight = Setting() with { MaxCost = "0.25x", MaxCostValue = 10, Key = "tiny_reward_flops-0.25x" };
            var rows = new[] { tight, Setting(), Setting() with { MaxCost = "none", MaxCostValue = null, Key = "tiny_reward_flops-none" } }
                .Select(s => s with { Lead = LeadAnalysis.Of(s, "layernas", tiesByInterval: false) }).ToArray();
            var info = new ComparisonRunInfo(["layernas", "random"], 5, 0, "evaluations", [10, 20, 40], ["flops"], ["0.25x", "0.5x", "none"], 1);
            var report = new ComparisonReport(ComparisonReport.CurrentSchema, DateTimeOffset.UnixEpoch, info, 1, 1, 100, 100, rows);
            var path = Assert.Single(ComparisonPlot.SaveLeadHeatmaps(report, dir));
            Assert.Equal("lead_tiny_reward_flops.png", Path.GetFileName(path));
            using var bitmap = SKBitmap.Decode(path);
            int blue = 0;
            for (int y = 0; y < bitmap.Height; y += 2)
                for (int x = 0; x < bitmap.Width; x += 2)
                {
                    var c = bitmap.GetPixel(x, y);
                    if (c.Blue > c.Red + 40) blue++;
                }
            Assert.True(blue > 300, $"only {blue} blue pixels: layernas leads by a point in every cell, so its cells should be blue");
            var grid = Assert.Single(LeadGrid.Of(report));
            Assert.Equal(["0.25x", "0.5x", "none"], grid.MaxCosts); // the tightest bound first, unconstrained last
            Assert.Equal((6, 6), grid.Count());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Build_Setting_LabelsTheLegendWithFinishEvaluations()
    {
        var plot = ComparisonPlot.Build(Setting(), "evaluations");
        var labels = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Select(s => s.LegendText).ToArray();
        Assert.Equal(["layernas (finishes in 30 evals)", "random"], labels);
    }
}
