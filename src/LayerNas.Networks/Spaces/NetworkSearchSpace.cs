using System.Globalization;
using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.Networks.Specs;
using LayerNas.SearchSpaces;
using LayerNas.Studies;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// A compiled network search space: the layerwise <see cref="Space"/> (one layer per block with choices), its
/// <see cref="Backbone"/> architecture, <see cref="Build"/> to a <see cref="NetworkSpec"/>, and exact cost models
/// (<see cref="CostModel(string)"/>). Costs come from tables of per-block costs computed once for every reachable
/// (block, input channels, option); completion bounds are exact, by dynamic programming over (block, channels).
/// Immutable and thread-safe.
/// </summary>
public sealed class NetworkSearchSpace
{
    private readonly Slot[] _slots;
    private readonly int[] _layerSlot;
    private readonly int _stemOut;
    private readonly int _tailResolution;
    private readonly Dictionary<int, long>[] _tail = new Dictionary<int, long>[3];
    private readonly NetworkCostModel[] _models;

    private NetworkSearchSpace(NetworkSpaceDefinition definition, Slot[] slots, int tailResolution)
    {
        Definition = definition;
        _slots = slots;
        _stemOut = definition.Stem.Out;
        _tailResolution = tailResolution;
        var layers = new List<Layer>();
        var layerSlot = new List<int>();
        var backbone = new List<int>();
        for (int s = 0; s < slots.Length; s++)
        {
            if (!slots[s].IsLayer) continue;
            slots[s].Layer = layers.Count;
            layers.Add(new Layer(slots[s].Name, slots[s].Options.Select(o => o.Label(slots[s].Template.Type)).ToArray()));
            layerSlot.Add(s);
            backbone.Add(slots[s].BackboneOption);
        }
        _layerSlot = layerSlot.ToArray();
        Space = new SearchSpace(definition.Name, layers);
        Backbone = new Architecture(backbone);
        StemCosts = BlockCosts(NetworkOperators.Of(StemSpec(), definition.Input.Resolution, "stem"));
        BuildTables();
        _models = Enum.GetValues<NetworkCostKind>().Select(k => new NetworkCostModel(this, k)).ToArray();
    }

    public NetworkSpaceDefinition Definition { get; }

    public string Name => Definition.Name;

    public SearchSpace Space { get; }

    /// <summary>The architecture whose network is the definition's backbone.</summary>
    public Architecture Backbone { get; }

    /// <summary>Cost model names accepted by <see cref="CostModel(string)"/>.</summary>
    public static IReadOnlyList<string> CostModelNames { get; } = ["madds", "params", "activation", "activation-int8"];

    internal (long Madds, long Params, long Act) StemCosts { get; }

    internal IReadOnlyList<Slot> Slots => _slots;

    internal Slot[] SlotArray => _slots;

    internal int LayerSlot(int layer) => _layerSlot[layer];

    /// <summary>Validates <paramref name="definition"/> (every problem, located) and compiles it.</summary>
    /// <param name="source">Names the input in error messages, e.g. the file name.</param>
    public static NetworkSearchSpace Create(NetworkSpaceDefinition definition, string source = "space")
    {
        var problems = NetworkSpaceValidator.Problems(definition).ToList();
        if (problems.Count > 0) throw ProblemReport.ToException(source, problems);
        var slots = new Slot[definition.Blocks.Count];
        var cins = new SortedSet<int> { definition.Stem.Out };
        int resolution = NetworkOperators.OutResolution(definition.Input.Resolution, definition.Stem.Stride);
        for (int s = 0; s < slots.Length; s++)
        {
            var slot = new Slot(s, definition.Blocks[s], resolution, cins.ToArray());
            slots[s] = slot;
            var next = new SortedSet<int>();
            foreach (int cin in slot.CinValues)
                foreach (var option in slot.Options)
                {
                    if (!option.Dropped && slot.Template.Type == BlockType.Conv && (cin % slot.Template.Groups != 0 || option.Out % slot.Template.Groups != 0))
                        problems.Add($"blocks[{s}].groups: {slot.Template.Groups} must divide the input ({cin}) and output ({option.Out}) channels of every option");
                    next.Add(option.Dropped ? cin : option.Out);
                }
            cins = next;
            resolution = NetworkOperators.OutResolution(resolution, slot.Template.Stride);
        }
        for (int h = 0; h < definition.Head.Count; h++)
            if (definition.Head[h].Groups > 1)
                foreach (int cin in h == 0 ? cins : [definition.Head[h - 1].Out])
                    if (cin % definition.Head[h].Groups != 0)
                        problems.Add($"head[{h}].groups: {definition.Head[h].Groups} must divide the input channels ({cin})");
        if (problems.Count > 0) throw ProblemReport.ToException(source, problems.Distinct().ToList());
        try
        {
            var space = new NetworkSearchSpace(definition, slots, resolution);
            // The DP adds block costs in 64-bit integers: the dearest architecture must fit.
            checked
            {
                foreach (var kind in new[] { NetworkCostKind.MultiplyAdds, NetworkCostKind.Parameters })
                    ((NetworkCostModel)space.CostModel(kind)).CheckFits();
            }
            return space;
        }
        catch (OverflowException ex)
        {
            throw NetworkCosts.TooLarge(ex);
        }
    }

    /// <summary>The network of <paramref name="arch"/> (validated against <see cref="Space"/>).</summary>
    public NetworkSpec Build(Architecture arch)
    {
        Space.Validate(arch);
        var blocks = new List<BlockSpec>();
        int cin = _stemOut;
        foreach (var slot in _slots)
        {
            var option = slot.Options[slot.IsLayer ? arch[slot.Layer] : 0];
            if (option.Dropped) continue;
            var block = slot.Make(Definition, cin, option);
            blocks.Add(block);
            cin = block.OutChannels;
        }
        var (head, classifier) = Tail(cin);
        return new NetworkSpec
        {
            Name = $"{Name}:{arch}",
            Input = Definition.Input,
            BatchNorm = Definition.BatchNorm,
            Stem = StemSpec(),
            Blocks = blocks,
            Head = head,
            Classifier = classifier,
        };
    }

    /// <summary>
    /// The backbone at width multiplier <paramref name="multiplier"/>, as a point of this space: every searchable block
    /// keeps the backbone's kernel, expansion and squeeze-and-excite and takes the output width
    /// <c>make_divisible(backbone width × multiplier, channel_divisor)</c>; fixed blocks, stem and head stay as written
    /// (MobileNetV2's width multiplier also scales the stem; here the stem is the space's). Throws a
    /// <see cref="UserInputException"/> naming the block whose choices lack that width.
    /// </summary>
    public Architecture WidthMultiplied(double multiplier)
    {
        if (!(multiplier > 0)) throw new UserInputException($"Width multiplier {multiplier}: give a positive number (e.g. 0.5).");
        var options = new int[Space.LayerCount];
        foreach (var slot in _slots.Where(s => s.IsLayer))
        {
            var backbone = slot.Options[slot.BackboneOption];
            int width = multiplier == 1.0 ? backbone.Out : Channels.MakeDivisible(backbone.Out * multiplier, Definition.ChannelDivisor);
            int found = Array.IndexOf(slot.Options, backbone with { Out = width });
            if (found < 0)
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"Space '{Name}', {slot.Name}: width multiplier {multiplier} needs output width {width} (backbone {backbone.Out}), which is not among its choices: add it to the block's search.out."));
            options[slot.Layer] = found;
        }
        return new Architecture(options);
    }

    /// <summary>All exact costs of one architecture (from the cost tables; equals <see cref="NetworkCosts.Of(NetworkSpec)"/> of <see cref="Build"/>).</summary>
    public NetworkCosts Costs(Architecture arch)
    {
        Space.Validate(arch);
        long madds = StemCosts.Madds, parameters = StemCosts.Params, act = StemCosts.Act;
        int c = 0;
        foreach (var slot in _slots)
        {
            int o = slot.IsLayer ? arch[slot.Layer] : 0;
            var e = slot.Entry(c, o);
            madds += e.Madds; parameters += e.Params; act = Math.Max(act, e.Act);
            c = e.Next;
        }
        var last = _slots.Length == 0 ? _stemOut : _slots[^1].NextCinValues[c];
        return new NetworkCosts(madds + _tail[0][last], parameters + _tail[1][last], Math.Max(act, _tail[2][last]));
    }

    /// <summary>
    /// The cost model <paramref name="name"/> (one of <see cref="CostModelNames"/>): <c>madds</c> (MMAdds),
    /// <c>params</c> (M), <c>activation</c> (bytes, float32), <c>activation-int8</c> (bytes).
    /// </summary>
    public ICostModel CostModel(string name) => name.ToLowerInvariant() switch
    {
        "madds" or "mmadds" => _models[(int)NetworkCostKind.MultiplyAdds],
        "params" or "parameters" => _models[(int)NetworkCostKind.Parameters],
        "activation" or "activation-float32" => _models[(int)NetworkCostKind.ActivationFloat32],
        "activation-int8" => _models[(int)NetworkCostKind.ActivationInt8],
        _ => throw new UserInputException(
            $"Unknown cost '{name}' for space '{Name}': use one of {string.Join(", ", CostModelNames)}."),
    };

    public ICostModel CostModel(NetworkCostKind kind) => _models[(int)kind];

    /// <summary>
    /// This space as a search problem: its cost models (<c>madds</c> first, the default) and backbone, scored by
    /// <paramref name="evaluator"/>, or by the <see cref="NetworkStandInEvaluator"/> (not accuracy) when null.
    /// </summary>
    public SearchProblem ToProblem(IEvaluator? evaluator = null) =>
        new(Name, Space, CostModelNames, CostModel, evaluator ?? new NetworkStandInEvaluator(this), Backbone);

    /// <summary>Tail costs (head convs, pooling, classifier) for the last block's output channels, per measure (0 madds, 1 params, 2 activation elements).</summary>
    internal long TailCost(int measure, int channels) => _tail[measure][channels];

    internal int[] FinalChannels => _slots.Length == 0 ? [_stemOut] : _slots[^1].NextCinValues;

    private ConvSpec StemSpec()
    {
        var t = Definition.Stem;
        return new ConvSpec
        {
            InChannels = Definition.Input.Channels, OutChannels = t.Out, Kernel = t.Kernel, Stride = t.Stride,
            Groups = t.Groups, Activation = t.Activation,
        };
    }

    private (IReadOnlyList<ConvSpec> Head, IReadOnlyList<ClassifierLayerSpec> Classifier) Tail(int cin)
    {
        var head = new List<ConvSpec>();
        foreach (var t in Definition.Head)
        {
            head.Add(new ConvSpec { InChannels = cin, OutChannels = t.Out, Kernel = t.Kernel, Stride = t.Stride, Groups = t.Groups, Activation = t.Activation });
            cin = t.Out;
        }
        var classifier = new List<ClassifierLayerSpec>();
        foreach (var t in Definition.Classifier)
        {
            if (t.Type == "dropout") classifier.Add(new DropoutSpec(t.Rate));
            else
            {
                classifier.Add(new LinearSpec(cin, t.Out, t.Bias, t.Activation));
                cin = t.Out;
            }
        }
        return (head, classifier);
    }

    private void BuildTables()
    {
        foreach (var slot in _slots) slot.Fill(Definition);
        for (int m = 0; m < 3; m++) _tail[m] = new Dictionary<int, long>();
        foreach (int cin in FinalChannels)
        {
            var (head, classifier) = Tail(cin);
            var ops = new List<NetworkOperator>();
            int res = _tailResolution;
            for (int h = 0; h < head.Count; h++)
            {
                ops.AddRange(NetworkOperators.Of(head[h], res, $"head[{h}]"));
                res = NetworkOperators.OutResolution(res, head[h].Stride);
            }
            int features = head.Count > 0 ? head[^1].OutChannels : cin;
            ops.Add(new NetworkOperator("pool", NetworkOperatorKind.GlobalPool, features, features, res, 1));
            foreach (var l in classifier.OfType<LinearSpec>())
                ops.Add(new NetworkOperator("classifier", NetworkOperatorKind.Linear, l.InFeatures, l.OutFeatures, 1, 1, Bias: l.Bias));
            var costs = BlockCosts(ops);
            _tail[0][cin] = costs.Madds;
            _tail[1][cin] = costs.Params;
            _tail[2][cin] = costs.Act;
        }
    }

    internal static (long Madds, long Params, long Act) BlockCosts(IReadOnlyList<NetworkOperator> ops) =>
        (ops.Sum(o => o.MultiplyAdds), ops.Sum(o => o.Parameters), ops.Count == 0 ? 0 : ops.Max(o => o.LiveElements));
}
