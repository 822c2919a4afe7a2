namespace LayerNas.Networks.Tests;

public class ChannelsTests
{
    // Expected values printed by torchvision.models._utils._make_divisible (torchvision 0.14.1, Debian 12).
    [Theory]
    [InlineData(18, 8, 24)]
    [InlineData(12, 8, 16)]
    [InlineData(5.6, 8, 8)]
    [InlineData(11.2, 8, 16)]
    [InlineData(44.8, 8, 48)]
    [InlineData(1792, 8, 1792)]
    [InlineData(180, 8, 184)]
    [InlineData(3.5, 1, 4)]
    [InlineData(0.4, 1, 1)]
    [InlineData(100, 16, 96)]
    [InlineData(26, 8, 24)]
    public void MakeDivisible_Value_MatchesTorchvision(double value, int divisor, int expected)
    {
        Assert.Equal(expected, Channels.MakeDivisible(value, divisor));
    }
}
