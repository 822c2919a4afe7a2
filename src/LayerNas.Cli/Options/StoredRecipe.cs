using System.CommandLine;
using System.Text.Json;
using LayerNas.Recipes;
using LayerNas.Studies;

namespace LayerNas.Cli.Options;

/// <summary>
/// The recipe a stored study was created with, and its search rebuilt from it: what `worker` and `report` need,
/// with nothing but the study's name and store. Reads both forms: the recipe JSON this version stores, and the
/// list of `search` flags that LayerNas 0.1 stored (mapped onto a recipe the way `search` maps them today).
/// </summary>
public static class StoredRecipe
{
    /// <summary>The stored study's recipe, with the study's current trial budget and window.</summary>
    public static StudyRecipe Read(StudyDefinition stored)
    {
        var text = stored.Recipe.TrimStart();
        StudyRecipe recipe;
        if (text.StartsWith('{')) recipe = StudyRecipe.Parse(stored.Recipe, $"the recipe of study '{stored.Name}'.json");
        else if (text.StartsWith('[')) recipe = FromFlags(stored);
        else
            throw new UserInputException(
                $"Study '{stored.Name}' was not created by `layernas search` or from a recipe, so its search cannot be rebuilt here: run it from the program that created it.");
        return recipe with { Budget = stored.TrialBudget, Window = stored.Window };
    }

    /// <summary>
    /// Builds the stored study's search in this process (<paramref name="adjust"/> may change what is not part of the
    /// study's identity, such as a worker's own training command) and checks that it is the same search.
    /// </summary>
    public static BuiltSearch Rebuild(StudyDefinition stored, Func<StudyRecipe, StudyRecipe>? adjust, TextWriter? log, CancellationToken cancellationToken)
    {
        var recipe = Read(stored);
        if (adjust is not null) recipe = adjust(recipe);
        var built = recipe.Build(stored.Name, log, cancellationToken);
        try
        {
            StudyCompatibility.Check(stored, built.Definition);
        }
        catch (UserInputException ex)
        {
            throw new UserInputException(
                $"Study '{stored.Name}' rebuilds as a different search here ({ex.Message}): run with the LayerNas version and data the study was created with.", ex);
        }
        return built.WithDefinition(stored);
    }

    private static StudyRecipe FromFlags(StudyDefinition stored)
    {
        string[]? args = null;
        try
        {
            args = JsonSerializer.Deserialize<string[]>(stored.Recipe);
        }
        catch (JsonException)
        {
        }
        if (args is null)
            throw new UserInputException($"Study '{stored.Name}' stores a recipe this LayerNas cannot read: use the LayerNas version that created it.");
        var options = new RecipeOptions();
        var search = new Command("search");
        options.AddTo(search);
        var parse = search.Parse(args);
        if (parse.Errors.Count > 0)
            throw new UserInputException($"Study '{stored.Name}' stores search options this LayerNas does not accept ({parse.Errors[0].Message}): use the LayerNas version that created it.");
        return options.Recipe(parse, new StudyRecipe());
    }
}
