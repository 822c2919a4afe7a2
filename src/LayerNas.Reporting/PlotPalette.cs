namespace LayerNas.Reporting;

/// <summary>Colours shared by every LayerNas plot, so a strategy keeps its colour across figures.</summary>
public static class PlotPalette
{
    /// <summary>Hex colour of a strategy or series name (stable for the known strategies, hashed otherwise).</summary>
    public static string ColorOf(string name) => name switch
    {
        "layernas" => "#1f77b4",
        "layernas-paper" => "#17becf",
        "random" => "#7f7f7f",
        "evolution" => "#2ca02c",
        "ppo" => "#d62728",
        "local" => "#ff7f0e",
        _ => Others[(int)((uint)StableHash(name) % Others.Length)],
    };

    private static readonly string[] Others = ["#9467bd", "#8c564b", "#e377c2", "#bcbd22"];

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = 17;
            foreach (char c in s) h = h * 31 + c;
            return h;
        }
    }
}
