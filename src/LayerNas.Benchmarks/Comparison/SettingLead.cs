namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// How <see cref="Strategy"/> fares against every other strategy of a setting: one <see cref="LeadCell"/> per budget,
/// and at its finish the 25th percentile of its final answers against the best rival 25th percentile at the first
/// budget at or after its last run finished (<see cref="RivalP25Budget"/>; the rivals have had at least as many
/// evaluations). The finish fields are null for a strategy that does not finish on its own. Immutable.
/// </summary>
public sealed record SettingLead(
    string Strategy,
    bool TiesByInterval,
    IReadOnlyList<LeadCell> Cells,
    double? FinalP25,
    double? RivalP25,
    string? RivalP25Strategy,
    double? RivalP25Budget)
{
    /// <summary>True when the final 25th percentile is not below the best rival's (or there is nothing to compare).</summary>
    public bool FinalP25Holds => FinalP25 is not { } mine || RivalP25 is not { } theirs || mine >= theirs - Tolerance;

    /// <summary>Means equal to this many points count as equal (sums of table values carry rounding error).</summary>
    public const double Tolerance = 1e-9;
}
