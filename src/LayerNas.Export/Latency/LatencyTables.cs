using LayerNas.Networks.Spaces;

namespace LayerNas.Export.Latency;

/// <summary>Loads a saved lookup table or measures and saves a new one (measured once per machine and space).</summary>
public static class LatencyTables
{
    public static string DefaultPath(NetworkSearchSpace space) => $"layernas-latency-{space.Name}.json";

    /// <summary>The predictor of <paramref name="space"/> from the table at <paramref name="path"/> (default <see cref="DefaultPath"/>), measuring it first when the file does not exist.</summary>
    public static LatencyLutCostModel LoadOrMeasure(NetworkSearchSpace space, LatencyMeter meter, string? path, TextWriter? progress, CancellationToken cancellationToken)
    {
        path ??= DefaultPath(space);
        var table = LatencyTable.Load(path, space);
        if (table is null)
        {
            progress?.WriteLine($"measuring the latency table of {space.Name} (once; saved to {path}) ...");
            int last = -1;
            table = LatencyTable.Measure(space, meter, (done, total) =>
            {
                int pct = done * 10 / total;
                if (pct != last) { progress?.WriteLine($"  {done}/{total} parts"); last = pct; }
            }, cancellationToken);
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
            string temp = path + ".partial";
            table.Save(temp);
            File.Move(temp, path, overwrite: true);
        }
        else progress?.WriteLine($"latency table of {space.Name} loaded from {path} (measured on {table.Machine})");
        return new LatencyLutCostModel(space, table);
    }
}
