using System.Text.Json;
using System.Text.Json.Serialization;
using LayerNas.Export.Onnx;
using LayerNas.Networks.Spaces;
using LayerNas.Networks.Specs;

namespace LayerNas.Export.Latency;

/// <summary>
/// A layerwise latency lookup table of one <see cref="NetworkSearchSpace"/> on this machine (as FBNet's per-device
/// tables): the latency of every reachable (block, input channels, option) measured once as a one-block ONNX model,
/// of the stem, and of the tail (head, pool, classifier) for every possible last-block width. Each part's time has
/// the runtime's fixed per-run cost (<see cref="OverheadMs"/>, measured on a one-ReLU model) subtracted; a
/// prediction adds it back once. Saved as JSON so that it is measured once per machine. Immutable after creation.
/// </summary>
public sealed class LatencyTable
{
    [JsonConstructor]
    public LatencyTable(string space, string machine, LatencyOptions options, double overheadMs, double stemMs,
        IReadOnlyList<double[]> blocks, IReadOnlyDictionary<int, double> tail)
    {
        Space = space;
        Machine = machine;
        Options = options;
        OverheadMs = overheadMs;
        StemMs = stemMs;
        Blocks = blocks;
        Tail = tail;
    }

    public string Space { get; }

    /// <summary>Where it was measured (processor count, OS, runtime), to notice a table from another machine.</summary>
    public string Machine { get; }

    public LatencyOptions Options { get; }

    public double OverheadMs { get; }

    public double StemMs { get; }

    /// <summary>Per slot of the space: milliseconds at [input-channels index × option count + option] (0 for a dropped block).</summary>
    public IReadOnlyList<double[]> Blocks { get; }

    /// <summary>Tail milliseconds by the last block's output channels.</summary>
    public IReadOnlyDictionary<int, double> Tail { get; }

    /// <summary>Number of distinct parts measured (blocks, stem, tail variants).</summary>
    [JsonIgnore]
    public int MeasuredParts { get; private set; }

    public static string ThisMachine() =>
        $"{Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}";

    /// <summary>Measures every part of <paramref name="space"/> (identical parts once). <paramref name="progress"/> gets (done, total).</summary>
    public static LatencyTable Measure(NetworkSearchSpace space, LatencyMeter meter, Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        var bn = space.Definition.BatchNorm;
        var slots = space.Slots;
        var parts = new Dictionary<(BlockSpec, int), double>();
        var todo = new List<(BlockSpec Block, int Resolution)>();
        foreach (var slot in slots)
            foreach (int cin in slot.CinValues)
                foreach (var option in slot.Options)
                    if (!option.Dropped)
                    {
                        var key = (slot.Make(space.Definition, cin, option), slot.Resolution);
                        if (parts.TryAdd(key, 0)) todo.Add(key);
                    }
        var backbone = space.Build(space.Backbone);
        var finals = space.FinalChannels;
        int total = todo.Count + finals.Length + 2, done = 0;

        double overhead = meter.Measure(OnnxExporter.OverheadModel(), 1, 1).Ms;
        progress?.Invoke(++done, total);
        double Part(byte[] model, int channels, int resolution) => Math.Max(0, meter.Measure(model, channels, resolution).Ms - overhead);

        double stem = Part(OnnxExporter.BlockModel(backbone.Stem, backbone.Input.Resolution, bn), backbone.Input.Channels, backbone.Input.Resolution);
        progress?.Invoke(++done, total);
        foreach (var (block, resolution) in todo)
        {
            cancellationToken.ThrowIfCancellationRequested();
            parts[(block, resolution)] = Part(OnnxExporter.BlockModel(block, resolution, bn), block.InChannels, resolution);
            progress?.Invoke(++done, total);
        }
        var tail = new Dictionary<int, double>();
        int tailResolution = TailResolution(space);
        foreach (int c in finals)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var spec = TailSpec(backbone, c);
            tail[c] = Part(OnnxExporter.TailModel(spec, tailResolution), c, tailResolution);
            progress?.Invoke(++done, total);
        }
        var table = FromParts(space, meter.Options, ThisMachine(), overhead, stem, (block, resolution) => parts[(block, resolution)], c => tail[c]);
        table.MeasuredParts = total;
        return table;
    }

    /// <summary>
    /// A table from part latencies measured elsewhere (e.g. on the target device): <paramref name="block"/> gives the
    /// milliseconds of a block spec at an input resolution, <paramref name="tail"/> of the tail for a last-block width.
    /// </summary>
    public static LatencyTable FromParts(NetworkSearchSpace space, LatencyOptions options, string machine, double overheadMs, double stemMs,
        Func<BlockSpec, int, double> block, Func<int, double> tail)
    {
        var blocks = space.Slots.Select(slot =>
        {
            var row = new double[slot.CinValues.Length * slot.OptionCount];
            for (int ci = 0; ci < slot.CinValues.Length; ci++)
                for (int o = 0; o < slot.OptionCount; o++)
                    row[ci * slot.OptionCount + o] = slot.Options[o].Dropped ? 0 : block(slot.Make(space.Definition, slot.CinValues[ci], slot.Options[o]), slot.Resolution);
            return row;
        }).ToList();
        return new LatencyTable(space.Name, machine, options, overheadMs, stemMs, blocks, space.FinalChannels.ToDictionary(c => c, tail));
    }

    /// <summary>The network tail (head convs, pool, classifier) when the last block outputs <paramref name="channels"/>.</summary>
    internal static NetworkSpec TailSpec(NetworkSpec backbone, int channels)
    {
        var head = backbone.Head.ToList();
        var classifier = backbone.Classifier.ToList();
        if (head.Count > 0) head[0] = head[0] with { InChannels = channels };
        else
        {
            int first = classifier.FindIndex(l => l is LinearSpec);
            if (first >= 0) classifier[first] = ((LinearSpec)classifier[first]) with { InFeatures = channels };
        }
        return backbone with { Head = head, Classifier = classifier };
    }

    internal static int TailResolution(NetworkSearchSpace space)
    {
        int r = (space.Definition.Input.Resolution + space.Definition.Stem.Stride - 1) / space.Definition.Stem.Stride;
        foreach (var slot in space.Slots) r = (r + slot.Template.Stride - 1) / slot.Template.Stride;
        return r;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Loads a saved table; a missing file is null, a table of another space or shape is a <see cref="UserInputException"/>.</summary>
    public static LatencyTable? Load(string path, NetworkSearchSpace space)
    {
        if (!File.Exists(path)) return null;
        LatencyTable? table;
        try { table = JsonSerializer.Deserialize<LatencyTable>(File.ReadAllText(path), Json); }
        catch (JsonException ex) { throw new UserInputException($"Latency table {path} is not a valid table ({ex.Message}): delete it to measure again."); }
        if (table is null || !string.Equals(table.Space, space.Name, StringComparison.OrdinalIgnoreCase) || table.Blocks.Count != space.Slots.Count
            || table.Blocks.Select((row, s) => row.Length == space.Slots[s].CinValues.Length * space.Slots[s].OptionCount).Any(ok => !ok))
            throw UserInputException.ForSetting("problem.latency_table", $"{path} is not a table of space '{space.Name}': delete it or give another path.");
        return table;
    }
}
