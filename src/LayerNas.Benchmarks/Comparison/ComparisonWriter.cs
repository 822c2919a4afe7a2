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
        md.AppendLine(inv, $"{s.Runs} runs per strategy and setting (seeds {s.Seed}..{s.Seed + s.Runs - 1}), budgets in {s.BudgetUnit}, cost {string.Join(", ", s.Costs)}. ")
          .AppendLine(inv, $"Wall time {report.WallSeconds:F1} s on {s.Threads} threads ({report.CpuSeconds:F1} s CPU), {report.Evaluations:N0} evaluations, {report.EvaluationsPerSecond:N0} evaluations/s.")
          .AppendLine();
        if (s.RewardNoise == "seed")
            md.AppendLine("Rewards are stochastic: every query draws one recorded training of the architecture (seeded by the run); " +
                          "reported accuracy and the reward oracle use the noise-free figures (the reported column, the mean of the trainings).").AppendLine();
        if (report.Skipped is { Count: > 0 } skipped)
            md.AppendLine(inv, $"Skipped ({skipped.Count}): {string.Join("; ", skipped)}.").AppendLine();
        AppendLeads(md, report);
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
            bool anyToOracle = setting.Strategies.Any(x => x.ToOracle is not null);
            md.Append("| strategy |");
            foreach (var b in budgets) md.Append(inv, $" {b:G6} |");
            if (anyFinish) md.Append(" at finish (evaluations: mean, min-max) |");
            if (anyToOracle) md.Append(" runs ending at the oracle (evaluations to it: mean, max) |");
            md.AppendLine();
            md.Append("|---|");
            foreach (var _ in budgets) md.Append("---|");
            if (anyFinish) md.Append("---|");
            if (anyToOracle) md.Append("---|");
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
                if (anyToOracle) md.Append(' ').Append(strategy.ToOracle is { } t ? ToOracleCell(t) : "").Append(" |");
                md.AppendLine();
            }
            md.AppendLine();
        }
        return md.ToString();

        static string ToOracleCell(OracleTime t) => string.Create(CultureInfo.InvariantCulture,
            $"{t.ReachedRuns}/{t.Runs}{(t.MeanEvaluations is { } mean ? $" ({mean:F0}, {t.MaxEvaluations})" : "")}");

        static string Cell(BudgetStats b, bool bold)
        {
            if (b.Mean is not { } mean) return "-";
            var m = mean.ToString("F2", CultureInfo.InvariantCulture);
            if (bold) m = $"**{m}**";
            return string.Create(CultureInfo.InvariantCulture, $"{m} [{b.P25:F2}-{b.P75:F2}] {b.HitRate:P0}").Replace(" %", "%");
        }
    }

    // The lead of layernas: a summary, then one table per (benchmark, reward, cost): cost bound x budget.
    private static void AppendLeads(StringBuilder md, ComparisonReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var grids = LeadGrid.Of(report);
        if (grids.Count == 0) return;
        bool ties = report.Benchmarks.Any(b => b.Lead?.TiesByInterval == true);
        md.AppendLine("## Lead of layernas").AppendLine();
        md.AppendLine("Each cell: mean reported accuracy of `layernas` minus the best baseline's at that budget" +
                      (ties ? ", ± the 95% confidence half-width of that difference (Welch)" : "") + ". A cell is led when the margin is not negative, " +
                      "or every `layernas` run's answer is the reward oracle (marked `o`)" +
                      (ties ? ", or the rival is ahead by less than the half-width (a tie, marked `~`)" : "") + "; ✗: not led; ✗r: not led, though the answers " +
                      "of `layernas` have the higher mean noise-free reward (the search's own objective) than that rival's.").AppendLine();
        int led = 0, cells = 0, aheadOnReward = 0;
        LeadCell? worst = null;
        string? worstSetting = null;
        foreach (var b in report.Benchmarks)
            foreach (var c in b.Lead?.Cells ?? [])
            {
                if (c.Margin is null && !c.Led) continue;
                cells++;
                if (c.Led) led++;
                if (c.AheadOnReward) aheadOnReward++;
                if (c.Margin is { } m && !c.AllAtOracle && (worst is null || m < worst.Margin)) (worst, worstSetting) = (c, b.Setting);
            }
        md.Append(inv, $"Cells led: **{led} / {cells}**");
        if (led < cells) md.Append(inv, $" ({aheadOnReward} of the {cells - led} not led ahead on reward)");
        if (worst is null) md.AppendLine(".");
        else md.AppendLine(inv, $"; smallest margin where not every run is at the oracle: {LeadCell.Format(worst.Margin!.Value)} ({worst.Rival}) in {worstSetting} at {worst.Budget:G6}{(ties ? $", ± {worst.HalfWidth:F2}" : "")}.");
        md.AppendLine();
        foreach (var grid in grids)
        {
            var (gl, gc) = grid.Count();
            md.AppendLine(inv, $"### {grid.Title}: {gl} / {gc} led (every budget)").AppendLine();
            md.Append("| bound |");
            foreach (var budget in grid.Budgets) md.Append(inv, $" {budget:G6} |");
            if (grid.Rows.Any(r => r.Lead!.FinalP25 is not null)) md.Append(" final p25 vs best baseline p25 |");
            md.AppendLine();
            md.Append("|---|").Append(string.Concat(grid.Budgets.Select(_ => "---|")));
            if (grid.Rows.Any(r => r.Lead!.FinalP25 is not null)) md.Append("---|");
            md.AppendLine();
            foreach (var row in grid.Rows)
            {
                var lead = row.Lead!;
                md.Append(inv, $"| {row.MaxCost} |");
                foreach (var c in lead.Cells) md.Append(' ').Append(Margin(c, lead.TiesByInterval)).Append(" |");
                if (lead.FinalP25 is { } mine)
                    md.Append(inv, $" {mine:F2} vs {lead.RivalP25:F2} ({lead.RivalP25Strategy} @{lead.RivalP25Budget:G6}){(lead.FinalP25Holds ? "" : " ✗")} |");
                md.AppendLine();
            }
            md.AppendLine();
        }

        static string Margin(LeadCell c, bool ties)
        {
            if (c.Margin is not { } m) return c.Led ? "o" : "-";
            var text = LeadCell.Format(m);
            if (ties) text += " ±" + c.HalfWidth.ToString("F2", CultureInfo.InvariantCulture);
            if (m >= -SettingLead.Tolerance) return text;
            return text + (c.AllAtOracle ? " o" : c.TiedByInterval ? " ~" : c.AheadOnReward ? " ✗r" : " ✗");
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
