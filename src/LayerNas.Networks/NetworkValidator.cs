using LayerNas.Networks.Specs;

namespace LayerNas.Networks;

/// <summary>Finds every problem of a <see cref="NetworkSpec"/>, each located by its JSON path. Pure.</summary>
internal static class NetworkValidator
{
    public static IReadOnlyList<string> Problems(NetworkSpec spec)
    {
        var problems = new List<string>();
        void Add(string path, string message) => problems.Add($"{path}: {message}");

        if (string.IsNullOrWhiteSpace(spec.Name)) Add("name", "must not be empty");
        if (spec.Input is null) { Add("input", "is missing"); return problems; }
        if (spec.Input.Resolution < 1) Add("input.resolution", $"must be >= 1 (is {spec.Input.Resolution})");
        if (spec.Input.Channels < 1) Add("input.channels", $"must be >= 1 (is {spec.Input.Channels})");
        if (spec.BatchNorm is { } bn)
        {
            if (!(bn.Eps > 0)) Add("batch_norm.eps", $"must be > 0 (is {bn.Eps})");
            if (!(bn.Momentum is >= 0 and <= 1)) Add("batch_norm.momentum", $"must be in [0, 1] (is {bn.Momentum})");
        }

        int channels = spec.Input.Channels;
        string previous = "input";
        void Chain(BlockSpec block, string path)
        {
            CheckBlock(block, path, Add);
            if (block.InChannels != channels && block.InChannels >= 1 && channels >= 1)
                Add($"{path}.in_channels", $"is {block.InChannels} but {previous} outputs {channels} channels: make them equal");
            channels = block.OutChannels;
            previous = path;
        }

        if (spec.Stem is null) Add("stem", "is missing");
        else Chain(spec.Stem, "stem");
        if (spec.Blocks is null) Add("blocks", "is missing");
        else
            for (int i = 0; i < spec.Blocks.Count; i++)
                if (spec.Blocks[i] is null) Add($"blocks[{i}]", "is null");
                else Chain(spec.Blocks[i], $"blocks[{i}]");
        if (spec.Head is not null)
            for (int i = 0; i < spec.Head.Count; i++)
                if (spec.Head[i] is null) Add($"head[{i}]", "is null");
                else Chain(spec.Head[i], $"head[{i}]");

        if (spec.Classifier is null || !spec.Classifier.OfType<LinearSpec>().Any())
            Add("classifier", "needs at least one linear layer (the class scores)");
        else
        {
            int features = channels;
            for (int i = 0; i < spec.Classifier.Count; i++)
            {
                string path = $"classifier[{i}]";
                switch (spec.Classifier[i])
                {
                    case LinearSpec l:
                        if (l.OutFeatures < 1) Add($"{path}.out_features", $"must be >= 1 (is {l.OutFeatures})");
                        if (l.InFeatures != features && features >= 1)
                            Add($"{path}.in_features", $"is {l.InFeatures} but {previous} outputs {features} features: make them equal");
                        features = l.OutFeatures;
                        previous = path;
                        break;
                    case DropoutSpec d:
                        if (!(d.Rate is >= 0 and < 1)) Add($"{path}.rate", $"must be in [0, 1) (is {d.Rate})");
                        break;
                    case null:
                        Add(path, "is null");
                        break;
                }
            }
        }
        return problems;
    }

    private static void CheckBlock(BlockSpec block, string path, Action<string, string> add)
    {
        if (block.InChannels < 1) add($"{path}.in_channels", $"must be >= 1 (is {block.InChannels})");
        if (block.OutChannels < 1) add($"{path}.out_channels", $"must be >= 1 (is {block.OutChannels})");
        if (block.Stride < 1) add($"{path}.stride", $"must be >= 1 (is {block.Stride})");
        if (block.Kernel < 1 || block.Kernel % 2 == 0) add($"{path}.kernel", $"must be an odd number >= 1 (is {block.Kernel})");
        switch (block)
        {
            case ConvSpec c:
                if (c.Groups < 1) add($"{path}.groups", $"must be >= 1 (is {c.Groups})");
                else if (c.InChannels % c.Groups != 0 || c.OutChannels % c.Groups != 0)
                    add($"{path}.groups", $"{c.Groups} must divide in_channels ({c.InChannels}) and out_channels ({c.OutChannels})");
                break;
            case DepthwiseSeparableSpec d:
                CheckSe(d.SqueezeExcite, path, add);
                break;
            case InvertedResidualSpec r:
                if (r.ExpandedChannels < 1) add($"{path}.expanded_channels", $"must be >= 1 (is {r.ExpandedChannels})");
                CheckSe(r.SqueezeExcite, path, add);
                break;
        }
    }

    private static void CheckSe(SqueezeExciteSpec? se, string path, Action<string, string> add)
    {
        if (se is not null && se.SqueezeChannels < 1)
            add($"{path}.squeeze_excite.squeeze_channels", $"must be >= 1 (is {se.SqueezeChannels})");
    }
}
