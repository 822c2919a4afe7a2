using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LayerNas.SearchSpaces;

namespace LayerNas.Settings;

/// <summary>
/// The JSON form of settings records (strategy settings, training recipes, study recipes): snake_case property
/// names, enums as snake_case strings, architectures as their string form. Reads partial settings over a preset,
/// so a file or flag names only what it changes, and refuses unknown or mistyped settings with one located
/// message. Thread-safe.
/// </summary>
public static class SettingsJson
{
    /// <summary>The serializer options of every settings record (also what a study stores).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new ArchitectureJsonConverter());
        options.Converters.Add(new TextJsonConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The settings of <paramref name="value"/> as a JSON object (every property, nulls included).</summary>
    public static JsonObject ToNode<T>(T value) where T : notnull =>
        JsonSerializer.SerializeToNode(value, value.GetType(), Options)!.AsObject();

    /// <summary>The canonical JSON text of <paramref name="value"/> (what identifies a study's settings).</summary>
    public static string ToJson(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>The JSON names of the settings of <paramref name="type"/>, in declaration order.</summary>
    public static IReadOnlyList<string> Names(Type type) => Options.GetTypeInfo(type).Properties.Select(p => p.Name).ToArray();

    /// <summary>
    /// <paramref name="preset"/> with the settings of <paramref name="overrides"/> on top (null: the preset). Errors
    /// name the setting under <paramref name="path"/> (e.g. <c>strategy.settings.bukets: not a setting of ...</c>).
    /// </summary>
    public static T Merge<T>(T preset, JsonObject? overrides, string path) where T : notnull =>
        (T)Merge(preset, preset.GetType(), overrides, path);

    /// <inheritdoc cref="Merge{T}"/>
    public static object Merge(object preset, Type type, JsonObject? overrides, string path)
    {
        if (overrides is null || overrides.Count == 0) return preset;
        var names = Names(type);
        var merged = JsonSerializer.SerializeToNode(preset, type, Options)!.AsObject();
        foreach (var (key, value) in overrides)
        {
            if (!names.Contains(key, StringComparer.Ordinal))
                throw UserInputException.ForSetting(Join(path, key), $"is not a setting here: use one of {string.Join(", ", names)}.");
            merged[key] = value?.DeepClone();
        }
        return Read(merged, type, path);
    }

    /// <summary>Reads a complete settings object of <paramref name="type"/>; errors name the setting under <paramref name="path"/>.</summary>
    public static object Read(JsonNode node, Type type, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(node, type, Options) ?? throw UserInputException.ForSetting(path, "is empty: give a mapping of settings.");
        }
        catch (JsonException ex)
        {
            var at = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? Join(path, p[2..]) : path;
            var value = Find(node, ex.Path);
            throw UserInputException.ForSetting(at, $"has a value of the wrong kind{(value is null ? "" : $" ({value.ToJsonString()})")}: {Expected(ex)}.", ex);
        }
    }

    /// <summary>
    /// A flag's text as the JSON value it stands for: numbers, true/false and null as such, a comma list as a list
    /// when the setting is a list, anything else as a string.
    /// </summary>
    public static JsonNode? Parse(string text)
    {
        text = text.Trim();
        if (text is "null") return null;
        if (text is "true" or "false") return JsonValue.Create(text == "true");
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Expected(JsonException ex)
    {
        // The serializer's message names the .NET type it wanted; say it the way a settings file would.
        var m = ex.Message;
        if (m.Contains("Int32", StringComparison.Ordinal) || m.Contains("Int64", StringComparison.Ordinal)) return "give a whole number";
        if (m.Contains("Double", StringComparison.Ordinal)) return "give a number";
        if (m.Contains("Boolean", StringComparison.Ordinal)) return "give true or false";
        if (m.Contains("Architecture", StringComparison.Ordinal)) return "give an architecture such as 2-0-1";
        if (m.Contains("text value", StringComparison.Ordinal) || m.Contains("String", StringComparison.Ordinal)) return "give a text value";
        if (m.Contains("IReadOnlyList", StringComparison.Ordinal) || m.Contains("[]", StringComparison.Ordinal)) return "give a list";
        int cut = m.IndexOf(" Path:", StringComparison.Ordinal);
        var first = (cut > 0 ? m[..cut] : m).TrimEnd('.');
        return first.Contains("could not be converted", StringComparison.Ordinal) ? "give one of the documented values" : first;
    }

    private static JsonNode? Find(JsonNode node, string? path)
    {
        if (path is not { Length: > 2 } || !path.StartsWith("$.", StringComparison.Ordinal)) return null;
        JsonNode? current = node;
        foreach (var part in path[2..].Split('.'))
        {
            int bracket = part.IndexOf('[');
            var key = bracket >= 0 ? part[..bracket] : part;
            current = current is JsonObject o && o.TryGetPropertyValue(key, out var child) ? child : null;
            if (current is null) return null;
        }
        return current;
    }
}
