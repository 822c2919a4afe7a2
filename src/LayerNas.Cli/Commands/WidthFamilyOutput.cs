using System.Globalization;
using LayerNas.Recipes.Experiments;
using LayerNas.Reporting;

namespace LayerNas.Cli.Commands;

/// <summary>How `layernas demo --width-multipliers` prints, writes (JSON) and plots a <see cref="WidthFamilyReport"/>.</summary>
internal static class WidthFamilyOutput
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Print(TextWriter o, WidthFamilyReport r)
    {
        o.WriteLine($"space {r.Space}: LayerNAS and random search against the width-multiplier family, test accuracy (%) mean ± s.d. over seeds");
        o.WriteLine("| width | target MMAdds | trials (each search) | LayerNAS pick | MMAdds | test acc. | width-multiplier model | test acc. | random pick | MMAdds | test acc. | LayerNAS − width (t) | LayerNAS − random (t) |");
        o.WriteLine("| --- | ---: | ---: | --- | ---: | --- | --- | --- | --- | ---: | --- | --- | --- |");
        foreach (var t in r.Targets)
            o.WriteLine(string.Create(Ci,
                $"| {t.Multiplier:0.###} | {t.TargetMAdds:0.###} | {t.LayerNasTrials} | `{t.LayerNas.Architecture}` | {t.LayerNas.MAdds:0.###} | {Acc(t.LayerNas)} | `{t.Family.Architecture}` | {Acc(t.Family)} | `{t.Random.Architecture}` | {t.Random.MAdds:0.###} | {Acc(t.Random)} | {t.VersusFamily.Difference:+0.00;-0.00} ({t.VersusFamily.WelchT:0.0}) | {t.VersusRandom.Difference:+0.00;-0.00} ({t.VersusRandom.WelchT:0.0}) |"));
        o.WriteLine("proxy validation accuracy (%), the search's signal:");
        foreach (var t in r.Targets)
            o.WriteLine(string.Create(Ci, $"  width {t.Multiplier:0.###}: LayerNAS pick {t.LayerNasProxy:0.00}, width-multiplier model {t.FamilyProxy:0.00}, random pick {t.RandomProxy:0.00}"));
        var finals = r.Retrained.ToList();
        int runs = finals.Sum(m => m.Runs.Count);
        double finalWall = finals.Sum(m => m.WallSeconds.Sum()), finalTrain = finals.Sum(m => m.Runs.Sum(x => x.TrainSeconds));
        o.WriteLine(string.Create(Ci,
            $"time: whole experiment {r.Seconds / 60:0.0} min; {r.Targets.Sum(t => t.LayerNasTrials + t.RandomTrials)} proxy trials, {r.SecondsPerTrial:0.0} s each ({r.TrainSecondsPerTrial:0.0} s in the training loop); " +
            $"{runs} final trainings, {finalWall / Math.Max(1, runs):0.0} s each ({finalTrain / Math.Max(1, runs):0.0} s in the training loop)"));
    }

    private static string Acc(RetrainedModel m) => string.Create(Ci, $"{m.MeanTestAccuracy:0.00} ± {m.StdTestAccuracy:0.00}");

    public static object ToJson(WidthFamilyReport r) => new
    {
        space = r.Space,
        seconds = r.Seconds,
        seconds_per_trial = r.SecondsPerTrial,
        train_seconds_per_trial = r.TrainSecondsPerTrial,
        targets = r.Targets.Select(t => new
        {
            width_multiplier = t.Multiplier,
            target_mmadds = t.TargetMAdds,
            layernas_trials = t.LayerNasTrials,
            layernas_search_seconds = t.LayerNasSearchSeconds,
            random_trials = t.RandomTrials,
            random_search_seconds = t.RandomSearchSeconds,
            search_train_seconds = t.SearchTrainSeconds,
            proxy_val_accuracy = new { layernas = t.LayerNasProxy, width = t.FamilyProxy, random = t.RandomProxy },
            layernas_front = t.LayerNasFront.Select(f => new { architecture = f.Architecture.ToString(), mmadds = f.Cost, proxy_val_accuracy = f.Reward }),
            models = new[] { t.LayerNas, t.Family, t.Random }.Select(DemoCommand.RetrainedJson),
            layernas_minus_width = new { difference = t.VersusFamily.Difference, half_width_95 = t.VersusFamily.HalfWidth, welch_t = Finite(t.VersusFamily.WelchT) },
            layernas_minus_random = new { difference = t.VersusRandom.Difference, half_width_95 = t.VersusRandom.HalfWidth, welch_t = Finite(t.VersusRandom.WelchT) },
        }),
    };

    /// <summary>Null for NaN (no spread in either group), which JSON cannot hold.</summary>
    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>Test accuracy against MAdds: the width-multiplier family as a curve, the LayerNAS picks as a front, the random picks as markers.</summary>
    public static void SavePlot(string path, WidthFamilyReport r, string dataName)
    {
        static CostAccuracyPlot.Point P(RetrainedModel m) => new(m.Role, m.MAdds, m.MeanTestAccuracy, m.StdTestAccuracy);
        int seeds = r.Targets[0].LayerNas.Runs.Count;
        CostAccuracyPlot.SavePng(path, $"LayerNAS against the width-multiplier family on {r.Space} ({dataName})", "MAdds (millions)",
            $"test accuracy (%), mean ± s.d. of {seeds} seeds",
            [
                new CostAccuracyPlot.Series("width-multiplier family", r.Targets.Select(t => P(t.Family)).ToList(), true, "width"),
                new CostAccuracyPlot.Series("LayerNAS picks", r.Targets.Select(t => P(t.LayerNas)).ToList(), true, "layernas"),
                new CostAccuracyPlot.Series("random-search picks", r.Targets.Select(t => P(t.Random)).ToList(), false, "random"),
            ]);
    }
}
