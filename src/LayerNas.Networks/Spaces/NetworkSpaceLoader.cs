using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// Loads a network search space from a YAML or JSON file (docs/space-format.md). Every problem — syntax, unknown
/// keys, wrong types, invalid values, impossible shapes — is collected with its location (e.g.
/// <c>space.yaml: blocks[3].stride: must be >= 1 (is 0)</c>) and thrown as one <see cref="UserInputException"/>.
/// Thread-safe.
/// </summary>
public static class NetworkSpaceLoader
{
    /// <summary>Loads and compiles a space file; YAML for .yaml/.yml, JSON for .json, else whichever parses.</summary>
    public static NetworkSearchSpace LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"Cannot read space file '{path}': {ex.Message}", ex);
        }
        return Load(text, path);
    }

    /// <summary>Loads and compiles a space from text; <paramref name="source"/> (a file name) picks the format and names the input in errors.</summary>
    public static NetworkSearchSpace Load(string text, string source) =>
        NetworkSearchSpace.Create(ReadDefinition(text, source), source);

    /// <summary>Parses and checks a definition without compiling it.</summary>
    public static NetworkSpaceDefinition ReadDefinition(string text, string source)
    {
        var root = Parse(text, source);
        var reader = new SpaceReader();
        var definition = reader.Read(root);
        var problems = reader.Problems.ToList();
        if (definition is not null)
        {
            // Values the reader already rejected were replaced by defaults; report only new problems.
            foreach (var p in NetworkSpaceValidator.Problems(definition))
                if (!reader.Reported.Any(r => p.StartsWith(r + ":", StringComparison.Ordinal) || p.StartsWith(r + ".", StringComparison.Ordinal)
                    || p.StartsWith(r + "[", StringComparison.Ordinal)))
                    problems.Add(p);
        }
        if (problems.Count > 0) throw ProblemReport.ToException(source, problems);
        return definition!;
    }

    private static JsonNode? Parse(string text, string source)
    {
        string ext = Path.GetExtension(source).ToLowerInvariant();
        bool json = ext == ".json" || (ext is not ".yaml" and not ".yml" && text.TrimStart().StartsWith('{'));
        if (json)
        {
            try
            {
                // Parsed as a document first so that duplicate keys fail here, with a line number, not later.
                var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };
                using (JsonDocument.Parse(text, options)) { }
                return JsonNode.Parse(text, documentOptions: options with { AllowDuplicateProperties = true });
            }
            catch (JsonException ex)
            {
                throw new UserInputException(
                    $"{source}: line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: not valid JSON ({FirstLine(ex.Message)}): fix the syntax.", ex);
            }
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
        }
        catch (YamlException ex)
        {
            throw new UserInputException(
                $"{source}: line {ex.Start.Line}, column {ex.Start.Column}: not valid YAML ({FirstLine(ex.Message)}): fix the syntax.", ex);
        }
    }

    private static string FirstLine(string message)
    {
        int cut = message.IndexOfAny(['\n', '\r']);
        var line = cut > 0 ? message[..cut] : message;
        int path = line.IndexOf(" Path:", StringComparison.Ordinal);
        return (path > 0 ? line[..path] : line).TrimEnd('.');
    }

    // JSON numbers are parsed from text so they convert like numbers read from a JSON file.
    // YAML scalars become JSON numbers, booleans or null when plain (unquoted) and they read as such.
    private static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                    obj[(key as YamlScalarNode)?.Value ?? key.ToString()] = ToJson(value);
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children) array.Add(ToJson(item));
                return array;
            case YamlScalarNode scalar:
                string? v = scalar.Value;
                if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) return JsonValue.Create(v);
                if (v is null or "" or "~" or "null" or "Null" or "NULL") return null;
                if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
                if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
                if (long.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l)) return JsonNode.Parse(l.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return JsonNode.Parse(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                return JsonValue.Create(v);
            default:
                return null;
        }
    }
}
