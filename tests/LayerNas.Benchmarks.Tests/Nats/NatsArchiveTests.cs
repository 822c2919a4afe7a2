using LayerNas.Benchmarks.Nats;

namespace LayerNas.Benchmarks.Tests.Nats;

public class NatsArchiveTests
{
    [Fact]
    public void Load_OfficialLayoutWithThreeFiles_ReadsExactlyThose()
    {
        using var folder = NatsSamples.OfficialFolder();
        var archive = NatsArchive.Load(folder.Path);
        Assert.Equal(3, archive.Count);
        Assert.Equal(NatsSamples.Indices, archive.Records.Select(r => r.Index));
        Assert.Equal("8:8:40:32:40", archive[284]!.ArchString);
        Assert.Null(archive[1]);
        Assert.Equal(Path.Combine(folder.Path, "000001.pickle.pbz2"), archive.FilePath(1));
    }

    [Fact]
    public void Load_UnpaddedFileNames_AreAcceptedLikeTheOfficialApi()
    {
        using var folder = new TempFolder();
        File.Copy(NatsSamples.MetaPath, Path.Combine(folder.Path, NatsArchive.MetaFileName));
        File.Copy(NatsSamples.SamplePath(284), Path.Combine(folder.Path, "284.pickle.pbz2"));
        Assert.Equal(284, NatsArchive.Load(folder.Path).Records.Single().Index);
    }

    [Fact]
    public void Load_SameIndexPaddedAndUnpadded_ThrowsUserInputExceptionNamingBoth()
    {
        using var folder = NatsSamples.OfficialFolder([284]);
        var unpadded = Path.Combine(folder.Path, "284.pickle.pbz2");
        File.Copy(NatsSamples.SamplePath(284), unpadded);
        var ex = Assert.Throws<UserInputException>(() => NatsArchive.Load(folder.Path));
        Assert.Contains(unpadded, ex.Message);
        Assert.Contains(NatsArchive.PathOf(folder.Path, 284), ex.Message);
    }

    [Fact]
    public void Load_MissingFolder_ThrowsUserInputExceptionSayingWhereToGetFiles()
    {
        var ex = Assert.Throws<UserInputException>(() => NatsArchive.Load("/no/such/nats/folder"));
        Assert.Contains("/no/such/nats/folder", ex.Message);
        Assert.Contains(NatsArchive.FolderName, ex.Message);
    }

    [Fact]
    public void Load_MissingMetaFile_ThrowsUserInputExceptionNamingIt()
    {
        using var folder = NatsSamples.OfficialFolder();
        File.Delete(Path.Combine(folder.Path, NatsArchive.MetaFileName));
        var ex = Assert.Throws<UserInputException>(() => NatsArchive.Load(folder.Path));
        Assert.Contains(Path.Combine(folder.Path, NatsArchive.MetaFileName), ex.Message);
    }

    [Fact]
    public void Load_NoArchitectureFiles_ThrowsUserInputException()
    {
        using var folder = NatsSamples.OfficialFolder([]);
        var ex = Assert.Throws<UserInputException>(() => NatsArchive.Load(folder.Path));
        Assert.Contains("no architecture files", ex.Message);
    }

    [Fact]
    public void Load_FileUnderWrongIndex_ThrowsUserInputExceptionNamingIt()
    {
        using var folder = NatsSamples.OfficialFolder([0]);
        var wrong = NatsArchive.PathOf(folder.Path, 12);
        File.Copy(NatsSamples.SamplePath(11), wrong);
        var ex = Assert.Throws<UserInputException>(() => NatsArchive.Load(folder.Path));
        Assert.Contains(wrong, ex.Message);
        Assert.Contains("8:8:8:16:32", ex.Message);
    }

    [Fact]
    public void Load_DamagedFile_ThrowsOneUserInputExceptionNamingIt()
    {
        using var folder = NatsSamples.OfficialFolder();
        var damaged = NatsArchive.PathOf(folder.Path, 11);
        File.WriteAllText(damaged, "not bzip2");
        var ex = Assert.Throws<UserInputException>(() => NatsArchive.Load(folder.Path, maxParallel: 2));
        Assert.Contains(damaged, ex.Message);
    }
}
