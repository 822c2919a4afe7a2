using CsCheck;
using LayerNas.Networks.Spaces;
using LayerNas.Networks.Specs;
using LayerNas.SearchSpaces;

namespace LayerNas.Networks.Tests;

public class CostPropertyTests
{
    private static readonly string[] Spaces = ["mobilenet-v2", "mobilenet-v2-1.4", "mobilenet-v3-small", "mobilenet-v3-large", "mobilenet-v2-28", "mobilenet-v3-small-32"];

    private static Gen<(NetworkSearchSpace Space, Architecture Arch, PartialArchitecture Partial)> Cases { get; } =
        Gen.Select(Gen.Int[0, Spaces.Length - 1], Gen.Int, Gen.Int[0, 3]).Select((s, seed, mode) =>
        {
            var space = NetworkSpaceCatalog.Get(Spaces[s]);
            var random = new Random(seed);
            var arch = space.Space.Sample(random);
            int n = space.Space.LayerCount;
            // Partials: a fixed prefix (what LayerNAS asks), random fixed layers, all free, or all fixed.
            int cut = random.Next(n + 1);
            var options = arch.Options.ToArray();
            for (int i = 0; i < n; i++)
            {
                bool free = mode switch { 0 => i >= cut, 1 => random.Next(2) == 0, 2 => true, _ => false };
                if (free) options[i] = PartialArchitecture.Free;
            }
            return (space, arch, new PartialArchitecture(options));
        });

    [Fact]
    public void Costs_RandomArchitecture_EqualCostsOfTheBuiltSpec()
    {
        Cases.Sample(c =>
        {
            var spec = c.Space.Build(c.Arch);
            Assert.Empty(spec.Problems());
            Assert.Equal(NetworkCosts.Of(spec), c.Space.Costs(c.Arch));
        }, iter: 300);
    }

    [Fact]
    public void Completions_RandomPartial_BracketTheCostOfEveryCompletion()
    {
        Cases.Sample(c =>
        {
            foreach (var name in NetworkSearchSpace.CostModelNames)
            {
                var model = c.Space.CostModel(name);
                var range = model.Completions(c.Partial);
                Assert.True(range.Contains(model.Cost(c.Arch)), $"{name}: {model.Cost(c.Arch)} outside {range} for {c.Partial}");
            }
        }, iter: 500);
    }

    [Fact]
    public void Completions_CompleteArchitecture_IsItsCost()
    {
        Cases.Sample(c =>
        {
            foreach (var name in NetworkSearchSpace.CostModelNames)
            {
                var model = c.Space.CostModel(name);
                var range = model.Completions(new PartialArchitecture(c.Arch.Options));
                Assert.Equal(model.Cost(c.Arch), range.Min);
                Assert.Equal(model.Cost(c.Arch), range.Max);
            }
        }, iter: 200);
    }

    [Fact]
    public void Completions_SmallSpace_EqualTheEnumeratedMinAndMax()
    {
        var space = NetworkSpaceLoader.Load(SmallSpaceYaml, "small.yaml");
        var all = space.Space.Enumerate().ToList();
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var options = new int[space.Space.LayerCount];
            for (int i = 0; i < options.Length; i++)
                options[i] = random.Next(3) == 0 ? random.Next(space.Space.Layers[i].Count) : PartialArchitecture.Free;
            var partial = new PartialArchitecture(options);
            foreach (var name in NetworkSearchSpace.CostModelNames)
            {
                var model = space.CostModel(name);
                var costs = all.Where(partial.Matches).Select(model.Cost).ToList();
                Assert.Equal(new LayerNas.Costs.CostRange(costs.Min(), costs.Max()), model.Completions(partial));
            }
        }, iter: 100);
    }

    [Fact]
    public void Costs_WiderMobileNetV2_CostsMore()
    {
        Gen.Select(Gen.Int[10, 20], Gen.Int[1, 6]).Sample((w, step) =>
        {
            double narrow = w / 10.0, wide = (w + step) / 10.0;
            var a = NetworkCosts.Of(MobileNets.V2(narrow));
            var b = NetworkCosts.Of(MobileNets.V2(wide));
            Assert.True(a.MultiplyAdds <= b.MultiplyAdds && a.Parameters <= b.Parameters && a.PeakActivationElements <= b.PeakActivationElements,
                $"width {narrow} {a} vs {wide} {b}");
        }, iter: 50);
    }

    [Fact]
    public void Costs_LargerKernelExpansionOrFilters_CostMore()
    {
        // Within a block, raising one of kernel, expansion or filters (others fixed) never lowers a cost.
        var space = NetworkSpaceCatalog.Get("mobilenet-v3-large");
        Cases.Where(c => c.Space == space).Sample(c =>
        {
            int layer = new Random(c.Arch.GetHashCode()).Next(space.Space.LayerCount);
            var slot = space.Slots[space.LayerSlot(layer)];
            var current = slot.Options[c.Arch[layer]];
            if (current.Dropped) return;
            for (int o = 0; o < slot.Options.Length; o++)
            {
                var other = slot.Options[o];
                if (other.Dropped || other.Se != current.Se) continue;
                bool larger = other.Kernel >= current.Kernel && (other.ExpandedChannels ?? 0) >= (current.ExpandedChannels ?? 0) && other.Out == current.Out;
                if (!larger) continue;
                var before = space.Costs(c.Arch);
                var after = space.Costs(c.Arch.With(layer, o));
                Assert.True(before.MultiplyAdds <= after.MultiplyAdds && before.Parameters <= after.Parameters
                    && before.PeakActivationElements <= after.PeakActivationElements, $"{current} -> {other}");
            }
        }, iter: 100);
    }

    [Fact]
    public void Costs_ReferenceBlockKernel3To5_AddsExactlyTheExtraDepthwiseWeights()
    {
        var small = MobileNets.V2();
        var blocks = small.Blocks.ToList();
        var b = (InvertedResidualSpec)blocks[3];
        blocks[3] = b with { Kernel = 5 };
        var big = small with { Blocks = blocks };

        long extra = NetworkCosts.Of(big).Parameters - NetworkCosts.Of(small).Parameters;

        Assert.Equal((long)b.ExpandedChannels * (25 - 9), extra);
    }

    internal const string SmallSpaceYaml = """
        name: small
        input: {resolution: 16, channels: 3}
        stem: {out: 8, kernel: 3, stride: 2, activation: relu}
        blocks:
          - {type: inverted_residual, out: 8, expansion: 1, search: {kernel: [3, 5], out: [8, 16]}}
          - {type: inverted_residual, out: 8, expansion: 3, search: {expansion: [3, 6], se: [false, true], droppable: true}}
          - {type: depthwise_separable, out: 16, stride: 2, search: {out: [16, 24], se: [false, true]}}
          - {type: conv, out: 16, kernel: 1, search: {kernel: [1, 3], out: [16, 8]}}
          - {type: inverted_residual, out: 16, expanded_channels: 48, search: {expanded_channels: [32, 48], droppable: true}}
        head: [{out: 64}]
        classifier:
          - {type: linear, out: 10}
        """;
}
