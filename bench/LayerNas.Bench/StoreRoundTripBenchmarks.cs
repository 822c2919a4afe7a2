using BenchmarkDotNet.Attributes;
using LayerNas.SearchSpaces;
using LayerNas.Storage;
using LayerNas.Studies;

namespace LayerNas.Bench;

/// <summary>
/// One trial's round trip through a study store, as a runner makes it: propose one trial, claim it, record its
/// evaluation. On the in-memory store and on SQLite (a WAL file in the temp folder; the file system is part of it).
/// </summary>
public class StoreRoundTripBenchmarks
{
    private static readonly Evaluation.Evaluation Result = new(0.5, new Dictionary<string, double> { ["test"] = 0.4 });
    private IStudyStore _store = null!;
    private StudyDefinition _study = null!;
    private SearchSpace _space = null!;
    private string? _path;
    private long _next;
    private Random _random = null!;

    [Params("memory", "sqlite")]
    public string Store { get; set; } = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _space = new SearchSpace("bench", Enumerable.Range(0, 8).Select(i => new Layer($"l{i}", ["a", "b", "c", "d"])).ToArray());
        _study = new StudyDefinition($"bench-{Guid.NewGuid():N}", _space.Name, "none", double.NegativeInfinity, double.PositiveInfinity,
            "sequential", "", "noop", 0, null);
        if (Store == "sqlite") _path = Path.Combine(Path.GetTempPath(), $"layernas-bench-{Guid.NewGuid():N}.db");
        _store = _path is null ? new InMemoryStudyStore() : await SqliteStudyStore.OpenAsync(_path, CancellationToken.None);
        await _store.CreateOrOpenAsync(_study, CancellationToken.None);
        _random = new Random(4);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        if (_path is not null)
            foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(f);
    }

    [Benchmark]
    public async Task<bool> ProposeClaimComplete()
    {
        var arch = _space.Sample(_random);
        var proposed = await _store.ProposeAsync(_study.Name, _next, _ => [new ProposedTrial(arch, 0)], CancellationToken.None);
        _next = proposed[^1].Number + 1;
        var claimed = await _store.ClaimAsync(_study.Name, "bench", 1, TimeSpan.FromMinutes(1), CancellationToken.None);
        return await _store.CompleteAsync(_study.Name, claimed[0], Result, CancellationToken.None);
    }
}
