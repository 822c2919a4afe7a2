using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LayerNas.Recipes;

/// <summary>Writes a JSON tree as block-style YAML that <see cref="Settings.SettingsDocument"/> reads back to the same tree.</summary>
internal static class RecipeYaml
{
    public static string Write(JsonNode node)
    {
        var sb = new StringBuilder();
        if (node is JsonObject o) Mapping(sb, o, 0);
        else sb.Append(Scalar(node)).Append('\n');
        return sb.ToString();
    }

    private static void Mapping(StringBuilder sb, JsonObject o, int indent)
    {
        foreach (var (key, value) in o)
        {
            sb.Append(' ', indent).Append(Key(key)).Append(':');
            Value(sb, value, indent);
        }
    }

    private static void Value(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject child when child.Count > 0:
                sb.Append('\n');
                Mapping(sb, child, indent + 2);
                break;
            case JsonObject:
                sb.Append(" {}\n");
                break;
            case JsonArray array when array.All(a => a is null or JsonValue):
                sb.Append(" [").Append(string.Join(", ", array.Select(Scalar))).Append("]\n");
                break;
            case JsonArray array:
                sb.Append('\n');
                foreach (var item in array)
                {
                    sb.Append(' ', indent + 2).Append('-');
                    if (item is JsonObject io)
                    {
                        sb.Append('\n');
                        Mapping(sb, io, indent + 4);
                    }
                    else sb.Append(' ').Append(Scalar(item)).Append('\n');
                }
                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Key(string key) => NeedsQuotes(key) ? Quote(key) : key;

    private static string Scalar(JsonNode? node)
    {
        if (node is null) return "null";
        var v = (JsonValue)node;
        switch (v.GetValueKind())
        {
            case JsonValueKind.String:
                var s = v.GetValue<string>();
                return NeedsQuotes(s) ? Quote(s) : s;
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                return v.ToJsonString();
        }
    }

    // Quote text that YAML would read as something else (a number, a boolean, null) or that holds syntax characters.
    private static bool NeedsQuotes(string s) =>
        s.Length == 0 || s != s.Trim() || s.IndexOfAny([':', '#', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '\n', '\t']) >= 0
        || s is "null" or "Null" or "NULL" or "~" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
        || s.StartsWith('-') || s.StartsWith('?')
        || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Quote(string s) => JsonSerializer.Serialize(s);
}
