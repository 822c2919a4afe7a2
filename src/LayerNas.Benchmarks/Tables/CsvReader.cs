using System.Text;

namespace LayerNas.Benchmarks.Tables;

/// <summary>Reads RFC 4180 comma-separated lines (quoted fields may hold commas and doubled quotes).</summary>
internal static class CsvReader
{
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        int lineNumber = 0;
        string? line;
        var fields = new List<string>();
        var field = new StringBuilder();
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            fields.Clear();
            field.Clear();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
            }
            fields.Add(field.ToString().TrimEnd('\r'));
            yield return (lineNumber, fields.ToArray());
        }
    }
}
