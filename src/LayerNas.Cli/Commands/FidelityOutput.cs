using System.Globalization;
using LayerNas.Recipes.Experiments;

namespace LayerNas.Cli.Commands;

/// <summary>How `layernas demo --fidelity` prints and writes (JSON) a <see cref="ProxyFidelityReport"/>.</summary>
internal static class FidelityOutput
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Print(TextWriter o, ProxyFidelityReport r)
    {
        var rank = r.ProxyVersusFinal;
        o.WriteLine(string.Create(Ci, $"proxy fidelity on {r.Space}: {r.Points.Count} random architectures under {r.BudgetMAdds:0.###} MMAdds"));
        o.WriteLine("| architecture | MMAdds | proxy val. acc. | final test acc. |");
        o.WriteLine("| --- | ---: | ---: | --- |");
        foreach (var p in r.Points.OrderByDescending(p => p.Proxy))
            o.WriteLine(string.Create(Ci, $"| `{p.Final.Architecture}` | {p.Final.MAdds:0.###} | {p.Proxy:0.00} | {p.Final.MeanTestAccuracy:0.00} ± {p.Final.StdTestAccuracy:0.00} |"));
        o.WriteLine(string.Create(Ci, $"Spearman rho (proxy val. vs final test) {rank.Rho:0.000}, 95% interval [{rank.Low:0.000}, {rank.High:0.000}], n = {rank.Count}"));
        o.WriteLine(string.Create(Ci, $"time: {r.Seconds / 60:0.0} min ({r.ProxySeconds / 60:0.0} min proxy trainings)"));
    }

    public static object ToJson(ProxyFidelityReport r) => new
    {
        space = r.Space,
        budget_mmadds = r.BudgetMAdds,
        spearman = new { rho = WidthFamilyOutput.Finite(r.ProxyVersusFinal.Rho), low_95 = WidthFamilyOutput.Finite(r.ProxyVersusFinal.Low), high_95 = WidthFamilyOutput.Finite(r.ProxyVersusFinal.High), n = r.ProxyVersusFinal.Count },
        seconds = r.Seconds,
        proxy_seconds = r.ProxySeconds,
        points = r.Points.Select(p => new
        {
            architecture = p.Final.Architecture.ToString(),
            mmadds = p.Final.MAdds,
            proxy_val_accuracy = p.Proxy,
            mean_test_accuracy = p.Final.MeanTestAccuracy,
            std_test_accuracy = p.Final.StdTestAccuracy,
            test_accuracies = p.Final.Runs.Select(x => x.TestAccuracy),
        }),
    };
}
