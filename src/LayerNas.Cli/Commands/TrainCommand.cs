using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LayerNas.Networks;
using LayerNas.Networks.Spaces;
using LayerNas.Networks.Specs;
using LayerNas.Training;
using LayerNas.Training.Data;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas train`: train one architecture of a network space (or a network spec file) and score it.</summary>
public static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var space = new Option<string?>("--space") { Description = "Built-in network space (e.g. mobilenet-v2-28) or a .yaml/.json space file." };
        var arch = new Option<string>("--arch")
        {
            Description = "Architecture of the space (e.g. 2-0-1-...) or 'backbone'.",
            DefaultValueFactory = _ => "backbone",
        };
        var specFile = new Option<string?>("--spec") { Description = "Train this network spec JSON file instead of a space architecture." };
        var specOut = new Option<string?>("--spec-out") { Description = "Also write the trained network's spec JSON to this file (for bench/torch_reference.py)." };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var training = new TrainingOptionSet();
        var command = new Command("train", "Train one architecture (final recipe by default) and print val_accuracy, test_accuracy, images_per_second, latency_ms.")
        {
            space, arch, specFile, specOut, json,
        };
        training.AddTo(command);
        command.SetAction(async (ParseResult p, CancellationToken ct) =>
        {
            var (spec, label) = ResolveSpec(p.GetValue(space), p.GetValue(arch)!, p.GetValue(specFile));
            if (p.GetValue(specOut) is { } outPath) await File.WriteAllTextAsync(outPath, spec.ToJson(), ct);
            var options = training.Bind(p, TrainingOptions.Final);
            var costs = NetworkCosts.Of(spec);
            string dataset = p.GetValue(training.Dataset)!;
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"train {label}: {costs.MultiplyAdds / 1e6:0.###} MMAdds, {costs.Parameters / 1e6:0.###} M params on {dataset}, {options.Epochs} epochs, batch {options.BatchSize}"));
            var data = DataSplits.Create(DatasetCatalog.Load(dataset), options.ValidationCount, options.Seed);
            var result = await new Trainer(data, console.Error).TrainAsync(spec, options, ct);
            var fields = new Dictionary<string, object?>
            {
                ["architecture"] = label,
                ["val_accuracy"] = Math.Round(result.ValidationAccuracy, 4),
                ["test_accuracy"] = result.TestAccuracy is { } t ? Math.Round(t, 4) : null,
                ["images_per_second"] = Math.Round(result.ImagesPerSecond, 1),
                ["latency_ms"] = result.LatencyMs is { } l ? Math.Round(l, 4) : null,
                ["train_seconds"] = Math.Round(result.TrainSeconds, 2),
                ["madds"] = costs.MultiplyAdds,
                ["params"] = costs.Parameters,
                ["epochs"] = options.Epochs,
                ["seed"] = options.Seed,
            };
            if (p.GetValue(json))
                console.Out.WriteLine(JsonSerializer.Serialize(fields));
            else
                foreach (var (k, v) in fields)
                    console.Out.WriteLine($"{k,-18} {Convert.ToString(v, CultureInfo.InvariantCulture) ?? "-"}");
            return 0;
        });
        CliHelp.AddExamples(command,
            "layernas train --space mobilenet-v2-28 --arch backbone --epochs 2 --json",
            "layernas train --space mobilenet-v2-32 --arch backbone --dataset cifar10:/data/cifar-10-batches-bin --epochs 10");
        return command;
    }

    internal static (NetworkSpec Spec, string Label) ResolveSpec(string? space, string arch, string? specFile)
    {
        if (specFile is not null)
        {
            if (space is not null) throw new UserInputException("Give either --spec or --space, not both.");
            if (!File.Exists(specFile)) throw new UserInputException($"Network spec file '{specFile}' does not exist.");
            var spec = NetworkSpec.FromJson(File.ReadAllText(specFile), specFile);
            return (spec, spec.Name);
        }
        if (space is null) throw new UserInputException("Give --space NAME|FILE (with --arch) or --spec FILE.");
        var s = NetworkSpaceCatalog.Resolve(space);
        var a = arch.Equals("backbone", StringComparison.OrdinalIgnoreCase) ? s.Backbone : s.Space.Parse(arch);
        return (s.Build(a), a.ToString());
    }
}
