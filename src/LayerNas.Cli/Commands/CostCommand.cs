using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LayerNas.Networks;
using LayerNas.Networks.Spaces;
using LayerNas.Networks.Specs;

namespace LayerNas.Cli.Commands;

/// <summary>
/// `layernas cost`: exact MAdds, params and peak activation memory of a reference model (--model), of an
/// architecture of a network search space (--space, --arch), or of a network spec file (--network); with
/// --bench-search, the time the cost model takes over a whole LayerNAS search of the space.
/// </summary>
public static class CostCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string?>("--model") { Description = $"Reference model: {string.Join(", ", MobileNets.ModelNames)}." };
        var width = new Option<double>("--width") { Description = "Width multiplier of --model.", DefaultValueFactory = _ => 1.0 };
        var resolution = new Option<int>("--resolution") { Description = "Input resolution of --model (pixels per side).", DefaultValueFactory = _ => 224 };
        var classes = new Option<int>("--classes") { Description = "Classes of --model.", DefaultValueFactory = _ => 1000 };
        var space = new Option<string?>("--space") { Description = "A built-in network space (see `layernas spaces`) or a .yaml/.json space file." };
        var arch = new Option<string?>("--arch") { Description = "With --space: the architecture (one option index per layer, e.g. 2-0-1); default the backbone." };
        var network = new Option<FileInfo?>("--network") { Description = "A network spec JSON file (docs/space-format.md)." };
        var bench = new Option<bool>("--bench-search") { Description = "With --space: run LayerNAS with the stand-in reward and report the time spent computing costs." };
        var maxCost = new Option<double?>("--max-cost") { Description = "With --bench-search: the budget in MMAdds (default: the backbone's MAdds)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table." };
        var command = new Command("cost", "Exact MAdds, parameters and peak activation memory of a network.");
        CliHelp.AddExamples(command,
            "layernas cost --model mobilenet_v2 --width 1.4                  # exact MAdds, params, peak activation",
            "layernas cost --space examples/tiny-space.yaml --arch 1-4-0-27",
            "layernas cost --network my-net.json --json");
        foreach (var o in new Option[] { model, width, resolution, classes, space, arch, network, bench, maxCost, json }) command.Options.Add(o);

        command.SetAction((ParseResult parse) =>
        {
            var modelName = parse.GetValue(model);
            var spaceName = parse.GetValue(space);
            var networkFile = parse.GetValue(network);
            if (new object?[] { modelName, spaceName, networkFile }.Count(x => x is not null) != 1)
                throw new UserInputException("Give exactly one of --model NAME, --space NAME|FILE or --network FILE.");
            if (parse.GetValue(bench))
            {
                if (spaceName is null) throw new UserInputException("--bench-search needs --space NAME|FILE.");
                WriteBench(console, SearchCostBenchmark.Run(NetworkSpaceCatalog.Resolve(spaceName), "madds", parse.GetValue(maxCost)), parse.GetValue(json));
                return CliApp.Ok;
            }
            NetworkSpec spec;
            string? archText = null;
            if (modelName is not null)
            {
                if (parse.GetValue(width) <= 0) throw new UserInputException("--width must be > 0 (e.g. 1.0 or 1.4).");
                if (parse.GetValue(resolution) < 1) throw new UserInputException("--resolution must be >= 1.");
                if (parse.GetValue(classes) < 1) throw new UserInputException("--classes must be >= 1.");
                spec = MobileNets.ByName(modelName, parse.GetValue(width), parse.GetValue(resolution), parse.GetValue(classes));
            }
            else if (spaceName is not null)
            {
                var s = NetworkSpaceCatalog.Resolve(spaceName);
                var a = parse.GetValue(arch) is { } text ? s.Space.Parse(text) : s.Backbone;
                archText = a.ToString();
                spec = s.Build(a);
            }
            else
            {
                if (!networkFile!.Exists) throw new UserInputException($"--network: file '{networkFile.FullName}' does not exist.");
                spec = NetworkSpec.FromJson(File.ReadAllText(networkFile.FullName), networkFile.Name);
            }
            Write(console, spec, archText, parse.GetValue(json));
            return CliApp.Ok;
        });
        return command;
    }

    private static void Write(CliConsole console, NetworkSpec spec, string? arch, bool json)
    {
        var costs = NetworkCosts.Of(spec);
        var rows = BlockCostRow.Of(spec);
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                model = spec.Name,
                arch,
                resolution = spec.Input.Resolution,
                input_channels = spec.Input.Channels,
                classes = spec.Classes,
                madds = costs.MultiplyAdds,
                @params = costs.Parameters,
                activation_bytes = costs.ActivationBytesFloat32,
                activation_bytes_int8 = costs.ActivationBytesInt8,
                blocks = rows.Select(r => new
                {
                    name = r.Name, kind = r.Kind, in_channels = r.InChannels, out_channels = r.OutChannels,
                    in_resolution = r.InResolution, out_resolution = r.OutResolution, madds = r.MultiplyAdds, @params = r.Parameters,
                    activation_bytes = r.PeakActivationElements * 4,
                }),
            }, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var o = console.Out;
        o.WriteLine($"{spec.Name}  input {spec.Input.Resolution}x{spec.Input.Resolution}x{spec.Input.Channels}, {spec.Classes} classes");
        o.WriteLine($"{"block",-16} {"kind",-34} {"in",5} {"out",5} {"res",9} {"MAdds",13} {"params",11} {"peak act B",12}");
        foreach (var r in rows)
            o.WriteLine($"{r.Name,-16} {r.Kind,-34} {r.InChannels,5} {r.OutChannels,5} {$"{r.InResolution}->{r.OutResolution}",9} {r.MultiplyAdds,13:N0} {r.Parameters,11:N0} {r.PeakActivationElements * 4,12:N0}");
        o.WriteLine();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"madds             {costs.MultiplyAdds} ({costs.MultiplyAdds / 1e6:F2} M)"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"params            {costs.Parameters} ({costs.Parameters / 1e6:F3} M)"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"activation_bytes  {costs.ActivationBytesFloat32} float32, {costs.ActivationBytesInt8} int8 (peak live tensors, batch 1)"));
    }

    private static void WriteBench(CliConsole console, SearchCostBenchmark.Result r, bool json)
    {
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                space = r.Space, cost = r.CostName, max_cost = r.MaxCost, evaluations = r.Evaluations, cost_calls = r.CostCalls,
                completion_calls = r.CompletionCalls, cost_wall_seconds = r.CostWallTime.TotalSeconds, cost_cpu_seconds = r.CostCpuTime.TotalSeconds,
                search_wall_seconds = r.SearchWallTime.TotalSeconds, search_cpu_seconds = r.SearchCpuTime.TotalSeconds,
                best_reward = r.BestReward, best_cost = r.BestCost,
            }, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var o = console.Out;
        long calls = Math.Max(1, r.CostCalls + r.CompletionCalls);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LayerNAS on {r.Space} under {r.CostName} <= {r.MaxCost:G6} with the stand-in reward (not accuracy)"));
        o.WriteLine($"evaluations                      {r.Evaluations}");
        o.WriteLine($"Cost calls                       {r.CostCalls:N0}");
        o.WriteLine($"Completions calls                {r.CompletionCalls:N0}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all cost calls, replayed         {r.CostWallTime.TotalMilliseconds:F1} ms wall, {r.CostCpuTime.TotalMilliseconds:F1} ms CPU ({r.CostWallTime.TotalMilliseconds * 1e6 / calls:F0} ns/call wall)"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole search                     {r.SearchWallTime.TotalMilliseconds:F1} ms wall, {r.SearchCpuTime.TotalMilliseconds:F1} ms CPU (strategy + stand-in reward + costs)"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best stand-in reward             {r.BestReward:F3} at {r.BestCost:G6}"));
    }
}
