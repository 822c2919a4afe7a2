using System.Text.Json;
using System.Text.Json.Nodes;
using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// Writes a <see cref="NetworkSpaceDefinition"/> in the space-file format <see cref="NetworkSpaceLoader"/> reads
/// (JSON flavour), e.g. to start a custom space from a built-in one. Pure.
/// </summary>
public static class NetworkSpaceWriter
{
    public static string ToJson(NetworkSpaceDefinition d)
    {
        var root = new JsonObject
        {
            ["name"] = d.Name,
            ["description"] = d.Description,
            ["input"] = new JsonObject { ["resolution"] = d.Input.Resolution, ["channels"] = d.Input.Channels },
            ["batch_norm"] = new JsonObject { ["eps"] = d.BatchNorm.Eps, ["momentum"] = d.BatchNorm.Momentum },
            ["channel_divisor"] = d.ChannelDivisor,
            ["squeeze_excite"] = new JsonObject
            {
                ["reduction"] = d.SqueezeExcite.Reduction, ["divisor"] = d.SqueezeExcite.Divisor,
                ["activation"] = Name(d.SqueezeExcite.Activation), ["gate"] = Name(d.SqueezeExcite.Gate),
            },
            ["stem"] = Block(d.Stem),
            ["blocks"] = new JsonArray(d.Blocks.Select(b => (JsonNode)Block(b)).ToArray()),
            ["head"] = new JsonArray(d.Head.Select(b => (JsonNode)Block(b)).ToArray()),
            ["classifier"] = new JsonArray(d.Classifier.Select(c => (JsonNode)(c.Type == "dropout"
                ? new JsonObject { ["type"] = "dropout", ["rate"] = c.Rate }
                : new JsonObject { ["type"] = "linear", ["out"] = c.Out, ["activation"] = Name(c.Activation), ["bias"] = c.Bias })).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Block(BlockTemplate b)
    {
        var o = new JsonObject
        {
            ["type"] = b.Type switch { BlockType.Conv => "conv", BlockType.DepthwiseSeparable => "depthwise_separable", _ => "inverted_residual" },
            ["out"] = b.Out,
            ["kernel"] = b.Kernel,
            ["stride"] = b.Stride,
            ["activation"] = Name(b.Activation),
        };
        if (b.Groups != 1) o["groups"] = b.Groups;
        if (b.Type == BlockType.DepthwiseSeparable) o["pointwise_activation"] = Name(b.PointwiseActivation);
        if (b.Expansion is { } r) o["expansion"] = r;
        if (b.ExpandedChannels is { } x) o["expanded_channels"] = x;
        if (b.Type != BlockType.Conv) o["se"] = b.Se;
        if (b.Search is { } c)
        {
            var s = new JsonObject();
            if (c.Kernel is not null) s["kernel"] = new JsonArray(c.Kernel.Select(v => (JsonNode)v).ToArray());
            if (c.Expansion is not null) s["expansion"] = new JsonArray(c.Expansion.Select(v => (JsonNode)v).ToArray());
            if (c.ExpandedChannels is not null) s["expanded_channels"] = new JsonArray(c.ExpandedChannels.Select(v => (JsonNode)v).ToArray());
            if (c.Out is not null) s["out"] = new JsonArray(c.Out.Select(v => (JsonNode)v).ToArray());
            if (c.Se is not null) s["se"] = new JsonArray(c.Se.Select(v => (JsonNode)v).ToArray());
            if (c.Droppable) s["droppable"] = true;
            o["search"] = s;
        }
        return o;
    }

    private static string Name(Activation a) => a.ToString().ToLowerInvariant();
}
