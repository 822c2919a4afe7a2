namespace LayerNas;

/// <summary>
/// An error the user caused and can fix (a bad file, an unknown name, an impossible budget).
/// The message names the input and the fix; front ends print it alone and exit with code 2.
/// </summary>
/// <remarks>
/// When the error is about one setting of a recipe, <see cref="Setting"/> names it by its recipe path (e.g.
/// <c>strategy.settings.buckets</c>) and <see cref="Problem"/> says what is wrong with it, so that a front end can
/// name the setting the way its user wrote it (the CLI prints the flag, e.g. <c>--buckets</c>).
/// </remarks>
public sealed class UserInputException : Exception
{
    /// <summary>An error whose <paramref name="message"/> names the input and the fix.</summary>
    public UserInputException(string message) : base(message) { }

    /// <summary>An error whose <paramref name="message"/> names the input and the fix, caused by <paramref name="inner"/>.</summary>
    public UserInputException(string message, Exception inner) : base(message, inner) { }

    private UserInputException(string setting, string problem, Exception? inner)
        : base($"{setting} {problem}", inner)
    {
        Setting = setting;
        Problem = problem;
    }

    /// <summary>The recipe path of the setting the error is about (e.g. <c>strategy.settings.buckets</c>); null when it is not about one setting.</summary>
    public string? Setting { get; }

    /// <summary>With <see cref="Setting"/>: what is wrong with it and the fix, without the setting's name (e.g. <c>0: give at least one bucket.</c>).</summary>
    public string? Problem { get; }

    /// <summary>An error about one setting; the message is "<paramref name="setting"/> <paramref name="problem"/>".</summary>
    public static UserInputException ForSetting(string setting, string problem, Exception? inner = null) => new(setting, problem, inner);

    /// <summary>This error with its setting placed under <paramref name="prefix"/> (e.g. <c>strategy.settings</c>); unchanged when it names no setting.</summary>
    public UserInputException Within(string prefix) =>
        Setting is null ? this : new UserInputException($"{prefix}.{Setting}", Problem!, InnerException);
}
