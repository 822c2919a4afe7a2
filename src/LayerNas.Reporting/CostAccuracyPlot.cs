using ScottPlot;

namespace LayerNas.Reporting;

/// <summary>
/// A cost (x) / accuracy (y) figure as a PNG: named series of models, each a line of markers or single markers, with
/// vertical error bars (± one standard deviation over seeds) where a model has a spread; e.g. the search's front as a
/// line and the found model and the backbone after final training as single markers. Stateless.
/// </summary>
public static class CostAccuracyPlot
{
    /// <summary>One named model: cost, mean accuracy and its standard deviation.</summary>
    public readonly record struct Point(string Label, double Cost, double Accuracy, double Std = 0);

    /// <summary>
    /// A named series: its points in cost order, joined by a line when <paramref name="Connect"/> (the points' own
    /// labels are not shown), coloured by <paramref name="ColorKey"/> (a strategy name such as <c>layernas</c>; null: the label).
    /// </summary>
    public sealed record Series(string Label, IReadOnlyList<Point> Points, bool Connect, string? ColorKey = null);

    /// <summary>The front as a line of markers (<paramref name="frontLabel"/>), each of <paramref name="models"/> as its own diamond.</summary>
    public static void SavePng(string path, string title, string costLabel, string accuracyLabel,
        IReadOnlyList<(double Cost, double Accuracy)> front, string frontLabel, IReadOnlyList<Point> models, int width = 900, int height = 560)
    {
        var series = new List<Series>();
        if (front.Count > 0) series.Add(new Series(frontLabel, front.Select(p => new Point(frontLabel, p.Cost, p.Accuracy)).ToList(), true, "layernas"));
        series.AddRange(models.Select(m => new Series(m.Label, [m], false)));
        SavePng(path, title, costLabel, accuracyLabel, series, width, height);
    }

    /// <summary>Every series in its own colour (<see cref="PlotPalette.ColorOf"/> of its colour key).</summary>
    public static void SavePng(string path, string title, string costLabel, string accuracyLabel, IReadOnlyList<Series> series,
        int width = 900, int height = 560)
    {
        var plot = new Plot();
        foreach (var s in series)
        {
            var color = Color.FromHex(PlotPalette.ColorOf(s.ColorKey ?? s.Label));
            var ordered = s.Points.OrderBy(p => p.Cost).ToArray();
            var scatter = plot.Add.Scatter(ordered.Select(p => p.Cost).ToArray(), ordered.Select(p => p.Accuracy).ToArray());
            scatter.LegendText = s.Label;
            scatter.Color = color;
            scatter.MarkerSize = s.Connect ? 8 : 12;
            if (!s.Connect)
            {
                scatter.MarkerShape = MarkerShape.FilledDiamond;
                scatter.LineWidth = 0;
            }
            var spread = ordered.Where(p => p.Std > 0).ToArray();
            if (spread.Length > 0)
                plot.Add.ErrorBar(spread.Select(p => p.Cost).ToArray(), spread.Select(p => p.Accuracy).ToArray(), spread.Select(p => p.Std).ToArray()).Color = color;
        }
        plot.Title(title);
        plot.XLabel(costLabel);
        plot.YLabel(accuracyLabel);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, width, height);
    }
}
