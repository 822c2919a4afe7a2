namespace LayerNas.Networks;

/// <summary>Channel rounding as the reference implementations do it. Pure.</summary>
public static class Channels
{
    /// <summary>
    /// torchvision's <c>_make_divisible</c>: round <paramref name="value"/> to the nearest multiple of
    /// <paramref name="divisor"/> (at least <paramref name="minValue"/>, default the divisor), then add one divisor
    /// if that lost more than 10%.
    /// </summary>
    public static int MakeDivisible(double value, int divisor = 8, int? minValue = null)
    {
        int min = minValue ?? divisor;
        int rounded = Math.Max(min, (int)(value + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * value) rounded += divisor;
        return rounded;
    }
}
