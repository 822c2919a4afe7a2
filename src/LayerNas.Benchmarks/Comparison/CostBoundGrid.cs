using System.Globalization;

namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// Expands the cost bounds of a budget sweep. Each item is a bound (<c>0.5x</c>, <c>120</c>, <c>none</c>) or a
/// range <c>FROM..TO</c> that steps by FROM: <c>0.1x..0.9x</c> is 0.1x, 0.2x, ..., 0.9x and <c>0.25x..1x</c> is
/// 0.25x, 0.5x, 0.75x, 1x (both ends relative, or both absolute). Thread-safe.
/// </summary>
public static class CostBoundGrid
{
    /// <summary>The bounds of <paramref name="items"/> in order, ranges expanded, repeats dropped.</summary>
    /// <exception cref="UserInputException">A range is malformed or would have more than 1,000 steps.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> items)
    {
        var bounds = new List<string>();
        foreach (var raw in items)
        {
            var item = raw.Trim();
            int dots = item.IndexOf("..", StringComparison.Ordinal);
            var expanded = dots < 0 ? [item] : Range(item, item[..dots], item[(dots + 2)..]);
            foreach (var b in expanded)
                if (!bounds.Contains(b, StringComparer.OrdinalIgnoreCase)) bounds.Add(b);
        }
        return bounds;
    }

    private static IEnumerable<string> Range(string item, string fromText, string toText)
    {
        bool relative = fromText.EndsWith('x') || fromText.EndsWith('X');
        if (relative != (toText.EndsWith('x') || toText.EndsWith('X')) || !Number(fromText, relative, out var from) || !Number(toText, relative, out var to)
            || !(from > 0) || to < from)
            throw new UserInputException(
                $"--max-cost range '{item}' is not FROM..TO with 0 < FROM <= TO, both relative or both absolute: write e.g. 0.1x..0.9x (steps of 0.1x).");
        long steps = (long)Math.Floor(to / from + 1e-9);
        if (steps > 1000) throw new UserInputException($"--max-cost range '{item}' has {steps} steps: use a larger first value (the step).");
        for (long k = 1; k <= steps; k++)
        {
            var value = Math.Round(k * from, 10).ToString("G10", CultureInfo.InvariantCulture);
            yield return relative ? value + "x" : value;
        }
    }

    private static bool Number(string text, bool relative, out double value) =>
        double.TryParse(relative ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
