using CsCheck;
using LayerNas.Benchmarks.Nats;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks.Tests.Nats;

public class NatsSizeCostsTests
{
    [Theory]
    [MemberData(nameof(NatsSamples.Golden), MemberType = typeof(NatsSamples))]
    public void Of_SampleArchitectures_EqualOfficialRecords(int index, string dataset, int epochs)
    {
        var expected = NatsSamples.OfficialRecords().Single(r => r.Index == index && r.Dataset.Name == dataset && r.Epochs == epochs);
        var cost = NatsSizeCosts.Of(NatsSizeSpace.ParseArchString(expected.Arch), NatsDataset.Parse(dataset));
        // Exact: the official values are integer counts divided by 10^6, as ours are.
        Assert.Equal(expected.MFlops, cost.MFlops);
        Assert.Equal(expected.MParams, cost.MParams);
    }

    [Fact]
    public void Of_SmallestNetworkOnCifar10_HasHandCountedCosts()
    {
        // 8:8:8:8:8 on 32x32: a 3x3 stem; three cells of five 3x3 convs at 32, 16 and 8 pixels (skips are identities);
        // two reductions of two 3x3 convs and a 1x1 shortcut at 16 and 8 pixels; 1 + 5 + 2 + 5 + 2 + 5 + 1 = 21 BNs
        // of 8 channels (scale + shift); a linear classifier 8 -> 10 with bias.
        long conv3 = 9 * 8 * 8, conv1 = 8 * 8;
        long parameters = 3 * 8 * 9 + 3 * 5 * conv3 + 2 * (2 * conv3 + conv1) + 21 * 16 + (8 * 10 + 10);
        long flops = 3 * 8 * 9 * 1024 + 5 * conv3 * (1024 + 256 + 64) + 2 * conv3 * (256 + 64) + conv1 * (256 + 64) + (8 * 10 + 10);
        var cost = NatsSizeCosts.Of([8, 8, 8, 8, 8], NatsDataset.Cifar10);
        Assert.Equal(parameters, cost.Parameters);
        Assert.Equal(flops, cost.Flops);
    }

    [Fact]
    public void Of_WiderStage_NeverCostsLess()
    {
        Gen.Int[0, NatsSizeSpace.ArchitectureCount - 1].Select(Gen.Int[0, 4], Gen.Int[0, 2]).Sample((index, stage, d) =>
        {
            var arch = NatsSizeSpace.FromOfficialIndex(index);
            if (arch[stage] == 7) return true;
            var dataset = NatsDataset.All[d];
            var narrow = NatsSizeCosts.Of(arch, dataset);
            var wide = NatsSizeCosts.Of(arch.With(stage, arch[stage] + 1), dataset);
            return wide.Flops > narrow.Flops && wide.Parameters > narrow.Parameters;
        });
    }

    [Fact]
    public void FlopsModel_Completions_AreExactMinAndMaxOverCompletions()
    {
        var model = NatsSizeCosts.FlopsModel(NatsDataset.Cifar100);
        Assert.Equal("flops", model.Name);
        Gen.Int[0, NatsSizeSpace.ArchitectureCount - 1].Select(Gen.Int[0, 31]).Sample((index, freeMask) =>
        {
            var arch = NatsSizeSpace.FromOfficialIndex(index);
            var options = arch.Options.ToArray();
            for (int i = 0; i < options.Length; i++)
                if ((freeMask & (1 << i)) != 0) options[i] = PartialArchitecture.Free;
            var partial = new PartialArchitecture(options);
            var costs = NatsSizeSpace.Space.Enumerate().Where(partial.Matches).Select(model.Cost).ToArray();
            var range = model.Completions(partial);
            return range.Min == costs.Min() && range.Max == costs.Max();
        }, iter: 20);
    }

    [Fact]
    public void ParamsModel_Cost_EqualsOfForEveryDataset()
    {
        foreach (var dataset in NatsDataset.All)
        {
            var model = NatsSizeCosts.ParamsModel(dataset);
            var arch = NatsSizeSpace.ParseArchString("64:8:24:56:40");
            Assert.Equal(NatsSizeCosts.Of(arch, dataset).MParams, model.Cost(arch));
            Assert.Equal("M params", model.Unit);
        }
    }
}
