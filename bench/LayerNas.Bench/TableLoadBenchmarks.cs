using System.Globalization;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using LayerNas.Benchmarks;
using LayerNas.Benchmarks.Tables;
using LayerNas.SearchSpaces;

namespace LayerNas.Bench;

/// <summary>
/// Reading a benchmark table from CSV text already in memory (so the figure is the parser's and the table's, not
/// the disk's): the shipped NAS-Bench-201 CIFAR-10 table (15,625 rows), and a 1,000,000-row table with a quoted
/// multi-line note every 1,000 rows.
/// </summary>
public class TableLoadBenchmarks
{
    private string _nb201 = "";
    private SearchSpace _nb201Space = null!;
    private string _million = "";

    [GlobalSetup]
    public void Setup()
    {
        _nb201Space = BenchmarkCatalog.Load("nb201-cifar10").Space;
        using (var stream = typeof(BenchmarkCatalog).Assembly.GetManifestResourceStream("data/nb201/nb201_cifar10.csv.gz")!)
        using (var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress)))
            _nb201 = reader.ReadToEnd();
        var text = new StringBuilder("arch,acc,cost,note\n");
        var random = new Random(3);
        var digits = new int[10];
        for (int i = 0; i < 1_000_000; i++)
        {
            for (int d = 0, x = i; d < digits.Length; d++, x /= 4) digits[d] = x % 4;
            text.Append(string.Join('-', digits)).Append(',')
                .Append((50 + random.NextDouble() * 40).ToString("F4", CultureInfo.InvariantCulture)).Append(',')
                .Append(digits.Select((v, d) => (d + 1) * v).Sum() + 1).Append(',')
                .Append(i % 1000 == 0 ? $"\"run {i}\nsee \"\"log\"\"\"" : "ok").Append('\n');
        }
        _million = text.ToString();
    }

    [Benchmark]
    public int Nb201Cifar10() => BenchmarkTable.Load(new StringReader(_nb201), "nb201", "ops", _nb201Space).RowCount;

    [Benchmark]
    public int MillionRows() => BenchmarkTable.Load(new StringReader(_million), "million").RowCount;
}
