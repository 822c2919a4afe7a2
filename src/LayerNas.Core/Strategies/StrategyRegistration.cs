using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LayerNas.Settings;

namespace LayerNas.Strategies;

/// <summary>
/// One entry of the <see cref="StrategyRegistry"/>: a strategy's name, its settings type with the preset used
/// when a recipe gives none, how to build it, and what it can do (read from the interfaces it implements:
/// <see cref="IFinishingStrategy"/>, <see cref="IPlannedStrategy"/>, <see cref="IFrontStrategy"/>, <see cref="IPhasedStrategy"/>).
/// Immutable and thread-safe.
/// </summary>
public sealed partial class StrategyRegistration
{
    private readonly Func<StrategyContext, IStrategyOptions, ISearchStrategy> _create;

    private StrategyRegistration(string name, string description, Type strategyType, IStrategyOptions defaults,
        Func<StrategyContext, IStrategyOptions, ISearchStrategy> create)
    {
        Name = name;
        Description = description;
        StrategyType = strategyType;
        Defaults = defaults;
        _create = create;
    }

    /// <summary>Registers strategy <typeparamref name="TStrategy"/> with settings <typeparamref name="TOptions"/> under <paramref name="name"/>.</summary>
    public static StrategyRegistration For<TStrategy, TOptions>(string name, string description, TOptions defaults, Func<StrategyContext, TOptions, TStrategy> create)
        where TStrategy : ISearchStrategy where TOptions : class, IStrategyOptions =>
        new(name, description, typeof(TStrategy), defaults, (context, options) => create(context, (TOptions)options));

    /// <summary>The name recipes, flags and reports use, e.g. <c>layernas-paper</c>.</summary>
    public string Name { get; }

    /// <summary>One line for help texts.</summary>
    public string Description { get; }

    /// <summary>The strategy's class; its interfaces are its capabilities.</summary>
    public Type StrategyType { get; }

    /// <summary>The settings used when a recipe gives none, and under the settings it gives.</summary>
    public IStrategyOptions Defaults { get; }

    /// <summary>The settings record's type.</summary>
    public Type OptionsType => Defaults.GetType();

    /// <summary>True when the strategy ends on its own (<see cref="IFinishingStrategy"/>); the others search until a budget stops them.</summary>
    public bool FinishesOnItsOwn => typeof(IFinishingStrategy).IsAssignableFrom(StrategyType);

    /// <summary>The JSON names of the strategy's settings.</summary>
    public IReadOnlyList<string> SettingNames => SettingsJson.Names(OptionsType);

    /// <summary>A new strategy for <paramref name="context"/> with <paramref name="options"/> (null: <see cref="Defaults"/>), validated.</summary>
    public ISearchStrategy Create(StrategyContext context, IStrategyOptions? options = null)
    {
        options = Check(options);
        try
        {
            options.Validate(context.Space);
        }
        catch (UserInputException ex)
        {
            throw ex.Within("strategy.settings");
        }
        return _create(context, options);
    }

    /// <summary>The defaults with <paramref name="overrides"/> on top; errors name the setting under <c>strategy.settings</c>.</summary>
    public IStrategyOptions Read(JsonObject? overrides, IStrategyOptions? basis = null) =>
        (IStrategyOptions)SettingsJson.Merge(Check(basis), OptionsType, overrides, "strategy.settings");

    /// <summary>
    /// The canonical form of settings a study stored (its <c>StrategySettings</c>): this version's JSON, also for the
    /// PascalCase form with numeric enums that LayerNas 0.1 stored. Null when the text is not settings of this strategy.
    /// </summary>
    public string? Canonical(string stored)
    {
        try
        {
            if (JsonNode.Parse(stored) is not JsonObject node) return null;
            var snake = new JsonObject();
            foreach (var (key, value) in node) snake[SnakeCase(key)] = value?.DeepClone();
            // 0.1 stored LayerNAS settings for every strategy: anything that is not a setting of this one is ignored.
            var own = SettingNames;
            foreach (var key in snake.Select(p => p.Key).Where(k => !own.Contains(k)).ToArray()) snake.Remove(key);
            return SettingsJson.ToJson(Read(snake));
        }
        catch (Exception ex) when (ex is JsonException or UserInputException)
        {
            return null;
        }
    }

    private IStrategyOptions Check(IStrategyOptions? options)
    {
        options ??= Defaults;
        if (options.GetType() != OptionsType)
            throw UserInputException.ForSetting("strategy.settings",
                $"are {options.GetType().Name}, but strategy '{Name}' takes {OptionsType.Name}: give {OptionsType.Name} or no settings.");
        return options;
    }

    private static string SnakeCase(string key) => key.Contains('_') ? key : PascalWord().Replace(key, "_$1").TrimStart('_').ToLowerInvariant();

    [GeneratedRegex("([A-Z])")]
    private static partial Regex PascalWord();
}
