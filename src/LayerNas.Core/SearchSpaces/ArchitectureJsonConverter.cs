using System.Text.Json;
using System.Text.Json.Serialization;

namespace LayerNas.SearchSpaces;

/// <summary>Writes an <see cref="Architecture"/> as its stable string form (e.g. <c>"2-0-1"</c>) and reads it back.</summary>
public sealed class ArchitectureJsonConverter : JsonConverter<Architecture>
{
    /// <inheritdoc />
    public override Architecture Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Architecture.TryParse(reader.GetString(), out var arch) ? arch : throw new JsonException($"'{reader.GetString()}' is not an architecture.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Architecture value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
