using System.Text.RegularExpressions;

namespace LayerNas.Storage;

/// <summary>
/// Where studies are kept, parsed from the user's <c>--storage</c> text: <c>sqlite:PATH</c>, a PostgreSQL URL
/// (<c>postgresql://user:password@host:5432/db?sslmode=require</c>) or <c>memory</c>. <see cref="ToString"/> and
/// <see cref="Redacted"/> never show a password. Immutable.
/// </summary>
public sealed partial record StorageLocation(StorageKind Kind, string Target)
{
    /// <summary>The default store when a study name is given: a SQLite file in the current directory.</summary>
    public const string Default = "sqlite:./layernas.db";

    /// <summary>Parses <paramref name="text"/>; throws a <see cref="UserInputException"/> naming the accepted forms.</summary>
    public static StorageLocation Parse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) text = Default;
        if (text.Equals("memory", StringComparison.OrdinalIgnoreCase)) return new StorageLocation(StorageKind.Memory, "");
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal)) path = path[2..];
            if (path.Length == 0) throw UserInputException.ForSetting("storage", "sqlite: needs a file path, e.g. sqlite:./layernas.db.");
            return new StorageLocation(StorageKind.Sqlite, path);
        }
        if (text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            return new StorageLocation(StorageKind.Postgres, text);
        throw new UserInputException(
            $"--storage '{Redact(text)}' is not a store: use sqlite:PATH (one machine), postgresql://user:password@host:5432/database (many machines) or memory.");
    }

    /// <summary>The location as the user wrote it, with any password replaced by ***.</summary>
    public string Redacted => Kind switch
    {
        StorageKind.Memory => "memory",
        StorageKind.Sqlite => $"sqlite:{Target}",
        _ => Redact(Target),
    };

    public override string ToString() => Redacted;

    /// <summary>
    /// Replaces the password of a URL's user part and any password=... parameter by ***, also in mistyped PostgreSQL
    /// URLs (<c>postgresql:user:pw@host</c>, <c>postgresql//…</c>, <c>postgresql:/…</c>, <c>postgresql://user:pw</c> without a host).
    /// </summary>
    public static string Redact(string text)
    {
        var redacted = UserInfoPassword().Replace(text, "${pre}***@");
        redacted = LoosePostgresPassword().Replace(redacted, m => m.Groups["pre"].Value + "***" + (m.Groups["secret"].Value.EndsWith('@') ? "@" : ""));
        return PasswordParameter().Replace(redacted, "${key}***");
    }

    [GeneratedRegex(@"(?<pre>://[^:/@\s]*:)[^@\s]*@")]
    private static partial Regex UserInfoPassword();

    // After any run of ':' and '/' following the scheme, user:secret up to the last '@' of the word; without an '@', the
    // rest of the word unless it is a port (digits).
    [GeneratedRegex(@"(?<pre>postgres(ql)?(?=[:/])(?>[:/]*)[^:/@\s]*:)(?<secret>\S*@|(?![0-9]+(/|\s|$))[^/@\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex LoosePostgresPassword();

    [GeneratedRegex(@"(?<key>(password|pwd)\s*=\s*)[^&;\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordParameter();
}
