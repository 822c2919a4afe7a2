namespace LayerNas;

/// <summary>
/// An error the user caused and can fix (a bad file, an unknown name, an impossible budget).
/// The message names the input and the fix; front ends print it alone and exit with code 2.
/// </summary>
public sealed class UserInputException : Exception
{
    public UserInputException(string message) : base(message) { }

    public UserInputException(string message, Exception inner) : base(message, inner) { }
}
