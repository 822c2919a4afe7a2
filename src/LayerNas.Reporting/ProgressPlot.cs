using LayerNas.Evaluation;
using ScottPlot;

namespace LayerNas.Reporting;

/// <summary>
/// Best reward so far as the search goes on: against the number of evaluations, and against training time
/// (the sum of the trials' <c>train_seconds</c> metric, or wall-clock time since the first trial started when no
/// trial reports it). Stateless; thread-safe.
/// </summary>
public static class ProgressPlot
{
    public static Plot ByEvaluations(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var xs = Enumerable.Range(1, model.Points.Count).Select(i => (double)i).ToArray();
        var plot = Curve(model, xs);
        plot.Title("Best reward vs evaluations");
        plot.XLabel("evaluations (completed trials)");
        return plot;
    }

    public static Plot ByTrainingTime(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (xs, label) = TrainingTime(model);
        var plot = Curve(model, xs);
        plot.Title("Best reward vs training time");
        plot.XLabel(label);
        return plot;
    }

    /// <summary>Cumulative time (hours when it exceeds two hours, else seconds) at each completed trial, and the axis label.</summary>
    internal static (double[] Times, string Label) TrainingTime(ReportModel model)
    {
        var points = model.Points;
        bool measured = points.Count > 0 && points.All(p => p.Metrics.ContainsKey(MetricNames.TrainSeconds));
        var seconds = new double[points.Count];
        string what;
        if (measured)
        {
            double sum = 0;
            for (int i = 0; i < points.Count; i++) seconds[i] = sum += points[i].Metrics[MetricNames.TrainSeconds];
            what = "training time, sum of train_seconds";
        }
        else if (points.All(p => p.ElapsedSeconds is not null))
        {
            // Trials may finish out of order with parallel evaluations; the curve needs time to grow.
            double latest = 0;
            for (int i = 0; i < points.Count; i++) seconds[i] = latest = Math.Max(latest, points[i].ElapsedSeconds!.Value);
            what = "wall-clock time since the first trial (no train_seconds metric)";
        }
        else
        {
            for (int i = 0; i < points.Count; i++) seconds[i] = i + 1;
            what = "evaluations (no train_seconds metric nor timestamps)";
        }
        bool hours = seconds.Length > 0 && seconds[^1] > 7200;
        return (hours ? seconds.Select(s => s / 3600).ToArray() : seconds, $"{what} ({(hours ? "h" : "s")})");
    }

    private static Plot Curve(ReportModel model, double[] xs)
    {
        var plot = new Plot();
        var rewards = model.Points.Select(p => p.Reward).ToArray();
        if (rewards.Length > 0)
        {
            var raw = plot.Add.ScatterPoints(xs, rewards);
            raw.Color = Colors.Gray.WithAlpha(0.35);
            raw.MarkerSize = 3;
            raw.LegendText = "each evaluation";
            var best = new double[rewards.Length];
            double b = double.NegativeInfinity;
            for (int i = 0; i < rewards.Length; i++) best[i] = b = Math.Max(b, rewards[i]);
            var line = plot.Add.Scatter(xs, best);
            line.Color = Color.FromHex(PlotPalette.ColorOf(model.Definition.Strategy));
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = "best so far";
            plot.ShowLegend(Alignment.LowerRight);
        }
        plot.YLabel("reward");
        return plot;
    }
}
