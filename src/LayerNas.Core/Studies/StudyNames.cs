namespace LayerNas.Studies;

/// <summary>Rules and messages for study names shared by every store, so all refuse the same names the same way.</summary>
public static class StudyNames
{
    /// <summary>Longest accepted study name, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Throws a <see cref="UserInputException"/> for an empty name, one longer than <see cref="MaxLength"/>, or one
    /// with control characters (they would garble logs and terminals). Quotes, spaces, slashes and any other
    /// printable characters are allowed: stores pass names as SQL parameters and file names are derived safely.
    /// </summary>
    public static void Validate(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw UserInputException.ForSetting("study", "is empty: give the study a name, e.g. cifar-flops-50.");
        if (name.Length > MaxLength)
            throw UserInputException.ForSetting("study", $"is {name.Length} characters long: use at most {MaxLength}.");
        if (name.Any(char.IsControl))
            throw UserInputException.ForSetting("study", "contains control characters (e.g. a newline or tab): use printable characters only.");
    }

    /// <summary>A file-name-safe form of a study name: letters, digits, '-', '_' and '.', plus a short hash when anything was replaced.</summary>
    public static string ToFileName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        if (safe.Length > 60) safe = safe[..60];
        if (safe == name) return safe;
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        return $"{safe}-{Convert.ToHexStringLower(hash)[..8]}";
    }

    /// <summary>The message for a study that does not exist in a store.</summary>
    public static string NotFound(string study, string store) =>
        $"There is no study named '{study}' in {store}: create it with `layernas search --study NAME --storage ...`, or see `layernas studies list --storage ...`.";

    /// <summary>The failure reason recorded when a trial's lease expired and another worker took it over.</summary>
    public static string LeaseExpiredReason(string? worker) => LeaseExpiredPrefix + (worker ?? "?") + LeaseExpiredSuffix;

    /// <summary>The text before the worker's name in <see cref="LeaseExpiredReason"/> (stores compose it in SQL).</summary>
    public const string LeaseExpiredPrefix = "the lease of worker ";

    /// <summary>The text after the worker's name in <see cref="LeaseExpiredReason"/>.</summary>
    public const string LeaseExpiredSuffix = " expired (the worker stopped or lost its connection)";
}
