namespace LayerNas.Benchmarks.Tables;

/// <summary>A table column used as a cost: its name on the command line, the column, the unit and the factor from the column's values to that unit.</summary>
public sealed record CostColumn(string Name, string Column, string Unit, double Scale = 1)
{
    public double[] Values(BenchmarkTable table)
    {
        var raw = table.Column(Column);
        return Scale == 1 ? raw : raw.Select(v => v * Scale).ToArray();
    }
}
