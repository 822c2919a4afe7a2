using LayerNas.Benchmarks.Nats;

namespace LayerNas.Benchmarks.Tests.Nats;

public class NatsFileReaderTests
{
    // official_records.csv rounds accuracies to 4 decimals and latencies to 6.
    private const double AccuracyTolerance = 0.51e-4;
    private const double LatencyTolerance = 0.51e-6;

    [Theory]
    [MemberData(nameof(NatsSamples.Golden), MemberType = typeof(NatsSamples))]
    public void ReadArchitecture_SampleFile_MatchesOfficialRecords(int index, string dataset, int epochs)
    {
        var expected = NatsSamples.OfficialRecords().Single(r => r.Index == index && r.Dataset.Name == dataset && r.Epochs == epochs);
        var record = NatsFileReader.ReadArchitecture(NatsSamples.SamplePath(index));
        var d = expected.Dataset;

        Assert.Equal(index, record.Index);
        Assert.Equal(expected.Arch, record.ArchString);
        Assert.InRange(record.ValidAccuracy(d, epochs), expected.ValidAccuracy - AccuracyTolerance, expected.ValidAccuracy + AccuracyTolerance);
        Assert.InRange(record.TestAccuracy(d, epochs), expected.TestAccuracy - AccuracyTolerance, expected.TestAccuracy + AccuracyTolerance);
        Assert.Equal(expected.Seeds, record.ValidAccuracyBySeed(d, epochs).Count);
        Assert.Equal(expected.Seeds, record.TestAccuracyBySeed(d, epochs).Count);
        Assert.InRange(record.LatencyMs(d), expected.LatencyMs - LatencyTolerance, expected.LatencyMs + LatencyTolerance);
        // The files hold the FLOPs as a float sum, a unit in the last place away from the exact count / 10^6 at times.
        Assert.Equal(expected.MFlops, record.MFlops(d), 1e-12);
        Assert.Equal(expected.MParams, record.MParams(d), 1e-12);
    }

    [Fact]
    public void ReadArchitecture_Hp12_MeanIsMeanOfSeeds()
    {
        var record = NatsFileReader.ReadArchitecture(NatsSamples.SamplePath(11));
        var bySeed = record.ValidAccuracyBySeed(NatsDataset.Cifar10, 12);
        Assert.Equal([777, 888, 999], record.Runs("cifar10-valid", 12).Seeds);
        Assert.Equal(bySeed.Average(), record.ValidAccuracy(NatsDataset.Cifar10, 12));
        Assert.Equal([1, 12, 90], record.Schedules);
    }

    [Fact]
    public void ReadArchitecture_RecordedCosts_EqualComputedCostsOnEveryRun()
    {
        foreach (var index in NatsSamples.Indices)
        {
            var record = NatsFileReader.ReadArchitecture(NatsSamples.SamplePath(index));
            foreach (var dataset in NatsDataset.All)
            {
                var cost = NatsSizeCosts.Of(NatsSizeSpace.FromOfficialIndex(index), dataset);
                foreach (var epochs in record.Schedules)
                {
                    var runs = record.Runs(dataset.Name, epochs);
                    Assert.Equal(cost.MFlops, runs.MFlops, 1e-12);
                    Assert.Equal(cost.MParams, runs.MParams, 1e-12);
                }
            }
        }
    }

    [Fact]
    public void Has_RecordWithoutSomeRuns_SaysWhichSchedulesCanBeScored()
    {
        var full = NatsFileReader.ReadArchitecture(NatsSamples.SamplePath(0));
        // Keep CIFAR-10's 12-epoch test runs but drop its train-split (validation) runs.
        var partial = new NatsArchitectureRecord(0, full.ArchString, [full.Runs("cifar10", 12), full.Runs("cifar100", 90)]);
        Assert.False(partial.Has(NatsDataset.Cifar10, 12));
        Assert.True(partial.Has(NatsDataset.Cifar100, 90));
        Assert.False(partial.Has(NatsDataset.Cifar100, 12));
        Assert.False(partial.Has(NatsDataset.ImageNet16_120, 12));
        Assert.True(double.IsNaN(partial.LatencyMs(NatsDataset.ImageNet16_120)));
        Assert.Equal(full.LatencyMs(NatsDataset.Cifar100), partial.LatencyMs(NatsDataset.Cifar100));
        Assert.True(full.Has(NatsDataset.ImageNet16_120, 1));
    }

    [Fact]
    public void SimulatedTrainSeconds_Cifar10_UsesTrainSplitRunsLikeSimulateTrainEval()
    {
        var record = NatsFileReader.ReadArchitecture(NatsSamples.SamplePath(11));
        var runs = record.Runs("cifar10-valid", 12);
        double expected = Enumerable.Range(0, runs.Seeds.Count)
            .Average(s => runs.TrainSeconds[s] + runs.EvalSeconds["x-valid"][s] / 12);
        Assert.Equal(expected, record.SimulatedTrainSeconds(NatsDataset.Cifar10, 12), 9);
        Assert.InRange(record.SimulatedTrainSeconds(NatsDataset.Cifar10, 12), 30, 40);
    }

    [Fact]
    public void ReadArchitecture_DamagedFile_ThrowsUserInputExceptionNamingIt()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "000011.pickle.pbz2");
        var bytes = File.ReadAllBytes(NatsSamples.SamplePath(11));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<UserInputException>(() => NatsFileReader.ReadArchitecture(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void ReadArchitecture_MetaFileInstead_ThrowsUserInputExceptionNamingIt()
    {
        var ex = Assert.Throws<UserInputException>(() => NatsFileReader.ReadArchitecture(NatsSamples.MetaPath));
        Assert.Contains(NatsSamples.MetaPath, ex.Message);
    }
}
