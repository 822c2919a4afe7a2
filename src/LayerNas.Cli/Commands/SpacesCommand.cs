using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LayerNas.Networks.Spaces;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas spaces`: the built-in network search spaces with size and cost ranges, or one space's layers.</summary>
public static class SpacesCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string?>("space") { Description = "Show the layers and options of this built-in space or space file.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var export = new Option<bool>("--export") { Description = "With a space: print it as a space file (JSON), to start your own from it (docs/space-format.md)." };
        var command = new Command("spaces", "List the built-in network search spaces (size, MAdds and params ranges), or show one space's layers.");
        CliHelp.AddExamples(command,
            "layernas spaces                                                  # the built-in spaces, sizes, cost ranges",
            "layernas spaces examples/tiny-space.yaml                         # one space's layers and options",
            "layernas spaces mobilenet-v3-small-32 --export > my.json         # a built-in space as a file to edit");
        command.Arguments.Add(name);
        command.Options.Add(json);
        command.Options.Add(export);
        command.SetAction((ParseResult parse) =>
        {
            var one = parse.GetValue(name);
            if (parse.GetValue(export))
            {
                if (one is null) throw new UserInputException("--export needs a space: layernas spaces NAME --export > my-space.json");
                console.Out.WriteLine(NetworkSpaceWriter.ToJson(NetworkSpaceCatalog.Resolve(one).Definition));
            }
            else if (one is not null) WriteOne(console, NetworkSpaceCatalog.Resolve(one), parse.GetValue(json));
            else WriteAll(console, NetworkSpaceCatalog.Names.Select(n => NetworkSpaceSummary.Of(NetworkSpaceCatalog.Get(n))).ToList(), parse.GetValue(json));
            return CliApp.Ok;
        });
        return command;
    }

    private static object Json(NetworkSpaceSummary s) => new
    {
        name = s.Name, description = s.Description, resolution = s.Resolution, input_channels = s.InputChannels, classes = s.Classes,
        layers = s.Layers, min_options = s.MinOptions, max_options = s.MaxOptions, size = s.Size.ToString(CultureInfo.InvariantCulture),
        backbone_madds = s.BackboneMMAdds, min_madds = s.MinMMAdds, max_madds = s.MaxMMAdds,
        backbone_params = s.BackboneMParams, min_params = s.MinMParams, max_params = s.MaxMParams,
    };

    private static void WriteAll(CliConsole console, IReadOnlyList<NetworkSpaceSummary> all, bool json)
    {
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(all.Select(Json), new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var o = console.Out;
        o.WriteLine($"{"space",-24} {"input",-10} {"layers",6} {"options",8} {"size",8}  {"MMAdds backbone [min, max]",-30} {"Mparams backbone [min, max]",-26}");
        foreach (var s in all)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name,-24} {$"{s.Resolution}x{s.Resolution}x{s.InputChannels}",-10} {s.Layers,6} {$"{s.MinOptions}-{s.MaxOptions}",8} {s.SizeText,8}  {$"{s.BackboneMMAdds:F1} [{s.MinMMAdds:F1}, {s.MaxMMAdds:F1}]",-30} {$"{s.BackboneMParams:F2} [{s.MinMParams:F2}, {s.MaxMParams:F2}]",-26}"));
        o.WriteLine();
        o.WriteLine("Costs: madds (MMAdds), params (M), activation / activation-int8 (bytes). Details: layernas spaces NAME; docs/spaces.md.");
    }

    private static void WriteOne(CliConsole console, NetworkSearchSpace space, bool json)
    {
        var s = NetworkSpaceSummary.Of(space);
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                summary = Json(s),
                backbone = space.Backbone.ToString(),
                layer_list = space.Space.Layers.Select((l, i) => new { name = l.Name, backbone = l.Options[space.Backbone[i]], options = l.Options }),
            }, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var o = console.Out;
        o.WriteLine($"{s.Name}: {s.Description}");
        o.WriteLine($"{s.Layers} layers, {s.SizeText} architectures; backbone {space.Backbone}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MAdds {s.BackboneMMAdds:F2} M (range {s.MinMMAdds:F2} to {s.MaxMMAdds:F2}); params {s.BackboneMParams:F3} M (range {s.MinMParams:F3} to {s.MaxMParams:F3})"));
        o.WriteLine();
        for (int i = 0; i < space.Space.LayerCount; i++)
        {
            var l = space.Space.Layers[i];
            o.WriteLine($"{i,3} {l.Name,-10} {l.Count,3} options, backbone {l.Options[space.Backbone[i]]}: {string.Join(" ", l.Options)}");
        }
    }
}
