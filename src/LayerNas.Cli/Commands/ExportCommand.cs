using System.CommandLine;
using LayerNas.Cli.Options;
using LayerNas.Export.Latency;
using LayerNas.Export.Packaging;
using LayerNas.Networks.Spaces;
using LayerNas.Storage;
using LayerNas.Studies;
using LayerNas.Training;

namespace LayerNas.Cli.Commands;

/// <summary>
/// `layernas export`: writes model.json, model.onnx (verified with ONNX Runtime), weights.safetensors, weights.dat and
/// card.md for a study's best or front point, or for --space S --arch A.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var study = new Option<string?>("--study") { Description = "Export from this stored study (with --point)." };
        var storage = new Option<string?>("--storage") { Description = $"With --study: sqlite:PATH (default {StorageLocation.Default}) or postgresql://user:password@host:5432/db." };
        var point = new Option<string>("--point") { Description = "With --study: 'best' (highest reward) or N, the N-th point (0-based) of the cost/reward front by increasing cost.", DefaultValueFactory = _ => "best" };
        var space = new Option<string?>("--space") { Description = $"Without --study: a built-in network space ({string.Join(", ", NetworkSpaceCatalog.Names)}) or a space file." };
        var arch = new Option<string?>("--arch") { Description = "Without --study: the architecture, e.g. 2-0-1-1 (one option index per layer), or 'backbone'." };
        var weights = new Option<FileInfo?>("--weights") { Description = "Trained TorchSharp weights (.dat, e.g. from `layernas train`); without it the weights are freshly initialized (seeded) and the card says so." };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights when no --weights is given.", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (must not exist, or be empty); written in full or not at all.", Required = true };
        var runs = new Option<int>("--latency-runs") { Description = "Timed runs for the card's latency (median reported).", DefaultValueFactory = _ => 30 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads for the latency measurement.", DefaultValueFactory = _ => 1 };
        var statistic = new Option<LatencyStatistic>("--statistic") { Description = "Median (default) or Min of the timed runs for the card's latency (min is robust on a busy machine).", DefaultValueFactory = _ => LatencyStatistic.Median };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only what was exported (no verification and latency notes on stderr)." };
        var command = new Command("export", "Export a found model: ONNX (verified against TorchSharp), safetensors, TorchSharp weights, spec and a model card.")
        {
            study, storage, point, space, arch, weights, seed, output, runs, threads, statistic, quiet,
        };
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var studyName = parse.GetValue(study);
            ExportSource source;
            if (studyName is not null)
            {
                if (parse.GetValue(space) is not null || parse.GetValue(arch) is not null)
                    throw new UserInputException("Give either --study (with --point) or --space and --arch, not both.");
                await using var store = await StudyStores.OpenExistingAsync(parse.GetValue(storage), ct)
                    ?? throw new UserInputException(StudyNames.NotFound(studyName, StorageLocation.Parse(parse.GetValue(storage)).Target));
                var stored = await store.FindAsync(studyName, ct) ?? throw new UserInputException(StudyNames.NotFound(studyName, store.Description));
                // The recipe knows the space as it was given: a built-in name or a space file's path.
                var network = StoredRecipe.Read(stored).Problem.Space is { } searched ? NetworkSpaceCatalog.Resolve(searched) : null;
                source = await StudyExportSource.ResolveAsync(store, studyName, parse.GetValue(point)!, network, ct);
            }
            else
            {
                var spaceName = parse.GetValue(space) ?? throw new UserInputException("Say what to export: --study NAME [--point N|best], or --space S --arch A.");
                var s = NetworkSpaceCatalog.Resolve(spaceName);
                var archText = parse.GetValue(arch) ?? throw new UserInputException($"With --space, give --arch (e.g. {s.Backbone}, or 'backbone').");
                var a = archText == "backbone" ? s.Backbone : s.Space.Parse(archText);
                source = new ExportSource(s, a, new Dictionary<string, double>(), $"Given on the command line: space `{s.Name}`, architecture `{a}`.");
            }
            var spec = source.Space.Build(source.Architecture);
            var file = parse.GetValue(weights);
            int weightSeed = parse.GetValue(seed);
            using var module = Trainer.CreateModule(spec, weightSeed);
            string weightsDescription;
            if (file is not null)
            {
                if (!file.Exists) throw new UserInputException($"--weights {file.FullName} does not exist: give the .dat file `layernas train` wrote.");
                try { module.load(file.FullName); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new UserInputException($"--weights {file.FullName} does not fit architecture {source.Architecture} of {source.Space.Name} ({ex.Message}): give the weights trained for this architecture.");
                }
                weightsDescription = $"trained, loaded from `{file.Name}`.";
            }
            else weightsDescription = $"NOT TRAINED: freshly initialized (torchvision's MobileNet init, seed {weightSeed}); pass --weights FILE.dat for trained weights.";
            var request = new ExportRequest(module, weightsDescription, source.Provenance)
            {
                Space = source.Space.Name,
                Architecture = source.Architecture.ToString(),
                Metrics = source.Metrics,
                Latency = new LatencyOptions { Runs = parse.GetValue(runs), Threads = parse.GetValue(threads), Statistic = parse.GetValue(statistic) },
            };
            var result = ModelExporter.Export(request, parse.GetValue(output)!.FullName);
            if (!parse.GetValue(quiet))
            {
                console.Error.WriteLine($"verified: {result.Verification}");
                console.Error.WriteLine($"verified: {result.CalibratedVerification}");
                console.Error.WriteLine($"latency: {result.Latency}");
            }
            console.Out.WriteLine($"exported {source.Space.Name} {source.Architecture} to {result.Directory}");
            foreach (var f in result.Files) console.Out.WriteLine($"  {Path.GetFileName(f)}");
            return CliApp.Ok;
        });
        CliHelp.AddExamples(command,
            "layernas export --study demo --point best --out model/",
            "layernas export --space mobilenet-v3-small --arch backbone --weights trained.dat --out model/");
        return command;
    }
}
