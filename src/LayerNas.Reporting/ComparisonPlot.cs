using System.Globalization;
using LayerNas.Benchmarks.Comparison;
using ScottPlot;

namespace LayerNas.Reporting;

/// <summary>
/// The comparison figure of one setting: reported accuracy of the chosen architecture against the budget
/// (log scale), the mean line and the 25th-75th percentile band per strategy, and the oracle lines.
/// Renders PNG headless (SkiaSharp with bundled native libraries; text uses a system font when fontconfig
/// finds one, DejaVu Sans otherwise). Thread-safe (each call builds its own plot).
/// </summary>
public static class ComparisonPlot
{
    private const string FallbackFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private static readonly Lazy<string?> FontName = new(ResolveFont);

    /// <summary>Saves the figure of <paramref name="setting"/> as a PNG file of the given size in pixels.</summary>
    public static void SavePng(SettingResult setting, string budgetUnit, string path, int width = 1200, int height = 600)
    {
        var plot = Build(setting, budgetUnit);
        plot.SavePng(path, width, height);
    }

    /// <summary>Saves one PNG per setting of <paramref name="report"/> into <paramref name="directory"/>, named by setting key; returns the paths.</summary>
    public static IReadOnlyList<string> SaveAll(ComparisonReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var setting in report.Benchmarks)
        {
            var path = Path.Combine(directory, setting.Key + ".png");
            SavePng(setting, report.Settings.BudgetUnit, path);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>
    /// Saves one lead-margin heatmap per (benchmark, reward, cost) of <paramref name="report"/> into
    /// <paramref name="directory"/>, named by <see cref="LeadGrid.Key"/>; returns the paths (none when <c>layernas</c> did not run).
    /// </summary>
    public static IReadOnlyList<string> SaveLeadHeatmaps(ComparisonReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var grid in LeadGrid.Of(report))
        {
            var path = Path.Combine(directory, grid.Key + ".png");
            LeadHeatmap(grid, report.Settings.BudgetUnit).SavePng(path, 150 + 110 * grid.Budgets.Count, 140 + 42 * grid.Rows.Count);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>
    /// The lead margin of <c>layernas</c> over the best baseline as a heatmap: one row per cost bound (the tightest on
    /// top), one column per budget; colour = margin in points (red: behind, blue: ahead, symmetric scale), the margin
    /// written in each cell with a mark: <c>o</c> every run at the reward oracle, <c>~</c> a tie within the 95%
    /// interval, <c>x</c> not led.
    /// </summary>
    public static Plot LeadHeatmap(LeadGrid grid, string budgetUnit)
    {
        int rows = grid.Rows.Count, columns = grid.Budgets.Count;
        var values = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                values[r, c] = grid.Rows[r].Lead!.Cells[c].Margin ?? double.NaN;
        double span = Math.Max(values.Cast<double>().Where(v => !double.IsNaN(v)).Select(Math.Abs).DefaultIfEmpty(0).Max(), 0.05);

        var plot = new Plot();
        if (FontName.Value is { } font) plot.Font.Set(font);
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new DivergingMap();
        heatmap.ManualRange = new ScottPlot.Range(-span, span);
        heatmap.NaNCellColor = Colors.White;
        heatmap.CellAlignment = Alignment.MiddleCenter;
        heatmap.Extent = new CoordinateRect(0, Math.Max(columns - 1, 1e-9), 0, Math.Max(rows - 1, 1e-9));
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "lead margin (points)";
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                var cell = grid.Rows[r].Lead!.Cells[c];
                if (cell.Margin is not { } m) continue;
                string mark = m >= -SettingLead.Tolerance ? "" : cell.AllAtOracle ? " o" : cell.TiedByInterval ? " ~" : cell.AheadOnReward ? " xr" : " x";
                var text = plot.Add.Text(LeadCell.Format(m) + mark, c, rows - 1 - r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 11;
                text.LabelFontColor = Math.Abs(m) / span > 0.6 ? Colors.White : Colors.Black;
            }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray(), grid.MaxCosts.ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, columns).Select(c => (double)c).ToArray(),
            grid.Budgets.Select(b => b.ToString("G6", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        var (led, cells) = grid.Count();
        plot.Title($"{grid.Title}: layernas minus best baseline ({led}/{cells} led)");
        plot.XLabel(budgetUnit);
        plot.YLabel($"{grid.Cost} bound");
        return plot;
    }

    // Red (behind) through white (level) to blue (ahead).
    private sealed class DivergingMap : IColormap
    {
        public string Name => "red-white-blue";

        public Color GetColor(double position)
        {
            double p = Math.Clamp(position, 0, 1);
            return p < 0.5
                ? Mix(new Color(178, 24, 43), Colors.White, p / 0.5)
                : Mix(Colors.White, new Color(33, 102, 172), (p - 0.5) / 0.5);
        }

        private static Color Mix(Color a, Color b, double t) => new(
            (byte)Math.Round(a.Red + (b.Red - a.Red) * t), (byte)Math.Round(a.Green + (b.Green - a.Green) * t), (byte)Math.Round(a.Blue + (b.Blue - a.Blue) * t));
    }

    /// <summary>The ScottPlot figure (for callers that render it elsewhere).</summary>
    public static Plot Build(SettingResult setting, string budgetUnit)
    {
        var plot = new Plot();
        if (FontName.Value is { } font) plot.Font.Set(font);
        var budgets = setting.Strategies.Count > 0 ? setting.Strategies[0].Budgets.Select(b => b.Budget).ToArray() : [];
        var xs = budgets.Select(Math.Log10).ToArray();
        foreach (var strategy in setting.Strategies)
        {
            var color = Color.FromHex(PlotPalette.ColorOf(strategy.Name));
            var points = strategy.Budgets.Select((b, i) => (X: xs[i], b.Mean, b.P25, b.P75)).Where(p => p.Mean is not null).ToArray();
            if (points.Length == 0) continue;
            var band = plot.Add.FillY(points.Select(p => p.X).ToArray(), points.Select(p => p.P25!.Value).ToArray(), points.Select(p => p.P75!.Value).ToArray());
            band.FillColor = color.WithAlpha(0.18);
            band.LineWidth = 0;
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Mean!.Value).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = strategy.Finish is { } f
                ? string.Create(CultureInfo.InvariantCulture, $"{strategy.Name} (finishes in {f.MeanEvaluations:F0} evals)")
                : strategy.Name;
        }
        var best = plot.Add.HorizontalLine(setting.Oracle.BestTest);
        best.Color = Colors.Black;
        best.LinePattern = LinePattern.Dashed;
        best.LineWidth = 1;
        best.LegendText = string.Create(CultureInfo.InvariantCulture, $"oracle best test {setting.Oracle.BestTest:F2}");
        var byReward = plot.Add.HorizontalLine(setting.Oracle.RewardTest);
        byReward.Color = Colors.DimGray;
        byReward.LinePattern = LinePattern.Dotted;
        byReward.LineWidth = 1;
        byReward.LegendText = string.Create(CultureInfo.InvariantCulture, $"oracle by reward {setting.Oracle.RewardTest:F2}");

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < budgets.Length; i++) ticks.AddMajor(xs[i], budgets[i].ToString("G6", CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Title(setting.Setting);
        plot.XLabel($"{budgetUnit} (log scale)");
        plot.YLabel("reported test accuracy (%)");
        plot.ShowLegend(Edge.Right); // outside the data: the bands fill the lower right too
        return plot;
    }

    // SkiaSharp's bundled native library has no fontconfig, so system font names may not resolve; load the
    // DejaVu file (Debian's fonts-dejavu-core, installed by scripts/setup.sh) explicitly when present.
    private static string? ResolveFont()
    {
        if (!File.Exists(FallbackFont)) return null;
        Fonts.AddFontFile("DejaVu Sans", FallbackFont);
        return "DejaVu Sans";
    }
}
