using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LayerNas.Settings;

namespace LayerNas.Strategies;

/// <summary>
/// Which strategy a study searches with and its settings: a registered name and a settings record of that
/// strategy's type (null: the registration's defaults). JSON form <c>{"name": "evolution", "settings": {"population": 20}}</c>,
/// where settings may be partial (the rest come from the defaults). Immutable.
/// </summary>
[JsonConverter(typeof(StrategyRecipe.Converter))]
public sealed record StrategyRecipe(string Name = "layernas", IStrategyOptions? Settings = null)
{
    /// <summary>A strategy by name with its default settings (so a list of names is a list of recipes).</summary>
    public static implicit operator StrategyRecipe(string name) => new(name);

    /// <summary>The registry entry of <see cref="Name"/>; throws a <see cref="UserInputException"/> for an unknown name.</summary>
    public StrategyRegistration Registration => StrategyRegistry.Get(Name);

    /// <summary><see cref="Settings"/>, or the registration's defaults.</summary>
    public IStrategyOptions ResolvedSettings => Settings ?? Registration.Defaults;

    /// <summary>A new strategy for <paramref name="context"/>.</summary>
    public ISearchStrategy Create(StrategyContext context) => Registration.Create(context, Settings);

    /// <summary>This recipe with the settings of <paramref name="overrides"/> (JSON names) on top of its own.</summary>
    public StrategyRecipe With(JsonObject? overrides) =>
        overrides is null || overrides.Count == 0 ? this : this with { Settings = Registration.Read(overrides, Settings) };

    /// <summary>Equal when they name the same registered strategy with the same settings in effect.</summary>
    public bool Equals(StrategyRecipe? other) =>
        other is not null && Registration.Name == other.Registration.Name && SettingsJson.ToJson(ResolvedSettings) == SettingsJson.ToJson(other.ResolvedSettings);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name.ToLowerInvariant(), SettingsJson.ToJson(ResolvedSettings));

    /// <summary>Reads and writes <see cref="StrategyRecipe"/> in its JSON form; the settings type comes from the registry.</summary>
    public sealed class Converter : JsonConverter<StrategyRecipe>
    {
        /// <inheritdoc />
        public override StrategyRecipe Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var node = JsonNode.Parse(ref reader);
            if (node is JsonValue value && value.TryGetValue<string>(out var bare)) return new StrategyRecipe(StrategyRegistry.Get(bare).Name);
            if (node is not JsonObject o)
                throw UserInputException.ForSetting("strategy", "must be a strategy name or a mapping with name and settings.");
            foreach (var (key, _) in o)
                if (key is not ("name" or "settings"))
                    throw UserInputException.ForSetting($"strategy.{key}", "is not a part of a strategy: use name and settings.");
            var name = o["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : "layernas";
            var registration = StrategyRegistry.Get(name);
            var settings = o["settings"];
            if (settings is not null and not JsonObject)
                throw UserInputException.ForSetting("strategy.settings", "must be a mapping of settings (e.g. buckets: 8).");
            return new StrategyRecipe(registration.Name, settings is JsonObject so && so.Count > 0 ? registration.Read(so) : null);
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, StrategyRecipe value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("name", value.Registration.Name);
            writer.WritePropertyName("settings");
            JsonSerializer.Serialize(writer, value.ResolvedSettings, value.ResolvedSettings.GetType(), SettingsJson.Options);
            writer.WriteEndObject();
        }
    }
}
