namespace LayerNas.Networks;

/// <summary>Turns a list of located problems into the one user error the conventions ask for.</summary>
internal static class ProblemReport
{
    public static UserInputException ToException(string source, IReadOnlyList<string> problems)
    {
        var lines = problems.Select(p => $"  {source}: {p}");
        string noun = problems.Count == 1 ? "problem" : "problems";
        return new UserInputException(
            $"{source} has {problems.Count} {noun}; fix each of them (format: docs/space-format.md):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
    }
}
