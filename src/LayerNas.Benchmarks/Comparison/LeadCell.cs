namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// Whether one strategy leads one (setting, budget) cell. <see cref="Margin"/> is its mean reported accuracy minus
/// the best rival's (<see cref="Rival"/>), with the 95% confidence half-width of that difference
/// (<see cref="MeanDifference"/>). The cell is led when the margin is not negative, or when every run's answer is a
/// reward oracle (<see cref="AllAtOracle"/>: no search by this reward can do better), or — where ties by the interval
/// are allowed (stochastic rewards) — when the rival is ahead by less than the half-width (<see cref="TiedByInterval"/>).
/// <see cref="RewardMargin"/> compares the same two strategies by the mean noise-free reward of their answers, the
/// objective of the search (null where either has none). Immutable.
/// </summary>
public sealed record LeadCell(double Budget, double? Margin, string? Rival, double HalfWidth, bool AllAtOracle, bool TiedByInterval, bool Led,
    double? RewardMargin = null)
{
    /// <summary>Not led, though this strategy's answers have the higher mean reward: lost to the gap between reward and reported accuracy.</summary>
    public bool AheadOnReward => !Led && RewardMargin >= -SettingLead.Tolerance;

    /// <summary>A margin as text: its sign and two decimals (<c>-0.00</c> for a loss that rounds to zero, <c>+0.00</c> for a tie).</summary>
    public static string Format(double margin) =>
        (margin < -SettingLead.Tolerance ? "-" : "+") + Math.Abs(margin).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
}
