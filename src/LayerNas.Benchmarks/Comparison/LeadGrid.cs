namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// The lead of <c>layernas</c> over a budget sweep of one table: one row per cost bound (in the report's order,
/// <c>none</c> last), one column per budget, each cell a <see cref="LeadCell"/> (null where that setting was not run).
/// Immutable.
/// </summary>
public sealed record LeadGrid(string Benchmark, string Reward, string Cost, IReadOnlyList<string> MaxCosts, IReadOnlyList<double> Budgets,
    IReadOnlyList<SettingResult> Rows)
{
    /// <summary>A file-name-safe key, e.g. <c>lead_nb201-cifar10_valid12_flops</c>.</summary>
    public string Key => $"lead_{Benchmark}_{Reward}_{Cost}";

    /// <summary>A readable title, e.g. <c>nb201-cifar10 / valid12 / flops</c>.</summary>
    public string Title => $"{Benchmark} / {Reward} / {Cost}";

    /// <summary>Cells led and cells with a result, over budgets of at least <paramref name="smallest"/>.</summary>
    public (int Led, int Cells) Count(double smallest = 0)
    {
        int led = 0, cells = 0;
        foreach (var row in Rows)
            foreach (var cell in row.Lead?.Cells ?? [])
            {
                if (cell.Budget < smallest || (cell.Margin is null && !cell.Led)) continue; // no answer yet: not a cell
                cells++;
                if (cell.Led) led++;
            }
        return (led, cells);
    }

    /// <summary>One grid per (benchmark, reward, cost) of <paramref name="report"/> that ran <c>layernas</c>, in report order.</summary>
    public static IReadOnlyList<LeadGrid> Of(ComparisonReport report)
    {
        var grids = new List<LeadGrid>();
        foreach (var group in report.Benchmarks.Where(b => b.Lead is not null).GroupBy(b => (b.Benchmark, b.Reward, b.Cost)))
        {
            var rows = group.OrderBy(b => b.MaxCostValue is null).ThenBy(b => b.MaxCostValue).ToArray();
            var budgets = rows[0].Lead!.Cells.Select(c => c.Budget).ToArray();
            grids.Add(new LeadGrid(group.Key.Benchmark, group.Key.Reward, group.Key.Cost, rows.Select(r => r.MaxCost).ToArray(), budgets, rows));
        }
        return grids;
    }
}
