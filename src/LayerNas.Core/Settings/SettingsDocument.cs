using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace LayerNas.Settings;

/// <summary>
/// Reads the YAML or JSON files users write (space files, study recipes) into a JSON tree, with every syntax error
/// located (<c>study.yaml: line 3, column 5: not valid YAML (...): fix the syntax.</c>) and with bounds that keep a
/// hostile file from exhausting the process: size, nesting depth and node count (YAML aliases are expanded, so an
/// alias bomb hits the node bound). Thread-safe.
/// </summary>
public static class SettingsDocument
{
    /// <summary>Largest file read, in bytes.</summary>
    public const int MaxBytes = 16 << 20;

    /// <summary>Deepest nesting of mappings and lists.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most values in the tree after aliases are expanded.</summary>
    public const int MaxNodes = 1_000_000;

    /// <summary>Reads a file's text (at most <see cref="MaxBytes"/>); <paramref name="what"/> names it in errors (e.g. "space file").</summary>
    public static string ReadFile(string path, string what)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new UserInputException($"The {what} '{path}' does not exist: check the path.");
            if (info.Length > MaxBytes)
                throw new UserInputException($"The {what} '{path}' is {info.Length:N0} bytes; at most {MaxBytes:N0} are read: give the file it should be.");
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"Cannot read the {what} '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Parses <paramref name="text"/> as JSON when <paramref name="source"/> ends in .json (or, without a .yaml/.yml
    /// extension, when the text starts with '{'), else as YAML; <paramref name="source"/> names the input in errors.
    /// Duplicate keys are errors. YAML scalars become numbers, booleans or null when plain (unquoted) and they read as such.
    /// </summary>
    public static JsonNode? Parse(string text, string source)
    {
        if (text.Length > MaxBytes)
            throw new UserInputException($"{source}: {text.Length:N0} characters; at most {MaxBytes:N0} are read.");
        string ext = Path.GetExtension(source).ToLowerInvariant();
        bool json = ext == ".json" || (ext is not ".yaml" and not ".yml" && text.TrimStart().StartsWith('{'));
        return json ? ParseJson(text, source) : ParseYaml(text, source);
    }

    private static JsonNode? ParseJson(string text, string source)
    {
        try
        {
            // Parsed as a document first so that duplicate keys fail here, with a line number, not later.
            var options = new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false, MaxDepth = MaxDepth,
            };
            using (JsonDocument.Parse(text, options)) { }
            return JsonNode.Parse(text, documentOptions: options with { AllowDuplicateProperties = true });
        }
        catch (JsonException ex)
        {
            throw new UserInputException(
                $"{source}: line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: not valid JSON ({FirstLine(ex.Message)}): fix the syntax.", ex);
        }
    }

    private static JsonNode? ParseYaml(string text, string source)
    {
        try
        {
            CheckDepth(text, source);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) return null;
            int nodes = 0;
            return ToJson(stream.Documents[0].RootNode, 0, ref nodes, source);
        }
        catch (YamlException ex)
        {
            throw new UserInputException(
                $"{source}: line {ex.Start.Line}, column {ex.Start.Column}: not valid YAML ({FirstLine(ex.Message)}): fix the syntax.", ex);
        }
    }

    // The event parser keeps its own stack, so a deeply nested file is refused here before the (recursive) tree is built.
    private static void CheckDepth(string text, string source)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > MaxDepth)
                        throw new UserInputException(
                            $"{source}: line {parser.Current.Start.Line}, column {parser.Current.Start.Column}: nested more than {MaxDepth} levels deep: flatten the file.");
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static string FirstLine(string message)
    {
        int cut = message.IndexOfAny(['\n', '\r']);
        var line = cut > 0 ? message[..cut] : message;
        int path = line.IndexOf(" Path:", StringComparison.Ordinal);
        return (path > 0 ? line[..path] : line).TrimEnd('.');
    }

    private static JsonNode? ToJson(YamlNode node, int depth, ref int nodes, string source)
    {
        if (++nodes > MaxNodes)
            throw new UserInputException($"{source}: more than {MaxNodes:N0} values once aliases are expanded: write the values out or use fewer aliases.");
        if (depth > MaxDepth)
            throw new UserInputException($"{source}: line {node.Start.Line}, column {node.Start.Column}: nested more than {MaxDepth} levels deep (through aliases): flatten the file.");
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? key.ToString();
                    if (obj.ContainsKey(name))
                        throw new UserInputException($"{source}: line {key.Start.Line}, column {key.Start.Column}: key '{name}' appears twice: keep one.");
                    obj[name] = ToJson(value, depth + 1, ref nodes, source);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children) array.Add(ToJson(item, depth + 1, ref nodes, source));
                return array;
            case YamlScalarNode scalar:
                string? v = scalar.Value;
                if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) return JsonValue.Create(v);
                if (v is null or "" or "~" or "null" or "Null" or "NULL") return null;
                if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
                if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
                if (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return JsonNode.Parse(l.ToString(CultureInfo.InvariantCulture));
                if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture));
                return JsonValue.Create(v);
            default:
                return null;
        }
    }
}
