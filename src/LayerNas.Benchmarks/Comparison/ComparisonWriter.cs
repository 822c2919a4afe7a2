using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LayerNas.Benchmarks.Comparison;

/// <summary>Writes and reads <c>results.json</c> and renders <c>results.md</c>. Thread-safe.</summary>
public static class ComparisonWriter
{
    /// <summary>The JSON form: snake_case names, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static string ToJson(ComparisonReport report) => JsonSerializer.Serialize(report, JsonOptions);

    public static ComparisonReport FromJson(string json) =>
        JsonSerializer.Deserialize<ComparisonReport>(json, JsonOptions) ?? throw new InvalidDataException("results.json holds null.");

    /// <summary>Readable tables: per setting, one row per strategy and one column per budget with mean [p25-p75] and hit rate.</summary>
    public static string ToMarkdown(ComparisonReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        var s = report.Settings;
        md.AppendLine("# LayerNas benchmark comparison").AppendLine();
        md.AppendLine(inv, $"{s.Runs} runs per strategy and setting (seeds {s.Seed}..{s.Seed + s.Runs - 1}), budgets in {s.BudgetUnit}, cost {s.Cost}. ")
          .AppendLine(inv, $"Wall time {report.WallSeconds:F1} s on {s.Threads} threads ({report.CpuSeconds:F1} s CPU), {report.Evaluations:N0} evaluations, {report.EvaluationsPerSecond:N0} evaluations/s.")
          .AppendLine();
        md.AppendLine("Cells: mean reported test accuracy of the chosen architecture (best reward so far) [25th-75th percentile], " +
                      "then the hit rate: the share of runs whose chosen architecture has the best feasible reward (the reward oracle). Bold: highest mean at that budget.").AppendLine();
        foreach (var setting in report.Benchmarks)
        {
            md.AppendLine(inv, $"## {setting.Setting}").AppendLine();
            var bound = setting.MaxCostValue is { } max ? $"{setting.Cost} <= {max:G6} {setting.CostUnit} ({setting.MaxCost})" : "unconstrained";
            md.AppendLine(inv, $"{bound}; {setting.FeasibleCount:N0} feasible architectures. Oracle: best test {setting.Oracle.BestTest:F2} ({setting.Oracle.BestArch}), " +
                               $"best-reward architecture {setting.Oracle.RewardArch} tests {setting.Oracle.RewardTest:F2}.").AppendLine();
            var budgets = setting.Strategies.Count > 0 ? setting.Strategies[0].Budgets.Select(b => b.Budget).ToArray() : [];
            bool anyFinish = setting.Strategies.Any(x => x.Finish is not null);
            md.Append("| strategy |");
            foreach (var b in budgets) md.Append(inv, $" {b:G6} |");
            if (anyFinish) md.Append(" at finish (evaluations: mean, min-max) |");
            md.AppendLine();
            md.Append("|---|");
            foreach (var _ in budgets) md.Append("---|");
            if (anyFinish) md.Append("---|");
            md.AppendLine();
            var best = budgets.Select((_, i) => setting.Strategies.Select(x => x.Budgets[i].Mean ?? double.NegativeInfinity).Max()).ToArray();
            foreach (var strategy in setting.Strategies)
            {
                md.Append(inv, $"| {strategy.Name} |");
                for (int i = 0; i < budgets.Length; i++)
                {
                    var b = strategy.Budgets[i];
                    md.Append(' ').Append(Cell(b, b.Mean is { } m && m >= best[i])).Append(" |");
                }
                if (anyFinish)
                {
                    if (strategy.Finish is { } f)
                        md.Append(inv, $" {Cell(f.Final, false)}; {f.MeanEvaluations:F0} ({f.MinEvaluations}-{f.MaxEvaluations}){(f.FinishedRuns < s.Runs ? $", {f.FinishedRuns} finished" : "")} |");
                    else md.Append(" |");
                }
                md.AppendLine();
            }
            md.AppendLine();
        }
        return md.ToString();

        static string Cell(BudgetStats b, bool bold)
        {
            if (b.Mean is not { } mean) return "-";
            var m = mean.ToString("F2", CultureInfo.InvariantCulture);
            if (bold) m = $"**{m}**";
            return string.Create(CultureInfo.InvariantCulture, $"{m} [{b.P25:F2}-{b.P75:F2}] {b.HitRate:P0}").Replace(" %", "%");
        }
    }

    /// <summary>Writes <c>results.json</c> and <c>results.md</c> into <paramref name="directory"/> (created if needed); returns their paths.</summary>
    public static IReadOnlyList<string> Write(ComparisonReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "results.json");
        var md = Path.Combine(directory, "results.md");
        File.WriteAllText(json, ToJson(report));
        File.WriteAllText(md, ToMarkdown(report));
        return [json, md];
    }
}
