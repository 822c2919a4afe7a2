using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// One block of a compiled space with its options and the cost table over (input channels, option). Built once
/// by <see cref="NetworkSearchSpace"/>, then read-only.
/// </summary>
internal sealed class Slot
{
    public Slot(int index, BlockTemplate template, int resolution, int[] cinValues)
    {
        Index = index;
        Template = template;
        Resolution = resolution;
        CinValues = cinValues;
        Name = $"block{index}";
        Options = EnumerateOptions(template).ToArray();
        var backbone = Backbone(template);
        BackboneOption = Array.IndexOf(Options, backbone);
        IsLayer = template.Search is not null;
    }

    public int Index { get; }

    public string Name { get; }

    public BlockTemplate Template { get; }

    /// <summary>Input resolution (fixed: options never change strides).</summary>
    public int Resolution { get; }

    /// <summary>Every input channel count a completion can give this block, ascending.</summary>
    public int[] CinValues { get; }

    /// <summary>The output channel counts of this block over all (input, option), ascending: the next block's <see cref="CinValues"/>.</summary>
    public int[] NextCinValues { get; private set; } = [];

    public BlockOption[] Options { get; }

    public int BackboneOption { get; }

    public bool IsLayer { get; }

    public int Layer { get; set; } = -1;

    public int OptionCount => Options.Length;

    /// <summary>Cost table, index cinIndex × OptionCount + option.</summary>
    public Entry[] Entries { get; private set; } = [];

    public ref readonly Entry Entry(int cinIndex, int option) => ref Entries[cinIndex * Options.Length + option];

    public BlockSpec Make(NetworkSpaceDefinition definition, int cin, BlockOption option)
    {
        var t = Template;
        return t.Type switch
        {
            BlockType.Conv => new ConvSpec
            {
                InChannels = cin, OutChannels = option.Out, Kernel = option.Kernel, Stride = t.Stride, Groups = t.Groups, Activation = t.Activation,
            },
            BlockType.DepthwiseSeparable => new DepthwiseSeparableSpec
            {
                InChannels = cin, OutChannels = option.Out, Kernel = option.Kernel, Stride = t.Stride, Activation = t.Activation,
                PointwiseActivation = t.PointwiseActivation, SqueezeExcite = option.Se ? definition.SqueezeExcite.For(cin) : null,
            },
            _ => MakeInvertedResidual(definition, cin, option),
        };
    }

    private InvertedResidualSpec MakeInvertedResidual(NetworkSpaceDefinition definition, int cin, BlockOption option)
    {
        int expanded = option.ExpandedChannels ?? Channels.MakeDivisible(cin * option.ExpansionRatio!.Value, definition.ChannelDivisor);
        return new InvertedResidualSpec
        {
            InChannels = cin, ExpandedChannels = expanded, OutChannels = option.Out, Kernel = option.Kernel, Stride = Template.Stride,
            Activation = Template.Activation, SqueezeExcite = option.Se ? definition.SqueezeExcite.For(expanded) : null,
        };
    }

    public void Fill(NetworkSpaceDefinition definition)
    {
        NextCinValues = CinValues.SelectMany(c => Options.Select(o => o.Dropped ? c : o.Out)).Distinct().Order().ToArray();
        Entries = new Entry[CinValues.Length * Options.Length];
        for (int c = 0; c < CinValues.Length; c++)
            for (int o = 0; o < Options.Length; o++)
            {
                var option = Options[o];
                int cin = CinValues[c];
                if (option.Dropped)
                {
                    Entries[c * Options.Length + o] = new Entry(0, 0, 0, Array.IndexOf(NextCinValues, cin));
                    continue;
                }
                var block = Make(definition, cin, option);
                var costs = NetworkSearchSpace.BlockCosts(NetworkOperators.Of(block, Resolution, $"blocks[{Index}]"));
                Entries[c * Options.Length + o] = new Entry(costs.Madds, costs.Params, costs.Act, Array.IndexOf(NextCinValues, block.OutChannels));
            }
    }

    private static IEnumerable<BlockOption> EnumerateOptions(BlockTemplate t)
    {
        var choices = t.Search;
        var kernels = choices?.Kernel ?? [t.Kernel];
        var outs = choices?.Out ?? [t.Out];
        var ses = t.Type == BlockType.Conv ? [false] : choices?.Se ?? [t.Se];
        var expansions = new List<(double? Ratio, int? Channels)>();
        if (t.Type == BlockType.InvertedResidual)
        {
            if (choices?.Expansion is null && choices?.ExpandedChannels is null)
                expansions.Add(t.ExpandedChannels is { } x ? (null, x) : (t.Expansion, null));
            foreach (var r in choices?.Expansion ?? []) expansions.Add((r, null));
            foreach (var x in choices?.ExpandedChannels ?? []) expansions.Add((null, x));
        }
        else expansions.Add((null, null));
        foreach (var k in kernels)
            foreach (var e in expansions)
                foreach (var o in outs)
                    foreach (var se in ses)
                        yield return new BlockOption(k, e.Ratio, e.Channels, o, se);
        if (choices?.Droppable == true) yield return BlockOption.Drop;
    }

    private static BlockOption Backbone(BlockTemplate t) => t.Type == BlockType.InvertedResidual
        ? new BlockOption(t.Kernel, t.ExpandedChannels is null ? t.Expansion : null, t.ExpandedChannels, t.Out, t.Se)
        : new BlockOption(t.Kernel, null, null, t.Out, t.Type != BlockType.Conv && t.Se);
}

/// <summary>Costs of one (input channels, option) of a <see cref="Slot"/>; <see cref="Next"/> indexes the next block's input channels.</summary>
internal readonly record struct Entry(long Madds, long Params, long Act, int Next);
