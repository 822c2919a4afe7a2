namespace LayerNas.Recipes;

/// <summary>How a study's candidates are scored.</summary>
public enum EvaluatorKind
{
    /// <summary>The problem's own scores: the table of a benchmark or CSV, the stand-in reward of a network space.</summary>
    Auto,

    /// <summary>A benchmark's or CSV's reward column.</summary>
    Table,

    /// <summary>A network space's stand-in reward: a deterministic made-up score for trying a search without training (not accuracy).</summary>
    StandIn,

    /// <summary>Train each candidate of a network space with TorchSharp (<see cref="EvaluatorRecipe.Training"/>, <see cref="EvaluatorRecipe.Dataset"/>).</summary>
    Train,

    /// <summary>Run the user's training command per candidate (<see cref="EvaluatorRecipe.Command"/>).</summary>
    Command,
}
