using LayerNas.Benchmarks.Tables;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks.Tests.Tables;

public class BenchmarkTableTests
{
    private static BenchmarkTable Load(string csv) => BenchmarkTable.Load(new StringReader(csv), "t.csv");

    [Fact]
    public void Load_InfersSpaceFromArchColumn()
    {
        var table = Load("arch,acc,cost\n0-1,50,3\n1-2,60,4\n\"1-0\",55,\n");
        Assert.Equal(2, table.Space.LayerCount);
        Assert.Equal(2, table.Space.Layers[0].Count);
        Assert.Equal(3, table.Space.Layers[1].Count);
        Assert.Equal(3, table.RowCount);
        Assert.Equal(60, table.Value("acc", Architecture.Parse("1-2")));
        Assert.True(double.IsNaN(table.Value("cost", Architecture.Parse("1-0"))));
        Assert.False(table.Contains(Architecture.Parse("0-0")));
    }

    [Theory]
    [InlineData("acc,cost\n1,2\n", "no 'arch' column")]
    [InlineData("arch,acc\n0-1,5\n0-1-2,6\n", "line 3")]
    [InlineData("arch,acc\n0-1,5\n0-x,6\n", "is not an architecture")]
    [InlineData("arch,acc\n0-1,5,7\n", "has 3 fields")]
    [InlineData("arch,acc\n0-1,5\n0-1,6\n", "more than one row")]
    [InlineData("arch,acc\n", "no rows")]
    [InlineData("", "is empty")]
    public void Load_BadTable_ClearError(string csv, string expected) =>
        Assert.Contains(expected, Assert.Throws<UserInputException>(() => Load(csv)).Message);

    [Fact]
    public void Column_NonNumeric_NamesRowAndValue()
    {
        var table = Load("arch,acc,note\n0,5,ok\n1,6,fine\n");
        var ex = Assert.Throws<UserInputException>(() => table.Column("note"));
        Assert.Contains("'ok'", ex.Message);
        Assert.Contains("not numeric", ex.Message);
        Assert.Contains("acc", Assert.Throws<UserInputException>(() => table.Column("missing")).Message);
    }
}
