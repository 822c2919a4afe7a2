using LayerNas.Recipes;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;

namespace LayerNas.Recipes.Tests;

/// <summary>The C# example of docs/concepts.md ("The study recipe from C#") runs, and the page shows exactly this code.</summary>
public class LibraryExampleTests
{
    [Fact]
    public async Task Example_RunsAndFindsTheOracle_AndItsYamlReadsBackToTheSameRecipe()
    {
        var folder = Directory.CreateTempSubdirectory("layernas-example-").FullName;
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        try
        {
            // docs:begin
            var recipe = new StudyRecipe
            {
                Problem = new ProblemRecipe { Benchmark = "nb201-cifar100" },
                Cost = "flops",
                MaxCost = "0.5x",
                Strategy = new StrategyRecipe("layernas", LayerNasOptions.Default with { Buckets = 8 }),
                Seed = 1,
            };
            var search = recipe.Build("my-study");
            await using var store = new InMemoryStudyStore();   // or SqliteStudyStore / PostgresStudyStore
            var trials = await new StudyRunner(search.Strategy, search.CreateEvaluator(), store, search.Definition)
                .RunAsync(CancellationToken.None);
            var summary = SearchSummary.From(trials, search.Strategy, search.Cost);
            Console.WriteLine($"{summary.Best!.Architecture}: reward {summary.Best.Reward}, {search.Cost.Name} {summary.Best.Cost}");
            File.WriteAllText("study.yaml", recipe.ToYaml());   // the same study: layernas search --config study.yaml
            // docs:end

            Assert.Equal(search.Table!.Oracle(search.Constraint).BestReward, summary.Best.Reward);
            Assert.Equal(recipe, StudyRecipe.Load("study.yaml"));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ConceptsPage_ShowsTheTestedExample()
    {
        static string[] Lines(IEnumerable<string> lines) => lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LayerNas.slnx"))) root = Path.GetDirectoryName(root)!;
        var test = File.ReadAllLines(Path.Combine(root, "tests/LayerNas.Recipes.Tests/LibraryExampleTests.cs"));
        var code = Lines(test.SkipWhile(l => !l.Contains("// docs:begin")).Skip(1).TakeWhile(l => !l.Contains("// docs:end")));
        var page = File.ReadAllText(Path.Combine(root, "docs/concepts.md"));
        int at = page.IndexOf("## The study recipe from C#", StringComparison.Ordinal);
        Assert.True(at >= 0, "docs/concepts.md has no section 'The study recipe from C#'");
        var block = page[at..].Split("```csharp", 2)[1].Split("```", 2)[0];
        var shown = Lines(block.Split('\n')).Where(l => !l.StartsWith("using ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(code, shown);
    }
}
