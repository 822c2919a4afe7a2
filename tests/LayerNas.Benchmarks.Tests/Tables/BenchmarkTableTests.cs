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
    public void Load_QuotedNewlinesCommasAndQuotes_ReadAsOneField()
    {
        var table = Load("arch,acc,note\r\n0-1,50,\"two\nlines, one \"\"quote\"\"\"\r\n\"1-0\",\" 55 \",plain\r\n");
        Assert.Equal(2, table.RowCount);
        Assert.Equal(50, table.Value("acc", Architecture.Parse("0-1")));
        Assert.Equal(55, table.Value("acc", Architecture.Parse("1-0")));
        // The note column is text: its reason names the first row's value, newline and quotes unescaped.
        Assert.Contains("'two\nlines, one \"quote\"'", Assert.Throws<UserInputException>(() => table.Column("note")).Message);
    }

    [Fact]
    public void Load_ByteOrderMarkAndBlankLines_Ignored()
    {
        var table = Load("\uFEFFarch,acc\n\n0-1,5\n   \n1-1,6\n\n");
        Assert.Equal(2, table.RowCount);
        Assert.Equal(6, table.Value("acc", Architecture.Parse("1-1")));
    }

    [Fact]
    public void Load_ByteOrderMarkInFile_Ignored()
    {
        var path = Path.Combine(Path.GetTempPath(), $"layernas-bom-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "arch,acc\n0-1,5\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(path)[..3]);
            Assert.Equal(5, BenchmarkTable.LoadFile(path).Value("acc", Architecture.Parse("0-1")));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("arch,acc,note\n0-1,5,\"a\nb\"\n0-x,6,c\n", "line 4")]
    [InlineData("arch,acc,note\n0-1,5,\"a\nb\"\n0-1-2,6,c\n", "line 4")]
    [InlineData("arch,acc,note\n0-1,5,\"a\nb\"\n1-1,6\n", "line 4 has 2 fields")]
    [InlineData("arch,acc\n0-1,5\n1-1,\"6\n1-0,7\n", "line 3: a quote is not closed")]
    [InlineData("arch,acc\n0-1,5\n1-1,6\"\n", "line 3: a quote is not closed")]
    public void Load_BadRowAfterQuotedNewline_NamesItsLine(string csv, string expected) =>
        Assert.Contains(expected, Assert.Throws<UserInputException>(() => Load(csv)).Message);

    [Fact]
    public void Column_NonNumeric_NamesLineAndValue()
    {
        var ex = Assert.Throws<UserInputException>(() => Load("arch,acc,note\n0,5,\n\n1,6,fine\n").Column("note"));
        Assert.Contains("line 4 holds 'fine'", ex.Message);
    }

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
