using CsCheck;
using LayerNas.Evaluation;
using LayerNas.Export.Latency;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Studies;
using Xunit.Abstractions;

namespace LayerNas.Export.Tests;

public sealed class LatencyTests(ITestOutputHelper output)
{
    [Fact]
    public void From_FiveRuns_MedianAndInterpolatedPercentiles()
    {
        var m = LatencyMeasurement.From([5, 1, 4, 2, 3], threads: 1);
        Assert.Equal(3, m.MedianMs);
        Assert.Equal(1, m.MinMs);
        Assert.Equal(1.4, m.P10Ms, 12); // (n - 1) q = 0.4 of the way from 1 to 2
        Assert.Equal(4.6, m.P90Ms, 12);
        Assert.Equal(2.5, LatencyMeasurement.From([4, 1, 2, 3], threads: 1).MedianMs);
        Assert.Equal(1, LatencyMeasurement.From([4, 1, 2, 3], threads: 1, LatencyStatistic.Min).Ms);
    }

    private static readonly NetworkSearchSpace Small = NetworkSpaceCatalog.Get("mobilenet-v3-small-28");

    /// <summary>A table with made-up but distinct part latencies (no measurement), to test the arithmetic exactly.</summary>
    private static LatencyTable FakeTable(NetworkSearchSpace space, int seed)
    {
        var random = new Random(seed);
        var blocks = space.Slots.Select(s => Enumerable.Range(0, s.CinValues.Length * s.OptionCount)
            .Select(i => s.Options[i % s.OptionCount].Dropped ? 0 : random.NextDouble()).ToArray()).ToList();
        var tail = space.FinalChannels.ToDictionary(c => c, _ => random.NextDouble());
        return new LatencyTable(space.Name, "test", new LatencyOptions(), 0.05, 0.3, blocks, tail);
    }

    [Fact]
    public void Completions_PartialWithUpToTwoFreeLayers_EqualsBruteForceOverCompletions()
    {
        var model = new LatencyLutCostModel(Small, FakeTable(Small, 1));
        int layers = Small.Space.LayerCount;
        var gen = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, layers - 1], Gen.Int[0, layers - 1]);
        gen.Sample((seed, free1, free2) =>
        {
            var arch = Small.Space.Sample(new Random(seed));
            var options = arch.Options.ToArray();
            options[free1] = PartialArchitecture.Free;
            options[free2] = PartialArchitecture.Free;
            var partial = new PartialArchitecture(options);
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int a = 0; a < Small.Space.Layers[free1].Count; a++)
                for (int b = 0; b < Small.Space.Layers[free2].Count; b++)
                {
                    var full = arch.With(free1, a).With(free2, b);
                    double c = model.Cost(full);
                    min = Math.Min(min, c);
                    max = Math.Max(max, c);
                }
            var range = model.Completions(partial);
            return Math.Abs(range.Min - min) < 1e-9 && Math.Abs(range.Max - max) < 1e-9;
        }, iter: 60);
    }

    [Fact]
    public void Cost_FakeTable_IsOverheadPlusStemPlusBlocksPlusTail()
    {
        var table = FakeTable(Small, 2);
        var model = new LatencyLutCostModel(Small, table);
        var arch = Small.Backbone;
        var spec = Small.Build(arch);
        // The backbone keeps every block, so block s gets the previous block's output channels.
        double expected = table.OverheadMs + table.StemMs;
        int cin = spec.Stem.OutChannels;
        for (int s = 0; s < Small.Slots.Count; s++)
        {
            var slot = Small.Slots[s];
            int ci = Array.IndexOf(slot.CinValues, cin);
            int o = slot.IsLayer ? arch[slot.Layer] : 0;
            expected += table.Blocks[s][ci * slot.OptionCount + o];
            cin = spec.Blocks[s].OutChannels;
        }
        expected += table.Tail[cin];
        Assert.Equal(expected, model.Cost(arch), 9);
        var empty = model.Completions(PartialArchitecture.Empty(Small.Space.LayerCount));
        Assert.InRange(model.Cost(arch), empty.Min, empty.Max);
    }

    [Fact]
    public void Measure_SmallSpace_EveryPartMeasuredAndTableRoundTripsThroughJson()
    {
        var meter = new LatencyMeter(new LatencyOptions { Warmup = 0, Runs = 1 });
        var table = LatencyTable.Measure(Small, meter);
        output.WriteLine($"{table.MeasuredParts} parts; overhead {table.OverheadMs:F4} ms, stem {table.StemMs:F4} ms");
        Assert.Equal(Small.Slots.Count, table.Blocks.Count);
        Assert.All(table.Blocks.SelectMany(r => r), v => Assert.True(v >= 0 && double.IsFinite(v)));
        Assert.Equal(Small.FinalChannels.Order(), table.Tail.Keys.Order());
        var path = Path.Combine(TestPaths.NewTempDirectory(), "lut.json");
        table.Save(path);
        var loaded = LatencyTable.Load(path, Small)!;
        var a = new LatencyLutCostModel(Small, table);
        var b = new LatencyLutCostModel(Small, loaded);
        var arch = Small.Space.Sample(new Random(3));
        Assert.Equal(a.Cost(arch), b.Cost(arch));
        Assert.True(a.Cost(arch) > 0);
    }

    [Fact]
    public void Load_TableOfAnotherSpace_ThrowsUserInputException()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "lut.json");
        FakeTable(Small, 3).Save(path);
        var ex = Assert.Throws<UserInputException>(() => LatencyTable.Load(path, NetworkSpaceCatalog.Get("mobilenet-v2-28")));
        Assert.Contains("not a table of space 'mobilenet-v2-28'", ex.Message);
    }

    [Fact]
    public void MeasuredLatencyCost_PrunesWithTheLookupTable_SoEveryCallGivesTheSameAnswer()
    {
        var table = FakeTable(Small, 4);
        var measured = new LatencyLutCostModel(Small, table, LatencyCosts.Measured);
        var lut = new LatencyLutCostModel(Small, table);
        var random = new Random(5);
        for (int i = 0; i < 20; i++)
        {
            var arch = Small.Space.Sample(random);
            Assert.Equal(lut.Cost(arch), measured.Cost(arch));
            Assert.Equal(measured.Cost(arch), measured.Cost(arch));
            var options = arch.Options.ToArray();
            options[i % Small.Space.LayerCount] = PartialArchitecture.Free;
            var partial = new PartialArchitecture(options);
            Assert.Equal(lut.Completions(partial), measured.Completions(partial));
        }
        Assert.Equal("latency", measured.Name);
    }

    [Fact]
    public async Task RecordingEvaluator_MeasuresTheEvaluatedNetwork_AndAddsItsLatencyMetric()
    {
        var meter = new LatencyMeter(new LatencyOptions { Warmup = 1, Runs = 3 });
        var evaluator = new LatencyRecordingEvaluator(new NetworkStandInEvaluator(Small), Small, meter);
        var arch = Small.Space.Sample(new Random(7));
        var evaluation = await evaluator.EvaluateAsync(arch, new TrialContext("test", 0), CancellationToken.None);
        var standIn = await new NetworkStandInEvaluator(Small).EvaluateAsync(arch, new TrialContext("test", 0), CancellationToken.None);
        Assert.Equal(standIn.Reward, evaluation.Reward);
        Assert.True(evaluation.Metrics[MetricNames.LatencyMs] > 0);
    }

    [Fact]
    public async Task SearchAsync_PredictedLatencyBudget_BestIsWithinBudgetAndMeasured()
    {
        var meter = new LatencyMeter(new LatencyOptions { Warmup = 1, Runs = 3 });
        var predictor = new LatencyLutCostModel(Small, FakeTable(Small, 8));
        var range = predictor.Completions(PartialArchitecture.Empty(Small.Space.LayerCount));
        double budget = range.Min + 0.4 * (range.Max - range.Min);
        var result = await LatencyBenchmark.SearchAsync(Small, predictor, new NetworkStandInEvaluator(Small), budget, 1, meter, trialBudget: 300);
        output.WriteLine($"{result.Best}: predicted {result.PredictedMs:F3} ms (budget {budget:F3}), measured {result.Measured}");
        Assert.True(result.PredictedMs <= budget);
        Assert.True(result.Measured.Ms > 0);
        Assert.InRange(result.Trials, 1, 300);
    }
}
