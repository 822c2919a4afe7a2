using System.Globalization;

namespace LayerNas.Costs;

/// <summary>
/// A budget on one named cost: feasible architectures have <see cref="Min"/> &lt;= cost &lt;= <see cref="Max"/>.
/// Immutable.
/// </summary>
public sealed record CostConstraint(string CostName, double Min, double Max)
{
    /// <summary>No bound on <paramref name="costName"/>: every architecture is feasible.</summary>
    public static CostConstraint None(string costName) => new(costName, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>True when neither bound is set.</summary>
    public bool IsUnconstrained => double.IsNegativeInfinity(Min) && double.IsPositiveInfinity(Max);

    /// <summary>True when <paramref name="cost"/> lies within the bounds (inclusive).</summary>
    public bool IsSatisfiedBy(double cost) => cost >= Min && cost <= Max;

    /// <summary>True when some architecture whose cost lies in <paramref name="reachable"/> may satisfy the constraint.</summary>
    public bool CanBeMet(CostRange reachable) => reachable.Min <= Max && reachable.Max >= Min;

    /// <summary>The bounds as a range (infinite where unbounded).</summary>
    public CostRange Range => new(Min, Max);

    /// <summary>
    /// Builds a constraint from user text: absolute values (<c>120.5</c>) or fractions of the largest
    /// architecture's cost (<c>0.5x</c>). Null or empty means no bound on that side.
    /// </summary>
    public static CostConstraint Parse(ICostModel model, string? min, string? max, CostRange spaceRange)
    {
        double lo = ParseLimit(min, "min_cost", spaceRange.Max, double.NegativeInfinity);
        double hi = ParseLimit(max, "max_cost", spaceRange.Max, double.PositiveInfinity);
        // A table's cost column has no unit: "12", not "12 ".
        string Of(double value) => model.Unit.Length == 0 ? $"{value:G6}" : $"{value:G6} {model.Unit}";
        if (lo > hi)
            throw UserInputException.ForSetting("max_cost",
                $"{Of(hi)} is below the minimum cost ({Of(lo)}): give a maximum at or above the minimum.");
        if (hi < spaceRange.Min)
            throw UserInputException.ForSetting("max_cost",
                $"{Of(hi)} is below the cheapest architecture ({Of(spaceRange.Min)} of {model.Name}): raise it.");
        if (lo > spaceRange.Max)
            throw UserInputException.ForSetting("min_cost",
                $"{Of(lo)} is above the dearest architecture ({Of(spaceRange.Max)} of {model.Name}): lower it.");
        return new CostConstraint(model.Name, lo, hi);
    }

    private static double ParseLimit(string? text, string setting, double largest, double none)
    {
        if (string.IsNullOrWhiteSpace(text)) return none;
        text = text.Trim();
        bool relative = text.EndsWith('x') || text.EndsWith('X');
        var number = relative ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw UserInputException.ForSetting(setting,
                $"'{text}' is not a cost: give a number in the cost's unit (e.g. 120) or a fraction of the largest architecture's cost (e.g. 0.5x).");
        return relative ? value * largest : value;
    }

    /// <summary>
    /// The constraint for people, with the cost's unit when it has one: <c>flops &lt;= 110.06 MFLOPs</c>,
    /// <c>params in [0.5, 1.2] M</c>, <c>flops unconstrained</c>.
    /// </summary>
    public string Describe(string unit)
    {
        var u = string.IsNullOrEmpty(unit) ? "" : " " + unit;
        return (double.IsNegativeInfinity(Min), double.IsPositiveInfinity(Max)) switch
        {
            (true, true) => $"{CostName} unconstrained",
            (true, false) => string.Create(CultureInfo.InvariantCulture, $"{CostName} <= {Max:G6}{u}"),
            (false, true) => string.Create(CultureInfo.InvariantCulture, $"{CostName} >= {Min:G6}{u}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{CostName} in [{Min:G6}, {Max:G6}]{u}"),
        };
    }

    /// <summary>The constraint for messages, e.g. <c>flops &lt;= 110.06</c>.</summary>
    public override string ToString() => (double.IsNegativeInfinity(Min), double.IsPositiveInfinity(Max)) switch
    {
        (true, true) => $"{CostName} unconstrained",
        (true, false) => $"{CostName} <= {Max:G6}",
        (false, true) => $"{CostName} >= {Min:G6}",
        _ => $"{CostName} in [{Min:G6}, {Max:G6}]",
    };
}
