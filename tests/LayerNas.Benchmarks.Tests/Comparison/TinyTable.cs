using System.Globalization;
using System.Text;
using LayerNas.Benchmarks.Tables;

namespace LayerNas.Benchmarks.Tests.Comparison;

/// <summary>A generated 3-layer x 3-option table (27 architectures) with reward, test, flops and seconds columns.</summary>
public static class TinyTable
{
    public static TabularBenchmark Create(int seed = 1, bool withSeconds = true)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("arch,reward,test,flops,secs\n");
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                for (int c = 0; c < 3; c++)
                {
                    double flops = 10 * a + 5 * b + c + 1;
                    double reward = 50 + flops + random.NextDouble() * 10;
                    double test = reward - random.NextDouble() * 3;
                    csv.Append(CultureInfo.InvariantCulture, $"{a}-{b}-{c},{reward:F3},{test:F3},{flops},{10 + flops}\n");
                }
        var table = BenchmarkTable.Load(new StringReader(csv.ToString()), "tiny.csv");
        return new TabularBenchmark("tiny", table, "reward", "test", [new CostColumn("flops", "flops", "MFLOPs")],
            withSeconds ? "secs" : null, rewardName: "reward");
    }
}
