using LayerNas.Settings;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// Loads a network search space from a YAML or JSON file (docs/space-format.md). Every problem — syntax, unknown
/// keys, wrong types, invalid values, impossible shapes — is collected with its location (e.g.
/// <c>space.yaml: blocks[3].stride: must be >= 1 (is 0)</c>) and thrown as one <see cref="UserInputException"/>.
/// Thread-safe.
/// </summary>
public static class NetworkSpaceLoader
{
    /// <summary>Loads and compiles a space file; YAML for .yaml/.yml, JSON for .json, else whichever parses.</summary>
    public static NetworkSearchSpace LoadFile(string path) => Load(SettingsDocument.ReadFile(path, "space file"), path);

    /// <summary>Loads and compiles a space from text; <paramref name="source"/> (a file name) picks the format and names the input in errors.</summary>
    public static NetworkSearchSpace Load(string text, string source) =>
        NetworkSearchSpace.Create(ReadDefinition(text, source), source);

    /// <summary>Parses and checks a definition without compiling it.</summary>
    public static NetworkSpaceDefinition ReadDefinition(string text, string source)
    {
        var root = SettingsDocument.Parse(text, source);
        var reader = new SpaceReader();
        var definition = reader.Read(root);
        var problems = reader.Problems.ToList();
        if (definition is not null)
        {
            // Values the reader already rejected were replaced by defaults; report only new problems.
            foreach (var p in NetworkSpaceValidator.Problems(definition))
                if (!reader.Reported.Any(r => p.StartsWith(r + ":", StringComparison.Ordinal) || p.StartsWith(r + ".", StringComparison.Ordinal)
                    || p.StartsWith(r + "[", StringComparison.Ordinal)))
                    problems.Add(p);
        }
        if (problems.Count > 0) throw ProblemReport.ToException(source, problems);
        return definition!;
    }
}
