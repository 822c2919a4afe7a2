using System.Text.Json;
using System.Text.Json.Nodes;
using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// Reads a <see cref="NetworkSpaceDefinition"/> from a parsed JSON/YAML tree, tolerantly: every unknown key,
/// missing key and wrongly typed value becomes a located problem, and reading goes on with a default. One use.
/// </summary>
internal sealed class SpaceReader
{
    private static readonly string[] TopKeys = ["name", "description", "input", "batch_norm", "channel_divisor", "squeeze_excite", "stem", "blocks", "head", "classifier"];
    private static readonly string[] BlockKeys = ["type", "out", "kernel", "stride", "activation", "groups", "pointwise_activation", "expansion", "expanded_channels", "se", "search"];
    private static readonly string[] SearchKeys = ["kernel", "expansion", "expanded_channels", "out", "se", "droppable"];
    private static readonly string[] ClassifierKeys = ["type", "out", "activation", "bias", "rate"];

    public List<string> Problems { get; } = new();

    /// <summary>Paths already reported, so validation does not report the defaults that replaced them.</summary>
    public HashSet<string> Reported { get; } = new();

    public NetworkSpaceDefinition? Read(JsonNode? root)
    {
        if (root is not JsonObject o)
        {
            Add("(top level)", "must be a mapping with name, input, stem, blocks, head and classifier (see docs/space-format.md)");
            return null;
        }
        Keys(o, "", TopKeys);
        var input = Object(o, "input", "input", required: true);
        var bn = Object(o, "batch_norm", "batch_norm");
        var se = Object(o, "squeeze_excite", "squeeze_excite");
        var defaults = new BatchNormSpec();
        var seDefaults = new SqueezeExciteRule();
        if (input is not null) Keys(input, "input.", ["resolution", "channels"]);
        if (bn is not null) Keys(bn, "batch_norm.", ["eps", "momentum"]);
        if (se is not null) Keys(se, "squeeze_excite.", ["reduction", "divisor", "activation", "gate"]);
        return new NetworkSpaceDefinition
        {
            Name = String(o, "name", "name", "", required: true),
            Description = String(o, "description", "description", ""),
            Input = new InputSpec(
                input is null ? 1 : Int(input, "resolution", "input.resolution", 1, required: true),
                input is null ? 1 : Int(input, "channels", "input.channels", 1, required: true)),
            BatchNorm = bn is null ? defaults : new BatchNormSpec(
                Double(bn, "eps", "batch_norm.eps", defaults.Eps), Double(bn, "momentum", "batch_norm.momentum", defaults.Momentum)),
            ChannelDivisor = Int(o, "channel_divisor", "channel_divisor", 8),
            SqueezeExcite = se is null ? seDefaults : new SqueezeExciteRule(
                Int(se, "reduction", "squeeze_excite.reduction", seDefaults.Reduction),
                Int(se, "divisor", "squeeze_excite.divisor", seDefaults.Divisor),
                Activation(se, "activation", "squeeze_excite.activation", seDefaults.Activation),
                Activation(se, "gate", "squeeze_excite.gate", seDefaults.Gate)),
            Stem = Block(Object(o, "stem", "stem", required: true), "stem", BlockType.Conv, 3),
            Blocks = Items(o, "blocks", required: true).Select(x => Block(x.Node, x.Path, BlockType.InvertedResidual, 3)).ToList(),
            Head = Items(o, "head", required: false).Select(x => Block(x.Node, x.Path, BlockType.Conv, 1)).ToList(),
            Classifier = Items(o, "classifier", required: true).Select(x => Classifier(x.Node, x.Path)).ToList(),
        };
    }

    private BlockTemplate Block(JsonObject? o, string path, BlockType defaultType, int defaultKernel)
    {
        if (o is null) return new BlockTemplate { Type = defaultType, Out = 1, Kernel = defaultKernel };
        Keys(o, path + ".", BlockKeys);
        var type = Type(o, $"{path}.type", defaultType);
        var search = Object(o, "search", $"{path}.search");
        BlockChoices? choices = null;
        if (search is not null)
        {
            Keys(search, $"{path}.search.", SearchKeys);
            choices = new BlockChoices
            {
                Kernel = List(search, "kernel", $"{path}.search.kernel", IntValue),
                Expansion = List(search, "expansion", $"{path}.search.expansion", DoubleValue),
                ExpandedChannels = List(search, "expanded_channels", $"{path}.search.expanded_channels", IntValue),
                Out = List(search, "out", $"{path}.search.out", IntValue),
                Se = List(search, "se", $"{path}.search.se", BoolValue),
                Droppable = Bool(search, "droppable", $"{path}.search.droppable", false),
            };
        }
        return new BlockTemplate
        {
            Type = type,
            Out = Int(o, "out", $"{path}.out", 1, required: true),
            Kernel = Int(o, "kernel", $"{path}.kernel", defaultKernel),
            Stride = Int(o, "stride", $"{path}.stride", 1),
            Activation = Activation(o, "activation", $"{path}.activation", type == BlockType.InvertedResidual ? Specs.Activation.Relu6 : Specs.Activation.Relu),
            Groups = Int(o, "groups", $"{path}.groups", 1),
            PointwiseActivation = Activation(o, "pointwise_activation", $"{path}.pointwise_activation", Specs.Activation.Relu),
            Expansion = o.ContainsKey("expansion") ? Double(o, "expansion", $"{path}.expansion", 1) : null,
            ExpandedChannels = o.ContainsKey("expanded_channels") ? Int(o, "expanded_channels", $"{path}.expanded_channels", 1) : null,
            Se = Bool(o, "se", $"{path}.se", false),
            Search = choices,
        };
    }

    private ClassifierTemplate Classifier(JsonObject? o, string path)
    {
        if (o is null) return new ClassifierTemplate { Type = "dropout" };
        Keys(o, path + ".", ClassifierKeys);
        var type = String(o, "type", $"{path}.type", "linear");
        if (type is not ("linear" or "dropout"))
        {
            Add($"{path}.type", $"unknown layer type '{type}': use linear or dropout");
            type = "dropout";
        }
        return new ClassifierTemplate
        {
            Type = type,
            Out = type == "linear" ? Int(o, "out", $"{path}.out", 1, required: true) : 0,
            Activation = Activation(o, "activation", $"{path}.activation", Specs.Activation.None),
            Bias = Bool(o, "bias", $"{path}.bias", true),
            Rate = Double(o, "rate", $"{path}.rate", 0),
        };
    }

    private IEnumerable<(JsonObject? Node, string Path)> Items(JsonObject o, string key, bool required)
    {
        if (!o.TryGetPropertyValue(key, out var node) || node is null)
        {
            if (required) Add(key, "is missing");
            return [];
        }
        if (node is not JsonArray array)
        {
            Add(key, "must be a list");
            return [];
        }
        var items = new List<(JsonObject?, string)>();
        for (int i = 0; i < array.Count; i++)
        {
            string path = $"{key}[{i}]";
            if (array[i] is JsonObject item) items.Add((item, path));
            else
            {
                Add(path, "must be a mapping (key: value entries)");
                items.Add((null, path));
            }
        }
        return items;
    }

    private JsonObject? Object(JsonObject o, string key, string path, bool required = false)
    {
        if (!o.TryGetPropertyValue(key, out var node) || node is null)
        {
            if (required) Add(path, "is missing");
            return null;
        }
        if (node is JsonObject obj) return obj;
        Add(path, "must be a mapping (key: value entries)");
        return null;
    }

    private void Keys(JsonObject o, string prefix, string[] allowed)
    {
        foreach (var (key, _) in o)
            if (!allowed.Contains(key))
                Add(prefix + key, $"unknown key: use one of {string.Join(", ", allowed)}");
    }

    private T Value<T>(JsonObject o, string key, string path, T fallback, bool required, Func<JsonNode, T?> parse, string expected) where T : struct
    {
        if (!o.TryGetPropertyValue(key, out var node) || node is null)
        {
            if (required) Add(path, "is missing");
            return fallback;
        }
        var value = parse(node);
        if (value is null)
        {
            Add(path, $"must be {expected} (is {node.ToJsonString()})");
            return fallback;
        }
        return value.Value;
    }

    private int Int(JsonObject o, string key, string path, int fallback, bool required = false) =>
        Value(o, key, path, fallback, required, IntValue, "an integer");

    private double Double(JsonObject o, string key, string path, double fallback) =>
        Value(o, key, path, fallback, false, DoubleValue, "a number");

    private bool Bool(JsonObject o, string key, string path, bool fallback) =>
        Value(o, key, path, fallback, false, BoolValue, "true or false");

    private string String(JsonObject o, string key, string path, string fallback, bool required = false)
    {
        if (!o.TryGetPropertyValue(key, out var node) || node is null)
        {
            if (required) Add(path, "is missing");
            return fallback;
        }
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        if (node is JsonValue n) return n.ToJsonString();
        Add(path, $"must be a text value (is {node.ToJsonString()})");
        return fallback;
    }

    private Activation Activation(JsonObject o, string key, string path, Activation fallback)
    {
        if (!o.ContainsKey(key) || o[key] is null) return fallback;
        var text = String(o, key, path, "");
        var names = Enum.GetValues<Activation>().ToDictionary(a => a.ToString().ToLowerInvariant());
        if (names.TryGetValue(text.ToLowerInvariant(), out var activation)) return activation;
        Add(path, $"unknown activation '{text}': use one of {string.Join(", ", names.Keys)}");
        return fallback;
    }

    private BlockType Type(JsonObject o, string path, BlockType fallback)
    {
        if (!o.ContainsKey("type") || o["type"] is null) return fallback;
        var text = String(o, "type", path, "");
        switch (text)
        {
            case "conv": return BlockType.Conv;
            case "depthwise_separable": return BlockType.DepthwiseSeparable;
            case "inverted_residual": return BlockType.InvertedResidual;
            default:
                Add(path, $"unknown block type '{text}': use conv, depthwise_separable or inverted_residual");
                return fallback;
        }
    }

    private List<T>? List<T>(JsonObject o, string key, string path, Func<JsonNode, T?> parse) where T : struct
    {
        if (!o.TryGetPropertyValue(key, out var node) || node is null) return null;
        if (node is not JsonArray array)
        {
            Add(path, $"must be a list of options (is {node.ToJsonString()})");
            return null;
        }
        var values = new List<T>();
        for (int i = 0; i < array.Count; i++)
        {
            var value = array[i] is null ? null : parse(array[i]!);
            if (value is null) Add($"{path}[{i}]", $"is not a valid option ({array[i]?.ToJsonString() ?? "null"})");
            else values.Add(value.Value);
        }
        return values;
    }

    private static int? IntValue(JsonNode node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return null;
        if (v.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue) return (int)l;
        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue) return (int)d;
        return null;
    }

    private static double? DoubleValue(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) ? d : null;

    private static bool? BoolValue(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    private void Add(string path, string message)
    {
        Problems.Add($"{path}: {message}");
        Reported.Add(path);
    }
}
