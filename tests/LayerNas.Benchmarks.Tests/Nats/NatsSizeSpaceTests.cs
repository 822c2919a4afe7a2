using CsCheck;
using LayerNas.Benchmarks.Nats;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks.Tests.Nats;

public class NatsSizeSpaceTests
{
    [Fact]
    public void Space_Shape_Is5StagesOf8ChannelCounts()
    {
        Assert.Equal(5, NatsSizeSpace.Space.LayerCount);
        Assert.All(NatsSizeSpace.Space.Layers, l => Assert.Equal(["8", "16", "24", "32", "40", "48", "56", "64"], l.Options));
        Assert.Equal(32_768, (int)NatsSizeSpace.Space.Size);
    }

    [Theory]
    [InlineData("8:8:8:8:8", 0)]
    [InlineData("8:8:8:16:32", 11)]
    [InlineData("8:8:40:32:40", 284)]
    [InlineData("64:64:64:64:64", 32_767)]
    public void OfficialIndex_KnownArchStrings_MatchOfficialIndices(string archString, int index)
    {
        var arch = NatsSizeSpace.ParseArchString(archString);
        Assert.Equal(index, NatsSizeSpace.OfficialIndex(arch));
        Assert.Equal(archString, NatsSizeSpace.ToArchString(NatsSizeSpace.FromOfficialIndex(index)));
    }

    [Fact]
    public void FromOfficialIndex_EveryIndex_MatchesOfficialMetaFile()
    {
        var meta = NatsFileReader.ReadMeta(NatsSamples.MetaPath);
        Assert.Equal(NatsSizeSpace.ArchitectureCount, meta.Count);
        for (int i = 0; i < meta.Count; i++)
        {
            Assert.Equal(meta[i], NatsSizeSpace.ToArchString(NatsSizeSpace.FromOfficialIndex(i)));
            Assert.Equal(i, NatsSizeSpace.OfficialIndex(NatsSizeSpace.ParseArchString(meta[i])));
        }
    }

    [Fact]
    public void OfficialIndex_EqualsIndexerIndex_ForEveryArchitecture()
    {
        var indexer = new ArchitectureIndexer(NatsSizeSpace.Space);
        Gen.Int[0, NatsSizeSpace.ArchitectureCount - 1].Sample(i =>
            NatsSizeSpace.OfficialIndex(NatsSizeSpace.FromOfficialIndex(i)) == i && indexer.IndexOf(NatsSizeSpace.FromOfficialIndex(i)) == i);
    }

    [Theory]
    [InlineData("8:8:8:8")]
    [InlineData("8:8:8:8:9")]
    [InlineData("8-8-8-8-8")]
    [InlineData("")]
    [InlineData("8:8:8:8:72")]
    public void ParseArchString_Invalid_ThrowsUserInputException(string text)
    {
        var ex = Assert.Throws<UserInputException>(() => NatsSizeSpace.ParseArchString(text));
        Assert.Contains("5 channel counts", ex.Message);
    }
}
