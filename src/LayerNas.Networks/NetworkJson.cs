using System.Text.Json;
using System.Text.Json.Serialization;
using LayerNas.Networks.Specs;

namespace LayerNas.Networks;

/// <summary>
/// The JSON form of <see cref="NetworkSpec"/>: snake_case property names, enums as snake_case strings
/// (<c>relu6</c>, <c>hswish</c>, <c>global_average</c>), blocks tagged by <c>"type"</c>. Thread-safe.
/// </summary>
public static class NetworkJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        WriteIndented = true,
        AllowOutOfOrderMetadataProperties = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Serialize(NetworkSpec spec) => JsonSerializer.Serialize(spec, Options);

    /// <summary>Parses and validates; errors are one <see cref="UserInputException"/> naming <paramref name="source"/> and the JSON path.</summary>
    public static NetworkSpec Deserialize(string json, string source = "network spec")
    {
        NetworkSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<NetworkSpec>(json, Options);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "" : $"{ex.Path.TrimStart('$', '.')}: ";
            throw new UserInputException($"{source}: {path}{FirstSentence(ex.Message)} Fix the JSON (see docs/space-format.md).", ex);
        }
        if (spec is null) throw new UserInputException($"{source}: the file is empty (null): give a network spec object.");
        return spec.Validate(source);
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
