using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LayerNas.Settings;
using LayerNas.Training;

namespace LayerNas.Recipes;

/// <summary>Reads a training recipe given as settings over <see cref="TrainingOptions.Proxy"/> (a file names only what it changes); writes it whole.</summary>
internal sealed class ProxyTrainingConverter : JsonConverter<TrainingOptions>
{
    public override TrainingOptions? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader);
        if (node is null) return null;
        if (node is not JsonObject o) throw UserInputException.ForSetting("evaluator.training", "must be a mapping of training settings (e.g. epochs: 2).");
        return SettingsJson.Merge(TrainingOptions.Proxy, o, "evaluator.training");
    }

    public override void Write(Utf8JsonWriter writer, TrainingOptions value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, SettingsJson.Options);
}
