using LayerNas.Benchmarks.Nats;

namespace LayerNas.Benchmarks.Tests.Nats;

public class NatsScoreTableTests
{
    [Fact]
    public void FromArchive_SampleFolder_HoldsProtocolValuesForEveryDataset()
    {
        using var folder = NatsSamples.OfficialFolder();
        var scores = NatsScoreTable.FromArchive(NatsArchive.Load(folder.Path));
        Assert.Equal(3, scores.Count);
        Assert.True(scores.Has(284));
        Assert.False(scores.Has(1));
        foreach (var r in NatsSamples.OfficialRecords())
        {
            Assert.Equal(r.ValidAccuracy, scores.Column(r.Dataset, $"valid_acc_{r.Epochs:D2}")[r.Index], 4);
            Assert.Equal(r.TestAccuracy, scores.Column(r.Dataset, $"test_acc_{r.Epochs:D2}")[r.Index], 4);
            Assert.Equal(r.LatencyMs, scores.Column(r.Dataset, "latency_ms")[r.Index], 6);
        }
        Assert.True(double.IsNaN(scores.Column(NatsDataset.Cifar10, "valid_acc_12")[1]));
    }

    [Fact]
    public void Read_SampleFolder_EqualsFromArchive()
    {
        using var folder = NatsSamples.OfficialFolder();
        var streamed = NatsScoreTable.Read(folder.Path, maxParallel: 3);
        var full = NatsScoreTable.FromArchive(NatsArchive.Load(folder.Path));
        Assert.Equal(full.Count, streamed.Count);
        Assert.Equal(full.Directory, streamed.Directory);
        foreach (var dataset in NatsDataset.All)
            foreach (var column in NatsScoreTable.ColumnNames)
                Assert.Equal(full.Column(dataset, column), streamed.Column(dataset, column));
    }

    [Fact]
    public void Load_WithCache_SecondLoadReadsCacheNotPickles()
    {
        using var folder = NatsSamples.OfficialFolder();
        using var cache = new TempFolder();
        var first = NatsScoreTable.Load(folder.Path, cache.Path);
        Assert.Single(Directory.GetFiles(cache.Path));

        // Same name, size and time, other bytes: only a cache hit can still load this folder.
        var path = NatsArchive.PathOf(folder.Path, 11);
        var info = new FileInfo(path);
        var time = info.LastWriteTimeUtc;
        File.WriteAllBytes(path, new byte[info.Length]);
        File.SetLastWriteTimeUtc(path, time);
        var second = NatsScoreTable.Load(folder.Path, cache.Path);

        Assert.Equal(first.Count, second.Count);
        foreach (var dataset in NatsDataset.All)
            foreach (var column in NatsScoreTable.ColumnNames)
                Assert.Equal(first.Column(dataset, column), second.Column(dataset, column));
    }

    [Fact]
    public void Load_FolderChangedSinceCached_ReadsPicklesAgain()
    {
        using var folder = NatsSamples.OfficialFolder();
        using var cache = new TempFolder();
        NatsScoreTable.Load(folder.Path, cache.Path);
        File.Delete(NatsArchive.PathOf(folder.Path, 11));
        var again = NatsScoreTable.Load(folder.Path, cache.Path);
        Assert.Equal(2, again.Count);
        Assert.False(again.Has(11));
    }

    [Fact]
    public void Load_UnwritableCacheFolder_StillLoads()
    {
        using var folder = NatsSamples.OfficialFolder();
        using var cache = new TempFolder();
        var blocked = Path.Combine(cache.Path, "file-not-folder");
        File.WriteAllText(blocked, "x");
        Assert.Equal(3, NatsScoreTable.Load(folder.Path, blocked).Count);
    }
}
