using System.CommandLine;
using System.Globalization;
using LayerNas.Storage;
using LayerNas.Studies;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas bench-store`: trials per second through the study stores with a no-op evaluator.</summary>
public static class BenchStoreCommand
{
    public static Command Create(CliConsole console)
    {
        var trials = new Option<int>("--trials") { Description = "Trials per measurement.", DefaultValueFactory = _ => 500 };
        var postgres = new Option<string?>("--postgres") { Description = "A postgresql:// URL to measure too (1 and --workers workers); default $LAYERNAS_TEST_POSTGRES if set." };
        var workers = new Option<int>("--workers") { Description = "Workers of the many-worker PostgreSQL measurement.", DefaultValueFactory = _ => 4 };
        var parallel = new Option<int>("--parallel") { Description = "Slots per worker.", DefaultValueFactory = _ => 1 };
        var command = new Command("bench-store", "Measure study coordination: trials per second through the SQLite and PostgreSQL stores with a no-op evaluator.")
            { trials, postgres, workers, parallel };
        CliHelp.AddExamples(command,
            "layernas bench-store --trials 300",
            "layernas bench-store --postgres postgresql://nas@localhost:5432/nas");
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            int n = parse.GetValue(trials), p = parse.GetValue(parallel);
            if (n < 1) throw new UserInputException($"--trials {n}: measure at least one trial.");
            var folder = Directory.CreateTempSubdirectory("layernas-bench-").FullName;
            var results = new List<StoreBenchmarkResult>();
            try
            {
                var file = Path.Combine(folder, "bench.db");
                results.Add(await StoreBenchmark.RunAsync("memory", _ => Task.FromResult<IStudyStore>(new InMemoryStudyStore()), 1, n, p, ct));
                results.Add(await StoreBenchmark.RunAsync("sqlite", c => StudyStores.OpenAsync("sqlite:" + file, c), 1, n, p, ct));
                var url = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("LAYERNAS_TEST_POSTGRES");
                if (url is not null)
                {
                    results.Add(await StoreBenchmark.RunAsync("postgresql", c => StudyStores.OpenAsync(url, c), 1, n, p, ct));
                    results.Add(await StoreBenchmark.RunAsync("postgresql", c => StudyStores.OpenAsync(url, c), parse.GetValue(workers), n, p, ct));
                }
                else console.Error.WriteLine("bench-store: no PostgreSQL given (--postgres URL), measuring SQLite only.");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
            console.Out.WriteLine($"{"store",-11} {"workers",7} {"slots",5} {"trials",6} {"seconds",8} {"trials/s",9} {"ms/trial",8}");
            foreach (var r in results)
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Store,-11} {r.Workers,7} {r.Parallel,5} {r.Trials,6} {r.Elapsed.TotalSeconds,8:F2} {r.TrialsPerSecond,9:F0} {r.MillisecondsPerTrial,8:F2}"));
            return CliApp.Ok;
        });
        return command;
    }
}
