using LayerNas.SearchSpaces;

namespace LayerNas.Strategies;

/// <summary>
/// The settings of one search strategy: an immutable record whose properties are the strategy's knobs. A recipe
/// stores them as JSON (snake_case property names, see <see cref="Settings.SettingsJson"/>), so every property must round-trip.
/// </summary>
public interface IStrategyOptions
{
    /// <summary>
    /// Throws a <see cref="UserInputException"/> for settings no search of <paramref name="space"/> can use; the
    /// exception names the setting by its JSON name (<see cref="UserInputException.Setting"/>, e.g. <c>buckets</c>).
    /// </summary>
    void Validate(SearchSpace space);
}
