using ScottPlot;

namespace LayerNas.Reporting;

/// <summary>
/// Cost vs reward of a study: every evaluated trial as a faint point, the front as a connected line of markers,
/// the backbone and the chosen model marked. Stateless; thread-safe.
/// </summary>
public static class FrontPlot
{
    public static Plot Create(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var plot = new Plot();
        var colour = Color.FromHex(PlotPalette.ColorOf(model.Definition.Strategy));

        if (model.Points.Count > 0)
        {
            var all = plot.Add.ScatterPoints(model.Points.Select(p => p.Cost).ToArray(), model.Points.Select(p => p.Reward).ToArray());
            all.Color = Colors.Gray.WithAlpha(0.35);
            all.MarkerSize = 4;
            all.LegendText = $"evaluated ({model.Points.Count:N0})";
        }
        if (model.Front.Count > 0)
        {
            var front = plot.Add.Scatter(model.Front.Select(f => f.Cost).ToArray(), model.Front.Select(f => f.Reward).ToArray());
            front.Color = colour;
            front.MarkerSize = 8;
            front.LineWidth = 1.5f;
            front.LegendText = $"Pareto front ({model.Front.Count})";
        }
        if (model.BestPerBucket.Count > 0)
        {
            var buckets = plot.Add.ScatterPoints(model.BestPerBucket.Select(f => f.Cost).ToArray(), model.BestPerBucket.Select(f => f.Reward).ToArray());
            buckets.Color = colour;
            buckets.MarkerShape = MarkerShape.OpenCircle;
            buckets.MarkerSize = 12;
            buckets.LegendText = $"best per bucket ({model.BestPerBucket.Count})";
        }
        if (model.Backbone is not null && model.BackboneCost is { } bc)
        {
            if (model.BackboneReward is { } br)
            {
                var m = plot.Add.Marker(bc, br, MarkerShape.FilledSquare, 12, Colors.Black);
                m.LegendText = "backbone";
            }
            else
            {
                var line = plot.Add.VerticalLine(bc, 1.5f, Colors.Black, LinePattern.Dashed);
                line.LegendText = "backbone cost (not evaluated)";
            }
        }
        if (model.Chosen is { } chosen)
        {
            var m = plot.Add.Marker(chosen.Cost, chosen.Reward, MarkerShape.FilledDiamond, 16, Color.FromHex("#d62728"));
            m.LegendText = $"chosen {chosen.Architecture}";
        }
        if (!double.IsInfinity(model.Definition.MaxCost))
        {
            var budget = plot.Add.VerticalLine(model.Definition.MaxCost, 1, Color.FromHex("#d62728").WithAlpha(0.5), LinePattern.Dotted);
            budget.LegendText = "max cost";
        }

        plot.Title($"Cost vs reward: {model.Definition.Name}");
        plot.XLabel($"{model.CostName} ({model.CostUnit})");
        plot.YLabel(model.StandIn ? "reward (stand-in, not accuracy)" : "reward");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
