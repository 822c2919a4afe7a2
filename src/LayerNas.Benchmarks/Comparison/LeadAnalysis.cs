namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// The lead rule of the comparison (docs/benchmarks.md): a (setting, budget) cell is led by a strategy when its mean
/// reported accuracy is the highest, or every one of its runs answers with a reward oracle; with stochastic rewards a
/// rival ahead by less than the 95% confidence half-width of the difference of means is a tie. Thread-safe.
/// </summary>
public static class LeadAnalysis
{
    /// <summary>
    /// The lead of <paramref name="strategy"/> over the rivals of <paramref name="setting"/> (the strategies
    /// <paramref name="isRival"/> accepts; null: every other strategy); null when it did not run there.
    /// </summary>
    public static SettingLead? Of(SettingResult setting, string strategy, bool tiesByInterval, Func<string, bool>? isRival = null)
    {
        var me = setting.Strategies.FirstOrDefault(s => s.Name == strategy);
        var rivals = setting.Strategies.Where(s => s.Name != strategy && (isRival?.Invoke(s.Name) ?? true)).ToArray();
        if (me is null) return null;
        var cells = new List<LeadCell>();
        for (int i = 0; i < me.Budgets.Count; i++)
        {
            var mine = me.Budgets[i];
            var best = rivals.Select(r => (r.Name, Stats: r.Budgets[i])).Where(r => r.Stats.Mean is not null)
                .OrderByDescending(r => r.Stats.Mean).FirstOrDefault();
            bool allAtOracle = mine.HitRate >= 1 && mine.Mean is not null;
            if (mine.Mean is not { } m || best.Stats is null)
            {
                cells.Add(new LeadCell(mine.Budget, null, best.Name, 0, allAtOracle, false, allAtOracle || (mine.Mean is not null)));
                continue;
            }
            var diff = MeanDifference.Of(m, mine.Sd ?? 0, mine.Runs, best.Stats.Mean!.Value, best.Stats.Sd ?? 0, best.Stats.Runs);
            bool ahead = diff.Difference >= -SettingLead.Tolerance;
            bool tied = !ahead && tiesByInterval && -diff.Difference < diff.HalfWidth;
            double? reward = mine.Reward - best.Stats.Reward;
            cells.Add(new LeadCell(mine.Budget, diff.Difference, best.Name, diff.HalfWidth, allAtOracle, tied, ahead || allAtOracle || tied, reward));
        }
        double? finalP25 = null, rivalP25 = null, rivalBudget = null;
        string? rivalName = null;
        if (me.Finish is { } finish)
        {
            finalP25 = finish.Final.P25;
            int at = me.Budgets.ToList().FindIndex(b => b.Budget >= finish.MaxEvaluations);
            if (at >= 0)
            {
                rivalBudget = me.Budgets[at].Budget;
                var top = rivals.Select(r => (r.Name, P25: r.Budgets[at].P25)).Where(r => r.P25 is not null).OrderByDescending(r => r.P25).FirstOrDefault();
                if (top.Name is not null) (rivalName, rivalP25) = (top.Name, top.P25);
            }
        }
        return new SettingLead(strategy, tiesByInterval, cells, finalP25, rivalP25, rivalName, rivalBudget);
    }
}
