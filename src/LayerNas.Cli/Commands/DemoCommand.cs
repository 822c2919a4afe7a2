using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LayerNas.Networks.Spaces;
using LayerNas.Reporting;
using LayerNas.Training;
using LayerNas.Training.Data;
using LayerNas.Recipes.Experiments;

namespace LayerNas.Cli.Commands;

/// <summary>
/// `layernas demo`: LayerNAS with proxy training under the backbone's MAdds, then final training of the found model
/// and the backbone over several seeds (docs/training.md; scripts/demo-fashion-mnist.sh).
/// </summary>
public static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var space = new Option<string>("--space") { Description = "Network space (built-in name or .yaml/.json file).", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Data set (see `layernas train --help`).", DefaultValueFactory = _ => "fashion-mnist" };
        var buckets = new Option<int>("--buckets") { Description = "LayerNAS cost buckets.", DefaultValueFactory = _ => 3 };
        var keep = new Option<int>("--keep") { Description = "Candidates kept per bucket.", DefaultValueFactory = _ => 1 };
        var budget = new Option<int?>("--trials") { Description = "Stop the search after this many trials." };
        var maxMadds = new Option<double?>("--max-madds") { Description = "MAdds budget in MMAdds (default: the backbone's)." };
        var proxyEpochs = new Option<int>("--proxy-epochs") { DefaultValueFactory = _ => 1, Description = "Proxy training epochs." };
        var proxySubset = new Option<int>("--proxy-subset") { DefaultValueFactory = _ => 3000, Description = "Proxy training images." };
        var proxyVal = new Option<int>("--proxy-val-subset") { DefaultValueFactory = _ => 1000, Description = "Validation images scored in search." };
        var recalibrate = new Option<int>("--proxy-recalibrate") { DefaultValueFactory = _ => 1000, Description = "Training images used to re-estimate batch-norm statistics before proxy scoring (0 = off)." };
        var finalEpochs = new Option<int>("--final-epochs") { DefaultValueFactory = _ => 2, Description = "Final training epochs." };
        var validation = new Option<int>("--validation") { DefaultValueFactory = _ => 10_000, Description = "Images split off the training data for validation (proxy and final)." };
        var finalVal = new Option<int?>("--final-val-subset") { Description = "Validation images scored after final training (default: all)." };
        var augment = new Option<bool>("--augment") { Description = "Random crop and flip in final training (helps long recipes, hurts 1-2 epochs)." };
        var finalSubset = new Option<int?>("--final-subset") { Description = "Final training images (default: the whole train split)." };
        var seeds = new Option<string>("--seeds") { DefaultValueFactory = _ => "1,2,3", Description = "Final-training seeds, comma separated." };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 0, Description = "libtorch threads (0 = default)." };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 64, Description = "Batch size." };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => 0.1, Description = "Peak learning rate (one-cycle)." };
        var jsonOut = new Option<string?>("--json-out") { Description = "Write the full report as JSON to this file." };
        var plot = new Option<string?>("--plot") { Description = "Write the cost/accuracy plot (PNG) to this file." };
        var widths = new Option<string?>("--width-multipliers")
        {
            Description = "Compare with the width-multiplier family instead (e.g. 0.35,0.5,0.75): per multiplier, LayerNAS and random search " +
                          "(same trial count) under that model's MAdds, then the two picks and the model retrained over the seeds.",
        };
        var fidelity = new Option<int?>("--fidelity")
        {
            Description = "Measure the proxy's fidelity instead: N random architectures under the MAdds budget, each scored by the proxy recipe " +
                          "and retrained with the final recipe; prints Spearman's rank correlation with its 95% interval.",
        };
        var command = new Command("demo", "Search with proxy training under the backbone's MAdds, then retrain the found model and the backbone over seeds.")
        {
            space, dataset, buckets, keep, budget, maxMadds, proxyEpochs, proxySubset, proxyVal, recalibrate, finalEpochs, finalSubset, validation, finalVal, augment, seeds, threads, batch, lr, jsonOut, plot, widths, fidelity,
        };
        command.SetAction(async (ParseResult p, CancellationToken ct) =>
        {
            var s = NetworkSpaceCatalog.Resolve(p.GetValue(space)!);
            var seedList = ParseSeeds(p.GetValue(seeds)!);
            var common = new TrainingOptions { BatchSize = p.GetValue(batch), LearningRate = p.GetValue(lr), Threads = p.GetValue(threads), ValidationCount = p.GetValue(validation) };
            var options = new SearchAndRetrainOptions
            {
                Buckets = p.GetValue(buckets),
                KeepPerBucket = p.GetValue(keep),
                TrialBudget = p.GetValue(budget),
                MaxMAdds = p.GetValue(maxMadds),
                Proxy = (common with
                {
                    Epochs = p.GetValue(proxyEpochs), TrainSubset = p.GetValue(proxySubset), ValidationSubset = p.GetValue(proxyVal), MeasureLatency = false,
                    RecalibrateBatchNorm = p.GetValue(recalibrate),
                }).Validate(),
                Final = (common with
                {
                    Epochs = p.GetValue(finalEpochs), TrainSubset = p.GetValue(finalSubset), ValidationSubset = p.GetValue(finalVal),
                    Augment = p.GetValue(augment), EvaluateTest = true,
                }).Validate(),
                FinalSeeds = seedList,
            };
            var data = DatasetCatalog.Load(p.GetValue(dataset)!);
            if (p.GetValue(fidelity) is { } samples)
            {
                if (p.GetValue(widths) is not null) throw new UserInputException("--fidelity and --width-multipliers: give one.");
                var measured = await new ProxyFidelity(console.Error).RunAsync(s, p.GetValue(space)!, p.GetValue(dataset)!, data, options, samples, ct);
                FidelityOutput.Print(console.Out, measured);
                if (p.GetValue(jsonOut) is { } fidelityJson)
                    await File.WriteAllTextAsync(fidelityJson, JsonSerializer.Serialize(FidelityOutput.ToJson(measured), new JsonSerializerOptions { WriteIndented = true }), ct);
                return 0;
            }
            if (p.GetValue(widths) is { } widthText)
            {
                if (p.GetValue(maxMadds) is not null)
                    throw new UserInputException("--max-madds and --width-multipliers: give one (with --width-multipliers each target is a width-multiplier model's MAdds).");
                var family = await new WidthFamilyComparison(console.Error).RunAsync(s, p.GetValue(space)!, p.GetValue(dataset)!, data, options,
                    ParseList<double>(widthText, "--width-multipliers", "0.35,0.5,0.75", t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : (double?)null), ct);
                WidthFamilyOutput.Print(console.Out, family);
                if (p.GetValue(jsonOut) is { } familyJson)
                    await File.WriteAllTextAsync(familyJson, JsonSerializer.Serialize(WidthFamilyOutput.ToJson(family), new JsonSerializerOptions { WriteIndented = true }), ct);
                if (p.GetValue(plot) is { } familyPlot)
                    WidthFamilyOutput.SavePlot(familyPlot, family, data.Name);
                return 0;
            }
            var report = await new SearchAndRetrain(console.Error).RunAsync(s, p.GetValue(space)!, p.GetValue(dataset)!, data, options, ct);
            Print(console.Out, report);
            if (p.GetValue(jsonOut) is { } jsonPath)
                await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(ToJson(report), new JsonSerializerOptions { WriteIndented = true }), ct);
            if (p.GetValue(plot) is { } plotPath)
                CostAccuracyPlot.SavePng(plotPath, $"LayerNAS on {report.Space} ({data.Name})", "MAdds (millions)", "accuracy (%)",
                    report.Front.Select(f => (f.Cost, f.Reward)).ToList(), "front: proxy val. accuracy (final memorial table)",
                    [
                        new CostAccuracyPlot.Point($"found: test acc., {report.FoundFinal.Runs.Count} seeds", report.FoundFinal.MAdds, report.FoundFinal.MeanTestAccuracy, report.FoundFinal.StdTestAccuracy),
                        new CostAccuracyPlot.Point($"backbone: test acc., {report.BackboneFinal.Runs.Count} seeds", report.BackboneFinal.MAdds, report.BackboneFinal.MeanTestAccuracy, report.BackboneFinal.StdTestAccuracy),
                    ]);
            return 0;
        });
        CliHelp.AddExamples(command,
            "layernas demo --space scripts/demo/fashion-mnist-space.yaml --plot front.png --json-out demo.json",
            "layernas demo --space scripts/demo/width-family-space.yaml --width-multipliers 0.35,0.5,0.75 --trials 30 --seeds 1,2,3,4,5 --threads 1",
            "layernas demo --space scripts/demo/width-family-space.yaml --fidelity 12 --seeds 1 --threads 1");
        return command;
    }

    private static List<int> ParseSeeds(string text) =>
        ParseList(text, "--seeds", "1,2,3", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : (int?)null);

    /// <summary>A comma-separated list; one clear error naming <paramref name="option"/> for a bad or empty one.</summary>
    private static List<T> ParseList<T>(string text, string option, string example, Func<string, T?> parse) where T : struct
    {
        var values = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            values.Add(parse(part) ?? throw new UserInputException($"{option} '{text}': '{part}' is not valid; give values separated by commas (e.g. {example})."));
        if (values.Count == 0) throw new UserInputException($"{option}: give at least one value (e.g. {example}).");
        return values;
    }

    private static void Print(TextWriter o, SearchAndRetrainReport r)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(ci, $"space              {r.Space}"));
        o.WriteLine(string.Create(ci, $"budget             {r.BudgetMAdds:0.###} MMAdds (backbone)"));
        o.WriteLine(string.Create(ci, $"search             {r.Trials} trials, {r.SearchSeconds / 60:0.0} min"));
        o.WriteLine(string.Create(ci, $"found              {r.Found} proxy val {r.FoundProxyValidationAccuracy:0.00}% (backbone proxy val {r.BackboneProxyValidationAccuracy:0.00}%)"));
        o.WriteLine("front (final memorial table, best per bucket):");
        foreach (var f in r.Front)
            o.WriteLine(string.Create(ci, $"  bucket {f.Bucket}  {f.Architecture,-20} {f.Cost,8:0.###} MMAdds  proxy val {f.Reward:0.00}%"));
        o.WriteLine(string.Create(ci, $"final training ({r.RetrainSeconds / 60:0.0} min):"));
        foreach (var m in new[] { r.FoundFinal, r.BackboneFinal })
            o.WriteLine(string.Create(ci,
                $"  {m.Role,-9} {m.Architecture,-20} {m.MAdds,8:0.###} MMAdds {m.Parameters,8} params  test {m.MeanTestAccuracy:0.00} ± {m.StdTestAccuracy:0.00}%  (seeds {string.Join(' ', m.Runs.Select(x => x.TestAccuracy?.ToString("0.00", ci)))})"));
        o.WriteLine(string.Create(ci, $"gain               {r.TestAccuracyGain:+0.00;-0.00} points mean test accuracy at {r.FoundFinal.MAdds:0.###} vs {r.BackboneFinal.MAdds:0.###} MMAdds"));
    }

    /// <summary>A retrained model and each of its runs, as every `demo` report writes it.</summary>
    internal static object RetrainedJson(RetrainedModel m) => new
    {
        role = m.Role,
        architecture = m.Architecture.ToString(),
        mmadds = m.MAdds,
        @params = m.Parameters,
        mean_test_accuracy = m.MeanTestAccuracy,
        std_test_accuracy = m.StdTestAccuracy,
        runs = m.Runs.Select((x, i) => new
        {
            seed = m.Seeds[i], val_accuracy = x.ValidationAccuracy, test_accuracy = x.TestAccuracy, images_per_second = x.ImagesPerSecond,
            train_seconds = x.TrainSeconds, wall_seconds = i < m.WallSeconds.Count ? m.WallSeconds[i] : (double?)null, latency_ms = x.LatencyMs,
        }),
    };

    private static object ToJson(SearchAndRetrainReport r) => new
    {
        space = r.Space,
        budget_mmadds = r.BudgetMAdds,
        trials = r.Trials,
        search_seconds = r.SearchSeconds,
        found = r.Found.ToString(),
        found_proxy_val_accuracy = r.FoundProxyValidationAccuracy,
        backbone_proxy_val_accuracy = r.BackboneProxyValidationAccuracy,
        front = r.Front.Select(f => new { bucket = f.Bucket, architecture = f.Architecture.ToString(), mmadds = f.Cost, proxy_val_accuracy = f.Reward }),
        final = new[] { r.FoundFinal, r.BackboneFinal }.Select(RetrainedJson),
        test_accuracy_gain = r.TestAccuracyGain,
        retrain_seconds = r.RetrainSeconds,
    };
}
