using System.CommandLine;

namespace LayerNas.Cli.Options;

/// <summary>
/// Which command-line flag sets which recipe or run setting, so that an error the library reports about a setting
/// (<see cref="UserInputException.Setting"/>, e.g. <c>strategy.settings.buckets</c>) is told in the words the user
/// wrote: the flag when a flag set it (<c>--buckets 0: ...</c>), the recipe file when it came from <c>--config</c>.
/// </summary>
public static class SettingFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["problem.benchmark"] = "--benchmark", ["problem.space"] = "--space", ["problem.table"] = "--table",
        ["problem.arch_column"] = "--arch-column", ["problem.reward"] = "--reward", ["problem.reported"] = "--reported", ["problem.reward_noise"] = "--reward-noise",
        ["problem.nats_dir"] = "--nats-dir", ["problem.latency_table"] = "--latency-table",
        ["cost"] = "--cost", ["max_cost"] = "--max-cost", ["min_cost"] = "--min-cost",
        ["strategy.name"] = "--strategy", ["seed"] = "--seed", ["budget"] = "--budget", ["window"] = "--window",
        ["strategy.settings.buckets"] = "--buckets", ["strategy.settings.keep_per_bucket"] = "--keep", ["strategy.settings.edges"] = "--bucket-edges",
        ["strategy.settings.bucket_by"] = "--bucket-by", ["strategy.settings.completion"] = "--completion",
        ["strategy.settings.share_evaluations"] = "--share-evaluations", ["strategy.settings.prelude_passes"] = "--prelude-passes",
        ["strategy.settings.greedy_prelude"] = "--prelude-passes", ["strategy.settings.prelude_start"] = "--prelude-start",
        ["strategy.settings.layer_order"] = "--layer-order", ["strategy.settings.tied_starts"] = "--tied-starts",
        ["strategy.settings.guided_proposals"] = "--guided", ["strategy.settings.guided_per_step"] = "--guided-per-step",
        ["strategy.settings.prelude_repairs"] = "--prelude-repairs", ["strategy.settings.optimism"] = "--optimism", ["strategy.settings.completion_ties"] = "--completion-ties",
        ["strategy.settings.fill_to_unconstrained"] = "--fill",
        ["evaluator.kind"] = "--evaluator", ["evaluator.command"] = "--command", ["evaluator.timeout"] = "--timeout", ["evaluator.dataset"] = "--dataset",
        ["parallel"] = "--parallel", ["max_attempts"] = "--max-attempts", ["lease"] = "--lease", ["retry_delay"] = "--retry-delay",
        ["runs"] = "--runs", ["strategies"] = "--strategies", ["benchmarks"] = "--benchmark", ["max_costs"] = "--max-cost", ["costs"] = "--cost",
        ["budgets"] = "--budgets", ["time_budgets"] = "--time-budget", ["threads"] = "--threads",
        ["storage"] = "--storage", ["study"] = "--study", ["out"] = "--out", ["log_dir"] = "--log-dir", ["gpus"] = "--gpus", ["wait"] = "--wait",
    };

    private static readonly Dictionary<string, string> TrainingFlags = new(StringComparer.Ordinal)
    {
        ["epochs"] = "--epochs", ["batch_size"] = "--batch-size", ["learning_rate"] = "--lr", ["schedule"] = "--schedule",
        ["train_subset"] = "--train-subset", ["validation_subset"] = "--val-subset", ["validation_count"] = "--validation",
        ["augment"] = "--augment", ["recalibrate_batch_norm"] = "--bn-recalibrate", ["threads"] = "--threads", ["seed"] = "--seed",
    };

    /// <summary>
    /// The message of <paramref name="error"/> for the command line <paramref name="parse"/>: the setting replaced by
    /// the flag that set it, or prefixed by the recipe file (<paramref name="config"/>) it came from; else unchanged.
    /// </summary>
    public static string Describe(UserInputException error, ParseResult parse, string? config = null)
    {
        if (error.Setting is not { } setting) return error.Message;
        foreach (var flag in Candidates(setting))
        {
            var option = parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == flag.Name);
            if (option is null || parse.GetResult(option) is not { Implicit: false } result) continue;
            if (flag.Key is null) return $"{flag.Name} {error.Problem}";
            var token = result.Tokens.Select(t => t.Value).LastOrDefault(v => v.StartsWith(flag.Key + "=", StringComparison.Ordinal));
            if (token is null) continue;
            // "population 0: use at least 1." reads "--strategy-setting population=0: use at least 1."
            var value = token[(flag.Key.Length + 1)..];
            var problem = error.Problem!.StartsWith(value + ":", StringComparison.Ordinal) ? error.Problem[(value.Length + 1)..].TrimStart() : error.Problem;
            return $"{flag.Name} {token}: {problem}";
        }
        if (config is not null)
            return error.Message.StartsWith(config, StringComparison.Ordinal) ? error.Message : $"{config}: {error.Message}";
        // Not set at all (a default, or missing): say it with the flag that would set it, where the command has one.
        foreach (var flag in Candidates(setting))
            if (flag.Key is null && parse.CommandResult.Command.Options.Any(o => o.Name == flag.Name))
                return $"{flag.Name} {error.Problem}";
        return error.Message;
    }

    private static IEnumerable<(string Name, string? Key)> Candidates(string setting)
    {
        if (Flags.TryGetValue(setting, out var flag)) yield return (flag, null);
        foreach (var prefix in new[] { "evaluator.training.", "training." })
            if (setting.StartsWith(prefix, StringComparison.Ordinal) && TrainingFlags.TryGetValue(setting[prefix.Length..], out var t))
                yield return (t, null);
        if (setting.StartsWith("strategy.settings.", StringComparison.Ordinal))
            yield return ("--strategy-setting", setting["strategy.settings.".Length..]);
        if (setting.StartsWith("evaluator.settings.", StringComparison.Ordinal))
            yield return ("--setting", setting["evaluator.settings.".Length..]);
    }
}
