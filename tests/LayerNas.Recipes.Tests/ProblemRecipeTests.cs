using LayerNas.Benchmarks.Tables;

namespace LayerNas.Recipes.Tests;

/// <summary>ProblemRecipe.LoadTable: the tabular benchmark `layernas search` and `layernas bench` score on.</summary>
public class ProblemRecipeTests
{
    [Fact]
    public void LoadTable_BuiltInByDefault_WithTheRewardAndNoiseAsked()
    {
        var plain = new ProblemRecipe().LoadTable(cost: null);
        Assert.Equal(ProblemRecipe.DefaultBenchmark, plain.Name);
        Assert.False(plain.DrawsTrainings);
        var drawn = new ProblemRecipe { Benchmark = "nb201-cifar100", Reward = "valid200", RewardNoise = RewardNoise.Seed }.LoadTable(cost: null);
        Assert.Equal("nb201-cifar100", drawn.Name);
        Assert.True(drawn.DrawsTrainings);
    }

    [Fact]
    public void LoadTable_UserTable_ReadsItsColumnsAndDrawsOnlyRecordedTrainings()
    {
        var path = Path.Combine(Path.GetTempPath(), $"layernas-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["arch,a,b,test,madds", "0-0,1,3,9,1", "0-1,2,,8,2", "1-0,5,7,7,3", "1-1,4,4,6,4"]);
        try
        {
            var table = new ProblemRecipe { Table = path, Reward = "a,b", RewardNoise = RewardNoise.Seed, Reported = "test" }.LoadTable("madds");
            Assert.True(table.DrawsTrainings);
            var indexer = table.Table.Indexer;
            long only = indexer.IndexOf(new SearchSpaces.Architecture([0, 1]));
            // 0-1 has one recorded training (b is empty): every draw is a.
            for (int seed = 0; seed < 20; seed++) Assert.Equal(2, table.QueryReward(only, seed));
            long both = indexer.IndexOf(new SearchSpaces.Architecture([1, 0]));
            var draws = Enumerable.Range(0, 40).Select(seed => table.QueryReward(both, seed)).ToHashSet();
            Assert.Subset(new HashSet<double> { 5, 7 }, draws);
            Assert.Equal(6, table.Rewards[both]); // the noise-free reward: the mean of the trainings
            Assert.Equal(7, table.Reported[both]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void LoadTable_NetworkSpaceOrMissingColumns_NameTheSetting()
    {
        var space = Assert.Throws<UserInputException>(() => new ProblemRecipe { Space = "mobilenetv2" }.LoadTable("madds"));
        Assert.Equal("problem.space", space.Setting);
        var path = Path.Combine(Path.GetTempPath(), $"layernas-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["arch,acc,madds", "0-0,1,1", "0-1,2,2"]);
        try
        {
            Assert.Equal("problem.reward", Assert.Throws<UserInputException>(() => new ProblemRecipe { Table = path }.LoadTable("madds")).Setting);
            Assert.Equal("cost", Assert.Throws<UserInputException>(() => new ProblemRecipe { Table = path, Reward = "acc" }.LoadTable(null)).Setting);
            var missing = Assert.Throws<UserInputException>(() => new ProblemRecipe { Table = path, Reward = "acc" }.LoadTable("flops"));
            Assert.Equal("cost", missing.Setting);
            Assert.Contains("no column 'flops': pick one of acc, madds", missing.Message);
        }
        finally { File.Delete(path); }
    }
}
