using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LayerNas.Recipes;

/// <summary>Reads a mapping of scalars (numbers, booleans, text) as text values, the way KEY=VALUE flags give them; writes text values.</summary>
internal sealed class ScalarDictionaryConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader);
        if (node is null) return null;
        if (node is not JsonObject o) throw UserInputException.ForSetting("evaluator.settings", "must be a mapping of KEY: VALUE for the trainer.");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in o)
        {
            if (value is not JsonValue v)
                throw UserInputException.ForSetting($"evaluator.settings.{key}", "must be a single value (text, number or true/false).");
            result[key] = v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();
        }
        return result;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, v) in value.OrderBy(p => p.Key, StringComparer.Ordinal)) writer.WriteString(key, v);
        writer.WriteEndObject();
    }
}
