using LayerNas.Evaluation;
using LayerNas.Export.Packaging;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Storage;
using LayerNas.Studies;

namespace LayerNas.Export.Tests;

public sealed class StudyExportSourceTests
{
    private const string SpaceName = "mobilenet-v3-small-28";

    private static StudyDefinition Definition(string name) =>
        new(name, SpaceName, "madds", double.NegativeInfinity, 100, "layernas", "default", "stand-in", 0, null);

    /// <summary>A real SQLite study with the given architectures; the first <paramref name="complete"/> are completed with the stand-in reward.</summary>
    private static async Task<IStudyStore> StoreWith(string study, IReadOnlyList<Architecture> archs, int complete)
    {
        var store = await SqliteStudyStore.OpenAsync(Path.Combine(TestPaths.NewTempDirectory(), "studies.db"), CancellationToken.None);
        await store.CreateOrOpenAsync(Definition(study), CancellationToken.None);
        await store.ProposeAsync(study, 0, _ => archs.Select(a => new ProposedTrial(a, 0)).ToList(), CancellationToken.None);
        var claimed = await store.ClaimAsync(study, "test", archs.Count, TimeSpan.FromMinutes(5), CancellationToken.None);
        var evaluator = new NetworkStandInEvaluator(NetworkSpaceCatalog.Get(SpaceName));
        foreach (var t in claimed.OrderBy(t => t.Number).Take(complete))
            await store.CompleteAsync(study, t, await evaluator.EvaluateAsync(t.Architecture, new TrialContext(study, t.Number), CancellationToken.None), CancellationToken.None);
        return store;
    }

    private static List<Architecture> Archs(int n)
    {
        var space = NetworkSpaceCatalog.Get(SpaceName).Space;
        var random = new Random(1);
        return Enumerable.Range(0, n).Select(_ => space.Sample(random)).Distinct().ToList();
    }

    [Fact]
    public async Task ResolveAsync_NoFinishedTrial_ClearError()
    {
        await using var store = await StoreWith("empty", Archs(3), complete: 0);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => StudyExportSource.ResolveAsync(store, "empty", "best", NetworkSpaceCatalog.Get(SpaceName), CancellationToken.None));
        Assert.Contains("has no finished trial", ex.Message);
    }

    [Fact]
    public async Task ResolveAsync_UnknownFrontPoint_ListsTheFront()
    {
        await using var store = await StoreWith("s", Archs(8), complete: 8);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => StudyExportSource.ResolveAsync(store, "s", "99", NetworkSpaceCatalog.Get(SpaceName), CancellationToken.None));
        Assert.Contains("--point 99", ex.Message);
        Assert.Contains("front points 0..", ex.Message);
        await Assert.ThrowsAsync<UserInputException>(() => StudyExportSource.ResolveAsync(store, "s", "cheapest", NetworkSpaceCatalog.Get(SpaceName), CancellationToken.None));
    }

    [Fact]
    public async Task ResolveAsync_UnknownStudy_ClearError()
    {
        await using var store = await StoreWith("s", Archs(2), complete: 2);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => StudyExportSource.ResolveAsync(store, "nope", "best", NetworkSpaceCatalog.Get(SpaceName), CancellationToken.None));
        Assert.Contains("Study 'nope' is not in", ex.Message);
    }

    [Fact]
    public async Task ResolveAsync_BestAndFrontPoints_PickTheRightTrials()
    {
        var archs = Archs(8);
        await using var store = await StoreWith("s", archs, complete: 8);
        var space = NetworkSpaceCatalog.Get(SpaceName);
        var evaluator = new NetworkStandInEvaluator(space);
        var best = await StudyExportSource.ResolveAsync(store, "s", "best", NetworkSpaceCatalog.Get(SpaceName), CancellationToken.None);
        Assert.Equal(archs.MaxBy(evaluator.Score), best.Architecture);
        Assert.Equal(evaluator.Score(best.Architecture), best.Metrics["reward"]);

        var madds = space.CostModel("madds");
        var p0 = await StudyExportSource.ResolveAsync(store, "s", "0", NetworkSpaceCatalog.Get(SpaceName), CancellationToken.None);
        Assert.Equal(archs.MinBy(madds.Cost), p0.Architecture);
        Assert.Contains("Front point 0", p0.Provenance);
    }
}
