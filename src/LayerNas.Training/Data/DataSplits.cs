namespace LayerNas.Training.Data;

/// <summary>
/// The three sets a training run uses: <see cref="Train"/> and <see cref="Validation"/> both come from the data
/// set's training images (a seeded split), <see cref="Test"/> is the data set's test set, used only for final
/// reporting, never for search. Normalization statistics come from <see cref="Train"/>. Immutable.
/// </summary>
public sealed record DataSplits(string Name, ImageSet Train, ImageSet Validation, ImageSet Test, float[] Mean, float[] Std)
{
    /// <summary>
    /// Splits <paramref name="data"/>'s training images into train and validation (<paramref name="validationCount"/>
    /// images, chosen by a permutation seeded with <paramref name="seed"/>).
    /// </summary>
    public static DataSplits Create(LabeledData data, int validationCount, int seed)
    {
        int n = data.Train.Count;
        if (validationCount <= 0 || validationCount >= n)
            throw new UserInputException($"Data set '{data.Name}': the validation split must hold 1..{n - 1} of its {n} training images, not {validationCount}.");
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        var val = data.Train.Select(order[..validationCount]);
        var train = data.Train.Select(order[validationCount..]);
        var (mean, std) = train.ChannelStatistics();
        return new DataSplits(data.Name, train, val, data.Test, mean, std);
    }
}
