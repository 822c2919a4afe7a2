using ScottPlot;

namespace LayerNas.Reporting;

/// <summary>
/// A cost (x) / accuracy (y) figure as a PNG: the search's front as a line of markers, and single models (e.g. the
/// found model and the backbone after final training) as markers with vertical error bars (± one standard
/// deviation over seeds). Stateless.
/// </summary>
public static class CostAccuracyPlot
{
    /// <summary>One named model: cost, mean accuracy and its standard deviation.</summary>
    public readonly record struct Point(string Label, double Cost, double Accuracy, double Std = 0);

    public static void SavePng(string path, string title, string costLabel, string accuracyLabel,
        IReadOnlyList<(double Cost, double Accuracy)> front, string frontLabel, IReadOnlyList<Point> models, int width = 900, int height = 560)
    {
        var plot = new Plot();
        if (front.Count > 0)
        {
            var ordered = front.OrderBy(p => p.Cost).ToArray();
            var line = plot.Add.Scatter(ordered.Select(p => p.Cost).ToArray(), ordered.Select(p => p.Accuracy).ToArray());
            line.LegendText = frontLabel;
            line.Color = Color.FromHex(PlotPalette.ColorOf("layernas"));
            line.MarkerSize = 8;
        }
        foreach (var m in models)
        {
            var color = Color.FromHex(PlotPalette.ColorOf(m.Label));
            var s = plot.Add.Scatter(new[] { m.Cost }, new[] { m.Accuracy });
            s.LegendText = m.Label;
            s.Color = color;
            s.MarkerSize = 12;
            s.MarkerShape = MarkerShape.FilledDiamond;
            s.LineWidth = 0;
            if (m.Std > 0)
            {
                var e = plot.Add.ErrorBar(new[] { m.Cost }, new[] { m.Accuracy }, new[] { m.Std });
                e.Color = color;
            }
        }
        plot.Title(title);
        plot.XLabel(costLabel);
        plot.YLabel(accuracyLabel);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, width, height);
    }
}
