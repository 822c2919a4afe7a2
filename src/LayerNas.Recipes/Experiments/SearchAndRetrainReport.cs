using LayerNas.SearchSpaces;
using LayerNas.Studies;

namespace LayerNas.Recipes.Experiments;

/// <summary>
/// Outcome of <see cref="SearchAndRetrain"/>: the search (trials, time, best proxy reward, the cost/accuracy front
/// of the final memorial table: each point's cost in MMAdds, reward the proxy validation accuracy, with its bucket) and the final retraining of the found model and the backbone. Immutable.
/// </summary>
public sealed record SearchAndRetrainReport(
    string Space,
    double BudgetMAdds,
    int Trials,
    double SearchSeconds,
    Architecture Found,
    double FoundProxyValidationAccuracy,
    double BackboneProxyValidationAccuracy,
    IReadOnlyList<ModelPoint> Front,
    RetrainedModel FoundFinal,
    RetrainedModel BackboneFinal,
    double RetrainSeconds)
{
    /// <summary>Mean test accuracy of the found model minus the backbone's (percentage points).</summary>
    public double TestAccuracyGain => FoundFinal.MeanTestAccuracy - BackboneFinal.MeanTestAccuracy;
}
