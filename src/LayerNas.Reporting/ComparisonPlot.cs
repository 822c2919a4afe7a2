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
