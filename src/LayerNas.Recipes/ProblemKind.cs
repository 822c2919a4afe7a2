namespace LayerNas.Recipes;

/// <summary>The three kinds of search problem a recipe can name.</summary>
public enum ProblemKind
{
    /// <summary>A built-in tabular benchmark (scored by its table).</summary>
    Benchmark,

    /// <summary>A user's CSV table (scored by its reward column).</summary>
    Table,

    /// <summary>A network search space (scored by training, a command, or the stand-in reward).</summary>
    Space,
}
