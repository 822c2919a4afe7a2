using LayerNas.SearchSpaces;

namespace LayerNas.Core.Tests.SearchSpaces;

public class ArchitectureTests
{
    [Theory]
    [InlineData("2-0-1-1-3", new[] { 2, 0, 1, 1, 3 })]
    [InlineData("20113", new[] { 2, 0, 1, 1, 3 })]
    [InlineData("12-3", new[] { 12, 3 })]
    public void Parse_ValidText_ReadsOptions(string text, int[] expected) =>
        Assert.Equal(expected, Architecture.Parse(text).Options.ToArray());

    [Theory]
    [InlineData("")]
    [InlineData("1--2")]
    [InlineData("a-b")]
    [InlineData("1-2-")]
    public void Parse_BadText_ClearError(string text) =>
        Assert.Contains("is not an architecture", Assert.Throws<UserInputException>(() => Architecture.Parse(text)).Message);

    [Fact]
    public void Equality_SameOptions_EqualAndSameHash()
    {
        var a = new Architecture([1, 2, 3]);
        var b = Architecture.Parse("1-2-3");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a.With(0, 0));
        Assert.Equal("1-2-3", a.ToString());
    }

    [Fact]
    public void SearchSpace_Validate_OptionOutOfRange_NamesLayer()
    {
        var space = new SearchSpace("s", [new Layer("first", ["a", "b"]), new Layer("second", ["a"])]);
        var ex = Assert.Throws<UserInputException>(() => space.Parse("1-3"));
        Assert.Contains("'second'", ex.Message);
        Assert.Contains("has 3 layers but space 's' has 2", Assert.Throws<UserInputException>(() => space.Parse("1-0-0")).Message);
    }

    [Fact]
    public void ArchitectureIndexer_RoundTrips_InEnumerationOrder()
    {
        var space = new SearchSpace("s", [new Layer("a", ["0", "1", "2"]), new Layer("b", ["0", "1"]), new Layer("c", ["0", "1", "2", "3"])]);
        var indexer = new ArchitectureIndexer(space);
        long i = 0;
        foreach (var arch in space.Enumerate())
        {
            Assert.Equal(i, indexer.IndexOf(arch));
            Assert.Equal(arch, indexer.At(i++));
        }
        Assert.Equal(24, i);
        Assert.Equal(24, indexer.Count);
    }
}
