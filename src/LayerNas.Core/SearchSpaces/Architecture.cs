using System.Runtime.CompilerServices;

namespace LayerNas.SearchSpaces;

/// <summary>
/// One option index per layer. Immutable with value equality; the stable string form joins the
/// indices with '-' (e.g. <c>2-0-1-1-3</c>).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ArchitectureJsonConverter))]
public sealed class Architecture : IEquatable<Architecture>
{
    private readonly int[] _options;
    private readonly int _hash;

    /// <summary>An architecture with option <c>options[l]</c> at layer l (copied).</summary>
    public Architecture(ReadOnlySpan<int> options)
    {
        _options = options.ToArray();
        _hash = ComputeHash(_options);
    }

    /// <summary>An architecture with the given option per layer, in layer order.</summary>
    public Architecture(IEnumerable<int> options) : this(options.ToArray().AsSpan()) { }

    /// <summary>Number of layers.</summary>
    public int Length => _options.Length;

    /// <summary>The option index of <paramref name="layer"/>.</summary>
    public int this[int layer] => _options[layer];

    /// <summary>The option index of every layer, in layer order.</summary>
    public ReadOnlySpan<int> Options => _options;

    /// <summary>A copy with one layer changed.</summary>
    public Architecture With(int layer, int option)
    {
        var copy = (int[])_options.Clone();
        copy[layer] = option;
        return new Architecture(copy);
    }

    /// <summary>Parses the '-' separated form; a string of digits without separators is read one digit per layer.</summary>
    public static Architecture Parse(string text)
    {
        if (!TryParse(text, out var arch))
            throw new UserInputException($"'{text}' is not an architecture: write one option index per layer, separated by '-' (e.g. 2-0-1).");
        return arch;
    }

    /// <summary>Parses the '-' separated form (or one digit per layer); false for anything else.</summary>
    public static bool TryParse(string? text, out Architecture arch)
    {
        arch = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        int[] values;
        if (text.Contains('-'))
        {
            var parts = text.Split('-');
            values = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
                if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, null, out values[i])) return false;
        }
        else
        {
            values = new int[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] is < '0' or > '9') return false;
                values[i] = text[i] - '0';
            }
        }
        arch = new Architecture(values);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(Architecture? other) =>
        other is not null && _hash == other._hash && _options.AsSpan().SequenceEqual(other._options);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Architecture a && Equals(a);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>The stable form, e.g. <c>2-0-1-1-3</c>.</summary>
    public override string ToString() => string.Join('-', _options);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Architecture? a, Architecture? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Architecture? a, Architecture? b) => !(a == b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ComputeHash(int[] options)
    {
        var h = new HashCode();
        foreach (var o in options) h.Add(o);
        return h.ToHashCode();
    }
}
