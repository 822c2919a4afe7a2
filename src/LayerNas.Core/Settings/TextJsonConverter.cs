using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LayerNas.Settings;

/// <summary>
/// Reads a text setting that a file wrote as a plain number (YAML <c>max_cost: 20</c>) as that number's text, so
/// <c>20</c> and <c>"20"</c> mean the same; writes text as JSON strings.
/// </summary>
internal sealed class TextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.HasValueSequence ? Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence)) : Encoding.UTF8.GetString(reader.ValueSpan),
        _ => throw new JsonException("Expected a text value."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
