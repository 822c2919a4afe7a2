using System.Diagnostics;
using LayerNas.Benchmarks.Tables;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;

namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// The many-seed comparison: every strategy searches every setting many times against the table, through a
/// synchronous loop (propose one, look it up, tell) rather than the study runner, because a full comparison
/// makes millions of lookups. At each budget it records the reported accuracy of the architecture with the best
/// reward so far (the first one evaluated among equals: a later model replaces it only with a strictly better
/// reward, as NATS-Bench's reference searches do), and whether that architecture is a reward
/// oracle: it has the best reward of all feasible architectures (the oracle's <c>reward_arch</c>, or one tied with it). Strategies that finish on their own
/// (LayerNAS) run on past the largest budget until they finish, so their evaluation count is known. Runs go in
/// parallel; each run depends only on its seed, so results do not depend on thread scheduling.
/// The harness also checks every proposal: an infeasible or repeated architecture is a strategy bug and throws.
/// Thread-safe (no shared mutable state between calls).
/// </summary>
public static class ComparisonHarness
{
    /// <summary>Loads the settings of <paramref name="options"/>: benchmarks x rewards x costs x cost bounds.</summary>
    public static IReadOnlyList<ComparisonSetting> Settings(ComparisonOptions options) => Sweep(options).Settings;

    /// <summary>
    /// The settings of <paramref name="options"/> and the (label of the) ones skipped because no architecture meets
    /// their bound; throws the first such error when every setting would be skipped.
    /// </summary>
    public static (IReadOnlyList<ComparisonSetting> Settings, IReadOnlyList<string> Skipped) Sweep(ComparisonOptions options)
    {
        var names = options.Benchmarks
            .SelectMany(n => n.Equals("all", StringComparison.OrdinalIgnoreCase) ? BenchmarkCatalog.ComparisonSet : [n])
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var entries = names.Select(n => BenchmarkCatalog.Entries.FirstOrDefault(e => e.Name.Equals(n, StringComparison.OrdinalIgnoreCase))
            ?? throw new UserInputException(
                $"Unknown benchmark '{n}': use one of {string.Join(", ", BenchmarkCatalog.Entries.Select(e => e.Name))}, or all.")).ToArray();
        if (options.Rewards is { } wanted)
            foreach (var r in wanted)
                if (!entries.Any(e => e.Rewards.Contains(r, StringComparer.OrdinalIgnoreCase)))
                    throw new UserInputException(
                        $"--reward '{r}' is not a reward of {string.Join(", ", entries.Select(e => e.Name))}: use one of {string.Join(", ", entries.SelectMany(e => e.Rewards).Distinct())}.");
        var settings = new List<ComparisonSetting>();
        var skipped = new List<string>();
        UserInputException? firstSkip = null;
        foreach (var cost in options.Costs.Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var maxCost in CostBoundGrid.Expand(options.MaxCosts))
            {
                foreach (var entry in entries)
                {
                    var rewards = (options.Rewards ?? [entry.Rewards[0]])
                        .Select(r => entry.Rewards.FirstOrDefault(x => x.Equals(r, StringComparison.OrdinalIgnoreCase)) ?? entry.Rewards[0])
                        .Distinct(StringComparer.OrdinalIgnoreCase);
                    foreach (var reward in rewards)
                    {
                        var benchmark = BenchmarkCatalog.Load(entry.Name, reward);
                        if (options.RewardNoise == RewardNoise.Seed) benchmark = benchmark.WithRewardNoise();
                        Add(benchmark, cost, maxCost, settings, skipped, ref firstSkip);
                    }
                }
            }
        }
        if (settings.Count == 0 && firstSkip is not null) throw firstSkip;
        return (settings, skipped);
    }

    /// <summary>
    /// The settings of one loaded <paramref name="benchmark"/> (e.g. a table of your own, already queried with the reward
    /// noise it should have): each of <paramref name="options"/>' costs and cost bounds, and the (label of the) ones skipped
    /// because no architecture meets their bound; throws the first such error when every setting would be skipped. The
    /// options' benchmarks, rewards and reward noise are not used.
    /// </summary>
    public static (IReadOnlyList<ComparisonSetting> Settings, IReadOnlyList<string> Skipped) Sweep(TabularBenchmark benchmark, ComparisonOptions options)
    {
        var settings = new List<ComparisonSetting>();
        var skipped = new List<string>();
        UserInputException? firstSkip = null;
        foreach (var cost in options.Costs.Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
            foreach (var maxCost in CostBoundGrid.Expand(options.MaxCosts))
                Add(benchmark, cost, maxCost, settings, skipped, ref firstSkip);
        if (settings.Count == 0 && firstSkip is not null) throw firstSkip;
        return (settings, skipped);
    }

    private static void Add(TabularBenchmark benchmark, string cost, string maxCost, List<ComparisonSetting> settings, List<string> skipped,
        ref UserInputException? firstSkip)
    {
        if (Setting(benchmark, cost, maxCost, out var why) is { } setting) settings.Add(setting);
        else
        {
            skipped.Add($"{benchmark.Name} / {benchmark.RewardName} / {cost} <= {maxCost}: {why!.Message.TrimEnd('.')}");
            firstSkip ??= why;
        }
    }

    private static ComparisonSetting? Setting(TabularBenchmark benchmark, string cost, string maxCost, out UserInputException? why)
    {
        benchmark.CostModel(cost); // an unknown cost is an error, never a skip
        try
        {
            why = null;
            return Setting(benchmark, cost, maxCost);
        }
        catch (UserInputException e) when (e.Message.Contains("below the cheapest", StringComparison.Ordinal))
        {
            why = e;
            return null;
        }
    }

    /// <summary>A setting of <paramref name="benchmark"/> with an upper bound on <paramref name="cost"/> (<c>0.5x</c>, <c>120</c> or <c>none</c>).</summary>
    public static ComparisonSetting Setting(TabularBenchmark benchmark, string cost, string maxCost)
    {
        var model = benchmark.CostModel(cost);
        var text = maxCost.Trim();
        var constraint = text.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? CostConstraint.None(model.Name)
            : CostConstraint.Parse(model, null, text, model.Completions(PartialArchitecture.Empty(benchmark.Space.LayerCount)));
        return new ComparisonSetting(benchmark, constraint, text.ToLowerInvariant());
    }

    /// <summary>Runs the comparison of <paramref name="options"/> on the built-in benchmarks.</summary>
    public static ComparisonReport Run(ComparisonOptions options, IProgress<string>? progress = null, TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        var (settings, skipped) = Sweep(options);
        return Run(settings, options, progress, time, cancellationToken) with { Skipped = skipped };
    }

    /// <summary>Runs the comparison on given settings (e.g. a table of your own); benchmark and cost-bound options are ignored.</summary>
    public static ComparisonReport Run(IReadOnlyList<ComparisonSetting> settings, ComparisonOptions options, IProgress<string>? progress = null,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        time ??= TimeProvider.System;
        var recipes = options.Strategies.ToArray();
        var strategies = recipes.Select(r => r.Registration.Name).ToArray();
        var budgets = options.BudgetValues.ToArray();
        if (options.IsTimeBudget)
            foreach (var s in settings)
                if (s.Benchmark.TrainSeconds is null)
                    throw new UserInputException($"--time-budget needs simulated training times, and {s.Benchmark.Name} has none: use --budgets (evaluations) for it.");

        long start = time.GetTimestamp();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var prepared = settings.Select(s => new Prepared(s)).ToArray(); // oracle and feasible sets, before the parallel part
        // Each strategy once per setting, before the parallel part: a setting a space refuses is one clear error, not a failed run.
        foreach (var p in prepared)
            foreach (var recipe in recipes)
                recipe.Create(new StrategyContext(p.Setting.Benchmark.Space, p.Model, p.Setting.Constraint, options.Seed));
        int runs = options.Runs, perSetting = strategies.Length * runs;
        var outcomes = new RunOutcome[settings.Count * perSetting];
        var cpuTicks = new long[settings.Count * strategies.Length];
        var doneRuns = new int[settings.Count * strategies.Length];
        int groupsDone = 0, groups = settings.Count * strategies.Length;
        int threads = options.MaxParallelism ?? Environment.ProcessorCount;

        // Jobs are ordered setting, strategy, run so that groups complete (and report progress) roughly in order.
        Parallel.For(0, outcomes.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, job =>
        {
            int si = job / perSetting, rest = job % perSetting, ki = rest / runs, run = rest % runs;
            long t0 = Stopwatch.GetTimestamp();
            outcomes[job] = RunOne(prepared[si], recipes[ki], options.Seed + run, budgets, options.IsTimeBudget, cancellationToken);
            int group = si * strategies.Length + ki;
            Interlocked.Add(ref cpuTicks[group], Stopwatch.GetTimestamp() - t0);
            if (Interlocked.Increment(ref doneRuns[group]) == runs)
            {
                int n = Interlocked.Increment(ref groupsDone);
                progress?.Report($"[{n}/{groups}] {settings[si].Label}: {strategies[ki]} x {runs} runs done");
            }
        });

        var results = new List<SettingResult>();
        long total = 0;
        for (int si = 0; si < settings.Count; si++)
        {
            var p = prepared[si];
            var perStrategy = new List<StrategyResult>();
            for (int ki = 0; ki < strategies.Length; ki++)
            {
                var group = new ArraySegment<RunOutcome>(outcomes, si * perSetting + ki * runs, runs);
                var stats = new List<BudgetStats>();
                for (int b = 0; b < budgets.Length; b++)
                    stats.Add(BudgetStats.Of(budgets[b], group.Select(o => o.Test[b]).ToArray(), group.Select(o => o.Hit[b]).ToArray(),
                        group.Select(o => o.Reward[b]).ToArray()));
                FinishStats? finish = null;
                if (StrategyRegistry.Get(strategies[ki]).FinishesOnItsOwn)
                {
                    var finished = group.Where(o => o.Finished).ToArray();
                    var evals = finished.Length > 0 ? finished.Select(o => o.Evaluations).ToArray() : [0];
                    finish = new FinishStats(evals.Average(), evals.Min(), evals.Max(), finished.Length,
                        BudgetStats.Of(evals.Average(), group.Select(o => o.FinalTest).ToArray(), group.Select(o => o.FinalHit).ToArray(),
                            group.Select(o => o.FinalReward).ToArray()));
                }
                long evaluations = group.Sum(o => (long)o.Evaluations);
                total += evaluations;
                perStrategy.Add(new StrategyResult(strategies[ki], stats, finish, evaluations,
                    cpuTicks[si * strategies.Length + ki] / (double)Stopwatch.Frequency, OracleTime.Of(group.Select(o => o.ToOracle).ToArray())));
            }
            var s = p.Setting;
            var result = new SettingResult(s.Label, s.Key, s.Benchmark.Name, s.Benchmark.RewardName, s.Constraint.CostName, p.Model.Unit,
                s.Constraint.IsUnconstrained ? "none" : s.MaxCost, s.Constraint.IsUnconstrained ? null : s.Constraint.Max, p.Feasible.Count,
                new OracleSummary(p.Oracle.BestReported, p.Oracle.RewardReported, p.Oracle.BestArchitecture.ToString(),
                    p.Oracle.RewardArchitecture.ToString(), p.Oracle.BestReward),
                perStrategy);
            // LayerNAS modes are not each other's rivals: the lead is over the baselines.
            results.Add(result with
            {
                Lead = LeadAnalysis.Of(result, "layernas", s.Benchmark.DrawsTrainings, n => !StrategyRegistry.Get(n).FinishesOnItsOwn),
            });
        }
        double wall = time.GetElapsedTime(start).TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        var info = new ComparisonRunInfo(strategies, runs, options.Seed, options.IsTimeBudget ? "seconds" : "evaluations", budgets,
            settings.Select(s => s.Constraint.CostName).Distinct().ToArray(), settings.Select(s => s.MaxCost).Distinct().ToArray(), threads,
            settings.Any(s => s.Benchmark.DrawsTrainings) ? "seed" : "none");
        return new ComparisonReport(ComparisonReport.CurrentSchema, time.GetUtcNow(), info, wall, cpu, total, wall > 0 ? total / wall : 0, results);
    }

    private static RunOutcome RunOne(Prepared p, StrategyRecipe recipe, int seed, double[] budgets, bool timeBudget, CancellationToken cancellationToken)
    {
        var benchmark = p.Setting.Benchmark;
        var strategy = recipe.Create(new StrategyContext(benchmark.Space, p.Model, p.Setting.Constraint, seed));
        string name = recipe.Registration.Name;
        bool toFinish = recipe.Registration.FinishesOnItsOwn;
        var indexer = benchmark.Table.Indexer;
        var rewards = benchmark.Rewards; // noise-free rewards: whether an answer is a reward oracle
        var reported = benchmark.Reported;
        var seconds = benchmark.TrainSeconds;
        var seen = new bool[indexer.Count];
        var test = new double[budgets.Length];
        var hit = new bool[budgets.Length];
        var answerReward = new double[budgets.Length];
        int b = 0;
        long bestIndex = -1;
        double bestReward = double.NegativeInfinity, spent = 0;
        int told = 0;
        int? toOracle = null; // evaluations after which the answer has been a reward oracle

        int evaluations = SearchLoop.Run(strategy, arch => benchmark.QueryReward(indexer.IndexOf(arch), seed), new SearchLoopOptions
        {
            // Record the answer at each evaluation budget reached; stop once past the largest, unless the strategy runs to its end.
            Stop = evaluated =>
            {
                if (!timeBudget)
                    while (b < budgets.Length && evaluated >= budgets[b]) Record();
                return b >= budgets.Length && !toFinish;
            },
            // Every proposal is checked: an infeasible or repeated architecture is a strategy bug.
            BeforeEvaluate = arch =>
            {
                if (!benchmark.Space.Contains(arch)) throw new InvalidOperationException($"Strategy {name} proposed {arch}, which is not in the space.");
                long index = indexer.IndexOf(arch);
                if (!p.Feasible.Contains(index)) throw new InvalidOperationException($"Strategy {name} proposed infeasible {arch}.");
                if (seen[index]) throw new InvalidOperationException($"Strategy {name} proposed {arch} twice.");
                seen[index] = true;
                if (!timeBudget) return true;
                double s = seconds![index];
                spent += double.IsNaN(s) ? 0 : s;
                while (b < budgets.Length && spent > budgets[b]) Record();
                return b < budgets.Length || toFinish;
            },
            // The answer is the best reward so far, the first evaluated among equals.
            AfterTell = (arch, reward) =>
            {
                told++;
                if (!double.IsNaN(reward) && reward > bestReward)
                {
                    bestReward = reward;
                    bestIndex = indexer.IndexOf(arch);
                    toOracle = AtOracle() ? toOracle ?? told : null;
                }
            },
        }, cancellationToken);
        while (b < budgets.Length) Record();
        return new RunOutcome(test, hit, answerReward, evaluations, strategy.IsFinished,
            bestIndex < 0 ? double.NaN : reported[bestIndex], AtOracle(),
            bestIndex < 0 ? double.NaN : rewards[bestIndex], toOracle);

        // Whether the answer so far has the best feasible reward (noise-free; ties count).
        bool AtOracle() => bestIndex >= 0 && rewards[bestIndex] == p.Oracle.BestReward;

        void Record()
        {
            test[b] = bestIndex < 0 ? double.NaN : reported[bestIndex];
            hit[b] = AtOracle();
            answerReward[b] = bestIndex < 0 ? double.NaN : rewards[bestIndex];
            b++;
        }
    }

    private sealed class Prepared
    {
        public Prepared(ComparisonSetting setting)
        {
            Setting = setting;
            Model = setting.Benchmark.CostModel(setting.Constraint.CostName);
            Oracle = setting.Benchmark.Oracle(setting.Constraint);
            Feasible = FeasibleSet.TryGet(new StrategyContext(setting.Benchmark.Space, Model, setting.Constraint, 0))
                ?? throw new UserInputException($"{setting.Benchmark.Name} has more than {FeasibleSet.EnumerationLimit} architectures: the comparison needs an enumerable table.");
        }

        public ComparisonSetting Setting { get; }
        public ICostModel Model { get; }
        public Oracle Oracle { get; }
        public FeasibleSet Feasible { get; }
    }

    // Per budget: the answer's reported accuracy, whether it is a reward oracle, and its noise-free reward.
    private sealed record RunOutcome(double[] Test, bool[] Hit, double[] Reward, int Evaluations, bool Finished, double FinalTest, bool FinalHit, double FinalReward,
        int? ToOracle);
}
