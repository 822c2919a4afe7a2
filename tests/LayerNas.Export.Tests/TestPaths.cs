namespace LayerNas.Export.Tests;

/// <summary>Temporary folders and the repository root for tests.</summary>
internal static class TestPaths
{
    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "layernas-export-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LayerNas.slnx"))) return dir.FullName;
        throw new InvalidOperationException("LayerNas.slnx not found above the test binaries.");
    }
}
