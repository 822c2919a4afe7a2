using ScottPlot;

namespace LayerNas.Reporting;

/// <summary>
/// The memorial tables of a LayerNAS search as a heatmap: one row per searched layer (search order, top to
/// bottom), one column per cost bucket, colour = best reward kept in that bucket, blank = empty bucket.
/// Stateless; thread-safe.
/// </summary>
public static class MemorialHeatmap
{
    /// <summary>Null when the study has no memorial tables (not a LayerNAS search, or nothing evaluated yet).</summary>
    public static Plot? Create(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = model.Heatmap;
        if (rows.Count == 0) return null;
        int columns = rows.Max(r => r.BestRewardPerBucket.Count);
        var values = new double[rows.Count, columns];
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < columns; c++)
                values[r, c] = c < rows[r].BestRewardPerBucket.Count ? rows[r].BestRewardPerBucket[c] : double.NaN;

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Colors.White;
        // Cell (r, c) is centred on (c, rows-1-r): row 0 (first searched layer) is drawn on top. The extent
        // spans cell centres because cells are centre-aligned.
        heatmap.CellAlignment = Alignment.MiddleCenter;
        heatmap.Extent = new CoordinateRect(0, Math.Max(columns - 1, 1e-9), 0, Math.Max(rows.Count - 1, 1e-9));
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = model.StandIn ? "best reward in bucket (stand-in)" : "best reward in bucket";

        if (rows.Count * columns <= 400)
        {
            var finite = values.Cast<double>().Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).ToArray();
            double lo = finite.Min(), hi = finite.Max();
            for (int r = 0; r < rows.Count; r++)
                for (int c = 0; c < columns; c++)
                {
                    if (double.IsNaN(values[r, c])) continue;
                    var text = plot.Add.Text(values[r, c].ToString("G4", System.Globalization.CultureInfo.InvariantCulture), c, rows.Count - 1 - r);
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontSize = columns > 12 ? 8 : 11;
                    // Dark text on the bright end of viridis, white on the dark end.
                    text.LabelFontColor = (values[r, c] - lo) / Math.Max(hi - lo, 1e-12) > 0.55 ? Colors.Black : Colors.White;
                }
        }

        double[] yTicks = Enumerable.Range(0, rows.Count).Select(r => (double)(rows.Count - 1 - r)).ToArray();
        string[] yLabels = rows.Select(r => $"{r.Step + 1}. {Shorten(r.LayerName)} ({r.Filled}/{r.BestRewardPerBucket.Count})").ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(yTicks, yLabels);
        double[] xTicks = Enumerable.Range(0, columns).Select(c => (double)c).ToArray();
        // Each bucket by its cost range (its index when the ranges are unknown); ranges are long, so every label gets a line per bound.
        string XLabel(int b) => b < model.BucketRanges.Count
            ? $"{model.BucketRanges[b].Min.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}–\n{model.BucketRanges[b].Max.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}"
            : b.ToString(System.Globalization.CultureInfo.InvariantCulture);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xTicks, xTicks.Select(x => XLabel((int)x)).ToArray());
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows.Count - 0.5);
        plot.Title("Memorial table: best reward per cost bucket, layer by layer");
        plot.XLabel(model.BucketRanges.Count > 0
            ? $"cost bucket: range of {model.CostName}{(string.IsNullOrEmpty(model.CostUnit) ? "" : $" ({model.CostUnit})")} of the searched layers, cheap → dear"
            : $"cost bucket (cheap → dear, by {model.CostName})");
        plot.YLabel("searched layer (filled buckets)");
        return plot;
    }

    private static string Shorten(string s) => s.Length <= 24 ? s : s[..23] + "…";
}
