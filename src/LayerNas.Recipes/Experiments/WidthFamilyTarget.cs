using LayerNas.Benchmarks.Comparison;
using LayerNas.Studies;

namespace LayerNas.Recipes.Experiments;

/// <summary>
/// One MAdds target of <see cref="WidthFamilyComparison"/>: the width-multiplier model that sets it, the LayerNAS and
/// random-search picks under it (each search's trial count and wall time, the seconds of both searches' training
/// loops, the proxy validation accuracy of each pick and of the width-multiplier model), the
/// three models retrained with the final recipe, and the Welch comparison of the LayerNAS pick's test accuracy with
/// each of the other two (LayerNAS − other, percentage points). Immutable.
/// </summary>
public sealed record WidthFamilyTarget(
    double Multiplier,
    double TargetMAdds,
    int LayerNasTrials,
    double LayerNasSearchSeconds,
    int RandomTrials,
    double RandomSearchSeconds,
    double SearchTrainSeconds,
    double LayerNasProxy,
    double FamilyProxy,
    double RandomProxy,
    IReadOnlyList<ModelPoint> LayerNasFront,
    RetrainedModel LayerNas,
    RetrainedModel Family,
    RetrainedModel Random)
{
    /// <summary>LayerNAS pick − width-multiplier model, mean test accuracy, with Welch's interval and t.</summary>
    public MeanDifference VersusFamily => Compare(LayerNas, Family);

    /// <summary>LayerNAS pick − random-search pick, mean test accuracy, with Welch's interval and t.</summary>
    public MeanDifference VersusRandom => Compare(LayerNas, Random);

    private static MeanDifference Compare(RetrainedModel a, RetrainedModel b) =>
        MeanDifference.Of(a.MeanTestAccuracy, a.StdTestAccuracy, a.Runs.Count, b.MeanTestAccuracy, b.StdTestAccuracy, b.Runs.Count);
}
