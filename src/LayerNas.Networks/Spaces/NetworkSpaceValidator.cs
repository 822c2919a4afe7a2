using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Spaces;

/// <summary>Finds every problem of a <see cref="NetworkSpaceDefinition"/>, each located by its path in the file. Pure.</summary>
internal static class NetworkSpaceValidator
{
    public static IEnumerable<string> Problems(NetworkSpaceDefinition d)
    {
        var p = new List<string>();
        void Add(string path, string message) => p.Add($"{path}: {message}");

        if (string.IsNullOrWhiteSpace(d.Name)) Add("name", "must not be empty");
        if (d.Input is null) Add("input", "is missing: give resolution and channels");
        else
        {
            if (d.Input.Resolution < 1) Add("input.resolution", $"must be >= 1 (is {d.Input.Resolution})");
            if (d.Input.Channels < 1) Add("input.channels", $"must be >= 1 (is {d.Input.Channels})");
        }
        if (d.BatchNorm is { } bn)
        {
            if (!(bn.Eps > 0)) Add("batch_norm.eps", $"must be > 0 (is {bn.Eps})");
            if (!(bn.Momentum is >= 0 and <= 1)) Add("batch_norm.momentum", $"must be in [0, 1] (is {bn.Momentum})");
        }
        if (d.ChannelDivisor < 1) Add("channel_divisor", $"must be >= 1 (is {d.ChannelDivisor})");
        if (d.SqueezeExcite is { } se)
        {
            if (se.Reduction < 1) Add("squeeze_excite.reduction", $"must be >= 1 (is {se.Reduction})");
            if (se.Divisor < 1) Add("squeeze_excite.divisor", $"must be >= 1 (is {se.Divisor})");
        }

        if (d.Stem is null) Add("stem", "is missing: give the stem conv (out, kernel, stride, activation)");
        else
        {
            CheckBlock(d.Stem, "stem", Add);
            if (d.Stem.Type != BlockType.Conv) Add("stem.type", "must be conv");
            if (d.Stem.Search is not null) Add("stem.search", "the stem is not searched: move the choices to a block");
        }

        if (d.Blocks is null || d.Blocks.Count == 0) Add("blocks", "is empty: give at least one block");
        else
        {
            int previousOut = d.Stem?.Out ?? 0;
            for (int i = 0; i < d.Blocks.Count; i++)
            {
                var b = d.Blocks[i];
                string path = $"blocks[{i}]";
                if (b is null) { Add(path, "is empty"); continue; }
                CheckBlock(b, path, Add);
                if (b.Search is { } c) CheckChoices(b, c, path, i, previousOut, Add);
                previousOut = b.Out;
            }
            if (d.Blocks.All(b => b?.Search is null))
                Add("blocks", "no block has search choices: give at least one block a `search` entry");
        }

        if (d.Head is not null)
            for (int i = 0; i < d.Head.Count; i++)
            {
                if (d.Head[i] is null) { Add($"head[{i}]", "is empty"); continue; }
                CheckBlock(d.Head[i], $"head[{i}]", Add);
                if (d.Head[i].Type != BlockType.Conv) Add($"head[{i}].type", "must be conv");
                if (d.Head[i].Search is not null) Add($"head[{i}].search", "head convs are not searched: move the choices to a block");
            }

        if (d.Classifier is null || d.Classifier.Count == 0) Add("classifier", "is empty: give at least one linear layer (the class scores)");
        else
        {
            for (int i = 0; i < d.Classifier.Count; i++)
            {
                var l = d.Classifier[i];
                string path = $"classifier[{i}]";
                if (l is null) { Add(path, "is empty"); continue; }
                switch (l.Type)
                {
                    case "linear":
                        if (l.Out < 1) Add($"{path}.out", $"must be >= 1 (is {l.Out})");
                        break;
                    case "dropout":
                        if (!(l.Rate is >= 0 and < 1)) Add($"{path}.rate", $"must be in [0, 1) (is {l.Rate})");
                        break;
                    default:
                        Add($"{path}.type", $"unknown layer type '{l.Type}': use linear or dropout");
                        break;
                }
            }
            if (!d.Classifier.Any(l => l?.Type == "linear")) Add("classifier", "needs at least one linear layer (the class scores)");
        }
        return p;
    }

    private static void CheckBlock(BlockTemplate b, string path, Action<string, string> add)
    {
        if (b.Out < 1) add($"{path}.out", $"must be >= 1 (is {b.Out})");
        CheckKernel(b.Kernel, $"{path}.kernel", add);
        if (b.Stride < 1) add($"{path}.stride", $"must be >= 1 (is {b.Stride})");
        if (b.Groups < 1) add($"{path}.groups", $"must be >= 1 (is {b.Groups})");
        else if (b.Groups > 1 && b.Type != BlockType.Conv) add($"{path}.groups", "applies to conv blocks only");
        if (b.Type == BlockType.InvertedResidual)
        {
            if (b.Expansion is null && b.ExpandedChannels is null)
                add(path, "an inverted_residual needs expansion (ratio of input channels) or expanded_channels");
            else if (b.Expansion is not null && b.ExpandedChannels is not null)
                add(path, "give expansion or expanded_channels, not both");
            if (b.Expansion is { } r && !(r > 0)) add($"{path}.expansion", $"must be > 0 (is {r})");
            if (b.ExpandedChannels is { } x && x < 1) add($"{path}.expanded_channels", $"must be >= 1 (is {x})");
        }
        else
        {
            if (b.Expansion is not null) add($"{path}.expansion", "applies to inverted_residual blocks only");
            if (b.ExpandedChannels is not null) add($"{path}.expanded_channels", "applies to inverted_residual blocks only");
            if (b.Type == BlockType.Conv && b.Se) add($"{path}.se", "conv blocks have no squeeze-and-excite: use depthwise_separable or inverted_residual");
        }
    }

    private static void CheckKernel(int kernel, string path, Action<string, string> add)
    {
        if (kernel < 1 || kernel % 2 == 0) add(path, $"must be an odd number >= 1 (is {kernel})");
    }

    private static void CheckChoices(BlockTemplate b, BlockChoices c, string path, int index, int previousOut, Action<string, string> add)
    {
        string s = $"{path}.search";
        void List<T>(IReadOnlyList<T>? list, string key, T backbone, Func<T, string?> check)
        {
            if (list is null) return;
            if (list.Count == 0) { add($"{s}.{key}", "is an empty option list: give at least one value or remove the key"); return; }
            for (int i = 0; i < list.Count; i++)
                if (check(list[i]) is { } problem) add($"{s}.{key}[{i}]", problem);
            if (list.Distinct().Count() != list.Count) add($"{s}.{key}", "has repeated values: list each option once");
            if (!list.Contains(backbone))
                add($"{s}.{key}", $"must include the block's own value {backbone} (the backbone must be a point of the space)");
        }
        List(c.Kernel, "kernel", b.Kernel, k => k < 1 || k % 2 == 0 ? $"must be an odd number >= 1 (is {k})" : null);
        List(c.Out, "out", b.Out, o => o < 1 ? $"must be >= 1 (is {o})" : null);
        if (c.Se is not null)
        {
            if (b.Type == BlockType.Conv) add($"{s}.se", "conv blocks have no squeeze-and-excite");
            else List(c.Se, "se", b.Se, _ => null);
        }
        if (b.Type == BlockType.InvertedResidual)
        {
            if (c.Expansion is { Count: 0 }) add($"{s}.expansion", "is an empty option list: give at least one value or remove the key");
            if (c.ExpandedChannels is { Count: 0 }) add($"{s}.expanded_channels", "is an empty option list: give at least one value or remove the key");
            for (int i = 0; i < (c.Expansion?.Count ?? 0); i++)
                if (!(c.Expansion![i] > 0)) add($"{s}.expansion[{i}]", $"must be > 0 (is {c.Expansion[i]})");
            for (int i = 0; i < (c.ExpandedChannels?.Count ?? 0); i++)
                if (c.ExpandedChannels![i] < 1) add($"{s}.expanded_channels[{i}]", $"must be >= 1 (is {c.ExpandedChannels[i]})");
            bool hasChoices = c.Expansion is { Count: > 0 } || c.ExpandedChannels is { Count: > 0 };
            bool backboneListed = (b.ExpandedChannels is { } x && (c.ExpandedChannels?.Contains(x) ?? false))
                || (b.ExpandedChannels is null && b.Expansion is { } r && (c.Expansion?.Contains(r) ?? false));
            if (hasChoices && !backboneListed && (b.Expansion is not null || b.ExpandedChannels is not null))
                add($"{s}", b.ExpandedChannels is not null
                    ? $"expanded_channels must include the block's own {b.ExpandedChannels} (the backbone must be a point of the space)"
                    : $"expansion must include the block's own {b.Expansion} (the backbone must be a point of the space)");
        }
        else
        {
            if (c.Expansion is not null) add($"{s}.expansion", "applies to inverted_residual blocks only");
            if (c.ExpandedChannels is not null) add($"{s}.expanded_channels", "applies to inverted_residual blocks only");
        }
        if (c.Droppable)
        {
            if (b.Stride != 1)
                add($"{s}.droppable", $"a dropped block is the identity, so it needs stride 1 (is {b.Stride})");
            if (previousOut != b.Out)
                add($"{s}.droppable", $"a dropped block is the identity, so its input and output channels must match in the backbone (in {previousOut}, out {b.Out})");
        }
    }
}
