namespace LayerNas.Cli.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding LayerNas.slnx, above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A file of the repository's examples/ folder.</summary>
    public static string Example(string name) => Path.Combine(RepositoryRoot, "examples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LayerNas.slnx"))) return dir.FullName;
        throw new InvalidOperationException("LayerNas.slnx not found above the test binaries.");
    }
}
